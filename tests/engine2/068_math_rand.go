package main

import (
	"fmt"
	"math/rand"
	"sort"
)

func main() {
	p := rand.Perm(10)
	sort.Ints(p)
	fmt.Println(p)
	r := rand.New(rand.NewSource(42))
	q := r.Perm(5)
	sort.Ints(q)
	fmt.Println(q)
	ok := true
	for i := 0; i < 1000; i++ {
		if n := rand.Intn(7); n < 0 || n >= 7 {
			ok = false
		}
		if f := r.Float64(); f < 0 || f >= 1 {
			ok = false
		}
		if n := rand.Int63n(1 << 40); n < 0 || n >= 1<<40 {
			ok = false
		}
		if n := r.Int31n(3); n < 0 || n >= 3 {
			ok = false
		}
		if rand.Int() < 0 || rand.Int63() < 0 || rand.Int31() < 0 {
			ok = false
		}
		if f := rand.Float32(); f < 0 || f >= 1 {
			ok = false
		}
	}
	fmt.Println("in range:", ok)
	a := []string{"a", "b", "c", "d", "e"}
	rand.Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
	sort.Strings(a)
	fmt.Println(a)
	r1 := rand.New(rand.NewSource(7))
	r2 := rand.New(rand.NewSource(7))
	same := true
	for i := 0; i < 100; i++ {
		if r1.Int63() != r2.Int63() {
			same = false
		}
	}
	fmt.Println("same seed, same numbers:", same)
	r1.Seed(9)
	r2.Seed(9)
	fmt.Println("reseeded:", r1.Intn(1000) == r2.Intn(1000), r1.Uint64() == r2.Uint64(), r1.Uint32() == r2.Uint32())
	rand.Seed(5)
	x := rand.Int63()
	rand.Seed(5)
	fmt.Println("global reseed:", x == rand.Int63())
	fmt.Println(rand.Intn(1), r.Int63n(1), len(rand.Perm(0)))
	var src rand.Source = rand.NewSource(1)
	_, is64 := src.(rand.Source64)
	fmt.Println("Source64:", is64)
	buf := make([]byte, 5)
	n, err := rand.Read(buf)
	fmt.Println(n, err)
	defer func() { fmt.Println("recovered:", recover()) ; rand.Intn(0)}()
	rand.Int31n(-1)
}
