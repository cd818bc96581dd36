// sync.Map used by many goroutines at once: no "concurrent map writes".
package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				m.Store(i*1000+j, j)
				m.Load(i*1000 + j - 1)
			}
		}(i)
	}
	wg.Wait()
	n, sum := 0, 0
	m.Range(func(k, v any) bool {
		n++
		sum += v.(int)
		return true
	})
	fmt.Println(n, sum)
}
