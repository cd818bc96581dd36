package main

import "fmt"

// A select with one channel case and a default is that channel operation:
// the panic is blamed on the case's line.
func main() {
	ch := make(chan int, 1)
	close(ch)
	select {
	case ch <- 1:
		fmt.Println("sent")
	default:
		fmt.Println("full")
	}
}
