package main

import (
	"fmt"
	"sync"
)

func main() {
	var a, b sync.Mutex
	var wg sync.WaitGroup
	haveA := make(chan bool, 1)
	haveB := make(chan bool, 1)
	wg.Add(2)
	go func() {
		defer wg.Done()
		a.Lock()
		haveA <- true
		<-haveB
		b.Lock()
	}()
	go func() {
		defer wg.Done()
		b.Lock()
		haveB <- true
		<-haveA
		a.Lock()
	}()
	fmt.Println("two goroutines lock A and B in opposite order")
	wg.Wait()
}
