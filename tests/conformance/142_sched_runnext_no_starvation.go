// Two goroutines handing each other the CPU through runnext must not
// starve the run queue: Go preempts them when the inherited slice ends.
package main

import "fmt"

func main() {
	done := make(chan bool)
	other := make(chan bool)
	go func() { fmt.Println("queued goroutine ran"); other <- true }()
	go func() {}()
	for i := 0; ; i++ {
		go func() { done <- true }()
		<-done
		select {
		case <-other:
			fmt.Println("ok")
			return
		default:
		}
	}
}
