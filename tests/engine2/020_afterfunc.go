// AfterFunc runs f in its own goroutine when the timer fires; Stop before
// that cancels it; Reset on a fired AfterFunc timer schedules f again.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	done := make(chan string)
	t := time.AfterFunc(50*time.Millisecond, func() { done <- "first" })
	fmt.Println("goroutines before fire:", runtime.NumGoroutine())
	fmt.Println(<-done)
	fmt.Println("stop after fire:", t.Stop())
	fmt.Println("reset after fire:", t.Reset(10*time.Millisecond))
	fmt.Println(<-done)

	ran := false
	s := time.AfterFunc(20*time.Millisecond, func() { ran = true })
	fmt.Println("stop pending:", s.Stop())
	time.Sleep(50 * time.Millisecond)
	fmt.Println("stopped func ran:", ran)
	fmt.Println("C is nil:", t.C == nil)
}
