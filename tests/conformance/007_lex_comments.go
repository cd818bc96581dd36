// Package comment.
package main

import "fmt" // trailing comment

/*
   block comment
   spanning lines
*/

func add(a /* first */, b int /* second */) int {
	return a + b // sum
}

func main() {
	x := add(1, /* inline */ 2)
	fmt.Println(x) /* after */
	y := 5 /* a block comment
	with a newline acts like a newline */
	fmt.Println(y)
	s := "// not a comment"
	t := "/* not a comment */"
	fmt.Println(s, t)
	r := `// raw /* too */`
	fmt.Println(r)
	// fmt.Println("hidden")
	/* fmt.Println("hidden too") */
	fmt.Println('/', "*/")
}
