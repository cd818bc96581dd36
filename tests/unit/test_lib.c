/* test_lib.c - unit tests for the C natives of engine/lib.c (strconv
 * quoting, parsing and formatting, strings searches and case mapping,
 * sort's swapper, os.Exit/Args/File.Write), called through the
 * natives_lib table exactly as the VM calls them.
 *
 * Seams: the VM is faked through -Wl,--wrap (WRAP_test_lib in the
 * Makefile).  Expected strings were recorded from real Go 1.19 with
 * tests/unit/testdata/lib_cases.go. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/map.h"
#include "engine/native.h"
#include "engine/program.h"
#include "engine/types.h"
#include "engine/vm.h"

struct VM {
  Heap heap;
  Program prog;
  Buf out;       /* fd 1 */
  char panic[128]; /* last panic message */
  int exit_code;
};

static VM *vm_;

static Obj *obj_new(ObjKind kind, size_t size) {
  Obj *o = calloc(1, size);
  o->kind = kind;
  o->next = vm_->heap.objects;
  vm_->heap.objects = o;
  return o;
}

Value __wrap_val_str(VM *vm, const char *s, size_t len);
Value __wrap_val_str(VM *vm, const char *s, size_t len) {
  (void)vm;
  StrObj *o = (StrObj *)obj_new(OBJ_STRING, sizeof(StrObj) + len + 1);
  memcpy(o->data, s, len);
  o->len = (int64_t)len;
  return (Value){{.p = o}, NULL};
}

Value __wrap_val_slice_new(VM *vm, Type *t, int64_t len, int64_t cap);
Value __wrap_val_slice_new(VM *vm, Type *t, int64_t len, int64_t cap) {
  (void)vm, (void)t;
  AggObj *a = (AggObj *)obj_new(OBJ_AGG, sizeof(AggObj) +
                                             (size_t)cap * sizeof(Value));
  a->n = cap;
  SliceObj *s = (SliceObj *)obj_new(OBJ_SLICE, sizeof *s);
  s->arr = a;
  s->len = len;
  s->cap = cap;
  return (Value){{.p = s}, NULL};
}

Value __wrap_val_copy(VM *vm, Type *t, Value v);
Value __wrap_val_copy(VM *vm, Type *t, Value v) {
  (void)vm, (void)t;
  return v;
}

Program *__wrap_vm_program(VM *vm);
Program *__wrap_vm_program(VM *vm) { return &vm->prog; }
Heap *__wrap_vm_heap(VM *vm);
Heap *__wrap_vm_heap(VM *vm) { return &vm->heap; }
void __wrap_vm_write(VM *vm, int fd, const char *p, size_t n);
void __wrap_vm_write(VM *vm, int fd, const char *p, size_t n) {
  if (fd == 1) buf_append(&vm->out, p, n);
}
NatStatus __wrap_vm_panic(VM *vm, Goroutine *g, Value v);
NatStatus __wrap_vm_panic(VM *vm, Goroutine *g, Value v) {
  (void)g;
  snprintf(vm->panic, sizeof vm->panic, "%s", val_str_data(v));
  return NAT_RAISED;
}
NatStatus __wrap_vm_exit(VM *vm, int code);
NatStatus __wrap_vm_exit(VM *vm, int code) {
  vm->exit_code = code;
  return NAT_RAISED;
}
int __wrap_vm_args(VM *vm, char ***argv);
int __wrap_vm_args(VM *vm, char ***argv) {
  (void)vm;
  static char *args[] = {"prog", "-x"};
  *argv = args;
  return 2;
}
NatStatus __wrap_vm_runtime_error(VM *vm, Goroutine *g, const char *f, ...);
NatStatus __wrap_vm_runtime_error(VM *vm, Goroutine *g, const char *f, ...) {
  (void)g;
  snprintf(vm->panic, sizeof vm->panic, "runtime error: %s", f);
  return NAT_RAISED;
}
/* fmt.c is linked for fmt_float/fmt_quote; its VM calls are unused here */
Func *__wrap_vm_find_method(Type *t, const char *name);
Func *__wrap_vm_find_method(Type *t, const char *name) {
  (void)t, (void)name;
  return NULL;
}
int __wrap_vm_call_method0(VM *vm, Goroutine *g, Value r, Func *m, Value *res,
                           Value *p);
