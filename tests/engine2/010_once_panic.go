// sync.Once: a panicking f still counts as done; the second Do does
// nothing.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		once.Do(func() { panic("boom in once") })
	}()
	ran := false
	once.Do(func() { ran = true })
	fmt.Println("second Do ran:", ran)
}
