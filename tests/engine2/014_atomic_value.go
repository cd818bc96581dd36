// atomic.Value: Load before Store is nil; Store, Swap, CompareAndSwap; the
// misuse panics are recoverable.
package main

import (
	"fmt"
	"sync/atomic"
)

type config struct {
	name string
	n    int
}

func try(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println(what, "panicked:", r)
		}
	}()
	f()
	fmt.Println(what, "ok")
}

func main() {
	var v atomic.Value
	fmt.Println(v.Load())
	v.Store(config{"a", 1})
	fmt.Println(v.Load().(config).name)
	old := v.Swap(config{"b", 2})
	fmt.Println(old.(config).name, v.Load().(config).n)
	fmt.Println(v.CompareAndSwap(config{"b", 2}, config{"c", 3}))
	fmt.Println(v.CompareAndSwap(config{"b", 2}, config{"d", 4}))
	fmt.Println(v.Load())

	try("store nil", func() { v.Store(nil) })
	try("store int", func() { v.Store(42) })
	try("swap nil", func() { v.Swap(nil) })
	try("swap string", func() { v.Swap("x") })
	try("cas nil", func() { v.CompareAndSwap(config{}, nil) })
	try("cas mixed", func() { v.CompareAndSwap(1, config{}) })
	try("cas other", func() { v.CompareAndSwap(1, 2) })

	var w atomic.Value
	fmt.Println(w.CompareAndSwap(1, 2), w.Load())
	fmt.Println(w.CompareAndSwap(nil, 2), w.Load())
	fmt.Println(w.Swap(5))
	var s atomic.Value
	s.Store([]int{1})
	try("cas uncomparable", func() { s.CompareAndSwap([]int{1}, []int{2}) })
}
