package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(id int) {
			if id != 1 {
				defer wg.Done()
			}
		}(i)
	}
	fmt.Println("waiting for 3 workers, one forgets Done")
	wg.Wait()
	fmt.Println("unreachable")
}
