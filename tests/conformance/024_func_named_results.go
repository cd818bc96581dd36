package main

import "fmt"

func split(sum int) (x, y int) {
	x = sum * 4 / 9
	y = sum - x
	return
}

func counts(s string) (letters, digits, other int) {
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letters++
		default:
			other++
		}
	}
	return
}

func override() (n int) {
	n = 5
	return 10
}

func zero() (s string, ok bool, p *int) { return }

func main() {
	fmt.Println(split(17))
	fmt.Println(counts("Go 1.19 rocks!"))
	fmt.Println(override())
	s, ok, p := zero()
	fmt.Printf("%q %v %v\n", s, ok, p)
}
