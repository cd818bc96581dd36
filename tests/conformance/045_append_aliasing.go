package main

import "fmt"

func main() {
	base := make([]int, 3, 10)
	a := append(base, 1)
	b := append(base, 2)
	fmt.Println(a, b, a[3] == b[3])
	full := make([]int, 3, 3)
	c := append(full, 1)
	d := append(full, 2)
	c[0] = 7
	fmt.Println(full, c, d)
	s := []int{1, 2, 3, 4, 5}
	head := s[:2]
	head = append(head, 99)
	fmt.Println(s, head)
	x := make([]int, 0, 5)
	for i := 0; i < 5; i++ {
		x = append(x, i)
	}
	fmt.Println(x, len(x), cap(x))
	y := x[1:3]
	y = append(y, 42)
	fmt.Println(x, y)
	var grow []int
	for i := 0; i < 20; i++ {
		grow = append(grow, i)
	}
	fmt.Println(grow, len(grow))
	z := append([]int(nil), s...)
	z[0] = -1
	fmt.Println(s[0], z[0])
	r := s[:0]
	for _, v := range s {
		if v%2 == 1 {
			r = append(r, v)
		}
	}
	fmt.Println(r, s)
}
