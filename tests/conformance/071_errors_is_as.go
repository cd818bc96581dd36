package main

import (
	"errors"
	"fmt"
)

var ErrPermission = errors.New("permission denied")

type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

func open(path string) error {
	return &PathError{path, ErrPermission}
}

func main() {
	err := open("/etc/secret")
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrPermission), err == ErrPermission)
	wrapped := fmt.Errorf("config: %w", err)
	fmt.Println(wrapped)
	fmt.Println(errors.Is(wrapped, ErrPermission))
	var pe *PathError
	if errors.As(wrapped, &pe) {
		fmt.Println("as PathError:", pe.Path)
	}
	other := errors.New("other")
	fmt.Println(errors.Is(other, ErrPermission), errors.As(other, &pe))
	fmt.Println(errors.Is(nil, ErrPermission), errors.Is(nil, nil))
	fmt.Println(errors.Unwrap(err) == ErrPermission)
}
