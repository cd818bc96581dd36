package main

import "fmt"

func main() {
	rs := []rune{'a', 'Z', '0', ' ', '\n', '\t', '\'', '\\', '\x41', '\101', '\u4e2d', '\U0001F600', 'é', '世'}
	for _, r := range rs {
		fmt.Printf("%d %q %U\n", r, r, r)
	}
	var r rune = 'A' + 2
	fmt.Println(r, string(r))
	fmt.Printf("%c%c%c\n", 'G', 'o', '!')
	b := byte('a')
	b += 1
	fmt.Println(b, string(rune(b)))
	fmt.Printf("%T %T\n", 'x', b)
	fmt.Println('a' < 'b', 'z'-'a')
}
