// Verify uploaded files in parallel: one goroutine per file computes a
// checksum, then main prints a report once every file has been checked.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type File struct {
	Name string
	Data string
}

func checksum(data string) uint32 {
	var h uint32 = 2166136261 // FNV-1a
	for i := 0; i < len(data); i++ {
		h ^= uint32(data[i])
		h *= 16777619
	}
	return h
}

func main() {
	files := []File{
		{"invoice.pdf", "%PDF-1.7 invoice 2024-03"},
		{"logo.png", "\x89PNG logo 64x64"},
		{"notes.txt", "buy milk; call Bob"},
		{"report.csv", "month,revenue\nmarch,1200"},
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		sums = map[string]uint32{}
	)
	for _, f := range files {
		wg.Add(1)
		go func(f File) {
			defer wg.Done()
			sum := checksum(f.Data)
			mu.Lock()
			sums[f.Name] = sum
			mu.Unlock()
		}(f)
	}
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	var names []string
	for name := range sums {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Printf("%-11s %08x\n", name, sums[name])
	}
	fmt.Printf("%d of %d files checked\n", len(sums), len(files))
}
