// A Pool without New returns nil from an empty Get; asserting its type
// panics.
package main

import (
	"fmt"
	"sync"
)

type Buf struct{ data []byte }

func main() {
	var p sync.Pool
	fmt.Println(p.Get())
	b := p.Get().(*Buf)
	fmt.Println(len(b.data))
}
