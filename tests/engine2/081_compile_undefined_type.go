package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	fmt.Println("x")
	undefinedFn()
	var t T
}
