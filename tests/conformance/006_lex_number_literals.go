package main

import "fmt"

func main() {
	fmt.Println(0x1F, 0XfF, 0o17, 0O17, 017, 0b1011, 0B11)
	fmt.Println(1_000_000, 0x_FF_FF, 0b_1010_0101, 0o_7_7)
	fmt.Println(1e3, 1.5e-3, .5, 5., 1_0.2_5, 0x1p-2, 0x1.8p1)
	fmt.Println(00, 0, 07)
	var big uint64 = 0xFFFF_FFFF_FFFF_FFFF
	fmt.Println(big)
	var neg int64 = -0x8000_0000_0000_0000
	fmt.Println(neg)
	fmt.Println(1e2 == 100, 0x10 == 16, 0b10 == 2)
	x := 1_2_3
	fmt.Printf("%d %x %X\n", x, x, x)
}
