package main

import "fmt"

func f() (int, error) { return 0, nil }

func main() {
	x := f()
	var y string = 5
	fmt.Println(x, y)
	return 1
}
