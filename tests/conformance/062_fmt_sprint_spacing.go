package main

import "fmt"

func main() {
	fmt.Print("a", "b", 1, 2, "c", 3.5, true, false, "\n")
	fmt.Print(1, 2, 3)
	fmt.Print("\n")
	fmt.Print("x", 1, "\n")
	fmt.Println("a", "b", 1, 2)
	s := fmt.Sprint("a", 1, 2, "b", "c", 3)
	fmt.Printf("%q\n", s)
	s = fmt.Sprint(1, 2)
	fmt.Printf("%q\n", s)
	s = fmt.Sprintln("x", 1, 2.5)
	fmt.Printf("%q\n", s)
	s = fmt.Sprint()
	fmt.Printf("%q\n", s)
	s = fmt.Sprint([]int{1}, []int{2}, "z")
	fmt.Printf("%q\n", s)
	fmt.Println()
	fmt.Println("")
	fmt.Println("end", nil, 'a')
	n, err := fmt.Println("count me")
	fmt.Println(n, err)
	fmt.Print()
	fmt.Printf("no newline")
	fmt.Printf("\n")
}
