package main

import "fmt"

func main() {
	data := make(chan int)
	quit := make(chan struct{})
	finished := make(chan int)
	go func() {
		sum := 0
		for {
			select {
			case v := <-data:
				fmt.Println("received", v)
				sum += v
			case <-quit:
				fmt.Println("quit signal")
				finished <- sum
				return
			}
		}
	}()
	for i := 1; i <= 4; i++ {
		data <- i * 10
	}
	quit <- struct{}{}
	fmt.Println("sum", <-finished)
}
