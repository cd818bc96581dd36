package main

import (
	"fmt"
	"sync"
)

func process(items []int, idx int, out []int) {
	out[idx] = 100 / items[idx]
}

func main() {
	items := []int{5, 4, 0, 2}
	out := make([]int, len(items))
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			process(items, i, out)
		}(i)
	}
	wg.Wait()
	fmt.Println("first batch:", out[:2])
	wg.Add(1)
	go func() {
		defer fmt.Println("worker defer runs during panic")
		process(items, 2, out)
		wg.Done()
	}()
	wg.Wait()
	fmt.Println("unreachable")
}
