// A thumbnail job queue. Two workers resize images; Submit never blocks
// the caller: when the queue cannot take a job right now, the job is dropped.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Queue struct {
	jobs    chan string
	wg      sync.WaitGroup
	mu      sync.Mutex
	done    []string
	dropped int // Submit and Close are only called from main
	closed  bool
}

func NewQueue(workers, size int) *Queue {
	q := &Queue{jobs: make(chan string, size)}
	for i := 0; i < workers; i++ {
		q.wg.Add(1)
		go q.work()
	}
	return q
}

func (q *Queue) work() {
	defer q.wg.Done()
	for name := range q.jobs {
		thumb := strings.TrimSuffix(name, ".png") + "_small.png"
		q.mu.Lock()
		q.done = append(q.done, thumb)
		q.mu.Unlock()
	}
}

// Submit hands a job to the workers without ever blocking.
func (q *Queue) Submit(name string) {
	if q.closed {
		q.dropped++
		return
	}
	select {
	case q.jobs <- name:
	default:
		q.dropped++
	}
}

// Close lets the workers finish the queued jobs, then stops them.
func (q *Queue) Close() {
	q.closed = true
	close(q.jobs)
	q.wg.Wait()
}

func main() {
	q := NewQueue(2, 8)
	for _, name := range []string{"cat.png", "dog.png", "owl.png"} {
		q.Submit(name)
	}
	q.Close()
	q.Submit("late.png") // a client retry that arrives after shutdown
	sort.Strings(q.done)
	fmt.Println("thumbnails:", strings.Join(q.done, " "))
	fmt.Println("dropped:", q.dropped)
}
