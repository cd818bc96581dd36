// Ownership handed over an unbuffered channel, and back.
package main

import "fmt"

func main() {
	box := []int{0}
	ch := make(chan bool)
	back := make(chan bool)
	go func() {
		<-ch
		box[0]++
		back <- true
	}()
	box[0] = 41
	ch <- true
	<-back
	fmt.Println(box[0])
}
