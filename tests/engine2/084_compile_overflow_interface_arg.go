package main

import "fmt"

// An untyped constant passed as an interface must fit its default type.
func main() {
	fmt.Println(1 << 70)
}
