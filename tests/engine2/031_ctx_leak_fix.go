// A goroutine blocked forever on a send leaks; one that also selects on
// ctx.Done() exits when the context times out.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

func leaky() {
	ch := make(chan int)
	go func() { ch <- 1 }()
}

func withCtx(ctx context.Context) {
	ch := make(chan int)
	go func() {
		select {
		case ch <- 1:
		case <-ctx.Done():
		}
	}()
}

func main() {
	fmt.Println("start:", runtime.NumGoroutine())
	for i := 0; i < 10; i++ {
		leaky()
	}
	time.Sleep(200 * time.Millisecond)
	runtime.GC()
	fmt.Println("after 10 leaky:", runtime.NumGoroutine())
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	for i := 0; i < 10; i++ {
		withCtx(ctx)
	}
	fmt.Println("right after 10 withCtx:", runtime.NumGoroutine())
	time.Sleep(300 * time.Millisecond)
	fmt.Println("after the timeout:", runtime.NumGoroutine(), ctx.Err())
}
