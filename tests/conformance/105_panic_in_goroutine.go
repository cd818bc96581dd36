package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("main recovered:", recover())
	}()
	proceed := make(chan bool)
	block := make(chan bool)
	go func() {
		<-proceed
		var m map[string]int
		m["boom"] = 1
	}()
	fmt.Println("child started")
	proceed <- true
	<-block
}
