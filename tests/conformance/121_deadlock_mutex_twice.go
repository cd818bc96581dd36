package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu   sync.Mutex
	data map[string]int
}

func (c *Cache) Get(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.data[k]
}

func (c *Cache) GetOrZero(k string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Get(k)
}

func main() {
	c := &Cache{data: map[string]int{"a": 1}}
	fmt.Println(c.Get("a"))
	fmt.Println(c.GetOrZero("a"))
}
