package main

import "fmt"

type MyInt int
type Name string
type IntList []int
type Meters float64

func (m MyInt) Double() MyInt { return m * 2 }
func (n Name) Greet() string  { return "hi " + string(n) }
func (l IntList) Sum() int {
	t := 0
	for _, v := range l {
		t += v
	}
	return t
}

func main() {
	var m MyInt = 21
	fmt.Println(m.Double(), m+1)
	fmt.Printf("%T %v %d\n", m, m, m)
	n := Name("go")
	fmt.Println(n.Greet(), len(n))
	fmt.Printf("%T %q\n", n, n)
	l := IntList{1, 2, 3}
	fmt.Println(l.Sum(), l)
	fmt.Printf("%T\n", l)
	i := int(m) + 1
	fmt.Println(i)
	d := Meters(2.5) * 2
	fmt.Printf("%T %v\n", d, d)
	fmt.Println(MyInt(7).Double())
}
