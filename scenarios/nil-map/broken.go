// A page cache shared by several render workers. Get on a miss tells the
// caller to render the page; the worker then stores the result with Set.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Cache struct {
	mu    sync.Mutex
	pages map[string]string
}

func NewCache() *Cache {
	return &Cache{}
}

func (c *Cache) Get(path string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	html, ok := c.pages[path]
	return html, ok
}

func (c *Cache) Set(path, html string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages[path] = html
}

func render(path string) string {
	return "<h1>" + strings.Trim(path, "/") + "</h1>"
}

func main() {
	c := NewCache()
	if _, ok := c.Get("/home"); !ok {
		fmt.Println("cold cache: /home is a miss")
	}
	var wg sync.WaitGroup
	for _, p := range []string{"/home", "/about", "/blog"} {
		wg.Add(1)
		go func(path string) {
			defer wg.Done()
			if _, ok := c.Get(path); !ok {
				c.Set(path, render(path))
			}
		}(p)
	}
	wg.Wait()
	var paths []string
	for _, p := range []string{"/home", "/about", "/blog"} {
		html, _ := c.Get(p)
		paths = append(paths, p+" "+html)
	}
	sort.Strings(paths)
	fmt.Println(strings.Join(paths, "\n"))
}
