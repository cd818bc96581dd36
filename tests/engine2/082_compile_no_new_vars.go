package main

func main() {
	x := 1
	x := 2
	y = 3
	_ = x
}
