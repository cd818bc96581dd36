package main

import "fmt"

func main() {
	fmt.Printf("%v %d %s %q %t\n", 42, 42, "str", "quo\"te", true)
	fmt.Printf("%x %X %c %U\n", 255, 255, 'G', '世')
	fmt.Printf("%x %X %x\n", "hi", "hi", []byte("ok"))
	fmt.Printf("%e %f %g %g\n", 1234.5678, 1234.5678, 1234.5678, 1e-10)
	fmt.Printf("100%%\n")
	fmt.Printf("%q %q %q\n", 'a', '\n', "tab\there")
	fmt.Printf("%v %v\n", []string{"a b", "c"}, [2]bool{true})
	fmt.Printf("%q\n", []string{"a b", "c"})
	fmt.Printf("%d\n", []int{1, 2, 3})
	fmt.Printf("%s|%v|%d\n", "x", nil, -7)
	fmt.Printf("%t %v\n", false, 'x')
	fmt.Printf("%v %d %s\n", "s", int8(-4), []string{"x"})
	fmt.Printf("%x %X\n", -255, uint8(200))
	fmt.Printf("%c%c\n", 72, 0x4e16)
	s := fmt.Sprintf("%d-%s", 7, "seven")
	fmt.Println(s, len(s))
}
