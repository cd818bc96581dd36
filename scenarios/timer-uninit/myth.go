// Myth: "calling AfterFunc again on a stopped timer panics with
// 'timer already fired or stopped'". There is no such method to call:
// time.AfterFunc is a function of package time, not a method of *Timer,
// so this program does not even compile.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.AfterFunc(time.Hour, func() { fmt.Println("fired") })
	t.Stop()
	t.AfterFunc(time.Millisecond, func() { fmt.Println("fired again") })
}
