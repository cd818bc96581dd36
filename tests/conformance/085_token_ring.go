package main

import (
	"fmt"
	"sync"
)

func main() {
	const n = 5
	chans := make([]chan int, n+1)
	for i := range chans {
		chans[i] = make(chan int)
	}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(id int, in <-chan int, out chan<- int) {
			defer wg.Done()
			tok := <-in
			fmt.Printf("goroutine %d got token %d\n", id, tok)
			out <- tok * 2
		}(i, chans[i], chans[i+1])
	}
	chans[0] <- 1
	fmt.Println("final token", <-chans[n])
	wg.Wait()
	order := make(chan int)
	turn := make([]chan bool, 3)
	for i := range turn {
		turn[i] = make(chan bool)
	}
	for i := 2; i >= 0; i-- {
		go func(i int) {
			<-turn[i]
			order <- i
		}(i)
	}
	for i := 0; i < 3; i++ {
		turn[i] <- true
		fmt.Print(<-order, " ")
	}
	fmt.Println()
}
