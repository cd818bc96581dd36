package main

import "fmt"

type E struct{}

func (E) Error() string { return "E err" }

func main() {
	var i interface{} = "str"
	defer func() {
		err := recover().(error)
		fmt.Println(err.Error())
		var e error = E{}
		panic(e)
	}()
	n := i.(int)
	fmt.Println(n)
}
