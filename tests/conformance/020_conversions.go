package main

import "fmt"

func main() {
	i := 7
	f := float64(i) / 2
	fmt.Println(f)
	g := -2.7
	fmt.Println(int(g), int(-g), int64(1e10))
	h := 3.99
	fmt.Println(int(h), uint8(h))
	fmt.Println(string(rune(65)), string(rune(0x4e2d)), string(rune(-1)))
	r := 'é'
	fmt.Println(int(r), string(r))
	var i64 int64 = 1<<40 + 3
	fmt.Println(int8(i64), int32(i64), uint16(i64))
	n := -1
	fmt.Println(uint8(n), uint32(n))
	fmt.Println(float64(1<<53+1), int64(float64(1<<53+1)))
	b := byte(200)
	fmt.Println(int8(b), int(b), rune(b))
	var f32 float32 = 1.1
	fmt.Println(f32, float64(f32) > 1.1)
	fmt.Println(float32(0.1)+float32(0.2), 1.0/3.0)
	type Score int
	s := Score(10)
	fmt.Println(int(s)+1, float64(s)/4)
}
