// sync.Cond.Broadcast wakes every waiter; Signal with no waiter is a no-op.
package main

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
)

func main() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	c.Signal()
	c.Broadcast()
	ready := false
	var wg sync.WaitGroup
	var woke []int
	var waiting int
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			mu.Lock()
			waiting++
			for !ready {
				c.Wait()
			}
			woke = append(woke, id)
			mu.Unlock()
		}(i)
	}
	for {
		mu.Lock()
		n := waiting
		mu.Unlock()
		if n == 4 {
			break
		}
		runtime.Gosched()
	}
	mu.Lock()
	ready = true
	c.Broadcast()
	mu.Unlock()
	wg.Wait()
	sort.Ints(woke)
	fmt.Println("woke:", woke)
}
