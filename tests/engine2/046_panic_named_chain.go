package main

type MyInt int
type MyF float64
type MyS string
type MyB bool
type U8 uint8

func main() {
	defer func() {
		panic(MyF(2.5))
	}()
	defer func() {
		panic(MyS("s"))
	}()
	panic(MyInt(3))
}
