// Only a nil parent panics.
package main

import (
	"context"
	"fmt"
)

func main() {
	for _, f := range []func(){
		func() { context.WithValue(nil, "k", "v") },
		func() { context.WithTimeout(nil, 0) },
	} {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			f()
		}()
	}
	var parent context.Context
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	fmt.Println(ctx)
}
