// Load "key=value" settings from several config files concurrently, one
// goroutine per file. main has a recover() so that a bad file is reported
// instead of crashing the program.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type result struct {
	file     string
	settings map[string]string
	err      error
}

func parse(lines []string) (map[string]string, error) {
	if len(lines) == 0 {
		return nil, fmt.Errorf("empty file")
	}
	m := map[string]string{}
	for _, line := range lines {
		kv := strings.SplitN(line, "=", 2)
		m[strings.TrimSpace(kv[0])] = strings.TrimSpace(kv[1])
	}
	return m, nil
}

func main() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("main recovered:", r)
		}
	}()
	files := map[string][]string{
		"app.conf": {"port = 8080", "workers = 4"},
		"db.conf":  {"host = db.local", "debug"}, // a line without '='
		"log.conf": {"level = info"},
	}
	results := make(chan result)
	for name, lines := range files {
		go func(name string, lines []string) {
			m, err := parse(lines)
			results <- result{file: name, settings: m, err: err}
		}(name, lines)
	}
	var out []string
	for range files {
		r := <-results
		if r.err != nil {
			out = append(out, r.file+": error: "+r.err.Error())
		}
		for k, v := range r.settings {
			out = append(out, r.file+": "+k+" = "+v)
		}
	}
	sort.Strings(out)
	fmt.Println(strings.Join(out, "\n"))
}
