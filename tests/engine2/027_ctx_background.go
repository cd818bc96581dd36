// Background and TODO: never canceled, no deadline, no values.
package main

import (
	"context"
	"fmt"
)

func main() {
	for _, ctx := range []context.Context{context.Background(), context.TODO()} {
		d, ok := ctx.Deadline()
		fmt.Println(ctx, ctx.Err(), ctx.Done() == nil, ctx.Value("k"), d.IsZero(), ok)
		fmt.Printf("%T %v\n", ctx, ctx)
	}
	fmt.Println(context.Background() == context.Background(), context.Background() == context.TODO())
	fmt.Println(context.Canceled, context.DeadlineExceeded)
	fmt.Printf("%T %T\n", context.Canceled, context.DeadlineExceeded)
	t, ok := context.DeadlineExceeded.(interface{ Timeout() bool })
	fmt.Println(ok, t.Timeout())
}
