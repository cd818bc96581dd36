/* test_types.c - unit tests for engine/types.c: interning identity, Go's
 * type spellings, assignability, implements and selector lookup. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "engine/types.h"

static int setup(void **state) {
  *state = types_new_universe();
  return 0;
}

static int teardown(void **state) {
  types_free_universe(*state);
  return 0;
}

static const char *str(Universe *u, Type *t, Package *rel) {
  return type_string(types_arena(u), t, rel);
}

static Type *B(Universe *u, TypeKind k) { return types_basic(u, k); }

/* A named struct type in package pkg with the given fields. */
static Type *named(Universe *u, Package *pkg, const char *name, Type *under) {
  Type *t = types_named(u, name, pkg, NULL);
  types_set_under(t, under);
  return t;
}

static void add_method(Universe *u, Type *t, const char *name, Type *sig,
                       bool ptr) {
  Arena *a = types_arena(u);
  Method *m = arena_alloc(a, sizeof *m * (size_t)(t->nmethods + 1));
  if (t->nmethods) memcpy(m, t->methods, sizeof *m * (size_t)t->nmethods);
  Pos p = {1, 1};
  Sym *s = sym_new(a, SYM_FUNC, name, sig, p);
  m[t->nmethods] = (Method){name, s, ptr};
  t->methods = m;
  t->nmethods++;
}

static void types__interning(void **state) {
  Universe *u = *state;
  Type *i = B(u, TY_INT), *s = B(u, TY_STRING);
  assert_ptr_equal(types_pointer(u, i), types_pointer(u, i));
  assert_ptr_equal(types_slice(u, s), types_slice(u, s));
  assert_ptr_not_equal(types_slice(u, s), types_slice(u, i));
  assert_ptr_equal(types_map(u, s, i), types_map(u, s, i));
  assert_ptr_not_equal(types_array(u, i, 3), types_array(u, i, 4));
  assert_ptr_not_equal(types_chan(u, i, CHAN_SEND), types_chan(u, i, 0));
  Type *ps[2] = {i, s};
  assert_ptr_equal(types_func(u, ps, 2, &s, 1, false),
                   types_func(u, ps, 2, &s, 1, false));
  assert_ptr_not_equal(types_func(u, ps, 2, &s, 1, false),
                       types_func(u, ps, 2, NULL, 0, false));
  Field f1[2] = {{"A", i, false, {0, 0}}, {"B", s, false, {0, 0}}};
  Field f2[2] = {{"A", i, false, {3, 3}}, {"B", s, false, {4, 4}}};
  assert_ptr_equal(types_struct(u, f1, 2), types_struct(u, f2, 2));
  assert_ptr_equal(types_interface(u, NULL, 0), types_any(u));
  for (int n = 0; n < 2000; n++) /* forces the table to grow */
    types_array(u, i, n);
  assert_ptr_equal(types_array(u, i, 7), types_array(u, i, 7));
  Type *a = named(u, NULL, "T", i), *b = named(u, NULL, "T", i);
  assert_ptr_not_equal(a, b);
}

static void types__universe(void **state) {
  Universe *u = *state;
  Scope *sc = types_universe_scope(u);
  assert_ptr_equal(scope_lookup(sc, "byte")->type, B(u, TY_UINT8));
  assert_ptr_equal(scope_lookup(sc, "rune")->type, B(u, TY_INT32));
  assert_ptr_equal(scope_lookup(sc, "any")->type, types_any(u));
  assert_ptr_equal(scope_lookup(sc, "error")->type, types_error(u));
  assert_int_equal(scope_lookup(sc, "nil")->kind, SYM_NIL);
  assert_int_equal(scope_lookup(sc, "true")->cv.b, 1);
  assert_int_equal(scope_lookup(sc, "append")->builtin, BI_APPEND);
  assert_int_equal(scope_lookup(sc, "imag")->builtin, BI_IMAG);
  assert_null(scope_lookup(sc, "foo"));
  Type *e = type_under(types_error(u));
  assert_int_equal(e->nimethods, 1);
  assert_string_equal(e->imethods[0].name, "Error");
}

