package main

import "fmt"

func greet(name string, times int) string {
	return fmt.Sprint(name, times)
}

func main() {
	fmt.Println(greet("ann"))
}
