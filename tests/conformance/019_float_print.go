package main

import "fmt"

func main() {
	a, b := 0.1, 0.2
	fmt.Println(a+b, a+b == 0.3)
	fmt.Println(1e21, 1e20, 1e-7, 1e-4, 1e-5, 3.0, 2.5, 100000000.0)
	fmt.Println(123456789.0, 0.000001, 1.0/3.0, 2.0/3.0)
	x := 3.0
	fmt.Println(x, x/2, x*1e10, x*1e30)
	zero := 0.0
	fmt.Println(1/zero, -1/zero, zero/zero == zero/zero)
	neg := -zero
	fmt.Println(neg, zero)
	fmt.Printf("%f %.2f %.0f %e %g %g\n", x, 2.345, 2.5, 123456.789, 1e-7, 1e21)
	fmt.Printf("%8.3f|%-8.2f|%08.3f\n", 3.14159, 2.0, -1.5)
	fmt.Printf("%v %v %v\n", 1e6, 1e-6, 12345.678)
	fmt.Println(float64(7)/2, 5.0e-324, 1.7976931348623157e308)
	s := fmt.Sprint(0.1, 0.25, 1.5e300)
	fmt.Println(s)
	fmt.Printf("%.3e %.1g %6.1f\n", 0.00012345, 0.15, 99.95)
}
