package main

import "fmt"

type Inner struct{ Vals [2]int }

type Outer struct {
	Name  string
	In    Inner
	Slice []int
	Ptr   *Inner
}

func mutate(o Outer) {
	o.Name = "changed"
	o.In.Vals[0] = 99
	o.Slice[0] = 99
	o.Ptr.Vals[0] = 99
}

func mutatePtr(o *Outer) { o.Name = "ptr-changed" }

func main() {
	o := Outer{"orig", Inner{[2]int{1, 2}}, []int{1, 2}, &Inner{[2]int{1, 2}}}
	c := o
	c.Name = "copy"
	c.In.Vals[1] = 50
	fmt.Println(o.Name, o.In, c.Name, c.In)
	mutate(o)
	fmt.Println(o.Name, o.In, o.Slice, *o.Ptr)
	mutatePtr(&o)
	fmt.Println(o.Name)
	list := []Outer{o}
	list[0].Name = "in-slice"
	fmt.Println(o.Name, list[0].Name)
	m := map[string]Inner{"k": {}}
	tmp := m["k"]
	tmp.Vals[0] = 7
	fmt.Println(m["k"], tmp)
	m["k"] = tmp
	fmt.Println(m)
	arrOfStruct := [2]Inner{}
	cp := arrOfStruct
	cp[0].Vals[0] = 1
	fmt.Println(arrOfStruct, cp)
}
