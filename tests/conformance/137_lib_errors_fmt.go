package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

type NotFound struct{ Name string }

func (e *NotFound) Error() string { return e.Name + " not found" }

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }

func find(name string) error {
	return fmt.Errorf("find %q: %w", name, &NotFound{name})
}

func main() {
	err := find("cfg")
	fmt.Println(err)
	var nf *NotFound
	fmt.Println(errors.As(err, &nf), nf.Name)
	fmt.Println(errors.Unwrap(err) == error(nf))
	e1 := errors.New("x")
	fmt.Println(errors.Is(fmt.Errorf("a: %w", fmt.Errorf("b: %w", e1)), e1), errors.Is(e1, errors.New("x")))
	fmt.Printf("%T %T %T\n", e1, err, fmt.Errorf("plain %d", 1))
	fmt.Println(io.EOF, errors.Is(fmt.Errorf("read: %w", io.EOF), io.EOF))
	fmt.Fprintln(os.Stdout, "to stdout", 1, 2)
	fmt.Fprintf(os.Stdout, "%5.2f|%-4s|%x\n", 3.14159, "ab", 255)
	fmt.Fprint(os.Stdout, "a", "b", 1, 2, "\n")
	os.Stdout.WriteString("direct\n")
	fmt.Println(Temp(21.5), []Temp{1, 2})
	fmt.Printf("%v %s %d\n", Temp(3), Temp(3), 7)
	m := map[string][]int{"b": {2}, "a": {1, 1}}
	fmt.Println(m, len(os.Args) > 0)
	var ip *int
	fmt.Println(ip, nil, []string(nil), map[string]int(nil))
	fmt.Printf("%v %+v\n", struct {
		A int
		B []string
	}{1, []string{"x"}}, &NotFound{"n"})
	defer fmt.Println("deferred: not printed")
	os.Exit(3)
}
