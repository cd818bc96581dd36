// Evidence for the recv-closed lesson: what receives on a closed channel
// return, with and without the comma-ok form, and what range does.
package main

import "fmt"

type Reading struct {
	Sensor  string
	Celsius int
}

func main() {
	ch := make(chan Reading, 2)
	ch <- Reading{"attic", 30}
	close(ch)
	r, ok := <-ch
	fmt.Printf("1st receive after close: %+v ok=%t\n", r, ok)
	r, ok = <-ch
	fmt.Printf("2nd receive: %+v ok=%t\n", r, ok)
	fmt.Printf("3rd receive, no ok: %+v\n", <-ch)
	n := 0
	for range ch {
		n++
	}
	fmt.Println("range over the closed, drained channel: iterations =", n)
}
