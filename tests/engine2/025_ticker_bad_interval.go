// NewTicker with a non-positive interval panics with an error value.
package main

import (
	"fmt"
	"time"
)

func main() {
	func() {
		defer func() {
			r := recover()
			err, ok := r.(error)
			fmt.Println("recovered error:", ok, err)
		}()
		time.NewTicker(0)
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		tk := time.NewTicker(time.Second)
		tk.Reset(-1)
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var tk time.Ticker
		tk.Stop()
		fmt.Println("zero Ticker Stop is fine")
		tk.Reset(time.Second)
	}()
	time.NewTicker(-time.Second)
}
