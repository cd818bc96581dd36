package main

import "fmt"

func main() {
	ch := make(chan string, 3)
	ch <- "a"
	ch <- "b"
	ch <- "c"
	close(ch)
	for s := range ch {
		fmt.Println(s)
	}
	nums := make(chan int)
	go func() {
		for i := 1; i <= 5; i++ {
			nums <- i * i
		}
		close(nums)
	}()
	total := 0
	for n := range nums {
		total += n
		fmt.Print(n, " ")
	}
	fmt.Println("total", total)
	empty := make(chan int)
	close(empty)
	count := 0
	for range empty {
		count++
	}
	fmt.Println("count", count)
}
