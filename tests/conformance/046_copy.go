package main

import "fmt"

func main() {
	src := []int{1, 2, 3, 4, 5}
	dst := make([]int, 3)
	n := copy(dst, src)
	fmt.Println(n, dst)
	big := make([]int, 8)
	n = copy(big, src)
	fmt.Println(n, big)
	s := []int{1, 2, 3, 4, 5}
	n = copy(s[1:], s)
	fmt.Println(n, s)
	s = []int{1, 2, 3, 4, 5}
	n = copy(s, s[2:])
	fmt.Println(n, s)
	b := make([]byte, 5)
	n = copy(b, "héllo")
	fmt.Println(n, b, string(b))
	var empty []int
	fmt.Println(copy(empty, src), copy(src, empty))
	del := []string{"a", "b", "c", "d"}
	i := 1
	del = del[:i+copy(del[i:], del[i+1:])]
	fmt.Println(del, len(del))
	ins := []int{1, 2, 4, 5}
	ins = append(ins, 0)
	copy(ins[3:], ins[2:])
	ins[2] = 3
	fmt.Println(ins)
}
