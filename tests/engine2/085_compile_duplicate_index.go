package main

import "fmt"

func main() {
	s := []int{0: 1, 2: 3, 0: 2}
	fmt.Println(s)
}
