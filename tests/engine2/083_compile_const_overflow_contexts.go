package main

import "fmt"

const third = 1.0 / 3

func main() {
	x := 1 << 70
	var y = 1e400
	z := 0.1 + 0.2
	fmt.Println(x, y, z, 1e400*0)
	var f32 float32 = 1e39
	const big = 1 << 100
	fmt.Println(big, f32, third*3 == 1)
}
