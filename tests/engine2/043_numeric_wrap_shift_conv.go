// Audit: shortest float printing, wrap-around of every sized integer type,
// MinInt/-1, shifts by large counts, float->int of negative values,
// integer conversions that truncate.
package main

import "fmt"

func main() {
	fmt.Println(0.1+0.2, 1.0, 1e21, 1e20, 123456789.0, 1e-7, 0.000001, float32(0.1), float32(1)/3, 2.0/3)
	fmt.Println(100000000000000000000.0, 3e-5, -0.0)
	var z float64
	fmt.Println(1/z, -1/z, z/z, float32(16777217))
	fmt.Printf("%v %g %.2g %f %.0f %6.3e\n", 1e6, 1e6, 123.0, 1e6, 2.5, 12345.678)
	var i8 int8 = 127
	i8++
	var u8 uint8 = 0
	u8--
	var i16 int16 = 32767
	i16 += 2
	var u16 uint16 = 65535
	u16 += 3
	var i32 int32 = 2147483647
	i32++
	var u32 uint32 = 0
	u32 -= 1
	var i64 int64 = 9223372036854775807
	i64++
	var u64 uint64 = 0
	u64--
	var ii int = -9223372036854775808
	ii--
	var uu uint = 0
	uu--
	var by byte = 200
	by *= 2
	var r rune = 2147483647
	r++
	var up uintptr = 0
	up--
	fmt.Println(i8, u8, i16, u16, i32, u32, i64, u64, ii, uu, by, r, up)
	var m8 int8 = -128
	fmt.Println(-m8, m8/-1, m8*-1, m8%-1)
	var m64 int64 = -9223372036854775808
	fmt.Println(m64/-1, m64%-1)
	var s uint = 70
	var x int = 1
	var y int32 = -8
	var u uint8 = 0xff
	fmt.Println(x<<s, x<<63, y>>s, y>>2, u<<s, u>>8, u<<4, int64(-1)>>100)
	var fneg = -3.7
	var fpos = 3.7
	h, n2 := -0.5, -2.9
	f32 := float32(-1.99)
	fmt.Println(int(fneg), int(fpos), int64(h), uint8(fpos), int32(n2), int(f32))
	big := 300
	fmt.Println(int8(big), uint8(big), int16(big*250), byte(-1+big), uint32(-big), int(uint8(255)), float64(int8(-1)))
	fmt.Println(string(rune(65)), string(rune(-1)), string(rune(0x10FFFF+1)))
	fmt.Println(7/2, -7/2, 7%-2, -7%2, 7.0/2, 1<<10)
}
