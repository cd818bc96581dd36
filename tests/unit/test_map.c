/* test_map.c - unit tests for engine/map.c: insert, overwrite, delete and
 * growth with thousands of keys, string and struct keys, unhashable
 * interface keys, and seeded iteration (each entry once, order depends on
 * the seed, deletes and compaction during a range), and the two-phase
 * write of maps under concurrency: the hashWriting flag itself, and whole
 * programs whose goroutines meet a write in progress and die with Go's
 * fatal errors under some seed, reproducibly. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "engine/engine.h"
#include "engine/map.h"
#include "engine/program.h"
#include "engine/types.h"
#include "engine/vm.h"

typedef struct Fix {
  Universe *u;
  Program prog;
  VM *vm;
  Type *tint, *tstr, *tany, *pt, *slice;
} Fix;

static int setup(void **state) {
  Fix *f = xcalloc(1, sizeof *f);
  Universe *u = f->u = types_new_universe();
  f->prog.universe = u;
  heap_init(&f->prog.heap, 0);
  f->vm = vm_new(&f->prog, NULL);
  f->tint = types_basic(u, TY_INT);
  f->tstr = types_basic(u, TY_STRING);
  f->tany = types_any(u);
  Field fl[2] = {{"x", f->tint, false, {0, 0}}, {"y", f->tstr, false, {0, 0}}};
  f->pt = types_struct(u, fl, 2);
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

static Value I(int64_t i) { return (Value){{.i = i}, NULL}; }

static Value S(Fix *f, int i) {
  char b[32];
  int n = snprintf(b, sizeof b, "key-%d", i);
  return val_str(f->vm, b, (size_t)n);
}

static void map__int_keys_grow_overwrite_delete(void **state) {
  Fix *f = *state;
  MapObj *m = map_new(f->vm, types_map(f->u, f->tint, f->tint), 0);
  Type *bad = NULL;
  for (int i = 0; i < 5000; i++) map_set(f->vm, m, I(i), I(i * 2), &bad);
  assert_int_equal(map_len(m), 5000);
  for (int i = 0; i < 5000; i += 2) map_set(f->vm, m, I(i), I(-i), &bad);
  assert_int_equal(map_len(m), 5000);
  for (int i = 0; i < 5000; i += 3) map_delete(m, I(i), &bad);
  for (int i = 0; i < 5000; i++) {
    Value *v = map_find(m, I(i), &bad);
    if (i % 3 == 0) {
      assert_null(v);
    } else {
      assert_non_null(v);
      assert_int_equal(v->as.i, i % 2 ? i * 2 : -i);
    }
  }
  assert_int_equal(map_len(m), 5000 - 1667);
  assert_null(bad);
  assert_null(map_find(m, I(123456), &bad));
  assert_int_equal(map_len(NULL), 0);
}

/* Insert/delete churn compacts the entries; lookups keep working. */
static void map__churn_compacts(void **state) {
  Fix *f = *state;
  MapObj *m = map_new(f->vm, types_map(f->u, f->tint, f->tint), 0);
  Type *bad = NULL;
  for (int i = 0; i < 20000; i++) {
    map_set(f->vm, m, I(i), I(i), &bad);
    if (i >= 10) map_delete(m, I(i - 10), &bad);
  }
  assert_int_equal(map_len(m), 10);
  assert_true(map_entries(m) < 1000);
  for (int i = 19990; i < 20000; i++)
    assert_int_equal(map_find(m, I(i), &bad)->as.i, i);
}

static void map__string_and_struct_keys(void **state) {
  Fix *f = *state;
  Type *bad = NULL;
  MapObj *m = map_new(f->vm, types_map(f->u, f->tstr, f->tint), 0);
  for (int i = 0; i < 3000; i++) map_set(f->vm, m, S(f, i), I(i), &bad);
  for (int i = 0; i < 3000; i++)
    assert_int_equal(map_find(m, S(f, i), &bad)->as.i, i); /* new objects */
  MapObj *p = map_new(f->vm, types_map(f->u, f->pt, f->tint), 0);
  for (int i = 0; i < 100; i++) {
    Value k = val_zero(f->vm, f->pt);
    ((AggObj *)k.as.p)->v[0] = I(i);
    ((AggObj *)k.as.p)->v[1] = S(f, i);
    map_set(f->vm, p, k, I(i), &bad);
  }
  Value k = val_zero(f->vm, f->pt);
  ((AggObj *)k.as.p)->v[0] = I(42);
  ((AggObj *)k.as.p)->v[1] = S(f, 42);
  assert_int_equal(map_find(p, k, &bad)->as.i, 42);
  ((AggObj *)k.as.p)->v[1] = S(f, 43);
  assert_null(map_find(p, k, &bad));
  assert_null(bad);
}

