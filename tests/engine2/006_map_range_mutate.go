// Range stops when f returns false; f may Store and Delete meanwhile.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	for i := 0; i < 10; i++ {
		m.Store(i, i*i)
	}
	visits := 0
	m.Range(func(k, v any) bool {
		visits++
		return visits < 3
	})
	fmt.Println("visits:", visits)
	m.Range(func(k, v any) bool {
		m.Delete(k)
		return true
	})
	n := 0
	m.Range(func(k, v any) bool { n++; return true })
	fmt.Println("after delete-all:", n)
}
