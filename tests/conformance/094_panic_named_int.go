package main

import "fmt"

type MyInt int

func main() {
	v := MyInt(3)
	fmt.Println("value", v)
	panic(v)
}
