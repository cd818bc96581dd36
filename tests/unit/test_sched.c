/* tests/unit/test_sched.c - the scheduler, virtual clock, timers and
 * semaphore queues (engine/sched.c) and goroutine dumps
 * (engine/traceback.c).
 *
 * Goroutines are plain zeroed structs driven by hand, as vm.c would drive
 * them.  The VM is a fake: vm_sched and func_line are wrapped
 * (WRAP_test_sched in the Makefile), so no real VM or Program is needed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "engine/program.h"
#include "engine/sched.h"
#include "engine/traceback.h"
#include "engine/vm.h"

/* --- the fake VM ---------------------------------------------------------- */

struct VM {
  Sched *s;
  int fired[16]; /* timer callbacks, in firing order */
  int nfired;
};

Sched *__wrap_vm_sched(VM *vm);
Sched *__wrap_vm_sched(VM *vm) { return vm->s; }

int __wrap_func_line(const Func *f, uint32_t pc);
int __wrap_func_line(const Func *f, uint32_t pc)
{
  return f->lines ? f->lines[pc] : f->pos.line;
}

static void record(VM *vm, void *arg)
{
  vm->fired[vm->nfired++] = (int)(intptr_t)arg;
}

typedef struct Fix {
  VM vm;
  Goroutine g[8];
} Fix;

static Fix *fix_new(uint64_t seed, Strategy st)
{
  Fix *f = test_calloc(1, sizeof *f);
  f->vm.s = sched_new(&f->vm, seed, st);
  return f;
}

static void fix_free(Fix *f)
{
  sched_free(f->vm.s);
  test_free(f);
}

/* main is added and picked: it is running, as at the start of a run. */
static Fix *fix_with_main(Strategy st)
{
  Fix *f = fix_new(1, st);
  sched_add(f->vm.s, &f->g[0], true);
  assert_ptr_equal(sched_pick(f->vm.s), &f->g[0]);
  return f;
}

/* --- ids and queues -------------------------------------------------------- */

static void sched__ids_like_go(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  sched_add(s, &f->g[1], false);
  sched_add(s, &f->g[2], false);
  assert_int_equal(f->g[0].id, 1);
  assert_int_equal(f->g[1].id, 5);
  assert_int_equal(f->g[2].id, 6);
  sched_set_next_id(s, 10);
  sched_add(s, &f->g[3], false);
  assert_int_equal(f->g[3].id, 10);
  assert_ptr_equal(sched_all(s), &f->g[0]);
  assert_ptr_equal(f->g[2].alllink, &f->g[3]);
  assert_int_equal(sched_live_count(s), 4);
  fix_free(f);
}

/* for i := 0; i < 5; i++ { go print(i) }; wg.Wait() prints 40123. */
static void sched__runnext_order_40123(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  for (int i = 1; i <= 5; i++) sched_add(s, &f->g[i], false);
  sched_park(s, &f->g[0], "semacquire");
  int expect[] = {5, 1, 2, 3, 4};
  for (int i = 0; i < 5; i++) {
    Goroutine *g = sched_pick(s);
    assert_ptr_equal(g, &f->g[expect[i]]);
    assert_int_equal(g->status, G_RUNNING);
    assert_ptr_equal(sched_current(s), g);
    sched_exit(s, g);
  }
  assert_null(sched_pick(s));
  assert_int_equal(sched_live_count(s), 1);
  fix_free(f);
}

static void sched__ready_takes_runnext(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  sched_add(s, &f->g[1], false);
  sched_add(s, &f->g[2], false); /* runnext 2, queue 1 */
  assert_ptr_equal(sched_pick(s), &f->g[2]);
  sched_park(s, &f->g[2], "chan receive");
  assert_false(f->g[2].park.woken);
  sched_ready(s, &f->g[2]); /* runnext 2 again, ahead of 1 */
  assert_true(f->g[2].park.woken);
  sched_gosched(s, &f->g[0]); /* main to the tail: 1, 0 */
  assert_ptr_equal(sched_pick(s), &f->g[2]);
  assert_ptr_equal(sched_pick(s), &f->g[1]);
  assert_ptr_equal(sched_pick(s), &f->g[0]);
  assert_null(sched_pick(s));
  fix_free(f);
}

