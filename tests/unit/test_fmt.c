/* test_fmt.c - unit tests for engine/fmt.c: every verb, flags, widths,
 * nested values, sorted maps, Error/String methods, error strings, panic
 * values and the runtime's print.
 *
 * Seams: the VM, the heap and maps are replaced through -Wl,--wrap (see
 * WRAP_test_fmt in the Makefile): a tiny fake VM owns a heap list, method
 * calls are answered from a table, maps are a fixed array.  Types are the
 * real ones (types.c).
 *
 * Every expected string was recorded from real Go 1.19 with the program
 * tests/unit/testdata/fmt_cases.go (go run it); the number in
 * each comment is its output line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/fmt.h"
#include "engine/map.h"
#include "engine/native.h"
#include "engine/program.h"
#include "engine/types.h"
#include "engine/vm.h"

/* ---- the fake VM -------------------------------------------------------- */

struct VM {
  Heap heap;
  Program prog;
  Buf err; /* what was written to fd 2 */
};

struct MapObj {
  Obj h;
  int n;
  Value k[8], v[8];
};

/* A method answered by the fake VM: returns ret, or panics with the
 * string panic_msg. */
typedef struct TMethod {
  Func fn;
  Type *recv;
  const char *name, *ret, *panic_msg;
} TMethod;

static VM *vm_;
static Universe *u_;
static Package pkg_ = {.path = "main", .name = "main"};
static TMethod methods_[8];
static int nmethods_;

static Obj *obj_new(ObjKind kind, size_t size) {
  Obj *o = calloc(1, size);
  o->kind = kind;
  o->next = vm_->heap.objects;
  vm_->heap.objects = o;
  return o;
}

Heap *__wrap_vm_heap(VM *vm);
Heap *__wrap_vm_heap(VM *vm) { return &vm->heap; }
Program *__wrap_vm_program(VM *vm);
Program *__wrap_vm_program(VM *vm) { return &vm->prog; }
void __wrap_vm_write(VM *vm, int fd, const char *p, size_t n);
void __wrap_vm_write(VM *vm, int fd, const char *p, size_t n) {
  if (fd == 2) buf_append(&vm->err, p, n);
}

Value __wrap_val_str(VM *vm, const char *s, size_t len);
Value __wrap_val_str(VM *vm, const char *s, size_t len) {
  (void)vm;
  StrObj *o = (StrObj *)obj_new(OBJ_STRING, sizeof(StrObj) + len + 1);
  memcpy(o->data, s, len);
  o->len = (int64_t)len;
  return (Value){{.p = o}, NULL};
}

Func *__wrap_vm_find_method(Type *t, const char *name);
Func *__wrap_vm_find_method(Type *t, const char *name) {
  for (int i = 0; i < nmethods_; i++)
    if (methods_[i].recv == t && strcmp(methods_[i].name, name) == 0)
      return &methods_[i].fn;
  return NULL;
}

int __wrap_vm_call_method0(VM *vm, Goroutine *g, Value recv, Func *m,
                           Value *res, Value *panicked);
int __wrap_vm_call_method0(VM *vm, Goroutine *g, Value recv, Func *m,
                           Value *res, Value *panicked) {
  (void)g, (void)recv;
  TMethod *tm = (TMethod *)m;
  if (tm->panic_msg) {
    *panicked = __wrap_val_str(vm, tm->panic_msg, strlen(tm->panic_msg));
    panicked->t = types_basic(u_, TY_STRING);
    return 1;
  }
  *res = __wrap_val_str(vm, tm->ret, strlen(tm->ret));
  return 0;
}

int64_t __wrap_map_entries(const MapObj *m);
int64_t __wrap_map_entries(const MapObj *m) { return m ? m->n : 0; }
bool __wrap_map_entry(const MapObj *m, int64_t i, Value *key, Value *val);
bool __wrap_map_entry(const MapObj *m, int64_t i, Value *key, Value *val) {
  *key = m->k[i];
  *val = m->v[i];
  return true;
}

static int setup(void **state) {
  (void)state;
  vm_ = calloc(1, sizeof *vm_);
  u_ = types_new_universe();
  vm_->prog.universe = u_;
  nmethods_ = 0;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  for (Obj *o = vm_->heap.objects, *next; o; o = next) {
    next = o->next;
    free(o);
  }
  buf_fini(&vm_->err);
  types_free_universe(u_);
  free(vm_);
  return 0;
}

