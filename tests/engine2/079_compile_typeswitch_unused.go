package main

import "fmt"

func main() {
	var x interface{} = 1
	switch v := x.(type) {
	case int:
	}
	ch := make(chan<- int)
	<-ch
	fmt.Println()
}
