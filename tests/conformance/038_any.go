package main

import "fmt"

type Box struct{ V any }

func main() {
	var xs []any
	xs = append(xs, 1, "two", 3.0, []int{4}, nil, map[string]int{"five": 5}, Box{6}, true)
	for i, x := range xs {
		fmt.Printf("%d: %v (%T)\n", i, x, x)
	}
	var a, b any = 1, 1
	fmt.Println(a == b)
	b = int64(1)
	fmt.Println(a == b)
	b = "1"
	fmt.Println(a == b, a != nil)
	m := map[string]any{"n": 1, "s": "str", "l": []any{1, "x"}, "m": map[string]any{"k": nil}}
	fmt.Println(m)
	fmt.Println(Box{}, Box{V: Box{V: 1}})
	var e any = struct{ A, B int }{1, 2}
	fmt.Printf("%v %+v %T\n", e, e, e)
	sum := 0
	for _, x := range []any{1, 2, "x", 3} {
		if n, ok := x.(int); ok {
			sum += n
		}
	}
	fmt.Println(sum)
}