static void sched__exit_of_runnable_leaves_queue(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  for (int i = 1; i <= 3; i++) sched_add(s, &f->g[i], false);
  sched_exit(s, &f->g[1]); /* in the queue */
  sched_exit(s, &f->g[3]); /* in runnext */
  sched_park(s, &f->g[0], "select");
  assert_ptr_equal(sched_pick(s), &f->g[2]);
  assert_null(sched_pick(s));
  assert_int_equal(sched_live_count(s), 2);
  fix_free(f);
}

/* --- the clock and timers --------------------------------------------------- */

static void sched__timers_fire_in_order(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  assert_int_equal(sched_now(s), SCHED_EPOCH_NS);
  sched_timer_add(s, SCHED_EPOCH_NS + 30, record, (void *)1);
  sched_timer_add(s, SCHED_EPOCH_NS + 10, record, (void *)2);
  sched_timer_add(s, SCHED_EPOCH_NS + 20, record, (void *)3);
  sched_timer_add(s, SCHED_EPOCH_NS + 10, record, (void *)4);
  sched_park(s, &f->g[0], "select");
  /* Nothing ever becomes runnable: every timer fires, then deadlock. */
  assert_int_equal(sched_idle(s), IDLE_DEADLOCK);
  int expect[] = {2, 4, 3, 1};
  assert_int_equal(f->vm.nfired, 4);
  for (int i = 0; i < 4; i++) assert_int_equal(f->vm.fired[i], expect[i]);
  assert_int_equal(sched_now(s), SCHED_EPOCH_NS + 30);
  fix_free(f);
}

static void sched__sleep_jumps_clock(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  sched_add(s, &f->g[1], false);
  sched_sleep(s, &f->g[0], 100);
  assert_string_equal(f->g[0].wait_reason, "sleep");
  assert_ptr_equal(sched_pick(s), &f->g[1]);
  sched_tick(s, 7);
  sched_sleep(s, &f->g[1], 50);
  assert_null(sched_pick(s));
  assert_int_equal(sched_idle(s), IDLE_WOKE);
  assert_int_equal(sched_now(s), SCHED_EPOCH_NS + 57);
  assert_ptr_equal(sched_pick(s), &f->g[1]);
  assert_true(f->g[1].park.woken);
  sched_exit(s, &f->g[1]);
  assert_null(sched_pick(s));
  assert_int_equal(sched_idle(s), IDLE_WOKE);
  assert_int_equal(sched_now(s), SCHED_EPOCH_NS + 100);
  assert_ptr_equal(sched_pick(s), &f->g[0]);
  fix_free(f);
}

/* A busy goroutine's steps move the clock; due timers fire at the next
 * pick, without any idle jump. */
static void sched__tick_fires_due_timers(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  sched_add(s, &f->g[1], false);
  assert_ptr_equal(sched_pick(s), &f->g[1]);
  sched_sleep(s, &f->g[1], 10);
  sched_tick(s, 9);
  sched_gosched(s, &f->g[0]);
  assert_ptr_equal(sched_pick(s), &f->g[0]);
  sched_tick(s, 1);
  sched_gosched(s, &f->g[0]);
  assert_ptr_equal(sched_pick(s), &f->g[1]); /* woken into runnext */
  fix_free(f);
}

static void sched__deadlock_and_timer_del(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  int64_t id = sched_timer_add(s, SCHED_EPOCH_NS + 5, record, (void *)9);
  assert_true(sched_timer_del(s, id));
  assert_false(sched_timer_del(s, id));
  sched_park(s, &f->g[0], "chan receive (nil chan)");
  assert_int_equal(sched_idle(s), IDLE_DEADLOCK);
  assert_int_equal(f->vm.nfired, 0);
  assert_int_equal(sched_now(s), SCHED_EPOCH_NS);
  fix_free(f);
}

static void sched__timer_heap_many(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  int64_t ids[12];
  for (int i = 0; i < 12; i++)
    ids[i] = sched_timer_add(s, SCHED_EPOCH_NS + (i * 7) % 12, record,
                             (void *)(intptr_t)i);
  sched_timer_del(s, ids[5]);
  sched_timer_del(s, ids[0]);
  sched_park(s, &f->g[0], "select");
  assert_int_equal(sched_idle(s), IDLE_DEADLOCK);
  assert_int_equal(f->vm.nfired, 10);
  /* i*7 % 12 sorted, without i = 0 and i = 5 (times 0 and 11). */
  int expect[] = {7, 2, 9, 4, 11, 6, 1, 8, 3, 10};
  for (int i = 0; i < 10; i++) assert_int_equal(f->vm.fired[i], expect[i]);
  fix_free(f);
}

