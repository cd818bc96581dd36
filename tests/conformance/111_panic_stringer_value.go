package main

import "fmt"

type State struct{ Name string }

func (s State) String() string { return "state<" + s.Name + ">" }

func main() {
	fmt.Println(State{"ok"})
	panic(State{"broken"})
}
