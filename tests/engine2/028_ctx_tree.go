// Canceling a context cancels its whole subtree, not its parent or
// siblings; results are printed in a fixed order.
package main

import (
	"context"
	"fmt"
	"sync"
)

func main() {
	root, cancelRoot := context.WithCancel(context.Background())
	a, cancelA := context.WithCancel(root)
	a1, cancelA1 := context.WithCancel(a)
	a2 := context.WithValue(a, "name", "a2")
	a2x, cancelA2x := context.WithCancel(a2)
	b, cancelB := context.WithCancel(root)
	defer cancelA1()
	defer cancelA2x()
	defer cancelB()
	defer cancelRoot()

	names := []string{"root", "a", "a1", "a2", "a2x", "b"}
	ctxs := []context.Context{root, a, a1, a2, a2x, b}
	var wg sync.WaitGroup
	got := make([]string, len(ctxs))
	for i, c := range ctxs[1:] {
		wg.Add(1)
		go func(i int, c context.Context) {
			defer wg.Done()
			<-c.Done()
			got[i] = names[i] + ": " + c.Err().Error()
		}(i+1, c)
	}
	cancelA()
	for i, c := range ctxs {
		fmt.Println(names[i], c.Err())
	}
	cancelRoot()
	wg.Wait()
	for _, g := range got[1:] {
		fmt.Println(g)
	}
	fmt.Println(a2x.Value("name"), root.Err())
	cancelA()
	fmt.Println("cancel twice is fine:", a.Err())
}
