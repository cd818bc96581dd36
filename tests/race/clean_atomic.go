// Publication through an atomic flag: the store releases, the load that
// sees it acquires.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

func main() {
	var ready int32
	var hits atomic.Int64
	data := 0
	go func() {
		data = 42
		hits.Add(1)
		atomic.StoreInt32(&ready, 1)
	}()
	for atomic.LoadInt32(&ready) == 0 {
		runtime.Gosched()
	}
	fmt.Println(data, hits.Load())
}
