// Audit: interface embedding, method sets through an embedded pointer,
// iota with skips and implicit repetition, type switches with several
// types per case, defer argument evaluation order, closures over range
// variables, string iteration over invalid UTF-8, nil map reads, labeled
// continue from a select inside a for.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

type Animal interface{ Sound() string }
type Named interface{ Name() string }
type Pet interface {
	Animal
	Named
}

type Base struct{ n string }

func (b *Base) Name() string  { return b.n }
func (b Base) Sound() string  { return "..." + b.n }

type Dog struct {
	*Base
	age int
}

type Cat struct {
	Base
}

func (c Cat) Sound() string { return "meow" }

const (
	A = iota * 10
	B
	_
	D
	E, F = iota, iota + 100
	G, H
)

type Weekday int

const (
	Sunday Weekday = iota + 1
	Monday
	_
	Wednesday
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

func classify(v any) string {
	switch x := v.(type) {
	case int, int64:
		return fmt.Sprintf("intish %v %T", x, x)
	case string, []byte:
		return fmt.Sprintf("stringish %v", x)
	case nil:
		return "nil"
	case error:
		return "error " + x.Error()
	case fmt.Stringer:
		return "stringer " + x.String()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func trace(s string) string { fmt.Println("enter", s); return s }
func un(s string)           { fmt.Println("leave", s) }

func deferArgs() (r int) {
	x := 1
	defer fmt.Println("deferred x =", x)
	defer un(trace("a"))
	defer func(v int) { fmt.Println("closure arg", v, "now", x); r *= 2 }(x)
	x = 5
	return x + 1
}

func main() {
	var p Pet = Dog{&Base{"rex"}, 3}
	fmt.Println(p.Name(), p.Sound())
	c := Cat{Base{"tom"}}
	var a Animal = c
	fmt.Println(a.Sound(), c.Base.Sound(), (&c).Name())
	_, ok := a.(Named)
	_, ok2 := any(&c).(Pet)
	fmt.Println(ok, ok2)
	fmt.Println(A, B, D, E, F, G, H, Sunday, Monday, Wednesday, KB, MB, GB)
	fmt.Println(classify(1), classify(int64(2)), classify("s"), classify([]byte("b")), classify(nil), classify(errors.New("e")), classify(3.5))
	fmt.Println(deferArgs())
	var fs []func()
	for i, s := range []string{"x", "y", "z"} {
		i, s := i, s // Go 1.19 shares range vars across iterations; 1.22 does not
		fs = append(fs, func() { fmt.Print(i, s, " ") })
	}
	for _, f := range fs {
		f()
	}
	fmt.Println()
	for i := 0; i < 3; i++ {
		i := i
		defer func() { fmt.Print("d", i, " ") }()
	}
	for i, r := range "a\xffb\xe2\x82" {
		fmt.Print(i, ":", r, " ")
	}
	fmt.Println(len("日本"), []rune("a\xff"), string([]rune{0x65e5, -1}))
	m := map[string]int(nil)
	v, ok3 := m["x"]
	fmt.Println(m["missing"], v, ok3, len(m))
	delete(m, "x")
	for range m {
		fmt.Println("never")
	}
	ch := make(chan int)
	quit := make(chan bool)
	go func() {
		for i := 0; i < 6; i++ {
			ch <- i
		}
		close(quit)
	}()
outer:
	for {
		select {
		case v := <-ch:
			if v%2 == 0 {
				continue outer
			}
			fmt.Print("odd", v, " ")
		case <-quit:
			break outer
		}
	}
	fmt.Println()
	var sb strings.Builder
	sb.WriteString("ok")
	fmt.Fprintln(os.Stderr, "to stderr")
	fmt.Println(sb.String())
}
