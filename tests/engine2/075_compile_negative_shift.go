package main

import "fmt"

func main() {
	x := 5
	fmt.Println(x >> -1)
	var s uint8 = 1 << 8
	fmt.Println(s)
}
