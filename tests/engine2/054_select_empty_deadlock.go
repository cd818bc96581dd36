package main

import "fmt"

func main() {
	go fmt.Println("hi")
	select {}
}
