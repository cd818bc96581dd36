package main

import "fmt"

func main() {
	m := map[string]int{"a": 1, "a": 2}
	s := []int{0: 1, 0: 2}
	fmt.Println(m, s)
	break
}