/* ---- building types and values ------------------------------------------ */

static Type *B(TypeKind k) { return types_basic(u_, k); }

static Type *named(const char *name, Type *under) {
  Type *t = types_named(u_, name, &pkg_, NULL);
  types_set_under(t, under);
  return t;
}

static Type *strct2(const char *a, Type *ta, const char *b, Type *tb) {
  Field *f = arena_alloc(types_arena(u_), 2 * sizeof *f);
  f[0] = (Field){.name = a, .type = ta};
  f[1] = (Field){.name = b, .type = tb};
  return types_struct(u_, f, b ? 2 : (a ? 1 : 0));
}

static void method(Type *recv, const char *name, const char *ret,
                   const char *panic_msg) {
  Type *s = B(TY_STRING);
  TMethod *m = &methods_[nmethods_++];
  *m = (TMethod){.recv = recv, .name = name, .ret = ret,
                 .panic_msg = panic_msg};
  m->fn.type = types_func(u_, NULL, 0, &s, 1, false);
}

static Value I(int64_t i) { return (Value){{.i = i}, NULL}; }
static Value UI(uint64_t x) { return (Value){{.u = x}, NULL}; }
static Value F(double f) { return (Value){{.f = f}, NULL}; }
static Value S(const char *s) { return __wrap_val_str(vm_, s, strlen(s)); }
static Value NIL(void) { return (Value){{0}, NULL}; }
/* As an operand of `...any`: v with its dynamic type. */
static Value A(Type *t, Value v) {
  v.t = t;
  return v;
}
static Value Ai(int64_t i) { return A(B(TY_INT), I(i)); }
static Value As(const char *s) { return A(B(TY_STRING), S(s)); }
static Value Af(double f) { return A(B(TY_FLOAT64), F(f)); }
static Value Ab(bool b) { return A(B(TY_BOOL), I(b)); }

static Value agg(int n, ...) {
  AggObj *a = (AggObj *)obj_new(OBJ_AGG, sizeof(AggObj) +
                                             (size_t)n * sizeof(Value));
  a->n = n;
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) a->v[i] = va_arg(ap, Value);
  va_end(ap);
  return (Value){{.p = a}, NULL};
}

static Value slice(int n, ...) {
  AggObj *a = (AggObj *)obj_new(OBJ_AGG, sizeof(AggObj) +
                                             (size_t)n * sizeof(Value));
  a->n = n;
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) a->v[i] = va_arg(ap, Value);
  va_end(ap);
  SliceObj *s = (SliceObj *)obj_new(OBJ_SLICE, sizeof *s);
  s->arr = a;
  s->len = s->cap = n;
  return (Value){{.p = s}, NULL};
}

static Value ptr(Value v) {
  BoxObj *b = (BoxObj *)obj_new(OBJ_BOX, sizeof *b);
  b->v = v;
  return (Value){{.ref = &b->v}, NULL};
}

/* map with n key/value pairs given alternately */
static Value map(int n, ...) {
  MapObj *m = (MapObj *)obj_new(OBJ_MAP, sizeof *m);
  m->n = n;
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++) {
    m->k[i] = va_arg(ap, Value);
    m->v[i] = va_arg(ap, Value);
  }
  va_end(ap);
  return (Value){{.p = m}, NULL};
}

/* ---- checking ------------------------------------------------------------ */

#define ARGS(...) (Value[]){__VA_ARGS__}, \
  (int)(sizeof((Value[]){__VA_ARGS__}) / sizeof(Value))

static void check_printf(const char *expect, const char *format, Value *a,
                         int n) {
  Buf out = BUF_INIT;
  fmt_sprintf(vm_, NULL, format, strlen(format), a, n, &out);
  assert_string_equal(buf_cstr(&out), expect);
  buf_fini(&out);
}

static void check_print(const char *expect, bool ln, Value *a, int n) {
  Buf out = BUF_INIT;
  if (ln) fmt_sprintln(vm_, NULL, a, n, &out);
  else fmt_sprint(vm_, NULL, a, n, &out);
  assert_string_equal(buf_cstr(&out), expect);
  buf_fini(&out);
}

