package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	ch <- 7
	close(ch)
	v, ok := <-ch
	fmt.Println(v, ok)
	v, ok = <-ch
	fmt.Println(v, ok)
	fmt.Println(<-ch)
	s := make(chan string)
	close(s)
	str, ok := <-s
	fmt.Printf("%q %v\n", str, ok)
	done := make(chan struct{})
	results := make(chan int)
	go func() {
		for i := 0; i < 3; i++ {
			results <- i
		}
		close(done)
	}()
	for {
		select {
		case r := <-results:
			fmt.Println("result", r)
			continue
		case <-done:
			fmt.Println("done closed")
		}
		break
	}
	_, ok = <-done
	fmt.Println("done again", ok)
	p := make(chan *int, 1)
	close(p)
	ptr, ok := <-p
	fmt.Println(ptr == nil, ok)
}
