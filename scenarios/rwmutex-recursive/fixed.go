// A service registry. A reporter describes a service while a deployment
// registers a new instance of it at the same time.
package main

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

type Registry struct {
	mu        sync.RWMutex
	instances map[string][]string
}

func (r *Registry) Register(service, addr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.instances[service] = append(r.instances[service], addr)
}

func (r *Registry) Count(service string) int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.instances[service])
}

func ping(addrs []string) { time.Sleep(20 * time.Millisecond) }

func (r *Registry) Describe(service string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	addrs := r.instances[service]
	ping(addrs) // health-check every instance before reporting
	return fmt.Sprintf("%s: %d instances [%s]", service, len(addrs), strings.Join(addrs, " "))
}

func main() {
	r := &Registry{instances: map[string][]string{"api": {"10.0.0.1", "10.0.0.2"}}}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		fmt.Println(r.Describe("api"))
	}()
	go func() {
		defer wg.Done()
		time.Sleep(10 * time.Millisecond) // the deploy lands mid-report
		r.Register("api", "10.0.0.3")
	}()
	wg.Wait()
	fmt.Println("api now has", r.Count("api"), "instances")
}
