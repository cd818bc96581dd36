package main

import (
	"fmt"
	"sync"
)

// An Add from zero racing with the last Done while a Wait is parked: Go
// panics "WaitGroup misuse: Add called concurrently with Wait".
func main() {
	var all sync.WaitGroup
	for i := 0; i < 20; i++ {
		var wg sync.WaitGroup
		wg.Add(1)
		all.Add(3)
		go func() { defer all.Done(); wg.Wait() }()
		go func() { defer all.Done(); wg.Done() }()
		go func() { defer all.Done(); wg.Add(1); wg.Done() }()
	}
	all.Wait()
	fmt.Println("done")
}
