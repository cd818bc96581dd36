// A database client that connects lazily, exactly once, on first use.
// The first dial fails (the database is still starting); the caller
// recovers and retries, then three workers run their queries.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Conn struct{ addr string }

func (c *Conn) Query(q string) string { return c.addr + " <- " + q }

var dials int

func dial(addr string) *Conn {
	dials++
	if dials == 1 {
		panic("dial " + addr + ": connection refused")
	}
	return &Conn{addr: addr}
}

type Client struct {
	addr string
	once sync.Once
	conn *Conn
}

func (c *Client) connect() {
	c.once.Do(func() { c.conn = dial(c.addr) })
}

// tryConnect turns a panic while connecting into an error, so we can retry.
func (c *Client) tryConnect() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	c.connect()
	return nil
}

func main() {
	c := &Client{addr: "db:5432"}
	for attempt := 1; attempt <= 3; attempt++ {
		if err := c.tryConnect(); err != nil {
			fmt.Printf("attempt %d: %v\n", attempt, err)
			continue
		}
		fmt.Printf("attempt %d: connected\n", attempt)
		break
	}
	results := make([]string, 3)
	var wg sync.WaitGroup
	for i, q := range []string{"SELECT 1", "SELECT 2", "SELECT 3"} {
		wg.Add(1)
		go func(i int, q string) {
			defer wg.Done()
			results[i] = c.conn.Query(q)
		}(i, q)
	}
	wg.Wait()
	sort.Strings(results)
	fmt.Println(strings.Join(results, "\n"))
}
