package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func swap(a, b *int) { *a, *b = *b, *a }

func newInt(v int) *int { return &v }

func main() {
	x, y := 1, 2
	swap(&x, &y)
	fmt.Println(x, y)
	p := &x
	*p = 10
	fmt.Println(x, *p, p == &x)
	q := new(int)
	fmt.Println(*q)
	*q += 5
	fmt.Println(*q)
	a, b := newInt(3), newInt(3)
	fmt.Println(a == b, *a == *b)
	var list *Node
	for i := 3; i >= 1; i-- {
		list = &Node{i, list}
	}
	for n := list; n != nil; n = n.Next {
		fmt.Print(n.Val, " ")
	}
	fmt.Println()
	arr := [3]int{1, 2, 3}
	ep := &arr[1]
	*ep = 20
	fmt.Println(arr)
	ap := &arr
	ap[2] = 30
	fmt.Println(arr, len(ap))
	var np *Node
	fmt.Println(np == nil, np)
	pp := &p
	**pp = 99
	fmt.Println(x)
	s := &struct{ N int }{4}
	s.N++
	fmt.Println(s.N, *s)
}
