package main

import (
	"fmt"
	"sort"
)

type Emp struct {
	Name string
	Age  int
}

func main() {
	ages := map[string]int{"carol": 35, "alice": 30, "bob": 25, "dave": 30}
	keys := make([]string, 0, len(ages))
	for k := range ages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, ages[k])
	}
	total := 0
	for _, v := range ages {
		total += v
	}
	fmt.Println("total", total)
	byAge := map[int][]string{}
	for name, age := range ages {
		byAge[age] = append(byAge[age], name)
	}
	var agesSorted []int
	for a, names := range byAge {
		sort.Strings(names)
		agesSorted = append(agesSorted, a)
	}
	sort.Ints(agesSorted)
	for _, a := range agesSorted {
		fmt.Println(a, byAge[a])
	}
	emps := map[string]Emp{"x": {"X", 1}}
	e := emps["x"]
	e.Age = 2
	emps["x"] = e
	fmt.Println(emps)
	for k := range ages {
		if ages[k] < 31 {
			delete(ages, k)
		}
	}
	fmt.Println(ages)
}
