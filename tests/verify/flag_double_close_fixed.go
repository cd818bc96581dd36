// flag_double_close_fixed.go - the look at the flag and the close under
// one lock: the first worker in closes `done`, the other sees the flag up.
package main

import (
	"fmt"
	"sync"
)

func worker(id int, mu *sync.Mutex, stop *bool, done chan struct{}, out chan int) {
	sum := 0
	mu.Lock()
	if !*stop {
		for i := 0; i < 50; i++ {
			sum += i * id
		}
		*stop = true
		close(done)
	}
	mu.Unlock()
	out <- sum
}

func main() {
	var mu sync.Mutex
	stop := false
	done := make(chan struct{})
	out := make(chan int)
	go worker(1, &mu, &stop, done, out)
	go worker(2, &mu, &stop, done, out)
	a, b := <-out, <-out
	<-done
	fmt.Println("sum", a+b)
}
