package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println(1500*time.Millisecond, 200*time.Millisecond, 90*time.Second)
	fmt.Println(2*time.Hour, time.Duration(0), time.Microsecond, 1500*time.Microsecond)
	fmt.Println(time.Nanosecond*42, time.Minute+time.Second/2, -3*time.Second)
	d := 3*time.Hour + 25*time.Minute + 45*time.Second + 500*time.Millisecond
	fmt.Println(d)
	fmt.Println(d.Hours() > 3, (90 * time.Second).Minutes(), (1500 * time.Millisecond).Seconds())
	fmt.Println((2 * time.Second).Milliseconds(), int64(time.Millisecond))
	fmt.Printf("%v %T %d\n", time.Second, time.Second, time.Second)
	start := "sleeping"
	time.Sleep(10 * time.Millisecond)
	fmt.Println(start, "done")
	timeout := 250 * time.Millisecond
	fmt.Println("timeout is", timeout, timeout > 100*time.Millisecond)
	fmt.Println(time.Duration(1234567890))
	ch := make(chan string)
	go func() {
		time.Sleep(5 * time.Millisecond)
		ch <- "woke"
	}()
	fmt.Println(<-ch)
}
