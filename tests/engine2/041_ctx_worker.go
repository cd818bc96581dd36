// A worker that ticks until its context is canceled, then reports why.
package main

import (
	"context"
	"fmt"
	"time"
)

func worker(ctx context.Context, out chan<- string) {
	tk := time.NewTicker(100 * time.Millisecond)
	defer tk.Stop()
	n := 0
	for {
		select {
		case <-tk.C:
			n++
			fmt.Println("work", n)
		case <-ctx.Done():
			out <- fmt.Sprint("stopped after ", n, " ticks: ", ctx.Err())
			return
		}
	}
}

func main() {
	out := make(chan string)
	ctx, cancel := context.WithTimeout(context.Background(), 350*time.Millisecond)
	defer cancel()
	go worker(ctx, out)
	fmt.Println(<-out)

	ctx2, cancel2 := context.WithCancel(context.Background())
	go worker(ctx2, out)
	time.Sleep(250 * time.Millisecond)
	cancel2()
	fmt.Println(<-out)
}
