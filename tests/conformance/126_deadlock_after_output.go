package main

import (
	"fmt"
	"sync"
)

func main() {
	results := make(chan int)
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			results <- n * n
		}(i)
	}
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-results
	}
	fmt.Println("sum", sum)
	wg.Wait()
	close(results)
	fmt.Println("closed; now waiting for a 4th result")
	<-results
	fmt.Println("zero value received from closed channel")
	done := make(chan bool)
	defer fmt.Println("never printed")
	<-done
}
