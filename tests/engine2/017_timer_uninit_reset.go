// Reset on a Timer that was not made by NewTimer or AfterFunc panics.
package main

import "time"

func main() {
	var t time.Timer
	t.Reset(time.Second)
}
