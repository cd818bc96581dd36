// Readers under RLock, a writer under Lock.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.RWMutex
	data := map[int]int{}
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				mu.Lock()
				data[i] = w
				mu.Unlock()
			}
		}(w)
	}
	for r := 0; r < 3; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				mu.RLock()
				_ = data[i]
				mu.RUnlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(data))
}