int __wrap_vm_call_method0(VM *vm, Goroutine *g, Value r, Func *m, Value *res,
                           Value *p) {
  (void)vm, (void)g, (void)r, (void)m, (void)res, (void)p;
  return 2;
}
int64_t __wrap_map_entries(const MapObj *m);
int64_t __wrap_map_entries(const MapObj *m) { (void)m; return 0; }
bool __wrap_map_entry(const MapObj *m, int64_t i, Value *k, Value *v);
bool __wrap_map_entry(const MapObj *m, int64_t i, Value *k, Value *v) {
  (void)m, (void)i, (void)k, (void)v;
  return false;
}

static int setup(void **state) {
  (void)state;
  vm_ = calloc(1, sizeof *vm_);
  vm_->prog.universe = types_new_universe();
  return 0;
}

static int teardown(void **state) {
  (void)state;
  for (Obj *o = vm_->heap.objects, *next; o; o = next) {
    next = o->next;
    free(o);
  }
  buf_fini(&vm_->out);
  types_free_universe(vm_->prog.universe);
  free(vm_);
  return 0;
}

static Value I(int64_t i) { return (Value){{.i = i}, NULL}; }
static Value F(double f) { return (Value){{.f = f}, NULL}; }
static Value S(const char *s) { return __wrap_val_str(vm_, s, strlen(s)); }

/* Calls native `name` with args; results in res. */
static NatStatus call(const char *name, Value *args, Value *res) {
  for (const NativeEntry *e = natives_lib; e->name; e++)
    if (strcmp(e->name, name) == 0) return e->fn(vm_, NULL, args, res);
  fail_msg("no native %s", name);
  return NAT_RAISED;
}

/* native(s-args...) returning one string */
static void check_str(const char *expect, const char *name, Value *args) {
  Value res[2];
  assert_int_equal(call(name, args, res), NAT_OK);
  assert_string_equal(val_str_data(res[0]), expect);
}

#define A(...) ((Value[]){__VA_ARGS__})

/* ---- strconv ---------------------------------------------------------------- */

static void lib__quote(void **state) {
  (void)state;
  check_str("\"a\\\"b\\\\\\n\\t\\x00\\x7f\\xff\303\251\346\227\245\\u2028\"",
            "strconv.Quote",
            A(__wrap_val_str(vm_, "a\"b\\\n\t\0\177\377\303\251\346\227\245"
                                  "\342\200\250", 17)));
  check_str("\"\\u00e9\\u65e5\\U0001f600\"", "strconv.QuoteToASCII",
            A(S("\303\251\346\227\245\360\237\230\200")));
  check_str("'\\''", "strconv.QuoteRune", A(I('\'')));
  check_str("'\"'", "strconv.QuoteRune", A(I('"')));
  check_str("'\\u65e5'", "strconv.QuoteRuneToASCII", A(I(0x65E5)));
  check_str("'\357\277\275'", "strconv.QuoteRune", A(I(0xD800)));
}

static void check_unquote(const char *in, const char *expect) {
  Value res[2];
  assert_int_equal(call("strconv.unquote", A(S(in)), res), NAT_OK);
  assert_int_equal(res[1].as.i, expect != NULL);
  if (expect) assert_string_equal(val_str_data(res[0]), expect);
}

