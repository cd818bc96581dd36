// flag_double_close.go - each worker, when it sees the stop flag still
// down, finishes its round and then raises the flag and closes `done`.
// Nothing orders one worker's read of the flag against the other's write,
// so when both look before either raises it, both close: panic: close of
// closed channel.  Under the go scheduler each worker runs to its end
// alone, and the program looks fine.
package main

import "fmt"

func worker(id int, stop *bool, done chan struct{}, out chan int) {
	sum := 0
	if !*stop {
		for i := 0; i < 50; i++ {
			sum += i * id
		}
		*stop = true
		close(done)
	}
	out <- sum
}

func main() {
	stop := false
	done := make(chan struct{})
	out := make(chan int)
	go worker(1, &stop, done, out)
	go worker(2, &stop, done, out)
	a, b := <-out, <-out
	<-done
	fmt.Println("sum", a+b)
}
