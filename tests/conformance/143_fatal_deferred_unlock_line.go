package main

import (
	"fmt"
	"sync"
)

// The deferred Unlock runs at the return statement, and Go's traceback
// blames that line, not the function's closing brace.
var mu sync.Mutex

func get(n int) int {
	mu.Lock()
	defer mu.Unlock()
	mu.Unlock()
	if n > 0 {
		return n * 2
	}
	return 0
}

func main() {
	fmt.Println("start")
	fmt.Println(get(3))
}
