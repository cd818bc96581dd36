package main

import (
	"fmt"
	"math/rand"
)

func main() {
	fmt.Println(rand.Intn(1000000), rand.Int63(), rand.Float64(), rand.Perm(6))
}
