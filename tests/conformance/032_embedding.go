package main

import "fmt"

type Animal struct {
	Name string
	Legs int
}

func (a Animal) Describe() string {
	return fmt.Sprintf("%s has %d legs", a.Name, a.Legs)
}

func (a *Animal) Rename(n string) { a.Name = n }

type Dog struct {
	Animal
	Breed string
}

type Loud struct {
	*Animal
	Name string
}

func (d Dog) Sound() string { return "woof" }

func main() {
	d := Dog{Animal{"rex", 4}, "lab"}
	fmt.Println(d.Name, d.Legs, d.Breed)
	fmt.Println(d.Describe(), d.Sound())
	d.Rename("max")
	fmt.Println(d.Animal.Name, d.Describe())
	fmt.Println(d)
	fmt.Printf("%+v\n", d)
	l := Loud{&Animal{"bird", 2}, "TWEETY"}
	fmt.Println(l.Name, l.Animal.Name, l.Describe())
	l.Rename("parrot")
	fmt.Println(l.Animal.Name, l.Legs)
	type Describer interface{ Describe() string }
	var ds []Describer = []Describer{d, l, d.Animal}
	for _, x := range ds {
		fmt.Println(x.Describe())
	}
}
