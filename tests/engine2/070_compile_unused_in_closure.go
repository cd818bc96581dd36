package main

import "fmt"

func main() {
	f := func() {
		y := 3
	}
	f()
	fmt.Println()
}
