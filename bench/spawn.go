package main

import (
	"fmt"
	"sync"
)

// Spawns 100,000 goroutines that all block receiving from one channel,
// reports once every one of them has started, then releases them all.
func main() {
	const n = 100000
	release := make(chan struct{})
	var started, finished sync.WaitGroup
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-release
			finished.Done()
		}()
	}
	started.Wait()
	fmt.Println("spawned", n)
	close(release)
	finished.Wait()
	fmt.Println("done")
}
