package main

import "fmt"

func main() {
	m := map[string]int{"a": 1, "b": 2}
	m["c"] = 3
	m["a"] += 10
	fmt.Println(m, len(m))
	v, ok := m["b"]
	fmt.Println(v, ok)
	v, ok = m["zz"]
	fmt.Println(v, ok)
	delete(m, "b")
	delete(m, "nope")
	fmt.Println(m, len(m))
	var nm map[string]int
	fmt.Println(nm["x"], len(nm), nm == nil)
	_, ok = nm["x"]
	fmt.Println(ok)
	delete(nm, "x")
	for range nm {
		fmt.Println("never")
	}
	mm := make(map[int][]string)
	mm[1] = append(mm[1], "one")
	mm[1] = append(mm[1], "uno")
	mm[2] = append(mm[2], "two")
	fmt.Println(mm)
	counts := map[rune]int{}
	for _, r := range "hello world" {
		counts[r]++
	}
	fmt.Println(counts)
	nested := map[string]map[string]bool{"x": {"y": true}}
	nested["z"] = map[string]bool{}
	fmt.Println(nested, nested["x"]["y"], nested["q"]["r"])
	set := map[int]struct{}{3: {}, 1: {}}
	_, has := set[3]
	fmt.Println(set, has)
	fb := map[float64]string{2.5: "b", -1: "a"}
	fmt.Println(fb)
	bm := map[bool]int{true: 1, false: 0}
	fmt.Println(bm)
}
