package main

import "fmt"

func get(xs []int, i int) int {
	return xs[i]
}

func main() {
	xs := []int{10, 20, 30}
	fmt.Println(get(xs, 2))
	fmt.Println(get(xs, 5))
}
