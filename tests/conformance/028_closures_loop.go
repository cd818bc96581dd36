package main

import "fmt"

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		i := i
		fs = append(fs, func() int { return i * i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()
	var gs []func() string
	for _, s := range []string{"a", "b", "c"} {
		s := s
		gs = append(gs, func() string { return s + s })
	}
	for _, g := range gs {
		fmt.Print(g(), " ")
	}
	fmt.Println()
	var hs []func() int
	for i := 0; i < 3; i++ {
		sq := i * i
		hs = append(hs, func() int { sq++; return sq })
	}
	fmt.Println(hs[0](), hs[0](), hs[1](), hs[2]())
	total := 0
	for i := 1; i <= 4; i++ {
		func() { total += i }()
	}
	fmt.Println(total)
	shared := 0
	var incs []func()
	for j := 0; j < 3; j++ {
		incs = append(incs, func() { shared += 10 })
	}
	for _, f := range incs {
		f()
	}
	fmt.Println(shared)
}
