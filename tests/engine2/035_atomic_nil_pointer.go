// An atomic operation through a nil pointer is a nil dereference.
package main

import (
	"fmt"
	"sync/atomic"
)

type counters struct {
	hits int64
}

func main() {
	var c *counters
	fmt.Println("adding")
	atomic.AddInt64(&c.hits, 1)
}
