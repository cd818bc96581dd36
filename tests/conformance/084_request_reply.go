package main

import "fmt"

type request struct {
	a, b  int
	reply chan int
}

func server(reqs <-chan request) {
	for r := range reqs {
		r.reply <- r.a * r.b
	}
}

func main() {
	reqs := make(chan request)
	go server(reqs)
	for i := 1; i <= 4; i++ {
		rep := make(chan int)
		reqs <- request{i, i + 1, rep}
		fmt.Printf("%d*%d=%d\n", i, i+1, <-rep)
	}
	close(reqs)
	chans := make(chan chan string, 2)
	go func() {
		for c := range chans {
			c <- "hello via " + fmt.Sprint(cap(c))
		}
	}()
	c1 := make(chan string, 1)
	c2 := make(chan string, 5)
	chans <- c1
	fmt.Println(<-c1)
	chans <- c2
	fmt.Println(<-c2)
	fmt.Printf("%T\n", chans)
}
