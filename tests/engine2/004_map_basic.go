// sync.Map: Store, Load, LoadOrStore, LoadAndDelete, Delete, Range.
package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var m sync.Map
	v, ok := m.Load("a")
	fmt.Println(v, ok)
	m.Store("a", 1)
	m.Store("b", 2)
	m.Store("a", 3)
	v, ok = m.Load("a")
	fmt.Println(v, ok)
	act, loaded := m.LoadOrStore("a", 100)
	fmt.Println(act, loaded)
	act, loaded = m.LoadOrStore("c", 4)
	fmt.Println(act, loaded)
	v, loaded = m.LoadAndDelete("b")
	fmt.Println(v, loaded)
	v, loaded = m.LoadAndDelete("b")
	fmt.Println(v, loaded)
	m.Delete("zzz")
	m.Store(42, "int key")
	var keys []string
	m.Range(func(k, v any) bool {
		keys = append(keys, fmt.Sprint(k, "=", v))
		return true
	})
	sort.Strings(keys)
	fmt.Println(keys)
	m.Delete("a")
	n := 0
	m.Range(func(k, v any) bool { n++; return true })
	fmt.Println("left:", n)
}