/* --- seeded choices ----------------------------------------------------------- */

static int pick_trace(uint64_t seed, int *out, int n)
{
  Fix *f = fix_new(seed, STRAT_RANDOM);
  Sched *s = f->vm.s;
  sched_add(s, &f->g[0], true);
  for (int i = 1; i < 8; i++) sched_add(s, &f->g[i], false);
  for (int i = 0; i < n; i++) {
    Goroutine *g = sched_pick(s);
    out[i] = (int)(g - f->g);
    sched_gosched(s, g);
  }
  int64_t q = sched_quantum(s, &f->g[0]);
  fix_free(f);
  return (int)q;
}

static void sched__seed_determinism(void **state)
{
  (void)state;
  int a[40], b[40], c[40];
  int qa = pick_trace(42, a, 40), qb = pick_trace(42, b, 40);
  pick_trace(43, c, 40);
  assert_memory_equal(a, b, sizeof a);
  assert_int_equal(qa, qb);
  assert_memory_not_equal(a, c, sizeof a);
  /* Uniform-ish: every goroutine is chosen at some point. */
  int seen = 0;
  for (int i = 0; i < 40; i++) seen |= 1 << a[i];
  assert_int_equal(seen, 0xff);
  Sched *s1 = sched_new(NULL, 7, STRAT_GO), *s2 = sched_new(NULL, 7, STRAT_GO);
  Sched *s3 = sched_new(NULL, 8, STRAT_GO);
  uint64_t r1 = sched_rand(s1);
  assert_int_equal(r1, sched_rand(s2));
  assert_int_not_equal(r1, sched_rand(s3));
  assert_int_equal(sched_seed(s3), 8);
  sched_free(s1);
  sched_free(s2);
  sched_free(s3);
}

static void sched__quanta(void **state)
{
  (void)state;
  Sched *s = sched_new(NULL, 3, STRAT_GO);
  assert_int_equal(sched_quantum(s, NULL), 1000000);
  sched_free(s);
  s = sched_new(NULL, 3, STRAT_RANDOM);
  bool small = false, large = false;
  for (int i = 0; i < 1000; i++) {
    int64_t q = sched_quantum(s, NULL);
    assert_in_range(q, 1, 1024);
    small |= q < 8;
    large |= q > 256;
  }
  assert_true(small && large);
  sched_free(s);
}

/* --- semaphore queues ---------------------------------------------------------- */

static void sched__sema_fifo_lifo(void **state)
{
  (void)state;
  Fix *f = fix_new(1, STRAT_GO);
  Sched *s = f->vm.s;
  int a, b;
  sched_sema_enqueue(s, &a, &f->g[1], false);
  sched_sema_enqueue(s, &a, &f->g[2], false);
  sched_sema_enqueue(s, &b, &f->g[3], false);
  sched_sema_enqueue(s, &a, &f->g[4], true);
  assert_int_equal(sched_sema_waiters(s, &a), 3);
  assert_ptr_equal(sched_sema_dequeue(s, &a), &f->g[4]);
  assert_ptr_equal(sched_sema_dequeue(s, &a), &f->g[1]);
  assert_ptr_equal(sched_sema_dequeue(s, &b), &f->g[3]);
  assert_ptr_equal(sched_sema_dequeue(s, &a), &f->g[2]);
  assert_null(sched_sema_dequeue(s, &a));
  assert_null(sched_sema_dequeue(s, &f->g[0]));
  assert_int_equal(sched_sema_waiters(s, &b), 0);
  fix_free(f);
}

static void sched__sema_table_grows(void **state)
{
  (void)state;
  Fix *f = fix_new(1, STRAT_GO);
  Goroutine *gs = test_calloc(200, sizeof *gs);
  for (int i = 0; i < 200; i++)
    sched_sema_enqueue(f->vm.s, &gs[i].id, &gs[i], false);
  for (int i = 199; i >= 0; i--)
    assert_ptr_equal(sched_sema_dequeue(f->vm.s, &gs[i].id), &gs[i]);
  test_free(gs);
  fix_free(f);
}