static void map__interface_keys(void **state) {
  Fix *f = *state;
  Type *bad = NULL;
  MapObj *m = map_new(f->vm, types_map(f->u, f->tany, f->tint), 0);
  Value one = I(1), s = S(f, 1);
  one.t = f->tint;
  s.t = f->tstr;
  map_set(f->vm, m, one, I(10), &bad);
  map_set(f->vm, m, s, I(20), &bad);
  assert_int_equal(map_find(m, one, &bad)->as.i, 10);
  assert_int_equal(map_len(m), 2);
  Value sl = val_slice_new(f->vm, f->slice, 0, 0);
  sl.t = f->slice;
  assert_null(map_set(f->vm, m, sl, I(1), &bad));
  assert_ptr_equal(bad, f->slice);
  assert_int_equal(map_len(m), 2);
}

/* Visits every live entry once; returns a fingerprint of the order. */
static uint64_t walk(MapObj *m, uint64_t seed, int n, int *seen) {
  MapIter it;
  Value k;
  uint64_t order = 0;
  memset(seen, 0, (size_t)n * sizeof *seen);
  map_iter_init(&it, m, seed);
  for (int i = 0; map_iter_next(&it, &k, NULL); i++) {
    seen[k.as.i]++;
    if (i < 8) order = order * 1000 + (uint64_t)k.as.i;
  }
  return order;
}

static void map__iteration_seeded(void **state) {
  Fix *f = *state;
  Type *bad = NULL;
  enum { N = 500 };
  int seen[N];
  MapObj *m = map_new(f->vm, types_map(f->u, f->tint, f->tint), 0);
  for (int i = 0; i < N; i++) map_set(f->vm, m, I(i), I(i), &bad);
  map_delete(m, I(7), &bad);
  uint64_t o1 = walk(m, 12345, N, seen);
  for (int i = 0; i < N; i++) assert_int_equal(seen[i], i == 7 ? 0 : 1);
  uint64_t o2 = walk(m, 999, N, seen);
  for (int i = 0; i < N; i++) assert_int_equal(seen[i], i == 7 ? 0 : 1);
  assert_true(o1 != o2);
  assert_true(walk(m, 12345, N, seen) == o1); /* same seed, same order */
}

/* Deleting unvisited entries during a range skips them; inserting enough
 * to compact the table does not make the loop repeat or miss entries. */
static void map__iteration_with_changes(void **state) {
  Fix *f = *state;
  Type *bad = NULL;
  enum { N = 64 };
  MapObj *m = map_new(f->vm, types_map(f->u, f->tint, f->tint), 0);
  for (int i = 0; i < 4 * N; i++) map_set(f->vm, m, I(i), I(i), &bad);
  for (int i = N; i < 4 * N; i++) map_delete(m, I(i), &bad);
  int seen[N] = {0};
  MapIter it;
  Value k;
  map_iter_init(&it, m, 5);
  int count = 0;
  while (map_iter_next(&it, &k, NULL)) {
    assert_true(k.as.i < N);
    seen[k.as.i]++;
    if (count++ == 0) {
      for (int i = 1000; i < 1300; i++) map_set(f->vm, m, I(i), I(i), &bad);
      for (int i = 1000; i < 1300; i++) map_delete(m, I(i), &bad);
      map_delete(m, I((k.as.i + 1) % N), &bad);
    }
  }
  for (int i = 0; i < N; i++) assert_true(seen[i] <= 1);
  assert_int_equal(count, N - 1);
}

