package main

import "fmt"

type T struct{ A int }

func main() {
	var s []int
	var m map[string]int
	var p *T
	var e error
	var i any
	var f func()
	var c chan int
	fmt.Println(s, m, p, e, i)
	fmt.Println(f == nil, c == nil)
	fmt.Printf("%v %v %v %v %v\n", s, m, p, e, i)
	fmt.Printf("%+v %+v\n", p, e)
	fmt.Printf("%d %v\n", s, m)
	fmt.Printf("%q\n", []string(nil))
	fmt.Printf("[%s]\n", "")
	fmt.Println(fmt.Sprint(nil), fmt.Sprint(p), fmt.Sprint(e))
	var ss []string
	fmt.Println(len(fmt.Sprint(ss)), fmt.Sprint(ss))
	var pm *map[string]int
	fmt.Println(pm)
	var arr [2]*T
	fmt.Println(arr)
	var nested []map[string]int
	nested = append(nested, nil)
	fmt.Println(nested)
	fmt.Println([]any{nil, s, m})
	fmt.Printf("%t\n", e == nil)
}
