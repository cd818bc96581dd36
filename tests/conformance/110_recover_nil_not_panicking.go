package main

import "fmt"

func helper() any { return recover() }

func main() {
	fmt.Println("direct:", recover())
	defer func() {
		fmt.Println("deferred, no panic:", recover())
	}()
	func() {
		defer func() {
			r := recover()
			fmt.Println("recovered:", r)
			fmt.Println("second recover:", recover())
		}()
		panic("inner")
	}()
	fmt.Println("helper outside panic:", helper())
	var r any = recover()
	fmt.Println(r == nil)
}
