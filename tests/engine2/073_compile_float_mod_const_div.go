package main

import "fmt"

func main() {
	x := 1.5
	fmt.Println(x % 2, 7 % 0)
	const c = 10 / 0.0
}
