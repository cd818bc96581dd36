// Pool.New builds objects on demand; Put then Get hands the same one back
// (one goroutine, no GC in between); Put(nil) is ignored.
package main

import (
	"fmt"
	"sync"
)

type Buf struct{ id int }

func main() {
	made := 0
	p := sync.Pool{New: func() any {
		made++
		return &Buf{id: made}
	}}
	a := p.Get().(*Buf)
	b := p.Get().(*Buf)
	fmt.Println(a.id, b.id, made)
	p.Put(a)
	c := p.Get().(*Buf)
	fmt.Println(c == a, made)
	p.Put(nil)
	d := p.Get().(*Buf)
	fmt.Println(d.id, made)
}
