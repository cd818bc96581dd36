package main

import (
	"fmt"
	"sync"
)

func main() {
	var rw sync.RWMutex
	rw.RLock()
	done := make(chan bool)
	go func() {
		rw.Lock()
		close(done)
	}()
	for i := 0; i < 3; i++ {
		go func() { rw.RLock() }()
	}
	<-done
	fmt.Println("x")
}
