package main

func main() {
	println(1, "a", 2.5, true, -0.0, 1e100, 123456789.0, 0.1, uint8(3), 'x', float32(0.1))
	print("x", 1, 2, "\n")
	var p *int
	println(p, nil == p)
}
