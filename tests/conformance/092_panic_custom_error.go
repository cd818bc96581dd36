package main

import "fmt"

type ValidationError struct {
	Field string
	Code  int
}

func (e ValidationError) Error() string {
	return fmt.Sprintf("invalid %s (code %d)", e.Field, e.Code)
}

func validate(age int) error {
	if age < 0 {
		return ValidationError{"age", 17}
	}
	return nil
}

func main() {
	fmt.Println(validate(5))
	if err := validate(-1); err != nil {
		panic(err)
	}
}
