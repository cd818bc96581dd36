package main

import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("no")
	go func() {
		defer os.Exit(4)
		panic("never shown?")
	}()
	select {}
}