static void lib__unquote(void **state) {
  (void)state;
  check_unquote("\"a\\tb\\u00e9\\x41\\101\"", "a\tb\303\251AA");
  check_unquote("`raw\\n`", "raw\\n");
  check_unquote("'x'", "x");
  check_unquote("'\\''", "'");
  check_unquote("\"\\'\"", NULL);
  check_unquote("'ab'", NULL);
  check_unquote("\"unterminated", NULL);
  check_unquote("\"a\"b\"", NULL);
  check_unquote("'\\u65e5'", "\346\227\245");
  check_unquote("\"\\400\"", NULL);
  check_unquote("\"\\uD800\"", NULL);
}

/* code: 0 ok, 1 syntax, 2 range (the Go wrapper turns it into *NumError) */
static void check_parse(const char *in, int bits, double expect, int code) {
  Value res[2];
  assert_int_equal(call("strconv.parseFloat", A(S(in), I(bits)), res),
                   NAT_OK);
  assert_int_equal(res[1].as.i, code);
  if (isnan(expect)) assert_true(isnan(res[0].as.f));
  else assert_true(res[0].as.f == expect);
}

static void lib__parse_float(void **state) {
  (void)state;
  check_parse("3.25", 64, 3.25, 0);
  check_parse("1e400", 64, INFINITY, 2);
  check_parse("-1e400", 64, -INFINITY, 2);
  check_parse("1e-400", 64, 0, 0);
  check_parse("inf", 64, INFINITY, 0);
  check_parse("-Infinity", 64, -INFINITY, 0);
  check_parse("NaN", 64, NAN, 0);
  check_parse("0x1.8p1", 64, 3, 0);
  check_parse("0x10", 64, 0, 1);
  check_parse("1_000.5", 64, 1000.5, 0);
  check_parse("1__0", 64, 0, 1);
  check_parse("1e", 64, 0, 1);
  check_parse(".5", 64, 0.5, 0);
  check_parse("5.", 64, 5, 0);
  check_parse("abc", 64, 0, 1);
  check_parse(" 1", 64, 0, 1);
  check_parse("+.e1", 64, 0, 1);
  check_parse("1e+308", 64, 1e308, 0);
  check_parse("3.4e39", 64, 3.4e39, 0);
  check_parse("3.4e39", 32, INFINITY, 2);
  check_parse("0.1", 32, (double)0.1f, 0);
}

static void lib__format(void **state) {
  (void)state;
  check_str("-ff", "strconv.FormatInt", A(I(-255), I(16)));
  check_str("z", "strconv.FormatInt", A(I(35), I(36)));
  check_str("1111111111111111111111111111111111111111111111111111111111111111",
            "strconv.FormatUint", A((Value){{.u = UINT64_MAX}, NULL}, I(2)));
  check_str("-9223372036854775808", "strconv.FormatInt",
            A(I(INT64_MIN), I(10)));
  check_str("3", "strconv.FormatFloat", A(F(3.0), I('f'), I(-1), I(64)));
  check_str("0.33333", "strconv.FormatFloat",
            A(F(1.0 / 3), I('g'), I(5), I(64)));
  check_str("2.500e+00", "strconv.FormatFloat",
            A(F(2.5), I('e'), I(3), I(32)));
  check_str("1000000000000000000000", "strconv.FormatFloat",
            A(F(1e21), I('f'), I(0), I(64)));
  Value res[1];
  assert_int_equal(call("strconv.FormatInt", A(I(1), I(1)), res), NAT_RAISED);
  assert_string_equal(vm_->panic, "strconv: illegal AppendInt/FormatInt base");
}

/* ---- strings ---------------------------------------------------------------- */

static int64_t index_of(const char *name, const char *s, Value b) {
  Value res[1];
  assert_int_equal(call(name, A(S(s), b), res), NAT_OK);
  return res[0].as.i;
}

