// A panic in an AfterFunc callback kills the program: f runs in its own
// goroutine, where main's recover cannot reach.
package main

import (
	"fmt"
	"time"
)

func main() {
	defer func() { fmt.Println("main recovered:", recover()) }()
	time.AfterFunc(10*time.Millisecond, func() {
		panic("boom in timer goroutine")
	})
	time.Sleep(time.Second)
	fmt.Println("not reached")
}
