package main

import (
	"fmt"
	"strings"
)

type op func(int, int) int

func apply(f op, a, b int) int { return f(a, b) }

func compose(f, g func(string) string) func(string) string {
	return func(s string) string { return g(f(s)) }
}

func mapInts(xs []int, f func(int) int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	ops := map[string]op{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	fmt.Println(apply(ops["add"], 3, 4), apply(ops["mul"], 3, 4))
	var f func(int) int
	fmt.Println(f == nil)
	f = func(x int) int { return -x }
	fmt.Println(f != nil, f(5))
	shout := compose(strings.ToUpper, func(s string) string { return s + "!" })
	fmt.Println(shout("hey"))
	fmt.Println(mapInts([]int{1, 2, 3}, func(x int) int { return x * x }))
	fmt.Printf("%T\n", apply)
	fmt.Printf("%T\n", shout)
	fmt.Printf("%T\n", ops["add"])
	table := []struct {
		name string
		fn   func(float64) float64
	}{
		{"half", func(x float64) float64 { return x / 2 }},
		{"sq", func(x float64) float64 { return x * x }},
	}
	for _, t := range table {
		fmt.Println(t.name, t.fn(3))
	}
}
