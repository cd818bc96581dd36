// The goroutine-leak lesson: only the first result is read, the other
// senders block forever on the unbuffered channel.
package main

import (
	"fmt"
	"time"
)

func fetch(id int, out chan<- int) {
	out <- id * 10
}

func main() {
	results := make(chan int)
	for i := 0; i < 3; i++ {
		go fetch(i, results)
	}
	fmt.Println("first:", <-results)
	time.Sleep(10 * time.Millisecond)
}
