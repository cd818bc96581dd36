package main

import (
	"errors"
	"fmt"
	"strconv"
)

var ErrNotFound = errors.New("not found")

type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return "line " + strconv.Itoa(e.Line) + ": " + e.Msg
}

func lookup(k string) (int, error) {
	if k == "a" {
		return 1, nil
	}
	return 0, ErrNotFound
}

func parse(s string) error {
	if s == "" {
		return &ParseError{3, "empty input"}
	}
	return nil
}

func main() {
	_, err := lookup("b")
	fmt.Println(err, err == ErrNotFound)
	_, err = lookup("a")
	fmt.Println(err, err == nil)
	err = parse("")
	fmt.Println(err)
	if pe, ok := err.(*ParseError); ok {
		fmt.Println(pe.Line, pe.Msg)
	}
	fmt.Println(parse("x") == nil)
	e1 := errors.New("same")
	e2 := errors.New("same")
	fmt.Println(e1 == e2, e1.Error() == e2.Error())
	fmt.Printf("%v|%s|%q\n", err, err, err)
	fmt.Printf("%T %T\n", err, e1)
}
