package main

import "fmt"

func main() {
	fmt.Printf("|%5d|%-5d|%05d|%+d|%+d|\n", 42, 42, 42, 42, -42)
	fmt.Printf("|%5s|%-5s|%.2s|%5.1s|\n", "go", "go", "golang", "xyz")
	fmt.Printf("|%8.3f|%-8.2f|%08.2f|%.0f|\n", 3.14159, 2.5, -3.5, 0.5)
	fmt.Printf("|%6x|%-6X|%06x|%2x|\n", 255, 255, 5, 255)
	fmt.Printf("|%5t|%-7v|\n", true, false)
	fmt.Printf("|%3c|%-3c|\n", 'a', 'b')
	fmt.Printf("|%10q|%-10q|\n", "hi", "yo")
	fmt.Printf("|%5d|%5d|\n", 123456, -12)
	fmt.Printf("|%05d|%05s|\n", -42, "ab")
	fmt.Printf("|%6.2f%%|\n", 99.5)
	fmt.Printf("|%v|%6v|%-6v|\n", []int{1, 2}, 3, 4)
	fmt.Printf("|%5s|\n", "世界")
	fmt.Printf("|%3d|%-3d|\n", 5, -5)
	for _, r := range []struct {
		name string
		n    int
	}{{"alpha", 1}, {"be", 22}, {"gamma", 333}} {
		fmt.Printf("%-6s%4d\n", r.name, r.n)
	}
}
