package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	ch <- 1
	go func() {
		for {
			select {
			case ch <- 2:
			}
		}
	}()
	fmt.Println(<-ch)
	var x chan struct{}
	for range x {
	}
}
