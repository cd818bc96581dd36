// A profile cache in front of a slow backend. Handlers run concurrently;
// serve() turns any panic into a 500 so one bad request cannot crash us.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Cache struct {
	mu    sync.Mutex
	items map[string]string
	loads int
}

func loadProfile(user string) string { // slow: a database call
	return strings.ToUpper(user[:1]) + user[1:] + " (member)"
}

func (c *Cache) Get(user string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.items[user]; ok {
		return p
	}
	c.mu.Unlock() // don't hold the lock during the slow load
	p := loadProfile(user)
	c.items[user] = p
	c.loads++
	return p
}

func serve(c *Cache, user string) (reply string) {
	defer func() {
		if r := recover(); r != nil {
			reply = "500 " + fmt.Sprint(r)
		}
	}()
	return "200 " + c.Get(user)
}

func main() {
	c := &Cache{items: map[string]string{"ann": "Ann (admin)"}}
	var mu sync.Mutex
	var replies []string
	var wg sync.WaitGroup
	for _, user := range []string{"ann", "bob", "cid"} {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			r := serve(c, u)
			mu.Lock()
			replies = append(replies, u+": "+r)
			mu.Unlock()
		}(user)
	}
	wg.Wait()
	sort.Strings(replies)
	fmt.Println(strings.Join(replies, "\n"))
	fmt.Println("backend loads:", c.loads)
}
