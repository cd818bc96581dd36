package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	ds := []time.Duration{0, 1, 999, 1500, 1500 * time.Microsecond, 200 * time.Millisecond, 1500 * time.Millisecond, 90 * time.Second, 3*time.Hour + 25*time.Minute + 100*time.Millisecond, -2 * time.Second, 1<<63 - 1, -1 << 63}
	for _, d := range ds {
		fmt.Println(d, d.String(), int64(d))
	}
	fmt.Printf("%v %s %d %T\n", time.Second, time.Minute, time.Millisecond, time.Second)
	fmt.Println(time.Duration(2500)*time.Microsecond, (1500 * time.Millisecond).Seconds(), (90 * time.Second).Minutes(), time.Hour.Hours(), time.Second.Milliseconds(), time.Second.Microseconds(), time.Second.Nanoseconds())
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fmt.Println(ctx.Err(), errors.Is(ctx.Err(), context.Canceled), context.Canceled, context.DeadlineExceeded)
	ctx2, c2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer c2()
	<-ctx2.Done()
	fmt.Println(ctx2.Err(), errors.Is(ctx2.Err(), context.DeadlineExceeded), ctx2.Err() == context.DeadlineExceeded)
	fmt.Printf("%v %T %T\n", context.Background(), context.Background(), context.TODO())
	fmt.Println(context.TODO())
	t := time.NewTimer(time.Hour)
	fmt.Println(t.Stop(), t.Stop(), t.Reset(time.Millisecond))
	<-t.C
	fmt.Println(t.Stop(), t.Reset(time.Millisecond))
	tk := time.NewTicker(time.Millisecond)
	<-tk.C
	tk.Stop()
	tk.Reset(2 * time.Millisecond)
	<-tk.C
	fmt.Println("ticker ok")
}
