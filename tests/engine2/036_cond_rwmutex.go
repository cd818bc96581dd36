// A Cond over an RWMutex's read lock (RLocker); Wait with the lock held
// by readers only.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var rw sync.RWMutex
	c := sync.NewCond(rw.RLocker())
	var wg sync.WaitGroup
	ready := make(chan bool)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.L.Lock()
			ready <- true
			c.Wait()
			c.L.Unlock()
		}()
	}
	<-ready
	<-ready
	rw.Lock() // waits until both readers are parked in Wait
	c.Broadcast()
	rw.Unlock()
	wg.Wait()
	fmt.Println("both woke")
}
