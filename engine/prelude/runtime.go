// Package runtime for panicroom: the run-time error types the VM raises
// (send on closed channel, index out of range, failed type assertions...)
// and the goroutine functions of the subset. The natives are in
// engine/sync.c (Gosched, NumGoroutine, GC) and the VM (Goexit).
package runtime

// The Error interface identifies a run time error.
type Error interface {
	error
	// RuntimeError is a no-op function but serves to distinguish types
	// that are run time errors from ordinary errors.
	RuntimeError()
}

// An errorString is a runtime error printed with Go's prefix
// ("runtime error: integer divide by zero").
type errorString string

func (e errorString) RuntimeError() {}

func (e errorString) Error() string {
	return "runtime error: " + string(e)
}

// A plainError is a runtime error without the prefix
// ("send on closed channel", "close of nil channel").
type plainError string

func (e plainError) RuntimeError() {}

func (e plainError) Error() string {
	return string(e)
}

// A boundsError is an index or slice expression out of range; msg is
// already formatted ("index out of range [5] with length 3").
type boundsError struct {
	msg string
}

func (e boundsError) RuntimeError() {}

func (e boundsError) Error() string {
	return "runtime error: " + e.msg
}

// A TypeAssertionError explains a failed type assertion; msg is the whole
// text ("interface conversion: interface {} is string, not int").
type TypeAssertionError struct {
	msg string
}

func (*TypeAssertionError) RuntimeError() {}

func (e *TypeAssertionError) Error() string {
	return e.msg
}

// Gosched yields the processor, allowing other goroutines to run.
func Gosched()

// NumGoroutine returns the number of goroutines that currently exist.
func NumGoroutine() int

// GC runs a garbage collection (nothing to do: see engine/value.h).
func GC()

// Goexit terminates the goroutine that calls it, after running its
// deferred calls.
func Goexit()
