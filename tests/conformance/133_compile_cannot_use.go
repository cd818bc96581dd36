package main

import "fmt"

func main() {
	var s string
	x := 10
	s = x
	fmt.Println(s)
}
