package main

import "fmt"

func trace(name string) func() {
	fmt.Println("enter", name)
	return func() { fmt.Println("exit", name) }
}

func work() {
	defer trace("work")()
	for i := 0; i < 3; i++ {
		defer fmt.Println("deferred", i)
	}
	x := 10
	defer fmt.Println("x at defer time:", x)
	defer func() { fmt.Println("x at exit:", x) }()
	x = 20
	fmt.Println("body done")
}

type Res struct{ name string }

func (r Res) Close() { fmt.Println("close", r.name) }

func main() {
	work()
	a := Res{"a"}
	defer a.Close()
	a.name = "changed"
	b := &Res{"b"}
	defer b.Close()
	b.name = "b2"
	fmt.Println("main end")
}
