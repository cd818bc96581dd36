// Audit: a deadlock dump with goroutines in every wait state Go 1.19
// prints: chan send/receive, nil chan, select, select (no cases),
// semacquire (Mutex, WaitGroup, RWMutex), sync.Cond.Wait; the sleeper
// finished long before, so it is never in the dump.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var cmu sync.Mutex // the Cond's own lock: no contention with mu
	c := sync.NewCond(&cmu)
	ch := make(chan int)
	var nilch chan int
	mu.Lock()
	wg.Add(1)
	go func() { ch <- 1 }()
	go func() { <-nilch }()
	go func() { select { case <-ch: case nilch <- 1: } }()
	go func() { mu.Lock() }()
	go func() { c.L.Lock(); c.Wait() }()
	go func() { wg.Wait() }()
	go func() { time.Sleep(time.Millisecond); fmt.Println("slept") }()
	go func() { var rw sync.RWMutex; rw.Lock(); rw.RLock() }()
	go func() { nilch <- 1 }()
	go func() { select {} }()
	time.Sleep(10 * time.Millisecond)
	mu.Unlock()
	time.Sleep(10 * time.Millisecond)
	<-ch
	<-ch
}
