package main

import "fmt"

type T struct {
	N int
	S string
	P *int
}

var global = 42

var (
	gi   int
	gs   string
	gb   bool
	gf   float64
	gsl  []int
	gm   map[string]int
	gp   *T
	gt   T
	garr [3]string
	gerr error
	gany any
)

func main() {
	fmt.Println(global, gi, gb, gf)
	fmt.Printf("%q\n", gs)
	fmt.Println(gsl, gm, gp, gt, gerr, gany)
	fmt.Printf("%q %d\n", garr, len(garr))
	fmt.Println(gsl == nil, gm == nil, gp == nil, gerr == nil, gany == nil)
	var a, b, c = 1, "two", 3.5
	fmt.Println(a, b, c)
	var d, e int
	fmt.Println(d, e)
	global++
	fmt.Println(global)
}
