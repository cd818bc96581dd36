// A settings store read by many request handlers at once. Settings that
// were never set fall back to built-in defaults.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Settings struct {
	mu       sync.RWMutex
	values   map[string]string
	defaults map[string]string // never changes after start-up
}

func (s *Settings) Set(key, value string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
}

func (s *Settings) Get(key string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if v, ok := s.values[key]; ok {
		return v
	}
	return s.defaults[key]
}

func main() {
	s := &Settings{
		values:   map[string]string{},
		defaults: map[string]string{"region": "eu-west", "timeout": "30s"},
	}
	s.Set("region", "us-east")
	var mu sync.Mutex
	var seen []string
	var wg sync.WaitGroup
	for _, key := range []string{"region", "timeout", "region"} {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			v := s.Get(k)
			mu.Lock()
			seen = append(seen, k+"="+v)
			mu.Unlock()
		}(key)
	}
	wg.Wait()
	sort.Strings(seen)
	fmt.Println(strings.Join(seen, " "))
}
