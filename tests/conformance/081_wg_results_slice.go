package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	words := []string{"go", "chan", "select", "mutex", "defer"}
	upper := make([]string, len(words))
	lengths := make([]int, len(words))
	var wg sync.WaitGroup
	wg.Add(len(words))
	for i, w := range words {
		go func(i int, w string) {
			defer wg.Done()
			upper[i] = strings.ToUpper(w)
			lengths[i] = len(w)
		}(i, w)
	}
	wg.Wait()
	fmt.Println(upper)
	fmt.Println(lengths)
	var wg2 sync.WaitGroup
	fib := make([]int, 20)
	for i := range fib {
		wg2.Add(1)
		go func(i int) {
			defer wg2.Done()
			a, b := 0, 1
			for k := 0; k < i; k++ {
				a, b = b, a+b
			}
			fib[i] = a
		}(i)
	}
	wg2.Wait()
	fmt.Println(fib)
}
