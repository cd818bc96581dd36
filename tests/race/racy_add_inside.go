// wg.Add inside the goroutine: Wait may run before any Add (ground truth
// 5d); Go's race detector reports Wait's write against Add's read.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	n := 0
	for i := 0; i < 3; i++ {
		go func() {
			wg.Add(1)
			defer wg.Done()
			time.Sleep(10 * time.Millisecond)
			mu.Lock()
			n++
			mu.Unlock()
		}()
	}
	time.Sleep(time.Millisecond)
	wg.Wait()
	fmt.Println("done")
}
