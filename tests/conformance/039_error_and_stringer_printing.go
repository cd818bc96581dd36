package main

import "fmt"

type Both struct{ id int }

func (b Both) Error() string  { return fmt.Sprintf("error #%d", b.id) }
func (b Both) String() string { return "string" }

type OnlyString struct{ id int }

func (o OnlyString) String() string { return fmt.Sprint("S", o.id) }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

func main() {
	b := Both{7}
	fmt.Println(b)
	fmt.Printf("%v %s %d\n", b, b, b)
	var err error = b
	fmt.Println(err)
	o := OnlyString{3}
	fmt.Println(o, []OnlyString{{1}, {2}})
	fmt.Printf("%+v %v\n", o, &o)
	c := Code(404)
	fmt.Println(c)
	fmt.Printf("%d %v %x\n", c, c, c)
	err = c
	fmt.Println("failed:", err)
	fmt.Println(fmt.Sprint(c, c))
	errs := []error{Code(1), Both{2}}
	fmt.Println(errs)
}
