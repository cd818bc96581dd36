// An auto-saver for an editor. File-change events arrive from several
// goroutines; the save happens once the editor has been quiet for 30ms.
package main

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

const quiet = 30 * time.Millisecond

type AutoSaver struct {
	mu      sync.Mutex
	timer   *time.Timer
	pending map[string]bool
}

// Changed records a change and restarts the quiet period.
func (a *AutoSaver) Changed(file string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending[file] = true
	a.timer.Reset(quiet)
}

// WaitQuiet blocks until the quiet period has passed, then returns the
// files to save.
func (a *AutoSaver) WaitQuiet() []string {
	<-a.timer.C
	a.mu.Lock()
	defer a.mu.Unlock()
	var files []string
	for f := range a.pending {
		files = append(files, f)
	}
	sort.Strings(files)
	return files
}

func main() {
	a := &AutoSaver{pending: map[string]bool{}, timer: time.NewTimer(quiet)}
	a.timer.Stop() // armed by the first Changed
	var wg sync.WaitGroup
	for _, f := range []string{"main.go", "util.go", "main.go"} {
		wg.Add(1)
		go func(file string) {
			defer wg.Done()
			a.Changed(file)
		}(f)
	}
	wg.Wait()
	fmt.Println("saving:", strings.Join(a.WaitQuiet(), " "))
}
