package main

import "fmt"

func main() {
	var a int8 = 127
	a++
	fmt.Println(a)
	var b int8 = -128
	b--
	fmt.Println(b)
	var c int8 = -128
	fmt.Println(-c, c*-1)
	var u uint8 = 255
	u++
	fmt.Println(u)
	var z uint8 = 0
	z--
	fmt.Println(z)
	var m uint8 = 200
	fmt.Println(m+100, m*2, m<<1)
	var i8 int8 = 100
	fmt.Println(i8+i8, i8*3)
	var by byte = 'A'
	by += 200
	fmt.Println(by)
	x := 300
	fmt.Println(int8(x), uint8(x), int8(-x), uint8(-1*x))
}
