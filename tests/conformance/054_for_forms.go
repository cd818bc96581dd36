package main

import "fmt"

func main() {
	i := 0
	for i < 3 {
		i++
	}
	fmt.Println(i)
	for {
		i *= 2
		if i > 50 {
			break
		}
	}
	fmt.Println(i)
	xs := []int{10, 20, 30}
	for i := range xs {
		fmt.Print(i, " ")
	}
	for _, v := range xs {
		fmt.Print(v, " ")
	}
	for range xs {
		fmt.Print(". ")
	}
	fmt.Println()
	for i, v := range xs {
		if i == 0 {
			xs = append(xs, 99)
			xs[2] = 300
		}
		fmt.Print(v, " ")
	}
	fmt.Println(len(xs))
	for i, j := 0, 10; i < j; i, j = i+2, j-2 {
		fmt.Print(i, "-", j, " ")
	}
	fmt.Println()
	for n := 10; n > 0; n /= 3 {
		fmt.Print(n, " ")
	}
	fmt.Println()
	var nilSlice []string
	for range nilSlice {
		fmt.Println("never")
	}
	arr := [3]string{"a", "b", "c"}
	for i := range &arr {
		arr[i] += "!"
	}
	fmt.Println(arr)
	k := 0
	for ; k < 2; {
		k++
	}
	fmt.Println(k)
}
