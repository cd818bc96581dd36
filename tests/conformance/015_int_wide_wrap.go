package main

import "fmt"

func main() {
	var i32 int32 = 2147483647
	i32++
	fmt.Println(i32)
	var u32 uint32 = 0
	u32--
	fmt.Println(u32)
	var u uint = 0
	u--
	fmt.Println(u, u == ^uint(0))
	var i64 int64 = 9223372036854775807
	i64++
	fmt.Println(i64)
	var u64 uint64 = 1 << 63
	fmt.Println(u64, u64*2)
	var i int = -9223372036854775808
	fmt.Println(i, -i, i-1)
	var u16 uint16 = 65535
	var i16 int16 = 32767
	u16++
	i16++
	fmt.Println(u16, i16)
	big := int64(1) << 40
	fmt.Println(int32(big), int32(big+5), uint32(big-1))
	var mul int32 = 100000
	fmt.Println(mul * mul)
	fmt.Printf("%T %T %T\n", i32, u64, u)
}
