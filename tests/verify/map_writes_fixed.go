// map_writes_fixed.go - a Mutex around the write: no two writes overlap.
package main

import (
	"fmt"
	"sync"
)

func main() {
	m := map[int]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			mu.Lock()
			m[n] = n * n
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println("entries:", len(m))
}
