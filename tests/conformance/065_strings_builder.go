package main

import (
	"fmt"
	"strings"
)

func main() {
	var sb strings.Builder
	fmt.Println(sb.Len(), sb.String() == "")
	sb.WriteString("hello")
	sb.WriteByte(',')
	sb.WriteRune(' ')
	sb.WriteRune('世')
	n, err := sb.WriteString("界")
	fmt.Println(n, err)
	fmt.Println(sb.String(), sb.Len())
	var b strings.Builder
	for i := 0; i < 5; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(fmt.Sprint(i * i))
	}
	fmt.Println("[" + b.String() + "]")
	b.Reset()
	fmt.Printf("%q %d\n", b.String(), b.Len())
	table := &strings.Builder{}
	for _, row := range [][]string{{"a", "1"}, {"bb", "22"}} {
		table.WriteString(fmt.Sprintf("%-3s|%3s\n", row[0], row[1]))
	}
	fmt.Print(table.String())
}
