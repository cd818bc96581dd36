package main

import (
	"fmt"
	"os"
)

type MyF float64
type MyS string
type MyB bool
type T struct{ A int }
type E struct{}

func (E) Error() string { return "E!" }

type St int

func (St) String() string { return "stringer!" }

func try(v any) {
	defer func() { recover() }()
	panic(v)
}

func main() {
	vals := []any{nil, 1.5, MyF(1.5), MyS("x"), MyB(true), T{1}, []int{1}, &T{}, true, uint8(3), float32(0.1), E{}, St(3), "s\n", map[int]int{}, 1e100, -0.0, 12345678.9}
	i := 0
	if len(os.Args) > 1 {
		fmt.Sscan(os.Args[1], &i)
	}
	panic(vals[i])
}
