// Waiting on a Cond nobody signals: every goroutine is asleep. Go 1.19
// shows the wait reason [sync.Cond.Wait].
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	c := sync.NewCond(&mu)
	mu.Lock()
	fmt.Println("waiting")
	c.Wait()
	fmt.Println("never")
}
