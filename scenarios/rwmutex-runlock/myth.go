// Myth: "yielding with runtime.Gosched() between RLock and RUnlock while a
// writer takes Lock can make RUnlock fail with
// 'sync: RUnlock of unlocked RWMutex'".
// Four reader/writer pairs do exactly that, 1000 times each.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var rw sync.RWMutex
	shared := 0
	var wg sync.WaitGroup
	for pair := 0; pair < 4; pair++ {
		wg.Add(2)
		go func() { // reader
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				rw.RLock()
				runtime.Gosched() // let the writer run while we hold the read lock
				_ = shared
				rw.RUnlock()
			}
		}()
		go func() { // writer
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				rw.Lock()
				shared++
				rw.Unlock()
			}
		}()
	}
	wg.Wait()
	rw.RLock()
	total := shared
	rw.RUnlock()
	fmt.Printf("4 pairs x 1000 iterations done: shared=%d, no fatal error\n", total)
}
