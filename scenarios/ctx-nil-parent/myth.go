// Myth: "context.WithCancel panics when its parent is already canceled".
// It does not: the child is born canceled. Only a nil parent panics.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

func main() {
	parent, cancelParent := context.WithCancel(context.Background())
	cancelParent()
	fmt.Println("parent.Err():", parent.Err())

	child, cancel := context.WithCancel(parent)
	defer cancel()
	fmt.Println("WithCancel(canceled parent) returned, no panic")
	fmt.Println("child.Err():", child.Err(), "| is context.Canceled:", errors.Is(child.Err(), context.Canceled))
	select {
	case <-child.Done():
		fmt.Println("child.Done() is already closed")
	default:
		fmt.Println("child.Done() is still open")
	}

	timed, cancelTimed := context.WithTimeout(parent, time.Hour)
	defer cancelTimed()
	fmt.Println("WithTimeout(canceled parent, 1h).Err():", timed.Err())

	var nilParent context.Context
	fmt.Println("now WithCancel(nil parent)...")
	_, cancelNil := context.WithCancel(nilParent)
	cancelNil()
}
