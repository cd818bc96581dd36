// A quote service. Every lookup gets a deadline derived from the
// service's own context, so shutting the service down cancels all lookups.
package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

type Service struct {
	ctx     context.Context // lives as long as the service
	timeout time.Duration
}

func NewService(timeout time.Duration) *Service {
	return &Service{ctx: context.Background(), timeout: timeout}
}

func lookup(symbol string) <-chan int {
	out := make(chan int, 1)
	go func() { // stands in for a network call
		cents := 0
		for _, r := range symbol {
			cents += int(r) * 37
		}
		out <- cents
	}()
	return out
}

func (s *Service) Quote(symbol string) (string, error) {
	ctx, cancel := context.WithTimeout(s.ctx, s.timeout)
	defer cancel()
	select {
	case cents := <-lookup(symbol):
		return fmt.Sprintf("%s %d.%02d", symbol, cents/100, cents%100), nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func main() {
	s := NewService(time.Second)
	var mu sync.Mutex
	var quotes []string
	var wg sync.WaitGroup
	for _, sym := range []string{"GOOG", "AAPL", "IBM"} {
		wg.Add(1)
		go func(sym string) {
			defer wg.Done()
			q, err := s.Quote(sym)
			if err != nil {
				q = sym + " error: " + err.Error()
			}
			mu.Lock()
			quotes = append(quotes, q)
			mu.Unlock()
		}(sym)
	}
	wg.Wait()
	sort.Strings(quotes)
	fmt.Println(strings.Join(quotes, "\n"))
}
