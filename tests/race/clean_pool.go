package main

// A buffer handed from one goroutine to another through a sync.Pool:
// Put happens before the Get that returns the same object, so reusing
// its fields is not a race (Go's race detector agrees).

import (
	"fmt"
	"sync"
)

type buf struct{ n int }

func main() {
	pool := sync.Pool{New: func() any { return new(buf) }}
	var wg sync.WaitGroup
	done := make(chan bool)
	b := pool.Get().(*buf)
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-done
		c := pool.Get().(*buf)
		c.n++
		fmt.Println("reused", c.n)
	}()
	b.n = 41
	pool.Put(b)
	done <- true
	wg.Wait()
}
