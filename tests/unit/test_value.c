/* test_value.c - unit tests for engine/value.c: zero values, value-
 * semantics copies, Go's == (structs, arrays, interfaces, uncomparable
 * dynamic types) and hashing (floats, strings, interfaces). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/program.h"
#include "engine/types.h"
#include "engine/vm.h"

typedef struct Fix {
  Universe *u;
  Program prog;
  VM *vm;
  Type *tint, *tstr, *tf64, *tany, *inner, *outer, *arr, *slice;
} Fix;

/* inner = struct{ a int; s string }; outer = struct{ in inner; arr [2]inner;
 * x any } */
static int setup(void **state) {
  Fix *f = xcalloc(1, sizeof *f);
  Universe *u = f->u = types_new_universe();
  f->prog.universe = u;
  heap_init(&f->prog.heap, 0);
  f->vm = vm_new(&f->prog, NULL);
  f->tint = types_basic(u, TY_INT);
  f->tstr = types_basic(u, TY_STRING);
  f->tf64 = types_basic(u, TY_FLOAT64);
  f->tany = types_any(u);
  Field in[2] = {{"a", f->tint, false, {0, 0}}, {"s", f->tstr, false, {0, 0}}};
  f->inner = types_struct(u, in, 2);
  f->arr = types_array(u, f->inner, 2);
  Field out[3] = {{"in", f->inner, false, {0, 0}},
                  {"arr", f->arr, false, {0, 0}},
                  {"x", f->tany, false, {0, 0}}};
  f->outer = types_struct(u, out, 3);
  f->slice = types_slice(u, f->tint);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fix *f = *state;
  vm_free(f->vm);
  heap_fini(&f->prog.heap);
  types_free_universe(f->u);
  free(f);
  return 0;
}

static Value S(Fix *f, const char *s) { return val_str(f->vm, s, strlen(s)); }
static Value I(int64_t i) { return (Value){{.i = i}, NULL}; }
static Value F(double d) { return (Value){{.f = d}, NULL}; }
static Value iface(Value v, Type *t) { v.t = t; return v; }
static AggObj *agg(Value v) { return v.as.p; }

static void value__zero_nested(void **state) {
  Fix *f = *state;
  Value z = val_zero(f->vm, f->outer);
  assert_non_null(z.as.p);
  AggObj *o = agg(z);
  assert_int_equal(o->n, 3);
  assert_non_null(o->v[0].as.p);               /* nested struct allocated */
  assert_int_equal(agg(o->v[0])->n, 2);
  assert_int_equal(agg(o->v[1])->n, 2);        /* array of structs */
  assert_non_null(agg(o->v[1])->v[1].as.p);
  assert_null(o->v[2].t);                      /* nil interface */
  assert_int_equal(val_zero(f->vm, f->tint).as.i, 0);
  assert_null(val_zero(f->vm, f->slice).as.p);
  assert_int_equal(val_str_len(val_zero(f->vm, f->tstr)), 0);
}

static void value__copy_is_deep_for_aggregates_only(void **state) {
  Fix *f = *state;
  Value a = val_zero(f->vm, f->outer);
  Value sl = val_slice_new(f->vm, f->slice, 3, 3);
  agg(agg(a)->v[0])->v[0] = I(7);
  agg(a)->v[2] = iface(sl, f->slice);
  Value b = val_copy(f->vm, f->outer, a);
  assert_ptr_not_equal(b.as.p, a.as.p);
  assert_ptr_not_equal(agg(b)->v[0].as.p, agg(a)->v[0].as.p);
  assert_ptr_not_equal(agg(agg(b)->v[1])->v[0].as.p,
                       agg(agg(a)->v[1])->v[0].as.p);
  agg(agg(b)->v[0])->v[0] = I(8);
  assert_int_equal(agg(agg(a)->v[0])->v[0].as.i, 7);
  /* a slice inside is shared, not copied */
  assert_ptr_equal(agg(b)->v[2].as.p, sl.as.p);
  assert_ptr_equal(agg(b)->v[2].t, f->slice);
  /* non-aggregates come back as they are */
  assert_ptr_equal(val_copy(f->vm, f->slice, sl).as.p, sl.as.p);
}

