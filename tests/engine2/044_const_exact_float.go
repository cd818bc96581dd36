// Audit: untyped float constants are exact (0.1+0.2 == 0.3), typed ones
// are rounded to their type, huge intermediate constants are fine.
package main

import "fmt"

const third = 1.0 / 3
const big = 1 << 100

type Celsius float64
type Small float32

func main() {
	fmt.Println(0.1+0.2, 0.1+0.2 == 0.3, third*3 == 1, third*3, big>>98, 1e400/1e399)
	var a float64 = 0.1
	fmt.Println(a+0.2, a+0.2 == 0.3)
	const ta float64 = 0.1
	fmt.Println(ta+0.2, ta*3, float32(0.1)+0.2)
	var c Celsius = 36.6
	var s Small = 1.0 / 3
	fmt.Println(c+0.1, s, s*3, 1.1*1.1, 2.2/1.1, 1e23, 5e-324, 1.7976931348623157e308)
	fmt.Println(int64(1e18), int(3.0), 7.0/2.0, 1/3.0*3.0, 100*1.1, 0.7+0.1, 0.1*3)
	const h = 6.62607015e-34
	fmt.Println(h*1e34, 1e-7*1e7 == 1)
}
