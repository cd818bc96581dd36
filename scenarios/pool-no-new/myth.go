// Myth: "objects that carry a finalizer come back from a sync.Pool as
// invalid memory and crash with a nil dereference".
// Every pooled Buf below has a finalizer; eight goroutines Get and Put
// them while the garbage collector keeps emptying the pool.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

type Buf struct{ b []byte }

var finalized int64

var pool = sync.Pool{New: func() any {
	b := &Buf{b: make([]byte, 0, 64)}
	runtime.SetFinalizer(b, func(*Buf) { atomic.AddInt64(&finalized, 1) })
	return b
}}

func main() {
	var bad int64
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20000; i++ {
				b := pool.Get().(*Buf)
				b.b = append(b.b[:0], "hello"...)
				if string(b.b) != "hello" {
					atomic.AddInt64(&bad, 1)
				}
				pool.Put(b)
				if i%2000 == 0 {
					runtime.GC() // drops pooled objects, finalizers get queued
				}
			}
		}()
	}
	wg.Wait()
	for i := 0; i < 50 && atomic.LoadInt64(&finalized) == 0; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	fmt.Println("160000 Get/Put rounds, broken buffers:", atomic.LoadInt64(&bad))
	fmt.Println("some finalizers ran:", atomic.LoadInt64(&finalized) > 0)
	fmt.Println("no panic")
}
