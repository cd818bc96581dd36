/* tests/unit/test_sched.c - the scheduler, the chooser (recording,
 * replay, tokens, PCT), virtual clock, timers and semaphore queues
 * (engine/sched.c) and goroutine dumps (engine/traceback.c).
 *
 * Goroutines are plain zeroed structs driven by hand, as vm.c would drive
 * them.  The VM is a fake: vm_sched and func_line are wrapped
 * (WRAP_test_sched in the Makefile), so no real VM or Program is needed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
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

/* --- the chooser, recording and replay ---------------------------------------- */

/* A little model of a run: 8 goroutines, n scheduling points, each
 * picked goroutine yields or (every 5th point) exits; selects and map
 * iterations in between.  out gets the picks and draws; returns the
 * count written. */
static int model_run(uint64_t seed, Strategy st, int pct_depth,
                     int64_t pct_steps, const Buf *replay, Buf *record,
                     int *out, int n, char **err)
{
  Fix *f = fix_new(seed, st);
  Sched *s = f->vm.s;
  sched_configure(s, pct_depth, pct_steps,
                  replay ? (const uint8_t *)replay->data : NULL,
                  replay ? replay->len : 0, record);
  sched_add(s, &f->g[0], true);
  for (int i = 1; i < 8; i++) sched_add(s, &f->g[i], false);
  int k = 0;
  for (int i = 0; i < n; i++) {
    Goroutine *g = sched_pick(s);
    if (!g) break;
    out[k++] = (int)(g - f->g);
    out[k++] = sched_choose(s, 3, CHOICE_SELECT);
    out[k++] = (int)(sched_rand(s) % 1000);
    out[k++] = (int)sched_quantum(s, g);
    if (i % 5 == 4)
      sched_exit(s, g);
    else
      sched_gosched(s, g);
  }
  if (err)
    *err = sched_replay_error(s) ? strdup(sched_replay_error(s)) : NULL;
  fix_free(f);
  return k;
}

static void sched__same_seed_same_choices(void **state)
{
  (void)state;
  for (Strategy st = STRAT_GO; st <= STRAT_PCT; st++) {
    int a[160], b[160], c[160];
    Buf ra = BUF_INIT, rb = BUF_INIT;
    int na = model_run(9, st, 0, 0, NULL, &ra, a, 40, NULL);
    int nb = model_run(9, st, 0, 0, NULL, &rb, b, 40, NULL);
    int nc = model_run(10, st, 0, 0, NULL, NULL, c, 40, NULL);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, (size_t)na * sizeof *a);
    assert_int_equal(ra.len, rb.len);
    assert_memory_equal(ra.data, rb.data, ra.len);
    assert_true(na != nc || memcmp(a, c, (size_t)na * sizeof *a) != 0);
    buf_fini(&ra);
    buf_fini(&rb);
  }
}

static void sched__replay_reproduces_choices(void **state)
{
  (void)state;
  for (Strategy st = STRAT_GO; st <= STRAT_PCT; st++) {
    int a[160], b[160];
    Buf rec = BUF_INIT, again = BUF_INIT;
    char *err = NULL;
    int na = model_run(21, st, 2, 50, NULL, &rec, a, 40, NULL);
    /* Another seed, same list: the same run, choice for choice. */
    int nb = model_run(777, st, 2, 50, &rec, &again, b, 40, &err);
    assert_null(err);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, (size_t)na * sizeof *a);
    assert_int_equal(rec.len, again.len);
    assert_memory_equal(rec.data, again.data, rec.len);
    buf_fini(&rec);
    buf_fini(&again);
  }
}

static void sched__replay_divergence_is_reported(void **state)
{
  (void)state;
  int out[160];
  Buf bogus = BUF_INIT;
  buf_putc(&bogus, (char)(5 * SCHED_NCHOICE_KINDS + CHOICE_RAND)); /* rand 5 */
  char *err = NULL;
  model_run(3, STRAT_RANDOM, 0, 0, &bogus, NULL, out, 10, &err);
  assert_non_null(err);
  assert_string_equal(err, "replay diverged at choice 1: recorded rand 5, "
                           "but the program offered pick of 8");
  free(err);
  buf_clear(&bogus);
  buf_putc(&bogus, (char)0x80); /* a varint cut short */
  model_run(3, STRAT_RANDOM, 0, 0, &bogus, NULL, out, 10, &err);
  assert_non_null(strstr(err, "malformed"));
  free(err);
  buf_fini(&bogus);
}