#define PF(expect, format, ...) check_printf(expect, format, ARGS(__VA_ARGS__))
#define PR(expect, ...) check_print(expect, false, ARGS(__VA_ARGS__))

/* ---- integers, runes, strings -------------------------------------------- */

static void fmt__integers(void **state) {
  (void)state;
  PF("42", "%d", Ai(42));                                           /* 1 */
  PF("   42|42   |-0042", "%5d|%-5d|%05d", Ai(42), Ai(42), Ai(-42)); /* 2 */
  PF("ff FF 10 101", "%x %X %o %b", Ai(255), Ai(255), Ai(8), Ai(5)); /* 3 */
  PF("0xff 010 0b101 0XFF", "%#x %#o %#b %#X", Ai(255), Ai(8), Ai(5),
     Ai(255));                                                       /* 4 */
  PF("+5  5 -ff 00000101 -10", "%+d % d %x %08b %o", Ai(5), Ai(5),
     Ai(-255), Ai(5), Ai(-8));                                       /* 5 */
  PF("-128 18446744073709551615 -9223372036854775808 200 65535",
     "%v %v %d %d %v", A(B(TY_INT8), I(-128)),
     A(B(TY_UINT64), UI(UINT64_MAX)), A(B(TY_INT64), I(INT64_MIN)),
     A(B(TY_UINT8), UI(200)), A(B(TY_UINT16), UI(65535)));          /* 43 */
  PF("|     |   ||   007|-3   |", "%x|%5x|%3v|%.0d|%6.3d|%-5d|",
     A(types_slice(u_, B(TY_UINT8)), slice(0)), As(""), As(""), Ai(0),
     Ai(7), Ai(-3));                                                 /* 42 */
  PF("-0000042|+0000042|42      | 0000042|a", "%08d|%+08d|%-08d|% 08d|%x",
     Ai(-42), Ai(42), Ai(42), Ai(42), A(B(TY_UINT8), UI(10)));      /* 55 */
  PF("0 0x0  0x7", "%#o %#x %x %#v", Ai(0), Ai(0), As(""),
     A(B(TY_UINT), UI(7)));                                          /* 53 */
}

static void fmt__runes(void **state) {
  (void)state;
  PF("A 'A' U+1F600 U+0078 'x' \346\227\245     x|",
     "%c %q %U %#U %c %5c|", A(B(TY_INT32), I('A')), A(B(TY_INT32), I('A')),
     Ai(0x1F600), A(B(TY_INT32), I('x')), Ai(0x65E5),
     A(B(TY_INT32), I('x')));                                        /* 6 */
}

static void fmt__strings(void **state) {
  (void)state;
  PF("hello|     hello|hello     |he|       abc|000hi",
     "%s|%10s|%-10s|%.2s|%10.3s|%05s", As("hello"), As("hello"),
     As("hello"), As("hello"), As("abcdef"), As("hi"));              /* 7 */
  PF("\"a\\\"b\\n\" \"h\\u00e9llo\" `abc` \"\\x00\\x7f\\xff\" "
     "\"\\u65e5\\u672c\"",
     "%q %+q %#q %q %+q", As("a\"b\n"), As("h\303\251llo"), As("abc"),
     A(B(TY_STRING), __wrap_val_str(vm_, "\0\177\377", 3)),
     As("\346\227\245\346\234\254"));                                /* 8 */
  PF("6869|68 69|6869|0x68 0x69|0x6869", "%x|% x|%X|% #x|%#x", As("hi"),
     As("hi"), As("hi"), As("hi"), As("hi"));                        /* 9 */
  PF("true false  true|false  |", "%t %v %5t|%-7v|", Ab(true), Ab(false),
     Ab(true), Ab(false));                                          /* 10 */
  PF("abc  {}", "%.3v %v %v", As("abcdef"), As(""),
     A(strct2(NULL, NULL, NULL, NULL), agg(0)));                    /* 44 */
}

/* ---- floats --------------------------------------------------------------- */

