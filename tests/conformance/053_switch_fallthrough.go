package main

import "fmt"

func grade(n int) string {
	switch {
	case n >= 90:
		return "A"
	case n >= 80:
		return "B"
	default:
		return "C"
	}
}

func main() {
	for i := 0; i < 4; i++ {
		switch i {
		case 0:
			fmt.Print("zero ")
			fallthrough
		case 1:
			fmt.Print("one-or-fell ")
		case 2, 3:
			fmt.Print("two-or-three ")
			if i == 3 {
				break
			}
			fmt.Print("(two) ")
		}
		fmt.Println()
	}
	fmt.Println(grade(95), grade(85), grade(10))
	switch x := 5; {
	case x > 3:
		fmt.Println("big")
		fallthrough
	case x > 100:
		fmt.Println("fell into >100")
		fallthrough
	default:
		fmt.Println("default reached")
	}
	switch s := "go"; s {
	case "rust", "c":
		fmt.Println("systems")
	case "go":
		fmt.Println("gopher")
	}
	switch {
	}
	n := 0
	switch n++; n {
	case 1:
		fmt.Println("n is", n)
	}
	switch f := 2.5; f {
	case 2.5:
		fmt.Println("float case")
	}
}
