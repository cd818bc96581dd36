package main

import "fmt"

func zero(a [3]int) [3]int {
	a[0] = 0
	return a
}

func zeroPtr(a *[3]int) { a[0] = 0 }

func main() {
	a := [3]int{1, 2, 3}
	b := a
	b[0] = 100
	fmt.Println(a, b)
	c := zero(a)
	fmt.Println(a, c)
	zeroPtr(&a)
	fmt.Println(a)
	fmt.Println(a == [3]int{0, 2, 3}, a != b)
	d := [...]string{"x", "y"}
	fmt.Println(len(d), d)
	e := [5]int{2: 7, 4: 9}
	fmt.Println(e)
	var grid [2][3]int
	grid[1][2] = 5
	g2 := grid
	g2[0][0] = 1
	fmt.Println(grid, g2)
	for i, v := range e {
		e[i] = v * 2
	}
	fmt.Println(e)
	arr := [3]int{1, 2, 3}
	for i, v := range arr {
		arr[2] = 100
		if i == 2 {
			fmt.Println("ranged copy:", v)
		}
	}
	s := a[:]
	s[1] = 42
	fmt.Println(a)
	fmt.Printf("%T %T\n", a, grid)
}
