// wg_add_inside.go - wg.Add inside the goroutine: Wait can return before
// any worker has called Add, so main prints too early (wrong output).
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for i := 0; i < 3; i++ {
		go func() {
			wg.Add(1)
			defer wg.Done()
			mu.Lock()
			done++
			mu.Unlock()
		}()
	}
	wg.Wait()
	mu.Lock()
	fmt.Println("done:", done)
	mu.Unlock()
}
