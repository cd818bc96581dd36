package main

import "fmt"

func main() {
	var a int8 = 200
	var b uint = -1
	fmt.Println(a, b, 1 << 70)
}
