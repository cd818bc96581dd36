package main

import "fmt"

type St struct{ A int }

func (s St) String() string { return "st!" }

func main() {
	defer fmt.Println("deferred runs")
	panic(St{1})
}
