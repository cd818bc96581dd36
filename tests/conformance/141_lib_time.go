package main

import (
	"fmt"
	"time"
)

func main() {
	ds := []time.Duration{0, 1, 999, time.Microsecond, 1500 * time.Nanosecond, 200 * time.Millisecond,
		1500 * time.Millisecond, 90 * time.Second, 2 * time.Hour, -2 * time.Hour, 3723 * time.Second,
		time.Duration(1<<63 - 1), time.Duration(-1 << 63), 100*time.Hour + 500*time.Millisecond}
	for _, d := range ds {
		fmt.Println(d, int64(d))
	}
	d := 90 * time.Second
	fmt.Println(d.Seconds(), d.Minutes(), d.Hours(), d.Milliseconds(), d.Microseconds(), d.Nanoseconds())
	fmt.Println(d.Truncate(time.Minute), (-d).Abs())
	fmt.Printf("%v %d %T %s\n", d, d, d, time.Millisecond*5)
	time.Sleep(time.Millisecond)
	fmt.Println("slept")
}
