// Timer.Stop and Timer.Reset return whether the timer was still pending
// (Go 1.19).
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(time.Hour)
	fmt.Println("stop pending:", t.Stop())
	fmt.Println("stop again:", t.Stop())
	fmt.Println("reset stopped:", t.Reset(10*time.Millisecond))
	fmt.Println("reset pending:", t.Reset(20*time.Millisecond))
	<-t.C
	fmt.Println("fired")
	fmt.Println("stop fired:", t.Stop())
	fmt.Println("reset fired:", t.Reset(time.Millisecond))
	<-t.C
	fmt.Println("fired again")

	u := time.NewTimer(time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	if !u.Stop() {
		<-u.C // drain: the value was already sent
		fmt.Println("drained")
	}
	fmt.Println("len after drain:", len(u.C))
	u.Reset(time.Millisecond)
	<-u.C
	fmt.Println("done")
}
