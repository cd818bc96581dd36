// WithDeadline: a past deadline is exceeded at once; a child cannot extend
// its parent's deadline; cancel stops the timer.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	past, c1 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer c1()
	fmt.Println("past:", past.Err())

	parent, c2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer c2()
	pd, _ := parent.Deadline()
	child, c3 := context.WithTimeout(parent, time.Hour)
	defer c3()
	cd, ok := child.Deadline()
	fmt.Println("child deadline is parent's:", ok, cd.Equal(pd))
	fmt.Printf("%T %T\n", parent, child)
	short, c4 := context.WithTimeout(parent, 10*time.Millisecond)
	defer c4()
	sd, _ := short.Deadline()
	fmt.Println("short before parent:", sd.Before(pd))
	<-short.Done()
	fmt.Println("short:", short.Err(), "parent:", parent.Err())
	<-child.Done()
	fmt.Println("child:", child.Err(), "parent:", parent.Err())

	early, c5 := context.WithTimeout(context.Background(), time.Hour)
	c5()
	fmt.Println("canceled before deadline:", early.Err())
	c5()
	fmt.Println(early.Err())
}
