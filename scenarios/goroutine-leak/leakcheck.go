// Evidence for the goroutine-leak lesson: real Go prints nothing about
// leaked goroutines, so count them. Same fetchUser as broken.go and
// fixed.go, run 100 times each, then give stragglers time and a GC.
package main

import (
	"fmt"
	"runtime"
	"time"
)

var replicas = []string{"db-a", "db-b", "db-c"}

func fetchUser(id int, buffer int) string {
	answers := make(chan string, buffer)
	for _, r := range replicas {
		go func(replica string) {
			answers <- fmt.Sprintf("user %d from %s", id, replica)
		}(r)
	}
	return <-answers
}

func settle() int {
	time.Sleep(100 * time.Millisecond)
	runtime.GC()
	return runtime.NumGoroutine()
}

func main() {
	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	for id := 0; id < 100; id++ {
		fetchUser(id, 0)
	}
	fmt.Println("after 100 lookups, unbuffered (broken.go):", settle())
	for id := 0; id < 100; id++ {
		fetchUser(id, len(replicas))
	}
	fmt.Println("after 100 more, buffered (fixed.go):", settle())
}
