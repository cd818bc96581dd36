package main

import (
	"fmt"
	"sync"
)

// A second waiter may still be inside Wait when main's next Add starts
// the next round: Go panics "WaitGroup is reused before previous Wait has
// returned" in that waiter.
func main() {
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() { wg.Wait() }()
		go func() { wg.Done() }()
		wg.Wait()
	}
	fmt.Println("done")
}
