package main

import "fmt"

func main() {
	fmt.Println("hello, world")
	fmt.Println("你好，世界")
}