/* --- tracebacks ------------------------------------------------------------ */

static int32_t main_lines[] = {3, 3, 4, 4, 5, 5, 6, 6};
static int32_t func1_lines[] = {9, 9, 10, 10};

static Func fn_main = {.name = "main.main", .file = "/p/prog.go",
                       .pos = {3, 1}, .lines = main_lines, .ncode = 8};
static Func fn_func1 = {.name = "main.main.func1", .file = "/p/prog.go",
                        .pos = {8, 1}, .lines = func1_lines, .ncode = 4,
                        .nparams = 1};
static Func fn_wait = {.name = "sync.(*WaitGroup).Wait",
                       .file = "$PRELUDE/sync.go", .pos = {40, 1},
                       .nparams = 1, .native = (NativeFn)1, .prelude = true};

static void traceback__parked_and_running(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  Goroutine *m = &f->g[0], *w = &f->g[1];
  sched_add(s, w, false);
  Frame mf[2] = {{.fn = &fn_main, .pc = 6}, {.fn = &fn_wait}};
  m->frames = mf;
  m->nframes = 2;
  sched_park(s, m, "semacquire");
  Frame wf[1] = {{.fn = &fn_func1, .pc = 2}};
  w->frames = wf;
  w->nframes = 1;
  w->creator = &fn_main;
  w->creator_pc = 4;
  assert_ptr_equal(sched_pick(s), w);
  Buf b = BUF_INIT;
  traceback_all(&f->vm, w, &b);
  assert_string_equal(buf_cstr(&b), "goroutine 5 [running]:\n"
                                    "main.main.func1(...)\n"
                                    "\t/p/prog.go:9 +0x2\n"
                                    "created by main.main\n"
                                    "\t/p/prog.go:4 +0x4\n"
                                    "\n"
                                    "goroutine 1 [semacquire]:\n"
                                    "sync.(*WaitGroup).Wait(...)\n"
                                    "\t$PRELUDE/sync.go:40 +0x0\n"
                                    "main.main()\n"
                                    "\t/p/prog.go:5 +0x6\n");
  buf_fini(&b);
  fix_free(f);
}

/* A parked goroutine's innermost frame reports the instruction it blocked
 * on; a long wait shows in minutes; dead goroutines are left out. */
static void traceback__blocked_at_pc_and_minutes(void **state)
{
  (void)state;
  Fix *f = fix_with_main(STRAT_GO);
  Sched *s = f->vm.s;
  Goroutine *m = &f->g[0], *d = &f->g[1];
  sched_add(s, d, false);
  sched_exit(s, d);
  Frame mf[1] = {{.fn = &fn_main, .pc = 6}};
  m->frames = mf;
  m->nframes = 1;
  sched_park(s, m, "chan receive");
  sched_tick(s, INT64_C(125) * 1000000000);
  Buf b = BUF_INIT;
  traceback_all(&f->vm, m, &b);
  assert_string_equal(buf_cstr(&b), "goroutine 1 [chan receive, 2 minutes]:\n"
                                    "main.main()\n"
                                    "\t/p/prog.go:6 +0x6\n");
  buf_fini(&b);
  fix_free(f);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sched__ids_like_go),
      cmocka_unit_test(sched__runnext_order_40123),
      cmocka_unit_test(sched__ready_takes_runnext),
      cmocka_unit_test(sched__exit_of_runnable_leaves_queue),
      cmocka_unit_test(sched__timers_fire_in_order),
      cmocka_unit_test(sched__sleep_jumps_clock),
      cmocka_unit_test(sched__tick_fires_due_timers),
      cmocka_unit_test(sched__deadlock_and_timer_del),
      cmocka_unit_test(sched__timer_heap_many),
      cmocka_unit_test(sched__seed_determinism),
      cmocka_unit_test(sched__quanta),
      cmocka_unit_test(sched__sema_fifo_lifo),
      cmocka_unit_test(sched__sema_table_grows),
      cmocka_unit_test(traceback__parked_and_running),
      cmocka_unit_test(traceback__blocked_at_pc_and_minutes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
