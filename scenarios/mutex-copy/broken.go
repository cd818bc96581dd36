// A latency histogram shared by request handlers. Observe files one
// request into a bucket; the mutex keeps concurrent Observe calls apart.
package main

import (
	"fmt"
	"sync"
)

type Histogram struct {
	mu      sync.Mutex
	limits  []int // upper bound of each bucket in ms
	buckets []int
}

func NewHistogram(limits ...int) Histogram {
	return Histogram{limits: limits, buckets: make([]int, len(limits)+1)}
}

func (h Histogram) Observe(ms int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	i := 0
	for i < len(h.limits) && ms >= h.limits[i] {
		i++
	}
	h.buckets[i]++
}

func main() {
	h := NewHistogram(10, 100, 1000)
	var wg sync.WaitGroup
	for handler := 0; handler < 4; handler++ {
		wg.Add(1)
		go func(seed int) {
			defer wg.Done()
			for req := 0; req < 10000; req++ {
				h.Observe((seed*7919 + req*104729) % 1500)
			}
		}(handler)
	}
	wg.Wait()
	total := 0
	for i, n := range h.buckets {
		total += n
		fmt.Printf("bucket %d: %d\n", i, n)
	}
	fmt.Println("requests:", total)
}
