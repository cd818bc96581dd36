package main

import "fmt"

type Acc struct{ total int }

func (a *Acc) Add(n int) { a.total += n }
func (a Acc) Get() int    { return a.total }

type Greeter struct{ name string }

func (g Greeter) Hello(to string) string { return g.name + " greets " + to }

func each(xs []int, f func(int)) {
	for _, x := range xs {
		f(x)
	}
}

func main() {
	var a Acc
	add := a.Add
	each([]int{1, 2, 3, 4}, add)
	fmt.Println(a.total)
	get := a.Get
	a.Add(100)
	fmt.Println(get(), a.Get())
	g := Greeter{"ann"}
	hello := g.Hello
	g.name = "bob"
	fmt.Println(hello("cid"), g.Hello("cid"))
	fmt.Printf("%T\n", hello)
	fmt.Printf("%T\n", add)
	fs := []func(string) string{Greeter{"x"}.Hello, Greeter{"y"}.Hello}
	for _, f := range fs {
		fmt.Println(f("z"))
	}
	p := &a
	pget := p.Get
	p.Add(1)
	fmt.Println(pget(), p.Get())
}
