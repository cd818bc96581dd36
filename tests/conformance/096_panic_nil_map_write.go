package main

import "fmt"

type Registry struct {
	items map[string]int
}

func main() {
	var r Registry
	fmt.Println("read ok:", r.items["a"], len(r.items))
	r.items["a"] = 1
	fmt.Println("unreachable")
}
