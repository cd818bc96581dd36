// A link checker: one goroutine per URL checks it and reports a status
// line on c.results; main collects one line per URL.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Checker struct {
	results chan string
	wg      sync.WaitGroup
}

func NewChecker() *Checker {
	return &Checker{}
}

func status(url string) string {
	switch {
	case strings.HasPrefix(url, "http://"):
		return "insecure"
	case strings.HasSuffix(url, "/old"):
		return "moved"
	}
	return "ok"
}

func (c *Checker) Check(urls []string) {
	for _, u := range urls {
		c.wg.Add(1)
		go func(url string) {
			defer c.wg.Done()
			c.results <- url + " " + status(url)
		}(u)
	}
}

func main() {
	urls := []string{
		"https://go.dev",
		"http://example.com",
		"https://pkg.go.dev/old",
	}
	c := NewChecker()
	c.Check(urls)
	var lines []string
	for range urls {
		lines = append(lines, <-c.results)
	}
	c.wg.Wait()
	sort.Strings(lines)
	fmt.Println(strings.Join(lines, "\n"))
}
