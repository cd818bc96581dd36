// A parent that is not one of context's own types gets a watcher
// goroutine (runtime.NumGoroutine shows it) that propagates cancellation.
package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

type myCtx struct {
	context.Context
}

func main() {
	base, cancel := context.WithCancel(context.Background())
	parent := myCtx{base}
	fmt.Println("goroutines:", runtime.NumGoroutine())
	child, cancelChild := context.WithCancel(parent)
	defer cancelChild()
	fmt.Println("goroutines with custom parent:", runtime.NumGoroutine())
	fmt.Println(child)
	cancel()
	<-child.Done()
	fmt.Println("child:", child.Err())
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines after:", runtime.NumGoroutine())
	other, cancelOther := context.WithCancel(myCtx{context.Background()})
	fmt.Println("never-canceled custom parent:", runtime.NumGoroutine(), other.Err())
	cancelOther()
	fmt.Println(other.Err())
}
