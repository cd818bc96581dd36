package main

import "fmt"

func main() {
	var y = 1e400
	fmt.Println(y)
}
