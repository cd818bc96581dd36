package main

import "fmt"

type Counter struct{ n int }

func (c Counter) Value() int { return c.n }
func (c Counter) IncCopy()   { c.n++ }
func (c *Counter) Inc()      { c.n++ }
func (c *Counter) Add(k int) *Counter {
	c.n += k
	return c
}

type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }
func (r *Rect) Scale(f float64) {
	r.W *= f
	r.H *= f
}

func main() {
	var c Counter
	c.IncCopy()
	fmt.Println(c.Value())
	c.Inc()
	c.Inc()
	fmt.Println(c.Value())
	p := &c
	p.Inc()
	fmt.Println(p.Value(), c.n)
	c.Add(10).Add(100)
	fmt.Println(c.n)
	r := Rect{2, 3}
	r.Scale(2)
	fmt.Println(r, r.Area())
	rs := []Rect{{1, 1}, {2, 2}}
	for i := range rs {
		rs[i].Scale(10)
	}
	fmt.Println(rs)
	for _, x := range rs {
		x.Scale(0)
	}
	fmt.Println(rs)
	m := map[string]*Counter{"a": {}}
	m["a"].Inc()
	fmt.Println(m["a"].n)
}
