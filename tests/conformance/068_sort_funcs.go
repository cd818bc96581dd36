package main

import (
	"fmt"
	"sort"
)

type Item struct {
	Name  string
	Price int
}

func main() {
	ints := []int{5, 2, 8, -1, 2, 0}
	sort.Ints(ints)
	fmt.Println(ints, sort.IntsAreSorted(ints))
	strs := []string{"pear", "Apple", "banana", "apple", ""}
	sort.Strings(strs)
	fmt.Printf("%q\n", strs)
	items := []Item{{"c", 3}, {"a", 1}, {"d", 1}, {"b", 3}, {"e", 2}}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Price < items[j].Price })
	fmt.Println(items)
	sort.Slice(items, func(i, j int) bool { return items[i].Name > items[j].Name })
	fmt.Println(items)
	words := []string{"ccc", "a", "bb", "dd", "e"}
	sort.SliceStable(words, func(i, j int) bool { return len(words[i]) < len(words[j]) })
	fmt.Println(words)
	fmt.Println(sort.SearchInts(ints, 2), sort.SearchInts(ints, 7))
	idx := sort.Search(100, func(i int) bool { return i*i >= 50 })
	fmt.Println(idx)
	fl := []float64{2.5, -1, 3}
	sort.Float64s(fl)
	fmt.Println(fl)
	sort.Sort(sort.Reverse(sort.IntSlice(ints)))
	fmt.Println(ints)
	var empty []int
	sort.Ints(empty)
	fmt.Println(empty, len(empty))
}
