// Myth: "sending to or receiving from a nil channel panics".
// Only close(nil) panics. A send or receive on a nil channel blocks forever,
// and Go reports it only once every goroutine is blocked.
package main

import (
	"fmt"
	"time"
)

func main() {
	var ch chan int // nil: declared, never made

	func() {
		defer func() { fmt.Println("close(nil):", recover()) }()
		close(ch)
	}()

	select {
	case ch <- 1:
		fmt.Println("sent on a nil channel")
	default:
		fmt.Println("select: a nil channel is never ready, default runs")
	}

	go func() {
		time.Sleep(100 * time.Millisecond)
		fmt.Println("helper: still running, so nothing is reported yet; exiting now")
	}()
	defer func() { fmt.Println("main recovered:", recover()) }()
	fmt.Println("main: sending on the nil channel...")
	ch <- 2
	fmt.Println("never printed")
}
