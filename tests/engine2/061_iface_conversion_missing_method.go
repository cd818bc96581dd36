package main

import "fmt"

type I interface{ M() }
type T struct{}

func (T) M() {}

func main() {
	var x any = T{}
	defer func() { fmt.Println(recover()) 
	var y any = 3
	_ = y.(I) }()
	_ = x.(fmt.Stringer)
}
