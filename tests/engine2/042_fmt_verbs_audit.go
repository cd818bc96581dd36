// Audit of SPEC §5 fmt: every verb, flag, width and precision the subset
// lists, %x on strings, byte slices and floats, %q, %T of func/chan/map
// types, Printf argument errors, maps sorted by key, nested structs.
package main

import (
	"errors"
	"fmt"
)

type P struct {
	X, Y int
}

type N struct {
	Name string
	P    *P
	Q    P
	L    []int
	M    map[string]int
	E    error
	A    any
}

type MyInt int
type S string

func (s S) String() string { return "S(" + string(s) + ")" }

func main() {
	fmt.Printf("%x %X %x %X\n", "hello", "hi", []byte("ab\xff"), []byte{1, 171})
	fmt.Printf("% x|%#x|%08x|%-6x|\n", "abc", 255, 255, 10)
	fmt.Printf("%q %q %q %q\n", "a\"b\n", 'x', '\n', "日本\x01")
	fmt.Printf("%+q %#q %q\n", "日本", "back`q", []string{"a", "b"})
	fmt.Printf("%T %T %T %T\n", func() {}, func(int, string) (bool, error) { return false, nil }, make(chan int), make(map[string][]int))
	fmt.Printf("%T %T %T %T %T\n", make(<-chan bool), make(chan<- P), &P{}, []*P{}, [3]int{})
	fmt.Printf("%T %T %T %T %T\n", MyInt(1), S("x"), errors.New("e"), nil, any(1.5))
	fmt.Printf("%T %T\n", func(...int) {}, struct{ A int }{1})
	fmt.Printf("%d %d\n", 1)
	fmt.Printf("%d\n", 1, 2)
	fmt.Printf("%z %!\n", 3)
	fmt.Printf("%d %s\n", "str", 5)
	fmt.Printf("%t %t\n", 1, true)
	fmt.Printf("%s\n", nil)
	fmt.Printf("%d\n", nil)
	fmt.Printf("%")
	fmt.Println()
	fmt.Printf("%5.2f|%-8.3f|%08.3f|%+d|% d|%e|%g|%G\n", 3.14159, 2.5, -1.5, 5, 5, 1234.5678, 0.000001234, 1e21)
	fmt.Printf("%6s|%-6s|%.2s|%6.1s|\n", "ab", "ab", "abcdef", "xyz")
	fmt.Printf("%*d|%-*d|\n", 5, 42, 4, 7)
	fmt.Printf("%v %+v\n", N{Name: "n", Q: P{3, 4}}, N{Name: "n", L: []int{1}, M: map[string]int{"b": 2, "a": 1}, E: errors.New("boom"), A: MyInt(4)})
	fmt.Printf("%v %+v %v\n", &P{1, 2}, &P{1, 2}, []*P{nil})
	fmt.Printf("%v %d %s\n", MyInt(3), MyInt(3), S("q"))
	fmt.Printf("%v %v\n", map[int]string{3: "c", 1: "a", 2: "b"}, map[string]bool{"z": true, "a": false})
	fmt.Printf("%v %v %v\n", map[MyInt]int{2: 1, -1: 0}, map[float64]int{2.5: 1, -1: 0}, map[bool]int{true: 1, false: 0})
	fmt.Printf("%c %U %o %O %b\n", 'A', 'é', 8, 8, 5)
	fmt.Printf("%x %X %x\n", -255, 3.5, "")
	fmt.Printf("%x %X %x %x %x %.2x %10x|%-10X|\n", 3.5, 3.5, 1.0, 0.0, -0.1, 1.0/3, 2.5, 100.0)
	fmt.Printf("%x %x %X\n", float32(0.1), 1e300, 1e-300)
	fmt.Printf("%08b|%3c|%-4q|\n", 5, 'z', 'y')
	fmt.Printf("%v|%6v|%-6v|\n", true, 12, "ab")
	fmt.Printf("%s %v\n", []string{"a", "b"}, [][]int{{1}, {2, 3}})
	fmt.Printf("%v %s\n", []byte("hi"), []byte("hi"))
	fmt.Printf("%x %X\n", []string{"ab", "c"}, []int{10, 255})
	fmt.Printf("%.3v|%10.4v|\n", 3.14159, "abcdefg")
	fmt.Printf("%#v %#v %#v\n", P{1, 2}, []int{1}, "s")
	fmt.Printf("%d%%\n", 50)
	fmt.Printf("%!d\n")
	fmt.Printf("%[2]d %[1]d\n", 1, 2)
}
