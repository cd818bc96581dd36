package main

import (
	"fmt"
	"strings"
)

func main() {
	var b strings.Builder
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&b, "%d-", i)
	}
	b.WriteByte('x')
	b.WriteRune('é')
	b.WriteString("!")
	fmt.Println(b.String(), b.Len())
	fmt.Println(strings.Contains("seafood", "foo"), strings.ContainsRune("abc", 'b'), strings.HasPrefix("golang", "go"), strings.HasSuffix("golang", "ng"))
	fmt.Printf("%q\n", strings.Split("a,b,,c", ","))
	fmt.Printf("%q\n", strings.SplitN("a,b,c,d", ",", 2))
	fmt.Printf("%q\n", strings.Split("héllo", ""))
	fmt.Printf("%q\n", strings.Fields("  foo bar\tbaz\n "))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, ", "), strings.Repeat("ab", 3))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.ReplaceAll("oink oink", "oink", "moo"))
	fmt.Println(strings.ToUpper("hello, wörld"), strings.ToLower("HeLLo"))
	fmt.Printf("[%s] [%s] [%s] [%s]\n", strings.TrimSpace("  \t hi \n"), strings.Trim("xxhixx", "x"), strings.TrimLeft("xxhix", "x"), strings.TrimRight("xhixx", "x"))
	fmt.Println(strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("body.go", ".go"))
	fmt.Println(strings.Count("cheese", "e"), strings.Count("five", ""), strings.Index("chicken", "ken"), strings.LastIndex("go gopher", "go"), strings.IndexByte("golang", 'l'))
	fmt.Println(strings.EqualFold("Go", "GO"), strings.Map(func(r rune) rune {
		if r == 'a' {
			return 'A'
		}
		return r
	}, "banana"))
	before, after, found := strings.Cut("key=value", "=")
	fmt.Println(before, after, found)
	fmt.Println(strings.Replace("abc", "", "-", -1), strings.IndexRune("chicken", 'k'), strings.Compare("a", "b"))
}
