// A job runner. Each job counts as in flight while it runs, and a
// shutdown hook waits until nothing is in flight before the process exits.
package main

import (
	"fmt"
	"sync"
)

type Runner struct {
	inflight sync.WaitGroup
	results  []int
}

// run executes one job: a checksum standing in for real work.
func (r *Runner) run(job int) {
	r.inflight.Add(1)
	defer r.inflight.Done()
	sum := job
	for i := 0; i < 100; i++ {
		sum = (sum*31 + i) % 1000003
	}
	r.results = append(r.results, sum)
}

// waitIdle is the shutdown hook: it reports when no job is in flight.
func (r *Runner) waitIdle(idle chan<- struct{}) {
	r.inflight.Wait()
	close(idle)
}

func main() {
	r := &Runner{}
	idle := make(chan struct{})
	for job := 0; job < 2000; job++ {
		r.run(job)
	}
	go r.waitIdle(idle)
	<-idle
	total := 0
	for _, v := range r.results {
		total += v
	}
	fmt.Println("jobs run:", len(r.results))
	fmt.Println("checksum total:", total)
}