static void fmt__floats_v(void **state) {
  (void)state;
  PR("3 0.3 1e+21 1e-05 1e+06 1.23456789e+08 100000 1e+20 2.5e-05",
     Af(3.0), Af(0.3), Af(1e21), Af(1e-5), Af(1e6), Af(123456789.0),
     Af(100000.0), Af(1e20), Af(2.5e-5));                            /* 11 */
  PF("0.30000000000000004", "%v", Af(0.1 + 0.2));
  PF("0.0001|0.001|1.2345678e+07|1.5e+300|5e-324", "%v|%v|%v|%v|%v",
     Af(1e-4), Af(0.001), Af(12345678.0), Af(1.5e300), Af(5e-324)); /* 51 */
  Type *f32 = B(TY_FLOAT32);
  PR("0.1 1.6777216e+07 3.4e+38 0.33333334", A(f32, F((float)0.1)),
     A(f32, F(16777216.0)), A(f32, F((float)3.4e38)),
     A(f32, F((float)(1.0f / 3))));                                  /* 15 */
}

static void fmt__floats_verbs(void **state) {
  (void)state;
  double pi = 3.14159265;
  PF("3.141593 3.14    3.142 3.14    | -003.142  99.50%",
     "%f %.2f %8.3f %-8.2f| %08.3f %6.2f%%", Af(pi), Af(pi), Af(pi),
     Af(pi), Af(-pi), Af(99.5));                                     /* 12 */
  PF("1.234568e+03 1.234568E+03 1.235e+03 +1.23e+03 0.000000e+00",
     "%e %E %.3e %+.2e %e", Af(1234.5678), Af(1234.5678), Af(1234.5678),
     Af(1234.5678), Af(0.0));                                        /* 13 */
  PF("1e-07 1E+21 1.23e+06 100000 1e+06 1.235e+05 0",
     "%g %G %.3g %g %g %.4g %g", Af(1e-7), Af(1e21), Af(1234567.0),
     Af(100000.0), Af(1000000.0), Af(123456.0), Af(0.0));           /* 14 */
  PF("+Inf -Inf NaN +Inf   NaN| +Inf     +Inf| NaN   |",
     "%v %v %v %f %5.1f| %+v %08.3f| %-6v|", Af(INFINITY), Af(-INFINITY),
     Af(NAN), Af(INFINITY), Af(NAN), Af(INFINITY), Af(INFINITY),
     Af(NAN));                                                       /* 16 */
  PF("0.1 2 4 -0    3.1|1 1.00000", "%.1f %.0f %.0f %v %6.2v|%#v %#g",
     Af(0.05), Af(2.5), Af(3.5), Af(-0.0), Af(3.14159), Af(1.0),
     Af(1.0));                                                       /* 17 */
  PF("1.00e+01|0.3333333333|0.10000000000000001|1.000000e-310",
     "%.2e|%.10g|%.17g|%e", Af(9.999), Af(1.0 / 3), Af(0.1),
     Af(1e-310));                                                    /* 52 */
  PF("  3.14|1.235e+03|+5| 5|ff|FF|10|101|A|U+1F600",
     "%6.2f|%-8.3e|%+d|% d|%x|%X|%o|%b|%c|%U", Af(3.14159),
     Af(1234.5678), Ai(5), Ai(5), Ai(255), Ai(255), Ai(8), Ai(5),
     A(B(TY_INT32), I('A')), Ai(0x1F600));                           /* 47 */
}

/* ---- types, structs, lists, maps ---------------------------------------- */

/* type T struct { A int; B string } */
static Type *type_T(void) {
  return named("T", strct2("A", B(TY_INT), "B", B(TY_STRING)));
}

static void fmt__type_names(void **state) {
  (void)state;
  Type *T = type_T(), *err = named("Err", strct2(NULL, NULL, NULL, NULL));
  Type *s = B(TY_STRING), *i = B(TY_INT);
  PF("int string []int map[string]int *main.T main.T main.Err <nil>",
     "%T %T %T %T %T %T %T %T", Ai(1), As("s"), A(types_slice(u_, i), NIL()),
     A(types_map(u_, s, i), NIL()), A(types_pointer(u_, T), NIL()),
     A(T, agg(2, I(0), S(""))), A(err, agg(0)), NIL());             /* 18 */
  Type *fn = types_func(u_, &i, 1, &s, 1, false);
  PF("[]interface {} func(int) string chan int main.MyInt [2]bool",
     "%T %T %T %T %T", A(types_slice(u_, types_any(u_)), NIL()),
     A(fn, NIL()), A(types_chan(u_, i, CHAN_BOTH), NIL()),
     A(named("MyInt", i), I(1)),
     A(types_array(u_, B(TY_BOOL), 2), agg(2, I(0), I(0))));         /* 19 */
}

