// Package os for panicroom: Stdout/Stderr as *File, Args and Exit.
//
// File.Write is a native (engine/lib.c) that writes through the VM, so
// output goes where the VM sends fd 1 and 2 (the terminal, the TUI pane or
// a test's buffer), unbuffered as Go's os.Stdout is. Exit is a native that
// ends the run with the status at once: deferred calls do not run.
package os

// File represents an open file descriptor.
type File struct {
	fd int
}

var (
	Stdin  = &File{0}
	Stdout = &File{1}
	Stderr = &File{2}
)

// Args hold the command-line arguments, starting with the program name.
var Args []string = runtime_args()

func runtime_args() []string

// Write writes len(b) bytes from b to the File.
func (f *File) Write(b []byte) (n int, err error)

// WriteString is like Write, but writes the contents of string s.
func (f *File) WriteString(s string) (n int, err error) {
	return f.Write([]byte(s))
}

// Exit causes the current program to exit with the given status code.
// The program terminates immediately; deferred functions are not run.
func Exit(code int)
