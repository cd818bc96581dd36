package main

import "fmt"

func main() {
	a, b := -7, 2
	fmt.Println(a/b, a%b)
	fmt.Println(7/-2, 7%-2, -7/-2, -7%-2)
	c, d := 7, -2
	fmt.Println(c/d, c%d)
	var m int8 = -128
	var n int8 = -1
	fmt.Println(m/n, m%n)
	var big int64 = -9223372036854775808
	var one int64 = -1
	fmt.Println(big/one, big%one)
	fmt.Println(-1/3, -1%3, 1/3)
	var u uint = 7
	fmt.Println(u/2, u%2)
	for _, v := range []int{-10, -3, -1, 0, 1, 3, 10} {
		fmt.Print(v/3, ":", v%3, " ")
	}
	fmt.Println()
	x := -9
	x /= 4
	fmt.Println(x)
	f := -7.0
	fmt.Println(f / 2)
}
