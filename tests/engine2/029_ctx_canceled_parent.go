// A child of a canceled parent is born canceled (no panic); with a
// canceled parent WithTimeout(…, 0) reports Canceled, with Background it
// reports DeadlineExceeded.
package main

import (
	"context"
	"errors"
	"fmt"
)

func main() {
	parent, cancel := context.WithCancel(context.Background())
	cancel()
	child, cancelChild := context.WithCancel(parent)
	defer cancelChild()
	select {
	case <-child.Done():
		fmt.Println("child born canceled:", child.Err())
	default:
		fmt.Println("child alive")
	}
	fmt.Println(child.Err() == context.Canceled)

	t1, c1 := context.WithTimeout(parent, 0)
	defer c1()
	t2, c2 := context.WithTimeout(context.Background(), 0)
	defer c2()
	fmt.Println(t1.Err())
	fmt.Println(t2.Err())
	fmt.Println(errors.Is(t2.Err(), context.DeadlineExceeded))
	v := context.WithValue(parent, 1, 2)
	fmt.Println(v.Err(), v.Value(1))
}
