// Package fmt for panicroom: Print*, Sprint*, Fprint* and Errorf.
//
// The formatting itself is C (engine/fmt.c, which follows Go's print.go);
// the body-less functions below are its natives. Errorf and Fprint* are
// written in Go as in Go: Errorf calls sprintfw, a Sprintf that accepts
// one %w and reports which operand it wrapped, and builds Go's
// *fmt.wrapError or an *errors.errorString.
package fmt

import (
	"errors"
	"io"
)

// Stringer is implemented by any value that has a String method, which
// defines the “native” format for that value.
type Stringer interface {
	String() string
}

// GoStringer is implemented by any value that has a GoString method.
type GoStringer interface {
	GoString() string
}

func Print(a ...any) (n int, err error)
func Println(a ...any) (n int, err error)
func Printf(format string, a ...any) (n int, err error)
func Sprint(a ...any) string
func Sprintln(a ...any) string
func Sprintf(format string, a ...any) string

func sprintfw(format string, a []any) (s string, wrapped int)

// Fprint formats using the default formats and writes to w.
func Fprint(w io.Writer, a ...any) (n int, err error) {
	return w.Write([]byte(Sprint(a...)))
}

// Fprintln formats using the default formats and writes to w, with
// spaces between operands and a newline.
func Fprintln(w io.Writer, a ...any) (n int, err error) {
	return w.Write([]byte(Sprintln(a...)))
}

// Fprintf formats according to a format specifier and writes to w.
func Fprintf(w io.Writer, format string, a ...any) (n int, err error) {
	return w.Write([]byte(Sprintf(format, a...)))
}

// Errorf formats according to a format specifier and returns the string
// as a value that satisfies error. With a %w verb for an error operand,
// the returned error has an Unwrap method returning that operand.
func Errorf(format string, a ...any) error {
	s, w := sprintfw(format, a)
	if w < 0 {
		return errors.New(s)
	}
	return &wrapError{s, a[w].(error)}
}

type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string {
	return e.msg
}

func (e *wrapError) Unwrap() error {
	return e.err
}