static void map__writing_flag(void **state) {
  Fix *f = *state;
  MapObj *m = map_new(f->vm, types_map(f->u, f->tint, f->tint), 0);
  int g1, g2;
  assert_false(map_writing(m));
  assert_false(map_writing(NULL));
  map_set_writing(m, &g1);
  assert_true(map_writing(m));
  assert_ptr_equal(map_writer(m), &g1);
  assert_ptr_not_equal(map_writer(m), &g2);
  map_set_writing(m, NULL);
  assert_false(map_writing(m));
  assert_null(map_writer(NULL));
}

static void map__key_ok(void **state) {
  Fix *f = *state;
  MapObj *m = map_new(f->vm, types_map(f->u, f->tany, f->tint), 0);
  Type *bad = NULL;
  Value k = {{.i = 3}, f->tint};
  assert_true(map_key_ok(m, k, &bad));
  assert_null(bad);
  Value sl = {{0}, f->slice};
  assert_false(map_key_ok(m, sl, &bad));
  assert_ptr_equal(bad, f->slice);
}

/* Ground truth c06b: ten writers and ten readers, one operation each. */
static const char racy_map[] =
    "package main\n"
    "\n"
    "import \"sync\"\n"
    "\n"
    "func main() {\n"
    "\tm := map[int]int{}\n"
    "\tvar wg sync.WaitGroup\n"
    "\tfor i := 0; i < 10; i++ {\n"
    "\t\twg.Add(2)\n"
    "\t\tgo func(i int) { defer wg.Done(); m[i] = i }(i)\n"
    "\t\tgo func(i int) { defer wg.Done(); _ = m[i] }(i)\n"
    "\t}\n"
    "\twg.Wait()\n"
    "\tprintln(len(m))\n"
    "}\n";

static void capture(void *ctx, int fd, const char *p, size_t n) {
  (void)fd;
  buf_append(ctx, p, n);
}

static int run_racy(Strategy st, uint64_t seed, Buf *out) {
  VMOptions o = {.seed = seed, .strategy = st, .write = capture,
                 .write_ctx = out};
  EngineResult res;
  int status = engine_run("prog.go", racy_map, strlen(racy_map), &o, &res);
  engine_result_fini(&res);
  return status;
}

static void map__concurrent_write_is_fatal(void **state) {
  (void)state;
  Buf go = BUF_INIT;
  assert_int_equal(run_racy(STRAT_GO, 0, &go), 0); /* one P: no switch */
  assert_string_equal(buf_cstr(&go), "10\n");
  buf_fini(&go);
  bool writes = false, rw = false;
  for (uint64_t seed = 0; seed <= 50 && !(writes && rw); seed++) {
    Buf a = BUF_INIT, b = BUF_INIT;
    int st = run_racy(STRAT_RANDOM, seed, &a);
    const char *t = buf_cstr(&a);
    bool w = strncmp(t, "fatal error: concurrent map writes\n\n", 36) == 0;
    bool r = strncmp(t, "fatal error: concurrent map read and map write\n",
                     46) == 0;
    if (w || r) {
      assert_int_equal(st, 2);
      assert_non_null(strstr(t, "\ngoroutine ")); /* the dump follows */
      assert_int_equal(run_racy(STRAT_RANDOM, seed, &b), 2);
      assert_string_equal(buf_cstr(&b), t); /* byte for byte */
    }
    writes |= w;
    rw |= r;
    buf_fini(&a);
    buf_fini(&b);
  }
  assert_true(writes);
  assert_true(rw);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(map__writing_flag, setup, teardown),
      cmocka_unit_test_setup_teardown(map__key_ok, setup, teardown),
      cmocka_unit_test(map__concurrent_write_is_fatal),
      cmocka_unit_test_setup_teardown(map__int_keys_grow_overwrite_delete,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(map__churn_compacts, setup, teardown),
      cmocka_unit_test_setup_teardown(map__string_and_struct_keys, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(map__interface_keys, setup, teardown),
      cmocka_unit_test_setup_teardown(map__iteration_seeded, setup, teardown),
      cmocka_unit_test_setup_teardown(map__iteration_with_changes, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
