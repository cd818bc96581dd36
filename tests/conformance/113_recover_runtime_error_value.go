package main

import "fmt"

func capture(f func()) {
	defer func() {
		r := recover()
		if err, ok := r.(error); ok {
			fmt.Printf("error value: %v\n", err)
			return
		}
		fmt.Printf("non-error value: %v (%T)\n", r, r)
	}()
	f()
}

type Code int

func main() {
	capture(func() {
		s := []int{1}
		i := -1 + len(s) + 4
		_ = s[i]
	})
	capture(func() {
		s := "abc"
		lo := 2
		_ = s[lo:1]
	})
	capture(func() { panic(Code(5)) })
	capture(func() { panic("plain string") })
	capture(func() { var f func(); f() })
	capture(func() {
		ch := make(chan int)
		close(ch)
		ch <- 1
	})
	fmt.Println("all captured")
}
