package main

import "fmt"

func main() {
	a, b := 1, 2
	a, b = b, a
	fmt.Println(a, b)
	x, y, z := "x", "y", "z"
	x, y, z = z, x, y
	fmt.Println(x, y, z)
	s := []int{10, 20, 30}
	i := 0
	i, s[i] = 1, 99
	fmt.Println(i, s)
	s[0], s[2] = s[2], s[0]
	fmt.Println(s)
	var p, q int
	p, q = q+1, p+2
	fmt.Println(p, q)
	m := map[string]int{}
	m["a"], m["b"] = 1, 2
	fmt.Println(m)
	n, _ := divmod(17, 5)
	_, r := divmod(17, 5)
	fmt.Println(n, r)
	a += 10
	a -= 3
	a *= 2
	a /= 3
	a %= 4
	a <<= 3
	a |= 1
	fmt.Println(a)
}

func divmod(a, b int) (int, int) { return a / b, a % b }
