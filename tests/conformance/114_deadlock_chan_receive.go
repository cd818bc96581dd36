package main

import "fmt"

func main() {
	defer fmt.Println("deferred: never printed on fatal error")
	ch := make(chan int)
	fmt.Println("waiting for a value nobody sends")
	v := <-ch
	fmt.Println(v)
}
