// WithValue: lookups walk up the chain, the nearest key wins, keys of
// different types never match; misuse panics.
package main

import (
	"context"
	"fmt"
)

type key string
type otherKey string

func main() {
	ctx := context.WithValue(context.Background(), key("user"), "ann")
	ctx = context.WithValue(ctx, key("role"), "admin")
	ctx2, cancel := context.WithCancel(ctx)
	defer cancel()
	ctx3 := context.WithValue(ctx2, key("user"), "bob")
	fmt.Println(ctx3.Value(key("user")), ctx3.Value(key("role")), ctx.Value(key("user")))
	fmt.Println(ctx3.Value(otherKey("user")), ctx3.Value("user"))
	fmt.Println(ctx3)
	fmt.Println(context.WithValue(context.TODO(), 7, 8))
	fmt.Println(context.WithValue(context.TODO(), "k", struct{}{}))
	for _, k := range []any{nil, []int{1}, map[string]int{}} {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			context.WithValue(context.Background(), k, 1)
		}()
	}
}
