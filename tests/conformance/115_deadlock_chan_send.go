package main

import "fmt"

func main() {
	ch := make(chan string, 1)
	ch <- "fits in buffer"
	fmt.Println("first send ok, len", len(ch))
	ch <- "blocks forever"
	fmt.Println("unreachable")
}
