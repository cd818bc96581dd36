// Cond.Wait without holding c.L: Wait's Unlock of an unlocked Mutex is a
// fatal error, which recover cannot catch.
package main

import (
	"fmt"
	"sync"
)

func main() {
	defer func() { fmt.Println("recovered:", recover()) }()
	c := sync.NewCond(&sync.Mutex{})
	c.Wait()
}
