/* tests/unit/test_timer.c - time.Now and the runtime timers of package
 * time (engine/timer.c) on the real scheduler (engine/sched.c) and real
 * channels (engine/chan.c).
 *
 * The VM is a fake: vm_sched, vm_heap, vm_runtime_error, vm_spawn and
 * val_str are wrapped (WRAP_test_timer in the Makefile).  runtimeTimer
 * structs are AggObjs laid out as timer.h's TIMER_*; natives are found by
 * their Go names in natives_sched, as the compiler binds them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/chan.h"
#include "engine/native.h"
#include "engine/sched.h"
#include "engine/timer.h"
#include "engine/types.h"
#include "engine/vm.h"

/* --- the fake VM ---------------------------------------------------------- */

struct VM {
  Sched *s;
  Heap heap;
  char raised[128];
  Closure *spawned[4]; /* what vm_spawn was asked to run */
  int nspawned;
};

Sched *__wrap_vm_sched(VM *vm);
Heap *__wrap_vm_heap(VM *vm);
NatStatus __wrap_vm_runtime_error(VM *vm, Goroutine *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void __wrap_vm_spawn(VM *vm, Closure *fn, Value *args, int nargs);
Value __wrap_val_str(VM *vm, const char *s, size_t len);

Sched *__wrap_vm_sched(VM *vm) { return vm->s; }
Heap *__wrap_vm_heap(VM *vm) { return &vm->heap; }

NatStatus __wrap_vm_runtime_error(VM *vm, Goroutine *g, const char *fmt, ...)
{
  (void)g;
  va_list ap;
  va_start(ap, fmt);
  int n = snprintf(vm->raised, sizeof vm->raised, "runtime error: ");
  vsnprintf(vm->raised + n, sizeof vm->raised - (size_t)n, fmt, ap);
  va_end(ap);
  return NAT_RAISED;
}

void __wrap_vm_spawn(VM *vm, Closure *fn, Value *args, int nargs)
{
  assert_null(args);
  assert_int_equal(nargs, 0);
  assert_true(vm->nspawned < 4);
  vm->spawned[vm->nspawned++] = fn;
}

/* A string on the heap, so teardown frees it. */
Value __wrap_val_str(VM *vm, const char *s, size_t len)
{
  StrObj *o = (StrObj *)heap_alloc(&vm->heap, OBJ_STRING,
                                   sizeof *o + len + 1);
  o->len = (int64_t)len;
  memcpy(o->data, s, len);
  return (Value){.as.p = o};
}

/* --- fixture ------------------------------------------------------------- */

static Type time_t_ = {.kind = TY_STRUCT, .name = "Time"};
static Type chan_t = {.kind = TY_CHAN, .elem = &time_t_};

typedef struct Fix {
  VM vm;
  Goroutine g[3];
} Fix;

static int setup(void **state)
{
  Fix *f = calloc(1, sizeof *f);
  f->vm.s = sched_new(&f->vm, 1, STRAT_GO);
  heap_init(&f->vm.heap, 0);
  sched_add(f->vm.s, &f->g[0], true);
  sched_pick(f->vm.s);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fix *f = *state;
  heap_fini(&f->vm.heap);
  sched_free(f->vm.s);
  free(f);
  return 0;
}

static NativeFn native(const char *name)
{
  for (const NativeEntry *e = natives_sched; e->name; e++)
    if (strcmp(e->name, name) == 0) return e->fn;
  fail_msg("no native %s", name);
  return NULL;
}

static int64_t now(Fix *f) { return sched_now(f->vm.s); }

/* A runtimeTimer (in a slot, as &t.r passes it) sending on a new
 * buffered channel, or running fn when fn is given. */
typedef struct TestTimer {
  Value slot;
  AggObj *r;
  ChanObj *c;
} TestTimer;

static void timer_init(Fix *f, TestTimer *t, int64_t when, int64_t period,
                       Closure *fn)
{
  t->r = val_agg_new(&f->vm, TIMER__N);
  t->slot = (Value){.as.p = t->r};
  t->r->v[TIMER_WHEN].as.i = when;
  t->r->v[TIMER_PERIOD].as.i = period;
  t->c = fn ? NULL : chan_new(&f->vm, &chan_t, 1);
  t->r->v[TIMER_C].as.p = t->c;
  t->r->v[TIMER_F].as.p = fn;
}

/* Calls time.<name>(&t.r, a, b); returns the bool result. */
static bool tcall(Fix *f, const char *name, TestTimer *t, int64_t a,
                  int64_t b)
{
  Value args[3] = {{.as.ref = &t->slot}, {.as.i = a}, {.as.i = b}};
  Value res[1] = {{.as.i = -1}};
  assert_int_equal(native(name)(&f->vm, &f->g[0], args, res), NAT_OK);
  return res[0].as.i == 1;
}

/* Lets the clock run to the next timer, as the scheduler does when every
 * goroutine waits. */
static void run_timers(Fix *f)
{
  sched_park(f->vm.s, &f->g[0], "test");
  assert_int_equal(sched_idle(f->vm.s), IDLE_DEADLOCK);
}

/* --- tests --------------------------------------------------------------- */

static void timer__now(void **state)
{
  Fix *f = *state;
  sched_tick(f->vm.s, 1500000000);
  Value res[3];
  assert_int_equal(native("time.now")(&f->vm, &f->g[0], NULL, res), NAT_OK);
  assert_int_equal(res[0].as.i, SCHED_EPOCH_NS / 1000000000 + 1);
  assert_int_equal(res[1].as.i, 500000000);
  assert_int_equal(res[2].as.i, 1500000001); /* m=+1.500000001 */
  Value t = timer_now_value(&f->vm);
  AggObj *a = t.as.p;
  assert_int_equal(a->v[TIME_SEC].as.i, res[0].as.i + TIME_UNIX_TO_INTERNAL);
  assert_int_equal(a->v[TIME_NSEC].as.i, 500000000);
  assert_int_equal(a->v[TIME_MONO].as.i, 1500000001);
  assert_int_equal(a->v[TIME_HAS_MONO].as.i, 1);
  native("time.runtimeNano")(&f->vm, &f->g[0], NULL, res);
  assert_int_equal(res[0].as.i, now(f));
}

/* The Go 1.19 answers: Stop is true only for a pending timer, Reset
 * reports whether it was pending. */
static void timer__stop_reset_results(void **state)
{
  Fix *f = *state;
  TestTimer t;
  timer_init(f, &t, now(f) + 1000, 0, NULL);
  tcall(f, "time.startTimer", &t, 0, 0);
  assert_true(tcall(f, "time.stopTimer", &t, 0, 0));
  assert_false(tcall(f, "time.stopTimer", &t, 0, 0));
  assert_false(tcall(f, "time.modTimer", &t, now(f) + 10, 0));
  assert_true(tcall(f, "time.modTimer", &t, now(f) + 20, 0));
  run_timers(f);
  assert_int_equal(now(f), SCHED_EPOCH_NS + 20);
  assert_int_equal(chan_len(t.c), 1);
  assert_false(tcall(f, "time.stopTimer", &t, 0, 0)); /* already fired */
  assert_false(tcall(f, "time.modTimer", &t, now(f) + 5, 0));
  run_timers(f);
  assert_int_equal(chan_len(t.c), 1); /* full: the second value dropped */
}

/* The fired value is the Time of the firing instant. */
static void timer__fire_sends_time(void **state)
{
  Fix *f = *state;
  TestTimer t;
  timer_init(f, &t, now(f) + 2000000000, 0, NULL);
  tcall(f, "time.startTimer", &t, 0, 0);
  run_timers(f);
  Value v;
  bool ok;
  sched_ready(f->vm.s, &f->g[0]);
  assert_ptr_equal(sched_pick(f->vm.s), &f->g[0]);
  f->g[0].park.woken = false; /* woken from the test's park, not recv's */
  assert_int_equal(chan_recv(&f->vm, &f->g[0], t.c, &v, &ok), NAT_OK);
  assert_true(ok);
  AggObj *tm = v.as.p;
  assert_int_equal(tm->v[TIME_MONO].as.i, 2000000001);
  assert_int_equal(tm->v[TIME_SEC].as.i,
                   SCHED_EPOCH_NS / 1000000000 + 2 + TIME_UNIX_TO_INTERNAL);
}

/* A goroutine waiting on the channel is handed the value and readied. */
static void timer__fire_wakes_receiver(void **state)
{
  Fix *f = *state;
  TestTimer t;
  timer_init(f, &t, now(f) + 50, 0, NULL);
  tcall(f, "time.startTimer", &t, 0, 0);
  Value v;
  bool ok;
  Goroutine *m = &f->g[0];
  assert_int_equal(chan_recv(&f->vm, m, t.c, &v, &ok), NAT_BLOCK);
  assert_int_equal(sched_idle(f->vm.s), IDLE_WOKE);
  assert_ptr_equal(sched_pick(f->vm.s), m);
  assert_int_equal(chan_recv(&f->vm, m, t.c, &v, &ok), NAT_OK);
  assert_true(ok);
  assert_int_equal(chan_len(t.c), 0);
}

/* A Ticker re-arms at the next multiple of its period: ticks the clock
 * jumped over are dropped, as are those the one-slot buffer cannot hold. */
static void timer__ticker_rearms(void **state)
{
  Fix *f = *state;
  int64_t t0 = now(f);
  TestTimer t;
  timer_init(f, &t, t0 + 100, 100, NULL);
  tcall(f, "time.startTimer", &t, 0, 0);
  sched_tick(f->vm.s, 350);
  sched_park(f->vm.s, &f->g[0], "test");
  assert_null(sched_pick(f->vm.s)); /* fires the tick due at t0+100 */
  assert_int_equal(chan_len(t.c), 1);
  assert_int_equal(t.r->v[TIMER_WHEN].as.i, t0 + 400);
  assert_true(tcall(f, "time.stopTimer", &t, 0, 0));
  assert_int_equal(sched_idle(f->vm.s), IDLE_DEADLOCK);
  assert_false(tcall(f, "time.modTimer", &t, now(f) + 30, 30));
  assert_int_equal(t.r->v[TIMER_PERIOD].as.i, 30);
  assert_true(tcall(f, "time.stopTimer", &t, 0, 0));
}

/* AfterFunc: firing asks the VM for a goroutine running f. */
static void timer__afterfunc_spawns(void **state)
{
  Fix *f = *state;
  Closure *fn = (Closure *)heap_alloc(&f->vm.heap, OBJ_CLOSURE,
                                      sizeof(Closure));
  TestTimer t, u;
  timer_init(f, &t, now(f) + 10, 0, fn);
  timer_init(f, &u, now(f) + 5, 0, fn);
  tcall(f, "time.startTimer", &t, 0, 0);
  tcall(f, "time.startTimer", &u, 0, 0);
  assert_true(tcall(f, "time.stopTimer", &u, 0, 0));
  run_timers(f);
  assert_int_equal(f->vm.nspawned, 1);
  assert_ptr_equal(f->vm.spawned[0], fn);
  assert_int_equal(t.r->v[TIMER_ID].as.i, 0);
}

static void timer__nil_timer(void **state)
{
  Fix *f = *state;
  Value args[1] = {{.as.ref = NULL}}, res[1];
  assert_int_equal(native("time.stopTimer")(&f->vm, &f->g[0], args, res),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "runtime error: invalid memory address "
                                    "or nil pointer dereference");
}

static void timer__type_name(void **state)
{
  Fix *f = *state;
  static Package pkg = {.path = "main", .name = "main"};
  static Type named = {.kind = TY_NAMED, .name = "myCtx", .pkg = &pkg};
  static Type ptr = {.kind = TY_POINTER, .elem = &named};
  Value args[1] = {{.t = &ptr}}, res[1];
  native("context.typeName")(&f->vm, &f->g[0], args, res);
  assert_string_equal(val_str_data(res[0]), "*main.myCtx");
  args[0].t = NULL;
  native("context.typeName")(&f->vm, &f->g[0], args, res);
  assert_string_equal(val_str_data(res[0]), "<nil>");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(timer__now),
      T(timer__stop_reset_results),
      T(timer__fire_sends_time),
      T(timer__fire_wakes_receiver),
      T(timer__ticker_rearms),
      T(timer__afterfunc_spawns),
      T(timer__nil_timer),
      T(timer__type_name),
  };
#undef T
  return cmocka_run_group_tests(tests, NULL, NULL);
}
