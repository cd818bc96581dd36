package main

import (
	"fmt"
	"runtime"
)

// main calls runtime.Goexit: its deferred calls run, then, with no other
// goroutine left, Go reports a deadlock.
func main() {
	defer fmt.Println("main defer runs")
	done := make(chan bool)
	go func() {
		fmt.Println("g", runtime.NumGoroutine())
		done <- true
	}()
	<-done
	runtime.Goexit()
}
