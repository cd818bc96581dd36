package main

import "fmt"

func level3() {
	defer fmt.Println("defer in level3")
	var arr []string
	idx := 7
	fmt.Println(arr[idx])
}

func level2() {
	defer fmt.Println("defer in level2")
	level3()
	fmt.Println("not printed")
}

func main() {
	defer fmt.Println("defer in main")
	defer func() {
		fmt.Println("deferred closure runs, no recover")
	}()
	level2()
}
