package main

import (
	"fmt"
	"strconv"
)

func main() {
	x, y := 0.1, 0.2
	fmt.Println(strconv.FormatFloat(x+y, 'g', -1, 64))
	fmt.Printf("%v\n", x+y)
	for _, c := range []struct {
		f    float64
		b    int
		v    byte
		prec int
	}{{1e21, 64, 'g', -1}, {123456789, 64, 'f', -1}, {123456789, 64, 'e', -1}, {-0.001, 64, 'g', -1},
		{float64(float32(0.1)), 32, 'g', -1}, {float64(float32(0.1)), 64, 'g', -1}, {3.14159, 64, 'f', 2},
		{12345.6789, 64, 'E', 4}, {12345.6789, 64, 'g', 4}, {1.7976931348623157e308, 64, 'g', -1}, {5e-324, 64, 'g', -1},
		{100, 64, 'g', 3}, {100, 64, 'g', 2}} {
		fmt.Println(strconv.FormatFloat(c.f, c.v, c.prec, c.b))
	}
}
