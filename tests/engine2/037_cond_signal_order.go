// Signal wakes the goroutine that has waited longest (ticket order).
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	waiting := 0
	order := make(chan int, 3)
	for i := 0; i < 3; i++ {
		go func(id int) {
			mu.Lock()
			waiting++
			c.Wait()
			mu.Unlock()
			order <- id
		}(i)
		for {
			mu.Lock()
			w := waiting
			mu.Unlock()
			if w == i+1 {
				break
			}
			runtime.Gosched()
		}
	}
	for i := 0; i < 3; i++ {
		mu.Lock()
		c.Signal()
		mu.Unlock()
		fmt.Println("woke", <-order)
	}
}
