// sync.Once: everything the first Do's function wrote is visible to every
// caller once Do returns.
package main

import (
	"fmt"
	"sync"
)

var (
	once   sync.Once
	config map[string]string
)

func get(k string) string {
	once.Do(func() {
		config = map[string]string{"mode": "safe"}
	})
	return config[k]
}

func main() {
	var wg sync.WaitGroup
	res := make([]string, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res[i] = get("mode")
		}(i)
	}
	wg.Wait()
	fmt.Println(res)
}