static void fmt__structs(void **state) {
  (void)state;
  Type *T = type_T();
  Value t1 = A(T, agg(2, I(1), S("x")));
  PF("{1 x} {A:1 B:x} main.T{A:1, B:\"x\"}", "%v %+v %#v", t1, t1, t1);
  Type *pT = types_pointer(u_, T);
  Value p1 = A(pT, ptr(agg(2, I(1), S("x"))));
  PF("&{1 x} &{A:1 B:x} &main.T{A:0, B:\"\"}", "%v %+v %#v", p1, p1,
     A(pT, ptr(agg(2, I(0), S("")))));                               /* 21 */
  /* struct { A []T; B *int } */
  Type *anon = strct2("A", types_slice(u_, T), "B",
                      types_pointer(u_, B(TY_INT)));
  PF("{A:[{A:1 B:a}] B:<nil>}", "%+v",
     A(anon, agg(2, slice(1, agg(2, I(1), S("a"))), NIL())));      /* 54 */
}

static void fmt__nested(void **state) {
  (void)state;
  /* type P struct{ X, Y int }; type N struct { P P; L []P; M map[string]P } */
  Type *P = named("P", strct2("X", B(TY_INT), "Y", B(TY_INT)));
  Field *f = arena_alloc(types_arena(u_), 3 * sizeof *f);
  f[0] = (Field){.name = "P", .type = P};
  f[1] = (Field){.name = "L", .type = types_slice(u_, P)};
  f[2] = (Field){.name = "M", .type = types_map(u_, B(TY_STRING), P)};
  Type *N = named("N", types_struct(u_, f, 3));
  Value n = A(N, agg(3, agg(2, I(1), I(2)), slice(1, agg(2, I(3), I(4))),
                     map(1, S("k"), agg(2, I(5), I(6)))));
  PF("{{1 2} [{3 4}] map[k:{5 6}]} {P:{X:1 Y:2} L:[{X:3 Y:4}] "
     "M:map[k:{X:5 Y:6}]}", "%v %+v", n, n);                        /* 28 */
}

static void fmt__lists(void **state) {
  (void)state;
  Type *i = B(TY_INT), *si = types_slice(u_, i);
  Type *ss = types_slice(u_, B(TY_STRING));
  PR("[1 2 3] [] [a b] [1 2 3] [true false]",
     A(si, slice(3, I(1), I(2), I(3))), A(si, NIL()),
     A(ss, slice(2, S("a"), S("b"))),
     A(types_array(u_, i, 3), agg(3, I(1), I(2), I(3))),
     A(types_array(u_, B(TY_BOOL), 2), agg(2, I(1), I(0))));         /* 22 */
  Type *bs = types_slice(u_, B(TY_UINT8));
  PF("[\"a\" \"b\"] [1 2 3] [1 2] [    1]|", "%q %v %d %5v|",
     A(ss, slice(2, S("a"), S("b"))), A(bs, slice(3, UI(1), UI(2), UI(3))),
     A(bs, slice(2, UI(1), UI(2))), A(bs, slice(1, UI(1))));         /* 23 */
  Value hi = A(bs, slice(2, UI('h'), UI('i')));
  PF("hi 6869 6869 \"hi\" 68 69", "%s %x %X %q % x", hi, hi, hi, hi, hi);
  Type *any = types_any(u_);
  PR("<nil> <nil> <nil> [1 a <nil> 2.5]", A(types_pointer(u_, type_T()),
     NIL()), NIL(), A(types_func(u_, NULL, 0, NULL, 0, false), NIL()),
     A(types_slice(u_, any), slice(4, Ai(1), As("a"), NIL(), Af(2.5))));
  PF("%!s(<nil>)|[<nil>]", "%s|%v", NIL(),
     A(types_slice(u_, any), slice(1, NIL())));                      /* 46 */
}

