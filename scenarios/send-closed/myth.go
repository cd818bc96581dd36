// Myth: "a select with a default case makes a send on a closed channel safe".
// trySend is the supposedly safe send; watch what it does with three channels.
package main

import "fmt"

func trySend(ch chan int, v int) bool {
	select {
	case ch <- v:
		return true
	default:
		return false // the myth says we land here when ch is closed
	}
}

func main() {
	open := make(chan int) // open, but nobody receives
	fmt.Println("open channel, no receiver: sent =", trySend(open, 1))

	roomy := make(chan int, 4) // closed, with room in the buffer
	close(roomy)
	func() {
		defer func() { fmt.Println("closed buffered channel: recovered:", recover()) }()
		fmt.Println("closed buffered channel: sent =", trySend(roomy, 2))
	}()

	plain := make(chan int) // closed, unbuffered, no recover this time
	close(plain)
	fmt.Println("closed unbuffered channel: sending...")
	fmt.Println("sent =", trySend(plain, 3))
}