static void sched__tokens(void **state)
{
  (void)state;
  Buf b = BUF_INIT;
  uint8_t ch[] = {0x06, 0x09, 0x08, 0xff, 0x01};
  sched_token_format(STRAT_PCT, 2, 12345, NULL, 0, &b);
  assert_string_equal(buf_cstr(&b), "pct:2:12345");
  buf_clear(&b);
  sched_token_format(STRAT_RANDOM, 0, UINT64_MAX, ch, sizeof ch, &b);
  assert_string_equal(buf_cstr(&b), "random::18446744073709551615:BgkI_wE");
  SchedToken t;
  assert_int_equal(sched_token_parse(buf_cstr(&b), &t, NULL), 0);
  assert_int_equal(t.strategy, STRAT_RANDOM);
  assert_int_equal(t.pct_depth, 0);
  assert_true(t.seed == UINT64_MAX);
  assert_int_equal(t.nchoices, sizeof ch);
  assert_memory_equal(t.choices, ch, sizeof ch);
  sched_token_fini(&t);
  assert_int_equal(sched_token_parse("go::7", &t, NULL), 0);
  assert_true(t.strategy == STRAT_GO && t.seed == 7 && !t.choices);
  const char *bad[] = {"", "go", "go:7", "fifo::1", "pct:x:1", "pct:17:1",
                       "go::-1", "go::18446744073709551616", "go::1:a*b",
                       "go::1:A"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    buf_clear(&b);
    assert_int_equal(sched_token_parse(bad[i], &t, &b), -1);
    assert_non_null(strstr(buf_cstr(&b), "bad replay token"));
  }
  buf_fini(&b);
}

/* PCT on a tiny model: two goroutines that never block, preempted at
 * every point.  With d = 1 there is no change point: the higher priority
 * runs to its end.  With d = 2 the one change point, at step k1, demotes
 * whoever runs then: exactly one switch, at k1. */
static int pct_switches(uint64_t seed, int depth, int64_t k, int *first_switch)
{
  Fix *f = fix_new(seed, STRAT_PCT);
  Sched *s = f->vm.s;
  sched_configure(s, depth, k, NULL, 0, NULL);
  sched_add(s, &f->g[0], true);
  sched_add(s, &f->g[1], false);
  int prev = -1, switches = 0;
  *first_switch = -1;
  for (int step = 1; step <= 40; step++) {
    Goroutine *g = sched_pick(s);
    int who = (int)(g - f->g);
    if (prev >= 0 && who != prev) {
      switches++;
      if (*first_switch < 0) *first_switch = step;
    }
    prev = who;
    sched_gosched(s, g);
  }
  assert_int_equal(sched_points(s), 40);
  fix_free(f);
  return switches;
}

static void sched__pct_depth_one_and_two(void **state)
{
  (void)state;
  int at, seen_switch_at[41] = {0};
  for (uint64_t seed = 1; seed <= 50; seed++) {
    assert_int_equal(pct_switches(seed, 1, 20, &at), 0);
    int n = pct_switches(seed, 2, 20, &at);
    /* Change point in [1, 20]: a switch there, except at step 1 (nobody
     * ran before it, so there is no one to demote). */
    assert_true(n == 1 || (n == 0 && at < 0));
    if (n == 1) {
      assert_in_range(at, 2, 20);
      seen_switch_at[at] = 1;
    }
  }
  int spread = 0;
  for (int i = 0; i <= 40; i++) spread += seen_switch_at[i];
  assert_true(spread >= 8); /* change points are spread over [1, k] */
}

/* Scheduling points: never under STRAT_GO, and never inside a call that
 * fmt makes from C (FRAME_NESTED). */
static void sched__points(void **state)
{
  (void)state;
  Goroutine g;
  memset(&g, 0, sizeof g);
  Frame fr[2];
  memset(fr, 0, sizeof fr);
  g.frames = fr;
  g.nframes = 1;
  Sched *go = sched_new(NULL, 1, STRAT_GO);
  Sched *rnd = sched_new(NULL, 1, STRAT_RANDOM);
  assert_false(sched_point(go, &g));
  assert_true(sched_point(rnd, &g));
  assert_true(sched_native_point(rnd, &g, "sync.(*Mutex).Lock"));
  assert_true(sched_native_point(rnd, &g, "sync/atomic.AddInt64"));
  assert_true(sched_native_point(rnd, &g, "time.Sleep"));
  assert_false(sched_native_point(rnd, &g, "fmt.Println"));
  assert_false(sched_native_point(rnd, &g, "syncx.F"));
  assert_false(sched_native_point(go, &g, "sync.(*Mutex).Lock"));
  fr[1].flags = FRAME_NESTED;
  g.nframes = 2;
  assert_false(sched_point(rnd, &g));
  assert_false(sched_native_point(rnd, &g, "sync.(*Mutex).Lock"));
  sched_free(go);
  sched_free(rnd);
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
      cmocka_unit_test(sched__same_seed_same_choices),
      cmocka_unit_test(sched__replay_reproduces_choices),
      cmocka_unit_test(sched__replay_divergence_is_reported),
      cmocka_unit_test(sched__tokens),
      cmocka_unit_test(sched__pct_depth_one_and_two),
      cmocka_unit_test(sched__points),
      cmocka_unit_test(sched__sema_fifo_lifo),
      cmocka_unit_test(sched__sema_table_grows),
      cmocka_unit_test(traceback__parked_and_running),
      cmocka_unit_test(traceback__blocked_at_pc_and_minutes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
