// Count status codes in an access log with four workers sharing one map.
// Each worker has a recover() safety net so one bad line cannot kill it.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

func main() {
	codes := []string{"200", "200", "304", "404", "200", "500", "301", "200"}
	var log []string
	for i := 0; i < 4000; i++ {
		log = append(log, "GET /page/"+codes[i%7]+" "+codes[i%len(codes)])
	}

	counts := map[string]int{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(part []string) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					fmt.Println("worker recovered:", r)
				}
			}()
			for _, line := range part {
				fields := strings.Fields(line)
				mu.Lock()
				counts[fields[2]]++
				mu.Unlock()
			}
		}(log[w*1000 : (w+1)*1000])
	}
	wg.Wait()

	var keys []string
	for code := range counts {
		keys = append(keys, code)
	}
	sort.Strings(keys)
	for _, code := range keys {
		fmt.Println(code, counts[code])
	}
}
