package main

// Under the default schedule main returns before the two extra senders
// ever run; on a real machine they would run and block forever.  --leaks
// lets them run on (output dropped) and reports them blocked.

import "fmt"

func first(n int) int {
	answers := make(chan int)
	for i := 0; i < 3; i++ {
		go func(i int) { answers <- n * i }(i)
	}
	return <-answers
}

func main() {
	fmt.Println("first:", first(7))
}
