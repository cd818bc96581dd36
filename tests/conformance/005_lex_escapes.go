package main

import "fmt"

func main() {
	s := "a\tb\\c\"d'e"
	fmt.Println(s)
	fmt.Println(len(s))
	t := "\a\b\f\v\r\x00\x7f"
	fmt.Printf("%q %d\n", t, len(t))
	fmt.Println([]byte(t))
	u := "\u00e9\u4e16\U0001F600"
	fmt.Println(u, len(u))
	fmt.Printf("%q\n", u)
	fmt.Printf("%x\n", u)
	v := "\101\102\103\x44\x45"
	fmt.Println(v)
	w := "\xff\xfe"
	fmt.Printf("%q %d %x\n", w, len(w), w)
	fmt.Println("multi\nline")
}
