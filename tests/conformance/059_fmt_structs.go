package main

import "fmt"

type Point struct{ X, Y int }

type Line struct {
	From, To Point
	Label    string
}

type Tree struct {
	Val         int
	Left, Right *Tree
}

type hidden struct {
	a int
	b string
}

func main() {
	p := Point{1, 2}
	fmt.Println(p, &p)
	fmt.Printf("%v %+v %v %+v\n", p, p, &p, &p)
	l := Line{Point{0, 0}, Point{3, 4}, "diag"}
	fmt.Println(l)
	fmt.Printf("%+v\n", l)
	t := &Tree{Val: 1, Left: &Tree{Val: 2}}
	fmt.Printf("%v\n", t.Left.Left == nil)
	fmt.Println(*t.Left)
	fmt.Printf("%+v\n", *t.Left)
	fmt.Println([]Point{{1, 2}, {3, 4}})
	fmt.Println([]*Point{} == nil, map[string]Point{"a": {5, 6}})
	fmt.Printf("%+v\n", map[string]Point{"a": {5, 6}})
	fmt.Println(hidden{1, "x"})
	fmt.Printf("%+v\n", hidden{2, "y"})
	fmt.Println(struct {
		P *Point
		S []int
		M map[int]bool
	}{})
	fmt.Printf("%v\n", [2]Point{})
	pp := &p
	ppp := &pp
	fmt.Println((*ppp).X)
	fmt.Println([]any{p, &p}[0])
}
