// Stop on a zero Timer panics too; the panic is recoverable.
package main

import (
	"fmt"
	"time"
)

func main() {
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var t time.Timer
		t.Stop()
	}()
	t := &time.Timer{}
	t.Stop()
}
