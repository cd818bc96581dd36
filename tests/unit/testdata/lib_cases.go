// Records expected strings for tests/unit/test_lib.c.
package main

import (
	"fmt"
	"strconv"
	"strings"
)

func main() {
	fmt.Println(strconv.Quote("a\"b\\\n\t\x00\x7f\xffé日\u2028"))
	fmt.Println(strconv.QuoteToASCII("é日😀"), strconv.QuoteRune('\''), strconv.QuoteRune('"'), strconv.QuoteRuneToASCII('日'), strconv.QuoteRune(0xD800))
	for _, s := range []string{`"a\tb\u00e9\x41\101"`, "`raw\\n`", `'x'`, `'\''`, `"\'"`, `'ab'`, `"unterminated`, `"a"b"`, `'\u65e5'`, `"\400"`, `"\uD800"`} {
		u, err := strconv.Unquote(s)
		fmt.Printf("%q %v\n", u, err)
	}
	for _, s := range []string{"3.25", "1e400", "-1e400", "1e-400", "inf", "-Infinity", "NaN", "0x1.8p1", "0x10", "1_000.5", "1__0", "1e", ".5", "5.", "abc", " 1", "+.e1", "1e+308", "3.4e39"} {
		f, err := strconv.ParseFloat(s, 64)
		fmt.Println(s, f, err)
	}
	f, err := strconv.ParseFloat("3.4e39", 32)
	fmt.Println(f, err)
	f, err = strconv.ParseFloat("0.1", 32)
	fmt.Println(f, err)
	fmt.Println(strconv.FormatInt(-255, 16), strconv.FormatInt(35, 36), strconv.FormatUint(18446744073709551615, 2), strconv.FormatInt(-9223372036854775808, 10))
	fmt.Println(strconv.FormatFloat(3.0, 'f', -1, 64), strconv.FormatFloat(1.0/3, 'g', 5, 64), strconv.FormatFloat(2.5, 'e', 3, 32), strconv.FormatFloat(1e21, 'f', 0, 64))
	fmt.Println(strings.Index("chicken", "ken"), strings.Index("x", ""), strings.Index("ab", "abc"), strings.LastIndex("go gopher", "go"), strings.LastIndex("x", ""), strings.IndexByte("golang", 'l'))
	fmt.Println(strings.ToUpper("héllo wörld ÿ straße"), strings.ToLower("HÉLLO ΑΒΓ ПРИВЕТ İ"), strings.ToUpper("a\xffb"), strings.ToUpper("abc"))
}
