package main

import "fmt"

func main() {
	x := 1
	fmt.Println(x<<3, x<<62, 1024>>3)
	var s uint = 70
	fmt.Println(x<<s, -8>>s)
	n := -16
	fmt.Println(n>>1, n>>2, n>>10)
	var u uint8 = 0x81
	fmt.Println(u<<1, u>>1, u<<7)
	var i8 int8 = -128
	fmt.Println(i8>>7, i8>>1)
	var u64 uint64 = 1 << 63
	fmt.Println(u64>>63, u64<<1)
	var k uint32 = 1
	for i := 0; i < 5; i++ {
		k <<= 4
		fmt.Print(k, " ")
	}
	fmt.Println()
	shift := 3
	fmt.Println(5<<shift, 40>>shift)
	var i32 int32 = 1
	var w uint = 32
	fmt.Println(i32<<31, i32<<w)
}
