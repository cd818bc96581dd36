package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	fmt.Println(len(ch), cap(ch))
	ch <- 10
	ch <- 20
	fmt.Println(len(ch), cap(ch))
	ch <- 30
	fmt.Println(len(ch))
	head := <-ch
	fmt.Println(head, len(ch))
	ch <- 40
	for len(ch) > 0 {
		fmt.Print(<-ch, " ")
	}
	fmt.Println()
	var nilCh chan int
	fmt.Println(len(nilCh), cap(nilCh))
	unbuf := make(chan string)
	fmt.Println(len(unbuf), cap(unbuf))
	q := make(chan string, 2)
	q <- "first"
	q <- "second"
	close(q)
	fmt.Println(len(q))
	first, second := <-q, <-q
	fmt.Println(first, second, len(q))
	type msg struct {
		id   int
		body string
	}
	mc := make(chan msg, 1)
	mc <- msg{1, "hi"}
	m := <-mc
	fmt.Println(m.id, m.body)
}
