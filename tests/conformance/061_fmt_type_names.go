package main

import (
	"errors"
	"fmt"
)

type T struct{ A int }
type MyInt int
type Fn func(int) string
type I interface{ M() }

func (T) M() {}

func main() {
	var ch chan int
	var recv <-chan string
	var send chan<- bool
	var i I = T{}
	var e error = errors.New("x")
	values := []any{
		1, "s", 1.5, true, 'r', byte(1), int8(1), uint(1), int64(1), uint32(1),
		[]int{}, [3]int{}, map[string]int{}, map[string][]int{},
		func(int) string { return "" }, func() {}, func(a, b int) (int, error) { return 0, nil },
		ch, recv, send,
		T{}, &T{}, []T{}, []*T{}, MyInt(1), Fn(nil), i, e,
		struct{}{}, struct{ X int }{}, [][]string{}, map[T]bool{}, new(int), []any{},
		func(...int) {}, nil,
	}
	for _, v := range values {
		fmt.Printf("%T\n", v)
	}
	fmt.Println(fmt.Sprintf("%T", values))
}
