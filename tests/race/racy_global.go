// A package-level variable written by two goroutines.
package main

import (
	"fmt"
	"sync"
)

var total int

func main() {
	var wg sync.WaitGroup
	for i := 1; i <= 2; i++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			total += n
		}(i)
	}
	wg.Wait()
	fmt.Println(total > 0)
}
