// Ground truth c06e: ranging over a map while another goroutine writes it.
package main

import "fmt"

func main() {
	m := map[int]int{}
	for i := 0; i < 100; i++ {
		m[i] = i
	}
	go func() {
		for i := 0; ; i++ {
			m[i%100] = i
		}
	}()
	sum := 0
	for r := 0; r < 1000; r++ {
		for _, v := range m {
			sum += v
		}
	}
	fmt.Println(sum > 0)
}
