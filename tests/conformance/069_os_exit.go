package main

import (
	"fmt"
	"os"
)

func cleanup() { fmt.Println("deferred: must not print") }

func main() {
	defer cleanup()
	fmt.Println("before exit")
	func() {
		defer fmt.Println("inner defer runs")
	}()
	os.Exit(3)
	fmt.Println("unreachable")
}
