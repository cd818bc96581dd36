package main

import (
	"errors"
	"fmt"
)

var x = "package"

func find(ok bool) (int, error) {
	if ok {
		return 7, nil
	}
	return 0, errors.New("not found")
}

func main() {
	fmt.Println(x)
	x := "main"
	fmt.Println(x)
	{
		x := "block"
		fmt.Println(x)
	}
	if x := 3; x > 2 {
		fmt.Println("if", x)
	} else {
		fmt.Println("else", x)
	}
	for x := 0; x < 2; x++ {
		fmt.Println("for", x)
	}
	fmt.Println(x)
	a, err := find(true)
	fmt.Println(a, err)
	b, err := find(false)
	fmt.Println(b, err)
	if n, err := find(true); err == nil {
		fmt.Println("inner", n, err)
	}
	fmt.Println("outer err:", err)
	var y = 1
	y, z := 2, 3
	fmt.Println(y, z)
}
