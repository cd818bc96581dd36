// Now, Since, Until, Sub, Add, Before, After, Equal on the clock.
package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	time.Sleep(1500 * time.Millisecond)
	el := time.Since(start)
	fmt.Println(el >= 1500*time.Millisecond, el < 2*time.Second, el.Truncate(500*time.Millisecond))
	now := time.Now()
	later := now.Add(2 * time.Second)
	fmt.Println(later.Sub(now), now.Sub(later), later.After(now), later.Before(now), now.Equal(now))
	fmt.Println(now.Add(time.Second).Add(-time.Second).Equal(now))
	u := time.Until(later)
	fmt.Println(u > time.Second, u <= 2*time.Second)
	fmt.Println(now.Round(0).Equal(now), later.Sub(now.Round(0)))
	a := time.Unix(100, 5)
	b := time.Unix(99, 999999999)
	fmt.Println(a.Sub(b), b.Sub(a), a.After(b), a.UnixNano(), b.UnixMilli(), a.UnixMicro())
	fmt.Println(time.Unix(0, -1).UnixNano(), time.Unix(1, 2e9).Unix(), time.UnixMilli(1500).Nanosecond())
	var zero time.Time
	fmt.Println(zero.IsZero(), now.IsZero(), zero.Before(now))
}
