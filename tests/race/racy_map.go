// A goroutine writes a map while main reads it.
package main

import (
	"fmt"
	"time"
)

func main() {
	m := map[string]int{"a": 1}
	go func() {
		m["b"] = 2
	}()
	time.Sleep(time.Millisecond)
	fmt.Println(m["a"])
}