static void types__strings(void **state) {
  Universe *u = *state;
  Package main = {.path = "main", .name = "main"};
  Type *i = B(u, TY_INT), *s = B(u, TY_STRING);
  Type *T = named(u, &main, "T", types_struct(u, NULL, 0));
  assert_string_equal(str(u, types_slice(u, i), NULL), "[]int");
  assert_string_equal(str(u, types_map(u, s, i), NULL), "map[string]int");
  assert_string_equal(str(u, types_pointer(u, T), NULL), "*main.T");
  assert_string_equal(str(u, types_pointer(u, T), &main), "*T");
  assert_string_equal(str(u, types_func(u, &i, 1, &s, 1, false), NULL),
                      "func(int) string");
  Type *si = types_slice(u, i);
  assert_string_equal(str(u, types_func(u, &si, 1, NULL, 0, true), NULL),
                      "func(...int)");
  Type *two[2] = {i, types_error(u)};
  assert_string_equal(str(u, types_func(u, NULL, 0, two, 2, false), NULL),
                      "func() (int, error)");
  assert_string_equal(str(u, types_chan(u, i, CHAN_SEND), NULL), "chan<- int");
  assert_string_equal(str(u, types_chan(u, i, CHAN_RECV), NULL), "<-chan int");
  assert_string_equal(
      str(u, types_chan(u, types_chan(u, i, CHAN_RECV), 0), NULL),
      "chan (<-chan int)");
  Field f[2] = {{"A", i, false, {0, 0}}, {"B", s, false, {0, 0}}};
  assert_string_equal(str(u, types_struct(u, f, 2), NULL),
                      "struct { A int; B string }");
  assert_string_equal(str(u, types_any(u), NULL), "interface {}");
  assert_string_equal(str(u, types_error(u), NULL), "error");
  assert_string_equal(str(u, types_array(u, B(u, TY_UINT8), 4), NULL),
                      "[4]uint8");
  assert_string_equal(str(u, B(u, TY_UNTYPED_INT), NULL), "untyped int");
}

static void types__assignable(void **state) {
  Universe *u = *state;
  Type *i = B(u, TY_INT), *i8 = B(u, TY_INT8), *f = B(u, TY_FLOAT64);
  Type *MyInt = named(u, NULL, "MyInt", i);
  ConstVal c300 = {.kind = CV_INT, .i = 300};
  ConstVal c1_5 = {.kind = CV_FLOAT, .f = 1.5};
  ConstVal c2_0 = {.kind = CV_FLOAT, .f = 2.0};
  Type *ui = B(u, TY_UNTYPED_INT), *uf = B(u, TY_UNTYPED_FLOAT);
  assert_true(type_assignable(u, i, NULL, i));
  assert_false(type_assignable(u, i, NULL, MyInt));
  assert_false(type_assignable(u, MyInt, NULL, i));
  assert_true(type_assignable(u, ui, &c300, MyInt));
  assert_false(type_assignable(u, ui, &c300, i8));
  assert_true(type_assignable(u, ui, &c300, f));
  assert_false(type_assignable(u, uf, &c1_5, i));
  assert_true(type_assignable(u, uf, &c2_0, i));
  Type *nil = B(u, TY_UNTYPED_NIL);
  assert_true(type_assignable(u, nil, NULL, types_slice(u, i)));
  assert_false(type_assignable(u, nil, NULL, i));
  Type *Ints = named(u, NULL, "Ints", types_slice(u, i));
  assert_true(type_assignable(u, types_slice(u, i), NULL, Ints));
  assert_true(type_assignable(u, types_chan(u, i, 0), NULL,
                              types_chan(u, i, CHAN_RECV)));
  assert_false(type_assignable(u, types_chan(u, i, CHAN_RECV), NULL,
                               types_chan(u, i, 0)));
  assert_true(type_assignable(u, i, NULL, types_any(u)));
  assert_true(type_assignable(u, ui, &c300, types_any(u)));
  assert_false(type_assignable(u, i, NULL, types_error(u)));
}

static void types__implements(void **state) {
  Universe *u = *state;
  Type *s = B(u, TY_STRING);
  Type *sig = types_func(u, NULL, 0, &s, 1, false);
  Type *T = named(u, NULL, "T", types_struct(u, NULL, 0));
  Type *P = named(u, NULL, "P", types_struct(u, NULL, 0));
  add_method(u, T, "Error", sig, false);
  add_method(u, P, "Error", sig, true);
  const char *miss = NULL;
  bool wp = false;
  assert_true(type_implements(T, types_error(u), NULL, NULL));
  assert_true(type_implements(types_pointer(u, T), types_error(u), NULL,
                              NULL));
  assert_false(type_implements(P, types_error(u), &miss, &wp));
  assert_string_equal(miss, "Error");
  assert_true(wp);
  assert_true(type_implements(types_pointer(u, P), types_error(u), NULL,
                              NULL));
  /* promoted through embedding: struct { T } and struct { *P } */
  Field ft = {"T", T, true, {0, 0}};
  Type *E = named(u, NULL, "E", types_struct(u, &ft, 1));
  assert_true(type_implements(E, types_error(u), NULL, NULL));
  Field fp = {"P", types_pointer(u, P), true, {0, 0}};
  Type *F = named(u, NULL, "F", types_struct(u, &fp, 1));
  assert_true(type_implements(F, types_error(u), NULL, NULL));
  Type *B8 = B(u, TY_INT);
  assert_false(type_implements(B8, types_error(u), &miss, &wp));
  assert_false(wp);
  assert_true(type_implements(types_error(u), types_any(u), NULL, NULL));
}

