// Two goroutines write the same slice element.
package main

import (
	"fmt"
	"sync"
)

func main() {
	xs := make([]int, 4)
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(v int) {
			defer wg.Done()
			xs[2] = v
		}(i)
	}
	wg.Wait()
	fmt.Println(len(xs))
}
