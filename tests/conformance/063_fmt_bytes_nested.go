package main

import "fmt"

func main() {
	b := []byte("hi!")
	fmt.Println(b)
	fmt.Printf("%v %s %q %x %X\n", b, b, b, b, b)
	fmt.Printf("%d\n", b)
	var arr [3]byte
	copy(arr[:], "abc")
	fmt.Println(arr)
	fmt.Printf("%s %x\n", arr, arr)
	nested := [][]int{{1, 2}, {}, nil, {3}}
	fmt.Println(nested, len(nested))
	mm := map[string][]int{"b": {2}, "a": {1, 1}}
	fmt.Println(mm)
	deep := map[string]map[int][]string{"x": {2: {"p", "q"}, 1: nil}}
	fmt.Println(deep)
	fmt.Printf("%v %+v\n", [][2]string{{"a", "b"}}, []struct{ K string }{{"k"}})
	var bs [][]byte = [][]byte{[]byte("ab"), []byte("c")}
	fmt.Println(bs)
	fmt.Printf("%s\n", bs)
	rs := []rune("héj")
	fmt.Println(rs)
	fmt.Printf("%c %q %U\n", rs, rs, rs)
}
