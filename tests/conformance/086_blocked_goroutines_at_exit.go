package main

import (
	"fmt"
	"sync"
)

func main() {
	ch := make(chan int)
	var mu sync.Mutex
	mu.Lock()
	started := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			started <- true
			<-ch
		}()
	}
	go func() {
		started <- true
		mu.Lock()
	}()
	go func() {
		started <- true
		select {}
	}()
	for i := 0; i < 5; i++ {
		<-started
	}
	fmt.Println("main returns while 5 goroutines are blocked")
}
