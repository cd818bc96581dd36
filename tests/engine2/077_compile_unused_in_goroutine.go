package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		go func() {
			v := i
		}()
	}
	a, b := 1
	fmt.Println(a, b)
}
