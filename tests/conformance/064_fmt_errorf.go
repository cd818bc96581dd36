package main

import (
	"errors"
	"fmt"
)

var ErrBase = errors.New("base failure")

func step(n int) error {
	if n > 2 {
		return fmt.Errorf("step %d: %w", n, ErrBase)
	}
	return nil
}

func main() {
	e := fmt.Errorf("code %d: %s", 404, "not found")
	fmt.Println(e)
	fmt.Printf("%T\n", e)
	w := step(3)
	fmt.Println(w)
	fmt.Println(errors.Unwrap(w) == ErrBase, errors.Unwrap(e) == nil)
	fmt.Printf("%T\n", w)
	ww := fmt.Errorf("outer: %w", w)
	fmt.Println(ww)
	fmt.Println(errors.Unwrap(errors.Unwrap(ww)) == ErrBase)
	fmt.Println(step(1) == nil)
	v := fmt.Errorf("value %v, quoted %q, padded %5d|", []int{1}, "s", 7)
	fmt.Println(v.Error())
	fmt.Println(fmt.Errorf("plain"))
	fmt.Println(fmt.Errorf("wrapped nil: %v", nil))
}
