package main

import "fmt"

func main() {
	x := 10.0
	y := 3.0
	fmt.Println(x+y, x-y, x*y, x/y)
	x += 0.5
	x *= 2
	x -= 1
	x /= 4
	fmt.Println(x)
	fmt.Println(x > y, x < y, x == 5, x != 5)
	fmt.Println(7/2, 7/2.0, 7.0/2)
	sum := 0.0
	for i := 0; i < 10; i++ {
		sum += 0.1
	}
	fmt.Println(sum, sum == 1.0)
	n := 5
	avg := float64(n*3) / float64(2)
	fmt.Println(avg)
	c := 100.0
	f := c*9/5 + 32
	fmt.Println(f)
	big := 1e308
	fmt.Println(big*10, -big*10)
	tiny := 1e-320
	fmt.Println(tiny, tiny/1e10)
	fmt.Printf("%.2f %.3f %.1f\n", 1.005, 2.0005, 0.05)
	k := 2.9999
	var i int = int(k * 10)
	fmt.Println(i)
	fmt.Println(-0.5 + 0.5)
}