static void lib__strings(void **state) {
  (void)state;
  assert_int_equal(index_of("strings.Index", "chicken", S("ken")), 4);
  assert_int_equal(index_of("strings.Index", "x", S("")), 0);
  assert_int_equal(index_of("strings.Index", "ab", S("abc")), -1);
  assert_int_equal(index_of("strings.Index", "aab", S("ab")), 1);
  assert_int_equal(index_of("strings.LastIndex", "go gopher", S("go")), 3);
  assert_int_equal(index_of("strings.LastIndex", "x", S("")), 1);
  assert_int_equal(index_of("strings.IndexByte", "golang", I('l')), 2);
  check_str("H\303\211LLO W\303\226RLD \305\270 STRA\303\237E",
            "strings.ToUpper",
            A(S("h\303\251llo w\303\266rld \303\277 stra\303\237e")));
  check_str("h\303\251llo \316\261\316\262\316\263 "
            "\320\277\321\200\320\270\320\262\320\265\321\202 i",
            "strings.ToLower",
            A(S("H\303\211LLO \316\221\316\222\316\223 "
                "\320\237\320\240\320\230\320\222\320\225\320\242 \304\260")));
  check_str("A\357\277\275B", "strings.ToUpper", A(S("a\377b")));
  check_str("ABC", "strings.ToUpper", A(S("abc")));
}

/* ---- sort, os --------------------------------------------------------------- */

static void lib__sort_swap(void **state) {
  (void)state;
  Universe *u = vm_->prog.universe;
  Type *si = types_slice(u, types_basic(u, TY_INT));
  Value s = __wrap_val_slice_new(vm_, si, 3, 3);
  for (int i = 0; i < 3; i++) val_slice_at(s, i)->as.i = i + 10;
  s.t = si;
  Value res[1];
  assert_int_equal(call("sort.reflectLen", A(s), res), NAT_OK);
  assert_int_equal(res[0].as.i, 3);
  assert_int_equal(call("sort.reflectSwap", A(s, I(0), I(2)), res), NAT_OK);
  assert_int_equal(val_slice_at(s, 0)->as.i, 12);
  assert_int_equal(val_slice_at(s, 2)->as.i, 10);
  Value n = I(5);
  n.t = types_basic(u, TY_INT);
  assert_int_equal(call("sort.reflectLen", A(n), res), NAT_RAISED);
  assert_string_equal(vm_->panic, "reflect: call of Swapper on int Value");
}

static void lib__os(void **state) {
  (void)state;
  Value res[2];
  assert_int_equal(call("os.runtime_args", A(I(0)), res), NAT_OK);
  assert_int_equal(val_slice_len(res[0]), 2);
  assert_string_equal(val_str_data(*val_slice_at(res[0], 1)), "-x");
  assert_int_equal(call("os.Exit", A(I(3)), res), NAT_RAISED);
  assert_int_equal(vm_->exit_code, 3);
  /* (&File{1}).Write([]byte("hi")) */
  AggObj *file = (AggObj *)obj_new(OBJ_AGG, sizeof(AggObj) + sizeof(Value));
  file->n = 1;
  file->v[0] = I(1);
  Value fv = {{.p = file}, NULL};
  Value bytes = __wrap_val_slice_new(vm_, NULL, 2, 2);
  val_slice_at(bytes, 0)->as.u = 'h';
  val_slice_at(bytes, 1)->as.u = 'i';
  assert_int_equal(call("os.(*File).Write",
                        A((Value){{.ref = &fv}, NULL}, bytes), res), NAT_OK);
  assert_int_equal(res[0].as.i, 2);
  assert_string_equal(buf_cstr(&vm_->out), "hi");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(lib__quote, setup, teardown),
      cmocka_unit_test_setup_teardown(lib__unquote, setup, teardown),
      cmocka_unit_test_setup_teardown(lib__parse_float, setup, teardown),
      cmocka_unit_test_setup_teardown(lib__format, setup, teardown),
      cmocka_unit_test_setup_teardown(lib__strings, setup, teardown),
      cmocka_unit_test_setup_teardown(lib__sort_swap, setup, teardown),
      cmocka_unit_test_setup_teardown(lib__os, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
