// An unrecovered atomic.Value misuse panic ends the program (exit 2).
package main

import (
	"fmt"
	"sync/atomic"
)

func main() {
	var v atomic.Value
	v.Store("first")
	fmt.Println(v.Load())
	v.Store(1)
}
