package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		panic(r)
	}()
	var p *struct{ X int }
	fmt.Println(p.X)
}
