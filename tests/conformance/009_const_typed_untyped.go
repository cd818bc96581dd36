package main

import "fmt"

const huge = 1 << 100
const small = huge >> 98
const pi = 3.14159265358979323846264338327950288
const three = 3.0

type Celsius float64

const boiling Celsius = 100

func main() {
	fmt.Println(small)
	var i int = three
	fmt.Println(i)
	var f float64 = small
	fmt.Println(f, pi)
	var f32 float32 = 0.1
	fmt.Println(float64(f32) == 0.1)
	x := 7 / 2
	y := 7 / 2.0
	fmt.Println(x, y)
	fmt.Printf("%T %T %T %T %T\n", 1, 1.0, 'a', "s", true)
	fmt.Printf("%T %v\n", boiling, boiling)
	const c = 'a' + 1
	fmt.Println(c, string(rune(c)))
	var u8 uint8 = 255
	fmt.Println(u8 + small - 4)
	const mask = ^0
	fmt.Println(mask)
	const big = huge / (huge >> 3)
	fmt.Println(big)
}
