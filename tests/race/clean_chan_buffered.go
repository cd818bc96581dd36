// A buffered channel as a semaphore of capacity 1: the k-th receive
// happens before the (k+1)-th send completes, so the guarded counter is
// safe.
package main

import (
	"fmt"
	"sync"
)

func main() {
	sem := make(chan struct{}, 1)
	n := 0
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				sem <- struct{}{}
				n++
				<-sem
			}
		}()
	}
	wg.Wait()
	results := make(chan int, 3)
	go func() {
		for i := 0; i < 3; i++ {
			results <- i * n
		}
	}()
	sum := 0
	for i := 0; i < 3; i++ {
		sum += <-results
	}
	fmt.Println(n, sum)
}
