package main

import (
	"fmt"
	"runtime"
)

func main() {
	defer fmt.Println("main defer runs")
	go func() {
		fmt.Println("g", runtime.NumGoroutine())
	}()
	runtime.Gosched()
	runtime.Goexit()
}
