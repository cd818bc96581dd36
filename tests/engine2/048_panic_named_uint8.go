package main

type U8 uint8

func main() {
	panic(U8(200))
}
