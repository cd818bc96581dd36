/* fmt.h - Go's fmt formatting of run-time values (fmt.c), used by the fmt
 * natives, by print/println, and by the VM to print panic values.
 *
 * Formatting walks the value's Type (types.h): Println's spacing rules,
 * verbs %v %+v %#v-free %d %s %q %t %T %x %X %o %b %c %U %e %f %g %p with
 * widths, precision and flags, maps sorted by key as fmt sorts them,
 * nested structs/pointers (&{...} at top level, 0xc... below), nil
 * slices/maps/pointers, floats in Go's shortest round-trip form, and
 * Error()/String() methods called through vm_call_nested (a method that
 * panics prints "%!v(PANIC=String method: msg)" as Go does). */
#ifndef PANICROOM_ENGINE_FMT_H
#define PANICROOM_ENGINE_FMT_H

#include "base/buf.h"
#include "engine/gor.h"
#include "engine/value.h"

struct VM;
struct Type;

/* fmt.Sprint / Sprintln semantics over an array of interface values. */
void fmt_sprint(struct VM *vm, Goroutine *g, Value *args, int n, Buf *out);
void fmt_sprintln(struct VM *vm, Goroutine *g, Value *args, int n,
                  Buf *out);
void fmt_sprintf(struct VM *vm, Goroutine *g, const char *format,
                 size_t flen, Value *args, int n, Buf *out);
/* One value with %v (v.t must be set: an interface value). */
void fmt_value(struct VM *vm, Goroutine *g, Value v, Buf *out);

/* Go's printpanicval: the text after "panic: " for a panic value: an
 * error's Error(), a Stringer's String(), strings as they are, numbers and
 * bools plainly, named basic types as main.MyInt(3), anything else as
 * (main.T) 0xc000012345 (a stable fake address). */
void fmt_panic_value(struct VM *vm, Goroutine *g, Value v, Buf *out);

/* Go's strconv 'g' -1 shortest formatting of a float64 / float32, as
 * Println prints floats ("0.30000000000000004", "1e+21", "3"). */
void fmt_float(double f, int bits, char verb, int prec, Buf *out);

/* The built-in print/println (to stderr, Go's runtime formats). */
void fmt_builtin_print(struct VM *vm, Value *args, struct Type **types,
                       int n, int newline);

/* Go's strconv quoting, shared with the strconv natives (lib.c): appends
 * s quoted with quote ('"' or '\''), escaping non-printable runes (all
 * non-ASCII ones too when ascii is set) as strconv.Quote does. */
void fmt_quote(const char *s, size_t n, char quote, bool ascii, Buf *out);
/* unicode.IsPrint, approximated outside ASCII (see fmt.c). */
bool fmt_is_print(int32_t r);
/* UTF-8 as Go decodes it: an invalid byte is U+FFFD of width 1.  decode
 * needs n >= 1 and returns the width; encode writes 1..4 bytes (invalid
 * runes as U+FFFD) and returns how many. */
int fmt_utf8_decode(const char *s, size_t n, int32_t *r);
int fmt_utf8_encode(int32_t r, char *out);

#endif
