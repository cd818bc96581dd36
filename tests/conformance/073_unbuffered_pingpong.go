package main

import "fmt"

func main() {
	ping := make(chan int)
	pong := make(chan int)
	done := make(chan bool)
	go func() {
		for v := range ping {
			fmt.Println("ping", v)
			pong <- v + 1
		}
		close(pong)
	}()
	go func() {
		for v := range pong {
			fmt.Println("pong", v)
			if v >= 6 {
				break
			}
			ping <- v + 1
		}
		done <- true
	}()
	ping <- 1
	<-done
	close(ping)
	fmt.Println("finished")
}
