// close happens before the receive that observes it.
package main

import "fmt"

func main() {
	var msg string
	done := make(chan struct{})
	go func() {
		msg = "hello"
		close(done)
	}()
	<-done
	fmt.Println(msg)
	results := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			results <- i
		}
		close(results)
	}()
	total := 0
	for v := range results {
		total += v
	}
	fmt.Println(total)
}
