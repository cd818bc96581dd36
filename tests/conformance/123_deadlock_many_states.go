package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	unbuf := make(chan int)
	idle := make(chan int)
	quiet1, quiet2 := make(chan int), make(chan int)
	var nilCh chan bool
	mu.Lock()
	wg.Add(5)
	go func() { defer wg.Done(); unbuf <- 1 }()
	go func() { defer wg.Done(); <-idle }()
	go func() {
		defer wg.Done()
		select {
		case <-quiet1:
		case quiet2 <- 2:
		}
	}()
	go func() { defer wg.Done(); <-nilCh }()
	go func() { defer wg.Done(); mu.Lock() }()
	fmt.Println("main waits for 5 goroutines that never finish")
	wg.Wait()
}
