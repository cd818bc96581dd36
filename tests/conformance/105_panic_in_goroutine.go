package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("main recovered:", recover())
	}()
	started := make(chan bool)
	block := make(chan bool)
	go func() {
		started <- true
		var m map[string]int
		m["boom"] = 1
	}()
	<-started
	fmt.Println("child started")
	<-block
}
