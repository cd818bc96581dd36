package main

import (
	"fmt"
	"math/rand"
)

func main() {
	fmt.Println(rand.Intn(1))
	rand.Intn(0)
}
