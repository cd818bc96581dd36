package main

import (
	"errors"
	"fmt"
	"strconv"
)

func main() {
	fmt.Println(strconv.Itoa(-42), strconv.FormatInt(255, 16), strconv.FormatBool(true))
	for _, s := range []string{"123", "-9", "x", "99999999999999999999", "", "+7", "1_000"} {
		n, err := strconv.Atoi(s)
		fmt.Println(n, err)
	}
	i, err := strconv.ParseInt("0x1f", 0, 64)
	fmt.Println(i, err)
	i, err = strconv.ParseInt("300", 10, 8)
	fmt.Println(i, err)
	u, err := strconv.ParseUint("-1", 10, 64)
	fmt.Println(u, err)
	_, err = strconv.ParseInt("1", 1, 64)
	fmt.Println(err)
	f, err := strconv.ParseFloat("3.14", 64)
	fmt.Println(f, err)
	_, err = strconv.ParseFloat("1e400", 64)
	fmt.Println(err, errors.Is(err, strconv.ErrRange))
	var ne *strconv.NumError
	_, err = strconv.Atoi("bad")
	if errors.As(err, &ne) {
		fmt.Println("NumError:", ne.Func, ne.Num, ne.Err)
	}
	b, err := strconv.ParseBool("maybe")
	fmt.Println(b, err)
	fmt.Println(strconv.Quote("hi\n\"there\""), strconv.QuoteRune('☺'), strconv.QuoteToASCII("☺"))
	s, err := strconv.Unquote(`"a\tb"`)
	fmt.Printf("%q %v\n", s, err)
	fmt.Println(strconv.FormatFloat(1.5, 'f', 2, 64), strconv.FormatFloat(0.000001234, 'g', -1, 64), strconv.FormatFloat(1e21, 'e', -1, 64))
	fmt.Printf("%T %T\n", err, ne)
}
