package main

import "fmt"

type Named interface{ Name() string }

type Cat struct{}

func (Cat) Name() string { return "cat" }

func main() {
	var x any = 42
	i, ok := x.(int)
	fmt.Println(i, ok)
	s, ok := x.(string)
	fmt.Printf("%q %v\n", s, ok)
	f, ok := x.(float64)
	fmt.Println(f, ok)
	n := x.(int) + 1
	fmt.Println(n)
	var y any = Cat{}
	if nm, ok := y.(Named); ok {
		fmt.Println("named:", nm.Name())
	}
	if _, ok := x.(Named); !ok {
		fmt.Println("42 is not Named")
	}
	var z any
	_, ok = z.(int)
	fmt.Println(ok)
	var nm Named = Cat{}
	c, ok := nm.(Cat)
	fmt.Println(c, ok)
	var e error
	_, ok = e.(fmt.Stringer)
	fmt.Println(ok)
	var p any = &Cat{}
	_, isPtr := p.(*Cat)
	_, isVal := p.(Cat)
	fmt.Println(isPtr, isVal)
}
