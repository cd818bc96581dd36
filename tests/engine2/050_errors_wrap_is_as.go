package main

import (
	"errors"
	"fmt"
)

type NotFound struct{ Name string }

func (e *NotFound) Error() string { return e.Name + " not found" }

var ErrBase = errors.New("base")

func main() {
	e1 := fmt.Errorf("layer1: %w", ErrBase)
	e2 := fmt.Errorf("layer2: %w", e1)
	fmt.Println(e2, errors.Is(e2, ErrBase), errors.Unwrap(e2) == e1, errors.Unwrap(ErrBase))
	nf := fmt.Errorf("wrap: %w", &NotFound{"x"})
	var target *NotFound
	fmt.Println(errors.As(nf, &target), target.Name)
	fmt.Println(errors.Is(nil, ErrBase), errors.Is(ErrBase, ErrBase), fmt.Errorf("no wrap %v", ErrBase), errors.Unwrap(fmt.Errorf("%v", ErrBase)))
	e3 := fmt.Errorf("two %w", nil)
	fmt.Println(e3)
	panic(e2)
}
