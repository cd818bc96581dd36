package main

import "fmt"

func main() {
	s := "héllo, 世界"
	b := []byte(s)
	r := []rune(s)
	fmt.Println(len(s), len(b), len(r))
	fmt.Println(b)
	fmt.Println(r)
	b[0] = 'H'
	fmt.Println(string(b), s)
	r[7] = '地'
	fmt.Println(string(r))
	fmt.Println(string(b[:3]), string(r[:2]))
	bs := []byte{72, 105}
	fmt.Println(string(bs))
	fmt.Println(string([]rune{0x4e16, 0x754c}))
	e := []byte("")
	fmt.Println(len(e), e == nil, string(e) == "")
	bad := string([]byte{0xff, 'a'})
	fmt.Println([]rune(bad), len(bad))
	fmt.Printf("%s %x %X\n", b, b[:4], "hi")
	fmt.Printf("%q\n", r[:3])
	c := []byte("abc")
	c = append(c, "def"...)
	fmt.Println(string(c))
}
