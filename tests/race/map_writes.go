// Ground truth c06b: 10 goroutines each write once to a shared map, 10
// read once.  Real Go dies "concurrent map writes" or "concurrent map
// read and map write" in about half the runs; here some seeds of the
// random strategy must.
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
		go func(i int) {
			defer wg.Done()
			m[i] = i
		}(i)
	}
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_ = m[i]
		}(i)
	}
	wg.Wait()
	fmt.Println(len(m))
}
