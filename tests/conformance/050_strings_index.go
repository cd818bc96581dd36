package main

import "fmt"

func main() {
	s := "hello"
	fmt.Println(s[0], s[4], string(s[1]), len(s))
	fmt.Printf("%T %c\n", s[0], s[0])
	u := "日本語"
	fmt.Println(len(u), u[0], u[:3], u[3:6])
	fmt.Printf("%x %X\n", u, u[:3])
	fmt.Println("abc" < "abd", "ab" < "abc", "Z" < "a", "" < "a", "é" > "z")
	t := s + ", " + u
	fmt.Println(t, len(t))
	acc := ""
	for i := 0; i < 5; i++ {
		acc += string(rune('a' + i))
	}
	fmt.Println(acc)
	b := []byte(s)
	for i := 0; i < len(s); i++ {
		b[len(s)-1-i] = s[i]
	}
	fmt.Println(string(b))
	fmt.Println(s == "hel"+"lo", s[1:3] == "el")
	count := 0
	for i := 0; i < len(u); i++ {
		if u[i] >= 0x80 {
			count++
		}
	}
	fmt.Println(count)
	var empty string
	fmt.Println(len(empty), empty == "")
}
