package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	select {
	case v := <-ch:
		fmt.Println("got", v)
	default:
		fmt.Println("empty, default")
	}
	ch <- 5
	select {
	case v := <-ch:
		fmt.Println("got", v)
	default:
		fmt.Println("default")
	}
	ch <- 1
	select {
	case ch <- 2:
		fmt.Println("sent")
	default:
		fmt.Println("full, default")
	}
	sent := 0
	buf := make(chan int, 3)
	for i := 0; i < 10; i++ {
		select {
		case buf <- i:
			sent++
		default:
		}
	}
	fmt.Println("sent", sent, len(buf))
	unbuf := make(chan int)
	select {
	case unbuf <- 1:
		fmt.Println("impossible")
	default:
		fmt.Println("no receiver, default")
	}
	select {
	default:
		fmt.Println("only default")
	}
}
