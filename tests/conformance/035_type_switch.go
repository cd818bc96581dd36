package main

import (
	"errors"
	"fmt"
)

type Point struct{ X, Y int }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprintf("integer %v (%T)", x, x)
	case string:
		return "string of len " + fmt.Sprint(len(x))
	case bool:
		if x {
			return "true bool"
		}
		return "false bool"
	case []int:
		return fmt.Sprint("slice ", len(x))
	case Point:
		return fmt.Sprint("point ", x.X+x.Y)
	case *Point:
		return fmt.Sprint("point ptr ", x.X)
	case error:
		return "error: " + x.Error()
	case fmt.Stringer:
		return "stringer " + x.String()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func main() {
	vals := []any{nil, 1, int64(2), "héllo", true, false, []int{1, 2}, Point{1, 2},
		&Point{3, 4}, errors.New("bad"), 3.5, map[string]int{}, struct{}{}}
	for _, v := range vals {
		fmt.Println(describe(v))
	}
	var v any = 5
	switch v.(type) {
	case string:
		fmt.Println("no")
	default:
		fmt.Println("default")
	}
}
