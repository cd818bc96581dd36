// A Ticker delivers ticks at its period until stopped; Reset changes the
// period; Tick(0) is nil.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	tk := time.NewTicker(100 * time.Millisecond)
	for i := 0; i < 3; i++ {
		<-tk.C
		fmt.Println("tick", i, time.Since(start) >= time.Duration(i+1)*100*time.Millisecond)
	}
	tk.Reset(300 * time.Millisecond)
	<-tk.C
	fmt.Println("after reset", time.Since(start) >= 600*time.Millisecond)
	tk.Stop()
	select {
	case <-tk.C:
		fmt.Println("tick after stop")
	case <-time.After(500 * time.Millisecond):
		fmt.Println("no tick after stop")
	}
	fmt.Println(time.Tick(0) == nil, time.Tick(-1) == nil)
	c := time.Tick(50 * time.Millisecond)
	<-c
	<-c
	fmt.Println("tick channel ok")
}
