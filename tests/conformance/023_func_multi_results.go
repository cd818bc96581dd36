package main

import (
	"errors"
	"fmt"
)

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func safeDiv(a, b int) (int, error) {
	if b == 0 {
		return 0, errors.New("division by zero")
	}
	return a / b, nil
}

func three() (string, int, bool) { return "s", 3, true }

func pass() (int, int) { return divmod(23, 4) }

func add(a, b int) int { return a + b }

func main() {
	q, r := divmod(17, 5)
	fmt.Println(q, r)
	if v, err := safeDiv(10, 0); err != nil {
		fmt.Println("error:", err, v)
	}
	v, err := safeDiv(10, 3)
	fmt.Println(v, err)
	fmt.Println(three())
	fmt.Println(add(pass()))
	s, _, ok := three()
	fmt.Println(s, ok)
	fmt.Println(divmod(-9, 4))
}
