// Records expected strings for tests/unit/test_fmt.c (go run main.go).
package main

import (
	"fmt"
	"math"
)

type T struct {
	A int
	B string
}
type P struct{ X, Y int }
type MyInt int
type MyS string
type Err struct{}

func (Err) Error() string { return "boom" }

type St int

func (St) String() string { return "St!" }

type Both int

func (Both) Error() string  { return "err" }
func (Both) String() string { return "str" }

type PanicS int

func (PanicS) String() string { panic("oops") }

type NP struct{ n int }

func (p *NP) String() string { return fmt.Sprint(p.n) }

type W struct {
	s St
	S St
}
type N struct {
	P P
	L []P
	M map[string]P
}
type FE struct{ E error }
type FA struct{ A any }

func cq(s string) string {
	out := []byte{'"'}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			out = append(out, '\\', c)
		case c >= 0x20 && c < 0x7f && c != '?':
			out = append(out, c)
		default:
			out = append(out, []byte(fmt.Sprintf("\\%03o", c))...)
		}
	}
	return string(append(out, '"'))
}

var n int

func c(s string) { n++; fmt.Printf("%d %s\n", n, cq(s)) }

func main() {
	c(fmt.Sprintf("%d", 42))
	c(fmt.Sprintf("%5d|%-5d|%05d", 42, 42, -42))
	c(fmt.Sprintf("%x %X %o %b", 255, 255, 8, 5))
	c(fmt.Sprintf("%#x %#o %#b %#X", 255, 8, 5, 255))
	c(fmt.Sprintf("%+d % d %x %08b %o", 5, 5, -255, 5, -8))
	c(fmt.Sprintf("%c %q %U %#U %c %5c|", 'A', 'A', 0x1F600, 'x', 0x65E5, 'x'))
	c(fmt.Sprintf("%s|%10s|%-10s|%.2s|%10.3s|%05s", "hello", "hello", "hello", "hello", "abcdef", "hi"))
	c(fmt.Sprintf("%q %+q %#q %q %+q", "a\"b\n", "héllo", "abc", "\x00\x7f\xff", "日本"))
	c(fmt.Sprintf("%x|% x|%X|% #x|%#x", "hi", "hi", "hi", "hi", "hi"))
	c(fmt.Sprintf("%t %v %5t|%-7v|", true, false, true, false))
	c(fmt.Sprint(3.0, 0.1+0.2, 1e21, 1e-5, 1e6, 123456789.0, 100000.0, 1e20, 2.5e-5))
	c(fmt.Sprintf("%f %.2f %8.3f %-8.2f| %08.3f %6.2f%%", 3.14159265, 3.14159265, 3.14159265, 3.14159265, -3.14159265, 99.5))
	c(fmt.Sprintf("%e %E %.3e %+.2e %e", 1234.5678, 1234.5678, 1234.5678, 1234.5678, 0.0))
	c(fmt.Sprintf("%g %G %.3g %g %g %.4g %g", 1e-7, 1e21, 1234567.0, 100000.0, 1000000.0, 123456.0, 0.0))
	c(fmt.Sprint(float32(0.1), float32(16777216.0), float32(3.4e38), float32(1)/3))
	c(fmt.Sprintf("%v %v %v %f %5.1f| %+v %08.3f| %-6v|", math.Inf(1), math.Inf(-1), math.NaN(), math.Inf(1), math.NaN(), math.Inf(1), math.Inf(1), math.NaN()))
	c(fmt.Sprintf("%.1f %.0f %.0f %v %6.2v|%#v %#g", 0.05, 2.5, 3.5, math.Copysign(0, -1), 3.14159, 1.0, 1.0))
	c(fmt.Sprintf("%T %T %T %T %T %T %T %T", 1, "s", []int{}, map[string]int{}, &T{}, T{}, Err{}, nil))
	c(fmt.Sprintf("%T %T %T %T %T", []any{}, func(int) string { return "" }, make(chan int), MyInt(1), [2]bool{}))
	c(fmt.Sprintf("%v %+v %#v", T{1, "x"}, T{1, "x"}, T{1, "x"}))
	c(fmt.Sprintf("%v %+v %#v", &T{1, "x"}, &T{1, "x"}, &T{}))
	c(fmt.Sprint([]int{1, 2, 3}, []int(nil), []string{"a", "b"}, [3]int{1, 2, 3}, [2]bool{true, false}))
	c(fmt.Sprintf("%q %v %d %5v|", []string{"a", "b"}, []byte{1, 2, 3}, []byte{1, 2}, []byte{1}))
	c(fmt.Sprintf("%s %x %X %q % x", []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi"), []byte("hi")))
	c(fmt.Sprint(map[string]int{"b": 2, "a": 1, "c": 3}, map[int]string{3: "c", 1: "a", 2: "b"}, map[string]int(nil)))
	c(fmt.Sprintf("%#v %v %v", map[string]int{"z": 1, "a": 2}, map[bool]int{true: 1, false: 0}, map[float64]string{2.5: "b", -1: "a", math.Inf(1): "i"}))
	c(fmt.Sprint((*T)(nil), error(nil), (func())(nil), []any{1, "a", nil, 2.5}))
	c(fmt.Sprintf("%v %+v", N{P{1, 2}, []P{{3, 4}}, map[string]P{"k": {5, 6}}}, N{P{1, 2}, []P{{3, 4}}, map[string]P{"k": {5, 6}}}))
	c(fmt.Sprintf("%v %s %d %v %q", Err{}, Err{}, Err{}, []error{Err{}, nil}, Err{}))
	c(fmt.Sprintf("%v %d %x %s %v", St(3), St(3), St(3), []St{1, 2}, map[St]int{1: 1}))
	c(fmt.Sprintf("%v %v %v %v", Both(1), PanicS(1), (*NP)(nil), W{3, 4}))
	c(fmt.Sprintf("%d|%s|%z|%d %d|%!|%", "hi", 42, 1, true, nil, 1))
	c(fmt.Sprintf("%d %d", 1, 2, 3, "a", nil))
	c(fmt.Sprintf("%d %s", 1))
	c(fmt.Sprintf("%*d|%-*d|%.*f|%[2]d %[1]d|%[3]d", 5, 1, 5, 2, 2, 3.14159))
	c(fmt.Sprintf("%[3]d|%[2]*[1]d|", 1, 2))
	c(fmt.Sprint("a", 1, 2, "b", 3.5, "c", MyS("m"), 4))
	c(fmt.Sprintln("a", 1, true, nil))
	c(fmt.Sprintf("%v %T %d %v %T", MyInt(5), MyInt(5), []string{"a"}, MyS("s"), MyS("s")))
	c(fmt.Sprintf("%#v %#v %#v %#v %#v %#v %#v", []any{1, "a", nil}, []int(nil), uint8(42), "x", true, (*T)(nil), []byte{1, 2}))
	c(fmt.Sprintf("%v %v %s", FE{Err{}}, FA{nil}, FE{nil}))
	c(fmt.Sprintf("%x|%5x|%3v|%.0d|%6.3d|%-5d|", []byte{}, "", "", 0, 7, -3))
	c(fmt.Sprintf("%v %v %d %d %v", int8(-128), uint64(math.MaxUint64), int64(math.MinInt64), uint8(200), uint16(65535)))
	c(fmt.Sprintf("%.3v %v %v", "abcdef", "", struct{}{}))
	c(fmt.Sprintf("%p %v %d", (*int)(nil), (*int)(nil), (*int)(nil)))
	c(fmt.Sprintf("%s|%v", nil, []any{nil}))
	c(fmt.Sprintf("%6.2f|%-8.3e|%+d|% d|%x|%X|%o|%b|%c|%U", 3.14159, 1234.5678, 5, 5, 255, 255, 8, 5, 'A', 0x1F600))
	c(fmt.Errorf("x: %w", Err{}).Error())
	c(fmt.Errorf("%w %w", Err{}, Err{}).Error())
	c(fmt.Errorf("%w", 1).Error())
	c(fmt.Sprintf("%v|%v|%v|%v|%v", 1e-4, 0.001, 12345678.0, 1.5e300, 5e-324))
	c(fmt.Sprintf("%.2e|%.10g|%.17g|%e", 9.999, 1.0/3, 0.1, 1e-310))
	c(fmt.Sprintf("%#o %#x %x %#v", 0, 0, "", uint(7)))
	c(fmt.Sprintf("%+v", struct {
		A []T
		B *int
	}{[]T{{1, "a"}}, nil}))
	c(fmt.Sprintf("%08d|%+08d|%-08d|% 08d|%x", -42, 42, 42, 42, uint8(10)))
}
