package main

import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("never printed")
	defer func() {
		fmt.Println("in defer, exiting 3")
		os.Exit(3)
	}()
	panic("boom")
}
