// A structured logger. Formatting a log line needs a scratch buffer;
// buffers are recycled through a sync.Pool to save allocations.
package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

type Buf struct{ b []byte }

var bufPool = sync.Pool{New: func() any { return new(Buf) }}

func format(level, msg string, fields map[string]int) string {
	buf := bufPool.Get().(*Buf)
	defer bufPool.Put(buf)
	buf.b = append(buf.b[:0], level...)
	buf.b = append(buf.b, ' ')
	buf.b = append(buf.b, msg...)
	var keys []string
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		buf.b = append(buf.b, ' ')
		buf.b = append(buf.b, k...)
		buf.b = append(buf.b, '=')
		buf.b = strconv.AppendInt(buf.b, int64(fields[k]), 10)
	}
	return string(buf.b)
}

func main() {
	var mu sync.Mutex
	var lines []string
	var wg sync.WaitGroup
	for i, msg := range []string{"login", "upload", "logout"} {
		wg.Add(1)
		go func(user int, msg string) {
			defer wg.Done()
			line := format("INFO", msg, map[string]int{"user": user, "ms": 12 * user})
			mu.Lock()
			lines = append(lines, line)
			mu.Unlock()
		}(i+1, msg)
	}
	wg.Wait()
	sort.Strings(lines)
	fmt.Println(strings.Join(lines, "\n"))
}
