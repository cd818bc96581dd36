// A struct field written through a pointer by a goroutine and read by
// main without synchronisation.
package main

import (
	"fmt"
	"time"
)

type Stats struct {
	hits, misses int
}

func (s *Stats) hit() { s.hits++ }

func main() {
	s := &Stats{}
	go s.hit()
	time.Sleep(time.Millisecond)
	fmt.Println(s.hits >= 0)
}
