package main

import (
	"fmt"
	"strings"
)

func main() {
	fmt.Printf("%q\n", strings.Split("a,b,,c", ","))
	fmt.Printf("%q\n", strings.Split("abc", ""))
	fmt.Printf("%q\n", strings.SplitN("a,b,c,d", ",", 2))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, "-"), strings.Join(nil, ","))
	fmt.Println(strings.Contains("seafood", "foo"), strings.Contains("x", ""), strings.ContainsRune("abc", 'b'))
	fmt.Println(strings.Repeat("ab", 3), strings.Repeat("-", 0) == "")
	fmt.Println(strings.ToUpper("héllo wörld"), strings.ToLower("GoLang"))
	fmt.Printf("%q\n", strings.Fields("  one two\tthree\n four  "))
	fmt.Printf("%q\n", strings.TrimSpace("\t  padded \n "))
	fmt.Println(strings.HasPrefix("golang", "go"), strings.HasSuffix("golang", "ng"), strings.HasPrefix("go", "golang"))
	fmt.Println(strings.Index("chicken", "ken"), strings.Index("chicken", "dmr"), strings.Index("中文字", "字"))
	fmt.Println(strings.LastIndex("go gopher", "go"), strings.IndexByte("abc", 'c'), strings.IndexRune("中文", '文'))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.Replace("aaa", "a", "b", -1))
	fmt.Println(strings.ReplaceAll("a-b-c", "-", "+"))
	fmt.Println(strings.Count("cheese", "e"), strings.Count("five", ""))
	fmt.Println(strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("file.go", ".go"))
	fmt.Println(strings.Trim("xxhixx", "x"), strings.TrimLeft("  x ", " "), strings.TrimRight("a!!", "!"))
	fmt.Println(strings.EqualFold("Go", "GO"), strings.Compare("a", "b"))
	fmt.Println(strings.ToUpper("ß"), strings.ToLower("ÀÉ"))
	parts := strings.Split("k1=v1;k2=v2", ";")
	for _, p := range parts {
		kv := strings.SplitN(p, "=", 2)
		fmt.Println(kv[0], "->", kv[1])
	}
}
