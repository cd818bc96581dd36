package main

import "fmt"

func main() {
	fmt.Println("blocking forever with an empty select")
	select {}
}
