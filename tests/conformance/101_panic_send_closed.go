package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	close(ch)
	select {
	case ch <- 42:
		fmt.Println("sent")
	default:
		fmt.Println("default")
	}
}
