package main

import "fmt"

func main() {
	a, b := 0b1100, 0b1010
	fmt.Println(a&b, a|b, a^b, a&^b, ^a)
	fmt.Printf("%x %x %x %x\n", a&b, a|b, a^b, a&^b)
	var u uint8 = 0x0F
	fmt.Println(^u, u^0xFF, u|0xF0)
	fmt.Printf("%08d %03x %x %X %5x %-4X|\n", u, 64, 255, 255, 255, 171)
	var flags uint
	const (
		Read uint = 1 << iota
		Write
		Exec
	)
	flags |= Read | Exec
	fmt.Println(flags, flags&Write != 0, flags&Exec != 0)
	flags &^= Exec
	fmt.Println(flags)
	x := -1
	fmt.Printf("%x %x\n", x, int8(-3))
	var u32 uint32 = 0xDEADBEEF
	fmt.Printf("%x %d\n", u32>>16, u32&0xFFFF)
	count := 0
	for v := uint(0xF0F0); v != 0; v &= v - 1 {
		count++
	}
	fmt.Println(count)
}
