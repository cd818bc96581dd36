package main

import "fmt"

type Point struct{ X, Y int }

type Box struct {
	Min, Max Point
	Tags     [2]string
}

var global Box

func main() {
	// A pointer into a variable sees a later assignment of the whole value.
	p := Point{1, 2}
	px := &p.X
	p = Point{10, 20}
	fmt.Println(*px, p)

	// Nested: a pointer into an inner struct field.
	b := Box{Min: Point{1, 1}}
	pm := &b.Min
	b = Box{Min: Point{5, 6}, Max: Point{7, 8}, Tags: [2]string{"a", "b"}}
	fmt.Println(*pm, b)

	// Array elements and slices of structs.
	arr := [2]Point{{1, 1}, {2, 2}}
	pa := &arr[1].Y
	arr[1] = Point{3, 4}
	fmt.Println(*pa, arr)
	s := []Point{{0, 0}}
	ps := &s[0].X
	s[0] = Point{9, 9}
	fmt.Println(*ps, s)

	// Through a pointer, and a global.
	q := &Point{1, 1}
	qy := &q.Y
	*q = Point{4, 5}
	fmt.Println(*qy, *q)
	gx := &global.Max.X
	global = Box{Max: Point{42, 0}}
	fmt.Println(*gx)

	// Copies stay independent.
	c := p
	c.X = 99
	fmt.Println(p.X, c.X)
	p, c = c, p
	fmt.Println(p.X, c.X, *px)
}