static void types__lookup(void **state) {
  Universe *u = *state;
  Arena *a = types_arena(u);
  Type *i = B(u, TY_INT);
  Field fi[2] = {{"X", i, false, {0, 0}}, {"Y", i, false, {0, 0}}};
  Type *Inner = named(u, NULL, "Inner", types_struct(u, fi, 2));
  add_method(u, Inner, "Inc", types_func(u, NULL, 0, NULL, 0, false), true);
  Field fo[2] = {{"N", i, false, {0, 0}},
                 {"Inner", types_pointer(u, Inner), true, {0, 0}}};
  Type *Outer = named(u, NULL, "Outer", types_struct(u, fo, 2));
  Selection sel;
  bool amb;
  assert_true(type_lookup(u, Outer, "Y", &sel, a, &amb));
  assert_int_equal(sel.kind, SEL_FIELD);
  assert_int_equal(sel.npath, 2);
  assert_int_equal(sel.index[0], 1);
  assert_int_equal(sel.index[1], 1);
  assert_false(sel.deref[0]);
  assert_true(sel.deref[1]);
  assert_ptr_equal(type_sel_type(Outer, &sel, false), i);
  assert_true(type_lookup(u, types_pointer(u, Outer), "N", &sel, a, &amb));
  assert_int_equal(sel.npath, 1);
  assert_true(sel.deref[0]);
  assert_true(type_lookup(u, Outer, "Inc", &sel, a, &amb));
  assert_int_equal(sel.kind, SEL_METHOD);
  assert_int_equal(sel.npath, 1);
  assert_true(sel.ptr_recv);
  assert_false(type_lookup(u, Outer, "Z", &sel, a, &amb));
  assert_false(amb);
  /* two embedded structs with the same field name: ambiguous */
  Type *A2 = named(u, NULL, "A2", types_struct(u, fi, 1));
  Type *B2 = named(u, NULL, "B2", types_struct(u, fi, 1));
  Field fab[2] = {{"A2", A2, true, {0, 0}}, {"B2", B2, true, {0, 0}}};
  Type *AB = types_struct(u, fab, 2);
  assert_false(type_lookup(u, AB, "X", &sel, a, &amb));
  assert_true(amb);
}

static void types__representable(void **state) {
  Universe *u = *state;
  ConstVal c = {.kind = CV_INT, .i = 255}, out;
  assert_true(type_representable(&c, B(u, TY_UINT8), &out));
  c.i = 256;
  assert_false(type_representable(&c, B(u, TY_UINT8), NULL));
  c.i = -129;
  assert_false(type_representable(&c, B(u, TY_INT8), NULL));
  c.i = -1;
  assert_false(type_representable(&c, B(u, TY_UINT), NULL));
  ConstVal f = {.kind = CV_FLOAT, .f = 3.0};
  assert_true(type_representable(&f, B(u, TY_INT), &out));
  assert_int_equal(out.kind, CV_INT);
  assert_int_equal(out.i, 3);
  assert_true(type_comparable(B(u, TY_STRING)));
  assert_false(type_comparable(types_slice(u, B(u, TY_INT))));
  assert_ptr_equal(type_default(u, B(u, TY_UNTYPED_RUNE)), B(u, TY_INT32));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(types__interning, setup, teardown),
      cmocka_unit_test_setup_teardown(types__universe, setup, teardown),
      cmocka_unit_test_setup_teardown(types__strings, setup, teardown),
      cmocka_unit_test_setup_teardown(types__assignable, setup, teardown),
      cmocka_unit_test_setup_teardown(types__implements, setup, teardown),
      cmocka_unit_test_setup_teardown(types__lookup, setup, teardown),
      cmocka_unit_test_setup_teardown(types__representable, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
