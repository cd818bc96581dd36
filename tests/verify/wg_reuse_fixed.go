// wg_reuse_fixed.go - the next round starts only after the waiter's Wait
// has returned (it says so on `finished`).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	ready := make(chan bool)
	finished := make(chan bool)
	wg.Add(1)
	go func() {
		ready <- true
		wg.Wait()
		finished <- true
	}()
	<-ready
	for i := 0; i < 20; i++ {
		// give the waiter a moment to block in Wait
	}
	wg.Done()
	<-finished
	wg.Add(1)
	wg.Done()
	fmt.Println("rounds done")
}
