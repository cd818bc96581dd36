// sync.Cond: a one-slot mailbox; the consumer waits in a for loop around
// Wait, the producer signals after each put.
package main

import (
	"fmt"
	"sync"
)

type mailbox struct {
	mu   sync.Mutex
	cond *sync.Cond
	full bool
	msg  int
}

func (m *mailbox) put(v int) {
	m.mu.Lock()
	for m.full {
		m.cond.Wait()
	}
	m.msg, m.full = v, true
	m.cond.Signal()
	m.mu.Unlock()
}

func (m *mailbox) get() int {
	m.mu.Lock()
	for !m.full {
		m.cond.Wait()
	}
	v := m.msg
	m.full = false
	m.cond.Signal()
	m.mu.Unlock()
	return v
}

func main() {
	m := &mailbox{}
	m.cond = sync.NewCond(&m.mu)
	done := make(chan int)
	go func() {
		sum := 0
		for i := 0; i < 5; i++ {
			v := m.get()
			fmt.Println("got", v)
			sum += v
		}
		done <- sum
	}()
	for i := 1; i <= 5; i++ {
		m.put(i * 10)
	}
	fmt.Println("sum", <-done)
}
