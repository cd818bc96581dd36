// Price a shopping list in parallel: one goroutine per item looks up its
// price and sends it on a channel; main adds them up.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Price struct {
	Item  string
	Cents int
}

// lookup stands in for a call to the price service.
func lookup(item string) int {
	cents := 0
	for _, r := range item {
		cents += int(r)
	}
	return cents % 500
}

func main() {
	items := []string{"apples", "bread", "cheese", "dates", "eggs"}
	prices := make(chan Price)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(item string) {
			defer wg.Done()
			prices <- Price{Item: item, Cents: lookup(item)}
		}(it)
	}

	total := 0
	var lines []string
	for p := range prices {
		total += p.Cents
		lines = append(lines, fmt.Sprintf("%-7s %3d", p.Item, p.Cents))
	}
	wg.Wait()
	sort.Strings(lines)
	fmt.Println(strings.Join(lines, "\n"))
	fmt.Printf("total   %3d\n", total)
}
