// 100 goroutines increment a shared counter with atomic.AddInt64: no
// update is lost.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

func main() {
	var n int64
	var ops atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				atomic.AddInt64(&n, 1)
				ops.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Println(atomic.LoadInt64(&n), ops.Load())
}
