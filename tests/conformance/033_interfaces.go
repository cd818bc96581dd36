package main

import "fmt"

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Square struct{ S float64 }
type Rect struct{ W, H float64 }

func (s Square) Area() float64      { return s.S * s.S }
func (s Square) Perimeter() float64 { return 4 * s.S }
func (r *Rect) Area() float64       { return r.W * r.H }
func (r *Rect) Perimeter() float64  { return 2 * (r.W + r.H) }

type T struct{}

func (*T) Area() float64      { return 0 }
func (*T) Perimeter() float64 { return 0 }

func total(shapes ...Shape) float64 {
	t := 0.0
	for _, s := range shapes {
		t += s.Area()
	}
	return t
}

func main() {
	shapes := []Shape{Square{2}, &Rect{2, 3}, &Square{1}}
	for _, s := range shapes {
		fmt.Printf("%T %v %v\n", s, s.Area(), s.Perimeter())
	}
	fmt.Println(total(shapes...))
	var s Shape
	fmt.Println(s == nil)
	var tp *T
	s = tp
	fmt.Println(s == nil, s != nil, s.Area())
	fmt.Printf("%T %v\n", s, s)
	var a, b Shape = Square{3}, Square{3}
	fmt.Println(a == b, a == Shape(Square{4}))
	type Sizer interface{ Area() float64 }
	var z Sizer = a
	fmt.Println(z.Area())
}