static void value__equal_structs_and_strings(void **state) {
  Fix *f = *state;
  Value a = val_zero(f->vm, f->inner), b = val_zero(f->vm, f->inner);
  assert_true(val_equal(f->inner, a, b, NULL));
  agg(a)->v[1] = S(f, "hi");
  assert_false(val_equal(f->inner, a, b, NULL));
  agg(b)->v[1] = S(f, "hi"); /* another object, same bytes */
  assert_true(val_equal(f->inner, a, b, NULL));
  Value x = val_zero(f->vm, f->arr), y = val_copy(f->vm, f->arr, x);
  assert_true(val_equal(f->arr, x, y, NULL));
  agg(agg(y)->v[1])->v[0] = I(1);
  assert_false(val_equal(f->arr, x, y, NULL));
}

static void value__equal_interfaces(void **state) {
  Fix *f = *state;
  Type *bad = NULL;
  Value nil = {{0}, NULL};
  assert_true(val_equal(f->tany, nil, nil, &bad));
  assert_false(val_equal(f->tany, iface(I(0), f->tint), nil, &bad));
  assert_true(val_equal(f->tany, iface(I(3), f->tint), iface(I(3), f->tint),
                        &bad));
  /* same payload bits, different dynamic types */
  assert_false(val_equal(f->tany, iface(I(0), f->tint),
                         iface(F(0), f->tf64), &bad));
  assert_true(val_equal(f->tany, iface(S(f, "a"), f->tstr),
                        iface(S(f, "a"), f->tstr), &bad));
  Value s1 = val_zero(f->vm, f->inner), s2 = val_zero(f->vm, f->inner);
  assert_true(val_equal(f->tany, iface(s1, f->inner), iface(s2, f->inner),
                        &bad));
  assert_null(bad);
  /* uncomparable dynamic type: reported, as Go panics */
  Value sl = val_slice_new(f->vm, f->slice, 1, 1);
  assert_false(val_equal(f->tany, iface(sl, f->slice), iface(sl, f->slice),
                         &bad));
  assert_ptr_equal(bad, f->slice);
  /* different dynamic types do not panic even if one is uncomparable */
  bad = NULL;
  assert_false(val_equal(f->tany, iface(sl, f->slice), iface(I(1), f->tint),
                         &bad));
  assert_null(bad);
}

static void value__equal_floats(void **state) {
  Fix *f = *state;
  assert_true(val_equal(f->tf64, F(0.0), F(-0.0), NULL));
  assert_false(val_equal(f->tf64, F(NAN), F(NAN), NULL));
}

static void value__hash(void **state) {
  Fix *f = *state;
  Type *bad = NULL;
  assert_int_equal(val_hash(f->tstr, S(f, "abc"), 1, &bad),
                   val_hash(f->tstr, S(f, "abc"), 1, &bad));
  assert_int_not_equal(val_hash(f->tstr, S(f, "abc"), 1, &bad),
                       val_hash(f->tstr, S(f, "abd"), 1, &bad));
  assert_int_equal(val_hash(f->tf64, F(0.0), 1, &bad),
                   val_hash(f->tf64, F(-0.0), 1, &bad));
  Value a = val_zero(f->vm, f->inner), b = val_zero(f->vm, f->inner);
  agg(a)->v[1] = S(f, "k");
  agg(b)->v[1] = S(f, "k");
  assert_int_equal(val_hash(f->inner, a, 9, &bad),
                   val_hash(f->inner, b, 9, &bad));
  /* interfaces: the dynamic type takes part */
  assert_int_not_equal(val_hash(f->tany, iface(I(0), f->tint), 1, &bad),
                       val_hash(f->tany, iface(F(0), f->tf64), 1, &bad));
  assert_null(bad);
  Value sl = val_slice_new(f->vm, f->slice, 0, 0);
  val_hash(f->tany, iface(sl, f->slice), 1, &bad);
  assert_ptr_equal(bad, f->slice);
}

static void value__heap_limit(void **state) {
  (void)state;
  Heap h;
  heap_init(&h, 1000);
  assert_non_null(heap_alloc(&h, OBJ_BOX, 600));
  assert_false(h.over);
  assert_non_null(heap_alloc(&h, OBJ_BOX, 600)); /* still allocates */
  assert_true(h.over);
  heap_fini(&h);
  assert_int_equal(h.bytes, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(value__zero_nested, setup, teardown),
      cmocka_unit_test_setup_teardown(value__copy_is_deep_for_aggregates_only,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(value__equal_structs_and_strings, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(value__equal_interfaces, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(value__equal_floats, setup, teardown),
      cmocka_unit_test_setup_teardown(value__hash, setup, teardown),
      cmocka_unit_test(value__heap_limit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
