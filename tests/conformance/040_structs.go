package main

import "fmt"

type Point struct{ X, Y int }

type Person struct {
	Name string
	Age  int
	Home Point
	Tags []string
}

func main() {
	p := Point{1, 2}
	q := Point{Y: 5}
	fmt.Println(p, q, p == q, p == Point{1, 2})
	fmt.Printf("%v %+v\n", p, q)
	per := Person{Name: "Ann", Age: 30, Home: Point{3, 4}}
	fmt.Println(per)
	fmt.Printf("%+v\n", per)
	per.Home.X = 9
	per.Tags = append(per.Tags, "a", "b")
	fmt.Printf("%+v\n", per)
	anon := struct {
		Name string
		OK   bool
	}{"anon", true}
	fmt.Println(anon, anon.Name)
	var empty struct{}
	fmt.Println(empty)
	pts := []Point{{1, 1}, {2, 2}}
	pts[1].X = 20
	fmt.Println(pts)
	m := map[Point]string{{0, 0}: "origin", {1, 0}: "east"}
	fmt.Println(m[Point{}], len(m))
	type Inner struct{ A []int }
	fmt.Printf("%v %+v\n", Inner{}, Inner{[]int{1}})
}
