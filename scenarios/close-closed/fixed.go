// A canary rollout. A health probe checks each new instance; the first
// probe that sees a slow instance halts the rollout by closing r.halt.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Rollout struct {
	halt     chan struct{}
	haltOnce sync.Once
	mu       sync.Mutex
	failures []string
}

// Halt records why the rollout must stop and wakes everyone waiting on r.halt.
func (r *Rollout) Halt(reason string) {
	r.mu.Lock()
	r.failures = append(r.failures, reason)
	r.mu.Unlock()
	r.haltOnce.Do(func() { close(r.halt) })
}

func probe(name string, p99 []int) error {
	for _, ms := range p99 {
		if ms > 250 {
			return fmt.Errorf("%s: p99 %dms > 250ms", name, ms)
		}
	}
	return nil
}

func main() {
	r := &Rollout{halt: make(chan struct{})}
	instances := []struct {
		name string
		p99  []int
	}{
		{"web-1", []int{120, 180, 140}},
		{"web-2", []int{130, 310, 150}},
		{"web-3", []int{900, 200, 110}},
		{"web-4", []int{100, 90, 160}},
	}
	var wg sync.WaitGroup
	for _, in := range instances {
		wg.Add(1)
		go func(name string, p99 []int) {
			defer wg.Done()
			if err := probe(name, p99); err != nil {
				r.Halt(err.Error())
			}
		}(in.name, in.p99)
	}
	<-r.halt
	fmt.Println("rollout halted")
	wg.Wait()
	sort.Strings(r.failures)
	fmt.Println("failures:", strings.Join(r.failures, "; "))
}
