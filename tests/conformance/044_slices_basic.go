package main

import "fmt"

func main() {
	s := make([]int, 3, 5)
	fmt.Println(s, len(s), cap(s))
	s = append(s, 4)
	fmt.Println(s, len(s), cap(s))
	t := s[1:3]
	fmt.Println(t, len(t), cap(t))
	t[0] = 100
	fmt.Println(s)
	var nilS []int
	empty := []int{}
	fmt.Println(nilS, empty, nilS == nil, empty == nil, len(nilS), cap(nilS))
	nilS = append(nilS, 1)
	fmt.Println(nilS)
	u := []string{"a", "b", "c", "d", "e"}
	fmt.Println(u[:2], u[3:], u[1:4], u[:], u[5:])
	fmt.Println(len(u[2:2]))
	matrix := make([][]int, 3)
	for i := range matrix {
		matrix[i] = make([]int, i+1)
		for j := range matrix[i] {
			matrix[i][j] = i * j
		}
	}
	fmt.Println(matrix)
	arr := [4]int{1, 2, 3, 4}
	sl := arr[1:3]
	fmt.Println(sl, len(sl), cap(sl))
	for i := range sl {
		sl[i] *= 10
	}
	fmt.Println(arr)
	var bs = make([]byte, 2)
	fmt.Println(bs)
}
