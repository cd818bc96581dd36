package main

import "fmt"

func main() {
	a := `C:\path\to\file\n`
	fmt.Println(a, len(a))
	b := `line one
	line two (tab kept)
line "three"`
	fmt.Println(b)
	fmt.Printf("%q\n", b)
	c := `` + "`" + `quoted` + "`"
	fmt.Println(c)
	d := `\u4e2d\x41` + "\u4e2d\x41"
	fmt.Println(d, len(d))
	e := `中文 raw`
	fmt.Println(e, len(e))
	fmt.Println(`` == "")
}
