package main

import (
	"fmt"
	"sync"
)

func producer(n int, out chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		out <- i
	}
}

func main() {
	ch := make(chan int, 4)
	var wg sync.WaitGroup
	for p := 0; p < 3; p++ {
		wg.Add(1)
		go producer(10, ch, &wg)
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	sum, count := 0, 0
	for v := range ch {
		sum += v
		count++
	}
	fmt.Println("count", count, "sum", sum)
	lines := make(chan string)
	go func() {
		defer close(lines)
		for _, w := range []string{"alpha", "beta", "gamma"} {
			lines <- w
		}
	}()
	for l := range lines {
		fmt.Println("consumed", l)
	}
}
