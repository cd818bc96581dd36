// A pending timer keeps the deadlock detector quiet; once it has fired
// and nothing else can happen, Go reports the deadlock.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.AfterFunc(50*time.Millisecond, func() {
		fmt.Println("timer fired, waited at least 50ms:", time.Since(start) >= 50*time.Millisecond)
	})
	var ch chan int
	<-ch
}
