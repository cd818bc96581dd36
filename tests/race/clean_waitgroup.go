// Workers fill their own slots; Wait orders every Done before the reads.
package main

import (
	"fmt"
	"sync"
)

func main() {
	out := make([]int, 5)
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out[i] = i * i
		}(i)
	}
	wg.Wait()
	fmt.Println(out)
}
