package main

import "fmt"

func main() {
	fmt := "shadow"
	_ = fmt
}
