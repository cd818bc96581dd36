package main

import (
	"fmt"
	"sync"
)

type Stats struct {
	mu     sync.Mutex
	counts map[string]int
}

func (s *Stats) Inc(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[key]++
}

func (s *Stats) Get(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[key]
}

func main() {
	st := &Stats{counts: map[string]int{}}
	var wg sync.WaitGroup
	keys := []string{"red", "green", "blue"}
	for i := 0; i < 30; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for k := 0; k <= i%3; k++ {
				st.Inc(keys[i%3])
			}
		}(i)
	}
	wg.Wait()
	fmt.Println(st.counts)
	fmt.Println(st.Get("red"), st.Get("green"), st.Get("blue"), st.Get("none"))
}
