package main

import (
	"fmt"
	"os"
	"strconv"
)

func parsePort(s string) int {
	p, err := strconv.Atoi(s)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	return p
}

func main() {
	defer fmt.Println("main defer skipped by os.Exit")
	done := make(chan bool)
	go func() {
		defer fmt.Println("goroutine defer skipped too")
		fmt.Println("port", parsePort("8080"))
		parsePort("80a")
		done <- true
	}()
	<-done
	fmt.Println("unreachable")
}
