// Collect temperature readings from three sensors and print each sensor's
// average. Every sensor is supposed to report three readings.
package main

import (
	"fmt"
	"sort"
	"sync"
)

type Reading struct {
	Sensor  string
	Celsius int
}

func poll(sensor string, values []int, out chan<- Reading, wg *sync.WaitGroup) {
	defer wg.Done()
	for _, v := range values {
		out <- Reading{Sensor: sensor, Celsius: v}
	}
}

func main() {
	sensors := []struct {
		name   string
		values []int
	}{
		{"kitchen", []int{21, 22, 23}},
		{"garage", []int{9, 10, 11}},
		{"attic", []int{30}}, // went offline after its first reading
	}
	readings := make(chan Reading)
	var wg sync.WaitGroup
	for _, s := range sensors {
		wg.Add(1)
		go poll(s.name, s.values, readings, &wg)
	}
	go func() {
		wg.Wait()
		close(readings)
	}()

	sum := map[string]int{}
	count := map[string]int{}
	expected := len(sensors) * 3
	for i := 0; i < expected; i++ {
		r := <-readings
		sum[r.Sensor] += r.Celsius
		count[r.Sensor]++
	}
	var names []string
	for name := range count {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Printf("%-9q avg %2d°C  n=%d\n", name, sum[name]/count[name], count[name])
	}
}
