package main

import "fmt"

func main() {
	fmt.Println(1.5e300 * 1.5e300)
}
