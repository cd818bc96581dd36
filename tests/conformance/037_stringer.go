package main

import "fmt"

type Color int

const (
	Red Color = iota
	Green
	Blue
)

func (c Color) String() string {
	switch c {
	case Red:
		return "Red"
	case Green:
		return "Green"
	}
	return fmt.Sprintf("Color(%d)", int(c))
}

type Temp struct{ C float64 }

func (t *Temp) String() string { return fmt.Sprintf("%.1f°C", t.C) }

type Pair struct {
	A Color
	B Color
}

func main() {
	fmt.Println(Red, Green, Blue)
	fmt.Printf("%v %s %d %q\n", Green, Green, Green, Green)
	s := fmt.Sprint(Blue)
	fmt.Println(s, len(s))
	t := Temp{21.5}
	fmt.Println(&t)
	fmt.Println(t)
	fmt.Println(Pair{Red, Blue})
	fmt.Printf("%+v\n", Pair{Green, Red})
	fmt.Println([]Color{Red, Blue})
	fmt.Println(map[Color]int{Green: 2, Red: 1})
	var st fmt.Stringer = Green
	fmt.Println(st.String(), st)
}
