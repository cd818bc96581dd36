package main

import "fmt"

func main() {
	arr := [6]int{0, 1, 2, 3, 4, 5}
	s := arr[1:3:4]
	fmt.Println(s, len(s), cap(s))
	s = append(s, 30)
	fmt.Println(arr, s)
	s = append(s, 40)
	s[0] = 100
	fmt.Println(arr, s, len(s))
	t := arr[2:2:2]
	fmt.Println(t, len(t), cap(t))
	u := arr[:0:0]
	u = append(u, 9)
	fmt.Println(arr[0], u)
	base := make([]int, 5, 10)
	v := base[0:2:3]
	fmt.Println(len(v), cap(v))
	w := base[3:5:10]
	fmt.Println(len(w), cap(w))
	safe := base[:2:2]
	safe = append(safe, 7)
	fmt.Println(base, safe)
	str := "abcdef"
	fmt.Println(str[1:4], str[:0], str[6:])
}
