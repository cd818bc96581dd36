package main

import (
	"errors"
	"fmt"
)

func load() error { return errors.New("config file missing") }

func main() {
	fmt.Println("loading")
	if err := load(); err != nil {
		panic(err)
	}
}
