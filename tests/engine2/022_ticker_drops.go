// A Ticker's channel holds one tick: a slow receiver misses the others
// instead of getting a backlog.
package main

import (
	"fmt"
	"time"
)

func main() {
	tk := time.NewTicker(100 * time.Millisecond)
	defer tk.Stop()
	time.Sleep(550 * time.Millisecond)
	fmt.Println("buffered ticks:", len(tk.C), "cap:", cap(tk.C))
	<-tk.C
	n := 0
	deadline := time.After(20 * time.Millisecond)
loop:
	for {
		select {
		case <-tk.C:
			n++
		case <-deadline:
			break loop
		}
	}
	fmt.Println("more ticks right away:", n)
}
