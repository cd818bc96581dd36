package main

import "fmt"

// One goroutine ranges over the map while another writes to it: Go dies
// "concurrent map iteration and map write".
func main() {
	m := map[int]int{1: 1, 2: 2, 3: 3, 4: 4}
	done := make(chan bool)
	go func() {
		for i := 0; i < 100; i++ {
			m[i%8] = i
		}
		done <- true
	}()
	n := 0
	for i := 0; i < 100; i++ {
		for k := range m {
			n += k
		}
	}
	<-done
	fmt.Println("done", n > 0)
}
