package main

import "fmt"

func pair() (int,
	int) {
	return 1,
		2
}

type point struct{ X, Y int }

func main() {
	x := 1
	x++
	y := []int{
		10,
		20,
		30,
	}
	s := fmt.Sprint(
		"a",
		"b",
	)
	a, b := pair()
	total := x +
		y[0] +
		a*b
	fmt.Println(x, y, s, total)
	if x > 1 { fmt.Println("gt") }
	for i := 0; i < 3; i++ { fmt.Print(i); fmt.Print(";") }
	fmt.Println()
	var z = point{3, 4}; fmt.Println(z)
	f := func() string { return "closure" }
	fmt.Println(f())
	m := map[string]int{"k": 1,
		"j": 2}
	fmt.Println(m,
		len(m))
	p := &point{
		X: 5,
		Y: 6}
	fmt.Println(p.X, p.
		Y)
}
