// map_writes.go - one map write per goroutine, no lock: two writes that
// overlap die with "fatal error: concurrent map writes" (unrecoverable).
// Under the go scheduler each goroutine finishes its write alone.
package main

import (
	"fmt"
	"sync"
)

func main() {
	m := map[int]int{}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			m[n] = n * n
		}(i)
	}
	wg.Wait()
	fmt.Println("entries:", len(m))
}
