package main

import "fmt"

func safeIndex(xs []int, i int) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return xs[i], nil
}

func mustPositive(n int) int {
	if n < 0 {
		panic(fmt.Sprint("negative: ", n))
	}
	return n
}

func try(f func()) (msg string) {
	defer func() {
		msg = fmt.Sprint(recover())
	}()
	f()
	return "no panic"
}

func main() {
	fmt.Println(safeIndex([]int{1, 2, 3}, 1))
	fmt.Println(safeIndex([]int{1, 2, 3}, 3))
	fmt.Println(try(func() { mustPositive(-5) }))
	fmt.Println(try(func() { mustPositive(5) }))
	fmt.Println(try(func() { var m map[int]int; m[1] = 1 }))
	fmt.Println(try(func() { var p *struct{ X int }; p.X = 1 }))
	fmt.Println(try(func() { a, b := 1, 0; _ = a / b }))
	fmt.Println(try(func() { var i any = 1; _ = i.(string) }))
	fmt.Println(try(func() { close((chan int)(nil)) }))
	fmt.Println(try(func() { panic(fmt.Errorf("wrapped %d", 7)) }))
	fmt.Println("main continues normally")
}
