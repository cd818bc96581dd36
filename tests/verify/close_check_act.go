// close_check_act.go - check-then-act on a channel close: each closer
// checks a mutex-guarded flag, drops the lock, then closes.  Under the go
// scheduler one closer finishes before the other starts and all is well;
// a preemption between the check and the act closes the channel twice.
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
	already := s.closed
	s.mu.Unlock()
	if !already {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
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