static void fmt__maps(void **state) {
  (void)state;
  Type *s = B(TY_STRING), *i = B(TY_INT);
  PR("map[a:1 b:2 c:3] map[1:a 2:b 3:c] map[]",
     A(types_map(u_, s, i), map(3, S("b"), I(2), S("a"), I(1), S("c"),
                                I(3))),
     A(types_map(u_, i, s), map(3, I(3), S("c"), I(1), S("a"), I(2),
                                S("b"))),
     A(types_map(u_, s, i), NIL()));                                 /* 25 */
  PF("map[string]int{\"a\":2, \"z\":1} map[false:0 true:1] "
     "map[-1:a 2.5:b +Inf:i]", "%#v %v %v",
     A(types_map(u_, s, i), map(2, S("z"), I(1), S("a"), I(2))),
     A(types_map(u_, B(TY_BOOL), i), map(2, I(1), I(1), I(0), I(0))),
     A(types_map(u_, B(TY_FLOAT64), s),
       map(3, F(2.5), S("b"), F(-1), S("a"), F(INFINITY), S("i")))); /* 26 */
}

/* ---- Error() and String() ------------------------------------------------- */

static void fmt__methods(void **state) {
  (void)state;
  Type *i = B(TY_INT);
  Type *err = named("Err", strct2(NULL, NULL, NULL, NULL));
  method(err, "Error", "boom", NULL);
  Type *st = named("St", i);
  method(st, "String", "St!", NULL);
  Value e = A(err, agg(0));
  PF("boom boom {} [boom <nil>] \"boom\"", "%v %s %d %v %q", e, e, e,
     A(types_slice(u_, types_error(u_)), slice(2, e, NIL())), e);   /* 29 */
  Type *mst = types_map(u_, st, i);
  PF("St! 3 537421 [St! St!] map[St!:1]", "%v %d %x %s %v", A(st, I(3)),
     A(st, I(3)), A(st, I(3)),
     A(types_slice(u_, st), slice(2, I(1), I(2))),
     A(mst, map(1, I(1), I(1))));                                    /* 30 */
  Type *both = named("Both", i), *ps = named("PanicS", i);
  method(both, "Error", "err", NULL);
  method(both, "String", "str", NULL);
  method(ps, "String", NULL, "oops");
  Type *np = types_pointer(u_, named("NP", strct2("n", i, NULL, NULL)));
  method(np, "String", NULL, "invalid memory address");
  /* type W struct { s St; S St }: no methods on unexported fields */
  Type *w = named("W", strct2("s", st, "S", st));
  PF("err %!v(PANIC=String method: oops) <nil> {3 St!}", "%v %v %v %v",
     A(both, I(1)), A(ps, I(1)), A(np, NIL()),
     A(w, agg(2, I(3), I(4))));                                      /* 31 */
  Type *fe = named("FE", strct2("E", types_error(u_), NULL, NULL));
  Type *fa = named("FA", strct2("A", types_any(u_), NULL, NULL));
  PF("{boom} {<nil>} {<nil>}", "%v %v %s", A(fe, agg(1, e)),
     A(fa, agg(1, NIL())), A(fe, agg(1, NIL())));                    /* 41 */
}

static void fmt__named_basic(void **state) {
  (void)state;
  Type *myint = named("MyInt", B(TY_INT)), *mys = named("MyS", B(TY_STRING));
  PF("5 main.MyInt [%!d(string=a)] s main.MyS", "%v %T %d %v %T",
     A(myint, I(5)), A(myint, I(5)),
     A(types_slice(u_, B(TY_STRING)), slice(1, S("a"))), A(mys, S("s")),
     A(mys, S("s")));                                                /* 39 */
}

/* ---- bad verbs, missing and extra operands ------------------------------- */

static void fmt__errors(void **state) {
  (void)state;
  PF("%!d(string=hi)|%!s(int=42)|%!z(int=1)|%!d(bool=true) %!d(<nil>)|"
     "%!!(int=1)|%!(NOVERB)", "%d|%s|%z|%d %d|%!|%", As("hi"), Ai(42),
     Ai(1), Ab(true), NIL(), Ai(1));                                 /* 32 */
  PF("1 2%!(EXTRA int=3, string=a, <nil>)", "%d %d", Ai(1), Ai(2), Ai(3),
     As("a"), NIL());                                                /* 33 */
  PF("1 %!s(MISSING)", "%d %s", Ai(1));                              /* 34 */
  PF("    1|2    |3.14|1 5|5", "%*d|%-*d|%.*f|%[2]d %[1]d|%[3]d", Ai(5),
     Ai(1), Ai(5), Ai(2), Ai(2), Af(3.14159));                       /* 35 */
  PF("%!d(BADINDEX)| 1|", "%[3]d|%[2]*[1]d|", Ai(1), Ai(2));        /* 36 */
  PF("0x0 <nil> 0", "%p %v %d",
     A(types_pointer(u_, B(TY_INT)), NIL()),
     A(types_pointer(u_, B(TY_INT)), NIL()),
     A(types_pointer(u_, B(TY_INT)), NIL()));                        /* 45 */
}

