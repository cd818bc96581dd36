// wg_reuse.go - a WaitGroup reused while a Wait is still returning: the
// waiter blocks in Wait, main calls Done and at once Add(1) for the next
// round.  If the waiter has not woken up in between, Go panics "sync:
// WaitGroup is reused before previous Wait has returned"
// (shared/ground-truth.md, claim 5c).
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
	wg.Add(1)
	wg.Done()
	<-finished
	fmt.Println("rounds done")
}
