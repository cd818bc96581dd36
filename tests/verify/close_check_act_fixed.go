// close_check_act_fixed.go - the check and the act under one lock: only
// the first Stop closes the channel, whatever the schedule.
package main

import (
	"fmt"
	"sync"
)

type Stopper struct {
	mu     sync.Mutex
	closed bool
	ch     chan struct{}
}

func (s *Stopper) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.ch)
	}
}

func main() {
	s := &Stopper{ch: make(chan struct{})}
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Stop()
		}()
	}
	wg.Wait()
	<-s.ch
	fmt.Println("stopped")
}
