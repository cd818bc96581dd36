package main

import "fmt"

func main() {
	done := make(chan bool)
	go func() {
		// No deferred close(done): main could then wake and exit 0 while
		// this goroutine is still printing its panic.
		var a []int
		i := 5
		fmt.Println(a[i])
		close(done)
	}()
	<-done
}
