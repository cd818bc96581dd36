// A log shipper. Enqueue hands a batch of log lines to a background
// uploader and counts it as pending; Close waits until nothing is pending.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type Shipper struct {
	batches chan []string
	pending sync.WaitGroup
	sent    []string
	skipped int
}

func NewShipper() *Shipper {
	s := &Shipper{batches: make(chan []string, 16)}
	go s.upload()
	return s
}

func (s *Shipper) Enqueue(lines ...string) {
	s.pending.Add(1)
	s.batches <- lines
}

// Close waits for every pending batch, then stops the uploader.
func (s *Shipper) Close() {
	s.pending.Wait()
	close(s.batches)
}

func (s *Shipper) upload() {
	for batch := range s.batches {
		if len(batch) == 0 {
			s.skipped++
			s.pending.Done() // nothing to send: mark it done right away
			continue
		}
		s.sent = append(s.sent, strings.Join(batch, " | "))
		s.pending.Done()
	}
}

func main() {
	s := NewShipper()
	s.Enqueue("GET /", "GET /login")
	s.Enqueue("POST /login")
	s.Enqueue() // a tick with no new log lines
	s.Close()
	for i, b := range s.sent {
		fmt.Printf("batch %d: %s\n", i+1, b)
	}
	fmt.Println("empty batches skipped:", s.skipped)
}
