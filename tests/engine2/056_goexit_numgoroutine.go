package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer fmt.Println("deferred in goexit")
		runtime.Goexit()
		fmt.Println("unreachable")
	}()
	wg.Wait()
	fmt.Println(runtime.NumGoroutine())
	runtime.GC()
	for i := 0; i < 3; i++ {
		go func() { select {} }()
	}
	runtime.Gosched()
	fmt.Println(runtime.NumGoroutine())
}