static void fmt__sharp_v(void **state) {
  (void)state;
  Type *any = types_any(u_);
  PF("[]interface {}{1, \"a\", interface {}(nil)} []int(nil) 0x2a \"x\" "
     "true (*main.T)(nil) []byte{0x1, 0x2}", "%#v %#v %#v %#v %#v %#v %#v",
     A(types_slice(u_, any), slice(3, Ai(1), As("a"), NIL())),
     A(types_slice(u_, B(TY_INT)), NIL()), A(B(TY_UINT8), UI(42)),
     As("x"), Ab(true), A(types_pointer(u_, type_T()), NIL()),
     A(types_slice(u_, B(TY_UINT8)), slice(2, UI(1), UI(2))));       /* 40 */
}

/* ---- Print and Println ------------------------------------------------------ */

static void fmt__print_spacing(void **state) {
  (void)state;
  PR("a1 2b3.5cm4", As("a"), Ai(1), Ai(2), As("b"), Af(3.5), As("c"),
     A(named("MyS", B(TY_STRING)), S("m")), Ai(4));                  /* 37 */
  check_print("a 1 true <nil>\n", true,
              ARGS(As("a"), Ai(1), Ab(true), NIL()));                /* 38 */
}

/* ---- Errorf's %w (the fmt.sprintfw native) ------------------------------- */

static void errorf(const char *expect, int64_t wrapped, const char *format,
                   Value args) {
  NativeFn fn = NULL;
  for (const NativeEntry *e = natives_fmt; e->name; e++)
    if (strcmp(e->name, "fmt.sprintfw") == 0) fn = e->fn;
  assert_non_null(fn);
  Value in[2] = {S(format), args}, res[2];
  assert_int_equal(fn(vm_, NULL, in, res), NAT_OK);
  assert_string_equal(val_str_data(res[0]), expect);
  assert_int_equal(res[1].as.i, wrapped);
}

static void fmt__errorf_w(void **state) {
  (void)state;
  Type *err = named("Err", strct2(NULL, NULL, NULL, NULL));
  method(err, "Error", "boom", NULL);
  Value e = A(err, agg(0));
  errorf("x: boom", 0, "x: %w", slice(1, e));                        /* 48 */
  errorf("boom %!w(main.Err={})", -1, "%w %w", slice(2, e, e));      /* 49 */
  errorf("%!w(int=1)", -1, "%w", slice(1, Ai(1)));                   /* 50 */
}

/* ---- panic values and print/println ---------------------------------------- */

static void check_panic(const char *expect, Value v) {
  Buf out = BUF_INIT;
  fmt_panic_value(vm_, NULL, v, &out);
  assert_string_equal(buf_cstr(&out), expect);
  buf_fini(&out);
}

/* Recorded with testdata/fmt_panics.go: panic(v) for each value. */
static void fmt__panic_values(void **state) {
  (void)state;
  check_panic("nil", NIL());
  check_panic("+1.500000e+000", Af(1.5));
  check_panic("main.MyF(+1.500000e+000)",
              A(named("MyF", B(TY_FLOAT64)), F(1.5)));
  check_panic("main.MyS(\"x\")", A(named("MyS", B(TY_STRING)), S("x")));
  check_panic("main.MyB(true)", A(named("MyB", B(TY_BOOL)), I(1)));
  check_panic("true", Ab(true));
  check_panic("3", A(B(TY_UINT8), UI(3)));
  check_panic("+1.000000e-001", A(B(TY_FLOAT32), F((float)0.1)));
  check_panic("s\n", As("s\n"));
  check_panic("+1.000000e+100", Af(1e100));
  check_panic("+1.234568e+007", Af(12345678.9));
  Type *e = named("E", strct2(NULL, NULL, NULL, NULL));
  method(e, "Error", "E!", NULL);
  check_panic("E!", A(e, agg(0)));
  Type *st = named("St", B(TY_INT));
  method(st, "String", "stringer!", NULL);
  check_panic("stringer!", A(st, I(3)));
  Buf out = BUF_INIT; /* (main.T) 0x...: only the shape is Go's */
  fmt_panic_value(vm_, NULL, A(type_T(), agg(2, I(1), S(""))), &out);
  assert_true(strncmp(buf_cstr(&out), "(main.T) 0xc0000", 16) == 0);
  buf_fini(&out);
}

