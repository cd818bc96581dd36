package main

// A variable whose type is undefined is not also "declared but not used".
func main() {
	var t T
}
