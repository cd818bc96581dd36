package main

import "fmt"

func produce(out chan<- string, items []string) {
	for _, it := range items {
		out <- it
	}
	close(out)
}

func consume(in <-chan string, done chan<- int) {
	n := 0
	for s := range in {
		fmt.Println("item:", s)
		n++
	}
	done <- n
}

func main() {
	ch := make(chan string)
	done := make(chan int)
	go produce(ch, []string{"x", "y", "z"})
	go consume(ch, done)
	fmt.Println("consumed", <-done)
	var ro <-chan string = ch
	var wo chan<- string = ch
	fmt.Printf("%T %T %T\n", ch, ro, wo)
	b := make(chan int, 1)
	var send chan<- int = b
	var recv <-chan int = b
	send <- 99
	v := <-recv
	fmt.Println(v, len(recv), cap(send))
}
