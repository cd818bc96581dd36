package main

import "fmt"

type Service struct {
	results chan string
}

func main() {
	var s Service
	fmt.Println("results is nil:", s.results == nil)
	fmt.Println(<-s.results)
}
