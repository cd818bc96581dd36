package main

import (
	"errors"
	"fmt"
)

func double() (n int) {
	defer func() { n *= 2 }()
	return 21
}

func parse(s string) (val int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(fmt.Sprint("parse failed: ", r))
			val = -1
		}
	}()
	if s == "" {
		panic("empty string")
	}
	return len(s), nil
}

func unnamed() int {
	x := 1
	defer func() { x = 100 }()
	return x
}

func counter() (c int) {
	for i := 0; i < 3; i++ {
		defer func() { c++ }()
	}
	return 10
}

func main() {
	fmt.Println(double())
	fmt.Println(parse("abc"))
	fmt.Println(parse(""))
	fmt.Println(unnamed())
	fmt.Println(counter())
}
