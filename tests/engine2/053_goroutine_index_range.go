package main

import "fmt"

func main() {
	done := make(chan bool)
	go func() {
		defer close(done)
		var a []int
		i := 5
		fmt.Println(a[i])
	}()
	<-done
}
