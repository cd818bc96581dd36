// Timers fire in deadline order whatever order they were made in.
package main

import (
	"fmt"
	"time"
)

func main() {
	out := make(chan int, 5)
	for _, ms := range []int{50, 10, 40, 20, 30} {
		ms := ms
		time.AfterFunc(time.Duration(ms)*time.Millisecond, func() { out <- ms })
	}
	for i := 0; i < 5; i++ {
		fmt.Println(<-out)
	}
	a := time.NewTimer(30 * time.Millisecond)
	b := time.NewTimer(10 * time.Millisecond)
	select {
	case <-a.C:
		fmt.Println("a first")
	case <-b.C:
		fmt.Println("b first")
	}
	<-a.C
	fmt.Println("a fired too")
	fmt.Println(time.Duration(1500)*time.Millisecond, 90*time.Second, 1500*time.Microsecond)
}
