package main

import (
	"fmt"
	"strings"
)

func sum(nums ...int) int {
	t := 0
	for _, n := range nums {
		t += n
	}
	return t
}

func info(nums ...int) string {
	return fmt.Sprint(len(nums), nums == nil, nums)
}

func join(sep string, parts ...string) string {
	return strings.Join(parts, sep)
}

func modify(nums ...int) { nums[0] = 100 }

func main() {
	fmt.Println(sum(), sum(1), sum(1, 2, 3))
	xs := []int{4, 5, 6}
	fmt.Println(sum(xs...))
	fmt.Println(info(), info(1, 2))
	fmt.Println(info(xs[:0]...))
	fmt.Println(join("-", "a", "b", "c"), join(","))
	modify(xs...)
	fmt.Println(xs)
	modify(7, 8)
	args := []any{"x", 1, true}
	fmt.Println(args...)
	fmt.Println(append([]int{1}, xs...))
	fmt.Printf("%T\n", sum)
}
