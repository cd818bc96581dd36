package main

import "fmt"

func main() {
	defer func() {
		fmt.Println("recover:", recover())
	}()
	defer func() {
		defer func() {
			fmt.Println("inner recover:", recover())
			panic("third")
		}()
		panic("second")
	}()
	panic("first")
}