/* Recorded with testdata/fmt_print.go (stderr). */
static void fmt__builtin_print(void **state) {
  (void)state;
  Type *ts[] = {B(TY_INT),     B(TY_STRING), B(TY_FLOAT64), B(TY_BOOL),
                B(TY_FLOAT64), B(TY_FLOAT64), B(TY_FLOAT64), B(TY_FLOAT64),
                B(TY_UINT8),   B(TY_INT32),  B(TY_FLOAT32)};
  Value vs[] = {I(1),     S("a"),  F(2.5),         I(1),  F(0.0), F(1e100),
                F(123456789.0), F(0.1), UI(3), I('x'), F((float)0.1)};
  fmt_builtin_print(vm_, vs, ts, 11, 1);
  Type *t2[] = {B(TY_STRING), B(TY_INT), B(TY_INT), B(TY_STRING)};
  Value v2[] = {S("x"), I(1), I(2), S("\n")};
  fmt_builtin_print(vm_, v2, t2, 4, 0);
  Type *t3[] = {types_pointer(u_, B(TY_INT)), B(TY_BOOL)};
  Value v3[] = {NIL(), I(1)};
  fmt_builtin_print(vm_, v3, t3, 2, 1);
  assert_string_equal(buf_cstr(&vm_->err),
                      "1 a +2.500000e+000 true +0.000000e+000 "
                      "+1.000000e+100 +1.234568e+008 +1.000000e-001 3 120 "
                      "+1.000000e-001\nx12\n0x0 true\n");
}

/* ---- fmt_float as strconv.FormatFloat ------------------------------------- */

static void check_float(const char *expect, double f, int bits, char verb,
                        int prec) {
  Buf out = BUF_INIT;
  fmt_float(f, bits, verb, prec, &out);
  assert_string_equal(buf_cstr(&out), expect);
  buf_fini(&out);
}

/* Recorded with testdata/fmt_formatfloat.go. */
static void fmt__format_float(void **state) {
  (void)state;
  check_float("0.30000000000000004", 0.1 + 0.2, 64, 'g', -1);
  check_float("1e+21", 1e21, 64, 'g', -1);
  check_float("123456789", 123456789.0, 64, 'f', -1);
  check_float("1.23456789e+08", 123456789.0, 64, 'e', -1);
  check_float("-0.001", -0.001, 64, 'g', -1);
  check_float("0.1", (float)0.1, 32, 'g', -1);
  check_float("0.10000000149011612", (float)0.1, 64, 'g', -1);
  check_float("3.14", 3.14159, 64, 'f', 2);
  check_float("1.2346E+04", 12345.6789, 64, 'E', 4);
  check_float("1.235e+04", 12345.6789, 64, 'g', 4);
  check_float("NaN", NAN, 64, 'g', -1);
  check_float("-Inf", -INFINITY, 64, 'f', 3);
  check_float("1.7976931348623157e+308", 1.7976931348623157e308, 64, 'g',
              -1);
  check_float("5e-324", 5e-324, 64, 'g', -1);
  check_float("100", 100.0, 64, 'g', 3);
  check_float("1e+02", 100.0, 64, 'g', 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(fmt__integers, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__runes, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__strings, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__floats_v, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__floats_verbs, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__type_names, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__structs, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__nested, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__lists, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__maps, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__methods, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__named_basic, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__errors, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__sharp_v, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__print_spacing, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__errorf_w, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__panic_values, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__builtin_print, setup, teardown),
      cmocka_unit_test_setup_teardown(fmt__format_float, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
