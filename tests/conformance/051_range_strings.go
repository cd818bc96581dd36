package main

import "fmt"

func main() {
	for i, r := range "héllo, 世界!" {
		fmt.Printf("%d:%c(%d) ", i, r, r)
	}
	fmt.Println()
	for i := range "añb" {
		fmt.Print(i, " ")
	}
	fmt.Println()
	bad := "a\xffb\xe4\xb8"
	for i, r := range bad {
		fmt.Printf("%d:%U ", i, r)
	}
	fmt.Println()
	n := 0
	for range "中文字符" {
		n++
	}
	fmt.Println(n, len("中文字符"), len([]rune("中文字符")))
	rev := func(s string) string {
		rs := []rune(s)
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
		return string(rs)
	}
	fmt.Println(rev("Hello, 世界"))
	for _, r := range "😀x" {
		fmt.Printf("%q %U %d\n", r, r, len(string(r)))
	}
}
