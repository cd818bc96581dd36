package main

import (
	"fmt"
	"sort"
)

type Person struct {
	Name string
	Age  int
}

type ByAge []Person

func (a ByAge) Len() int           { return len(a) }
func (a ByAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a ByAge) Less(i, j int) bool { return a[i].Age < a[j].Age }

func main() {
	xs := []int{5, 2, 8, 1, 9, 3}
	sort.Ints(xs)
	fmt.Println(xs, sort.IntsAreSorted(xs), sort.SearchInts(xs, 8))
	ss := []string{"pear", "apple", "fig"}
	sort.Strings(ss)
	fmt.Println(ss)
	fs := []float64{2.5, -1, 3.25}
	sort.Float64s(fs)
	fmt.Println(fs)
	people := []Person{{"Alice", 30}, {"Bob", 25}, {"Carol", 35}, {"Dan", 25}}
	sort.Sort(ByAge(people))
	fmt.Println(people)
	sort.Sort(sort.Reverse(ByAge(people)))
	fmt.Println(people)
	sort.Slice(people, func(i, j int) bool { return people[i].Name < people[j].Name })
	fmt.Println(people)
	sort.SliceStable(people, func(i, j int) bool { return people[i].Age < people[j].Age })
	fmt.Println(people)
	big := make([]int, 100)
	for i := range big {
		big[i] = (i * 37) % 101
	}
	sort.Ints(big)
	fmt.Println(big[0], big[50], big[99], sort.IntsAreSorted(big))
	stable := make([]Person, 40)
	for i := range stable {
		stable[i] = Person{fmt.Sprint("p", i), i % 4}
	}
	sort.Stable(ByAge(stable))
	fmt.Println(stable[0], stable[1], stable[10], stable[39])
	idx := sort.Search(100, func(i int) bool { return i*i >= 50 })
	fmt.Println(idx)
}
