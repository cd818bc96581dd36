// The typed atomics of Go 1.19: Bool, Int32, Int64, Uint32, Uint64,
// Uintptr.
package main

import (
	"fmt"
	"sync/atomic"
)

type stats struct {
	hits  atomic.Int64
	ready atomic.Bool
}

func main() {
	var b atomic.Bool
	fmt.Println(b.Load(), b.Swap(true), b.Load(), b.CompareAndSwap(false, true), b.CompareAndSwap(true, false), b.Load())
	b.Store(true)
	fmt.Println(b.Load())

	var i atomic.Int32
	fmt.Println(i.Add(5), i.Add(-7), i.Swap(3), i.CompareAndSwap(3, 30), i.Load())
	i.Store(-1)
	fmt.Println(i.Load())

	var i64 atomic.Int64
	i64.Store(1 << 40)
	fmt.Println(i64.Add(1), i64.Swap(2), i64.CompareAndSwap(1, 3), i64.Load())

	var u atomic.Uint32
	fmt.Println(u.Add(^uint32(0)), u.Swap(7), u.CompareAndSwap(7, 8), u.Load())
	u.Store(1)
	fmt.Println(u.Load())

	var u64 atomic.Uint64
	u64.Store(10)
	fmt.Println(u64.Add(5), u64.Swap(1), u64.CompareAndSwap(1, 2), u64.Load())

	var up atomic.Uintptr
	up.Store(4)
	fmt.Println(up.Add(1), up.Swap(9), up.CompareAndSwap(9, 10), up.Load())

	s := &stats{}
	s.hits.Add(2)
	s.ready.Store(true)
	fmt.Println(s.hits.Load(), s.ready.Load())
}
