/* tests/unit/test_chan.c - channels and select (engine/chan.c) on the real
 * scheduler (engine/sched.c).
 *
 * The VM is a fake: vm_sched, vm_heap, vm_panic_plain, heap_alloc and
 * val_zero are wrapped (WRAP_test_chan in the Makefile).  The fake heap
 * runs each object's finalizer at the end of a test, as heap_fini does,
 * so ASan sees Sudogs of goroutines left parked being freed.  A test
 * plays the VM: it calls an operation, and when that returned NAT_BLOCK
 * calls it again once the goroutine is picked with park.woken set. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine/chan.h"
#include "engine/sched.h"
#include "engine/types.h"
#include "engine/vm.h"

/* --- the fake VM ---------------------------------------------------------- */

struct VM {
  Sched *s;
  Heap heap;
  const char *panic; /* last vm_panic_plain message */
};

Sched *__wrap_vm_sched(VM *vm);
Heap *__wrap_vm_heap(VM *vm);
NatStatus __wrap_vm_panic_plain(VM *vm, Goroutine *g, const char *msg);
Obj *__wrap_heap_alloc(Heap *h, ObjKind kind, size_t size);
Value __wrap_val_zero(VM *vm, Type *t);

Sched *__wrap_vm_sched(VM *vm) { return vm->s; }
Heap *__wrap_vm_heap(VM *vm) { return &vm->heap; }

NatStatus __wrap_vm_panic_plain(VM *vm, Goroutine *g, const char *msg)
{
  (void)g;
  vm->panic = msg;
  return NAT_RAISED;
}

Obj *__wrap_heap_alloc(Heap *h, ObjKind kind, size_t size)
{
  /* calloc, not test_calloc: cmocka would free these as leaks of the
   * test body before teardown runs their finalizers. */
  Obj *o = calloc(1, size);
  o->kind = kind;
  o->next = h->objects;
  h->objects = o;
  return o;
}

/* The zero value of the element type, marked so tests can tell it. */
Value __wrap_val_zero(VM *vm, Type *t)
{
  (void)vm;
  return (Value){.as.i = 0, .t = t};
}

static Type int_t = {.kind = TY_INT, .name = "int"};
static Type chan_t = {.kind = TY_CHAN, .elem = &int_t};

typedef struct Fix {
  VM vm;
  Goroutine g[6];
} Fix;

static int setup(void **state)
{
  Fix *f = test_calloc(1, sizeof *f);
  f->vm.s = sched_new(&f->vm, 1, STRAT_GO);
  sched_add(f->vm.s, &f->g[0], true);
  sched_pick(f->vm.s);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fix *f = *state;
  for (Obj *o = f->vm.heap.objects, *nx; o; o = nx) {
    nx = o->next;
    if (o->finalize) o->finalize(o);
    free(o);
  }
  sched_free(f->vm.s);
  test_free(f);
  return 0;
}

static Value iv(int64_t i) { return (Value){.as.i = i}; }

static ChanObj *mk(Fix *f, int64_t cap) { return chan_new(&f->vm, &chan_t, cap); }

/* Starts goroutine i (runnable, not yet picked). */
static Goroutine *spawn(Fix *f, int i)
{
  sched_add(f->vm.s, &f->g[i], false);
  return &f->g[i];
}

static Goroutine *pick(Fix *f) { return sched_pick(f->vm.s); }

/* --- send and receive -------------------------------------------------------- */

static void chan__unbuffered_receiver_first(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 0);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  Value v;
  bool ok;
  assert_int_equal(chan_recv(&f->vm, m, c, &v, &ok), NAT_BLOCK);
  assert_string_equal(m->wait_reason, "chan receive");
  assert_int_equal(m->status, G_WAITING);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(chan_send(&f->vm, w, c, iv(42)), NAT_OK);
  assert_ptr_equal(pick(f), m); /* the receiver took runnext */
  assert_true(m->park.woken);
  assert_int_equal(chan_recv(&f->vm, m, c, &v, &ok), NAT_OK);
  assert_int_equal(v.as.i, 42);
  assert_true(ok);
  assert_false(m->park.woken);
}

static void chan__unbuffered_sender_first(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 0);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  Value v;
  bool ok;
  assert_int_equal(chan_send(&f->vm, m, c, iv(7)), NAT_BLOCK);
  assert_string_equal(m->wait_reason, "chan send");
  assert_ptr_equal(pick(f), w);
  assert_int_equal(chan_recv(&f->vm, w, c, &v, &ok), NAT_OK);
  assert_int_equal(v.as.i, 7);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(chan_send(&f->vm, m, c, iv(7)), NAT_OK);
  assert_int_equal(chan_len(c), 0);
}

/* A receive from a full buffer with a blocked sender takes the oldest
 * value and moves the sender's into the buffer: FIFO is kept. */
static void chan__buffered_ring(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 3);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  Value v;
  bool ok;
  for (int round = 0; round < 2; round++) { /* the ring wraps */
    for (int i = 1; i <= 3; i++)
      assert_int_equal(chan_send(&f->vm, m, c, iv(i)), NAT_OK);
    assert_int_equal(chan_len(c), 3);
    assert_int_equal(chan_send(&f->vm, m, c, iv(4)), NAT_BLOCK);
    assert_ptr_equal(pick(f), w);
    for (int i = 1; i <= 4; i++) {
      assert_int_equal(chan_recv(&f->vm, w, c, &v, &ok), NAT_OK);
      assert_int_equal(v.as.i, i);
      assert_int_equal(chan_len(c), i == 1 ? 3 : 4 - i);
    }
    assert_int_equal(chan_recv(&f->vm, w, c, &v, &ok), NAT_BLOCK);
    assert_ptr_equal(pick(f), m);
    assert_int_equal(chan_send(&f->vm, m, c, iv(4)), NAT_OK);
    assert_int_equal(chan_send(&f->vm, m, c, iv(5)), NAT_OK); /* handoff */
    sched_gosched(f->vm.s, m);
    assert_ptr_equal(pick(f), w);
    assert_int_equal(chan_recv(&f->vm, w, c, &v, &ok), NAT_OK);
    assert_int_equal(v.as.i, 5);
    sched_gosched(f->vm.s, w);
    assert_ptr_equal(pick(f), m);
  }
  assert_int_equal(chan_cap(c), 3);
  assert_int_equal(chan_len(NULL), 0);
  assert_int_equal(chan_cap(NULL), 0);
}

/* --- close ---------------------------------------------------------------- */

static void chan__close_wakes_receivers(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 0);
  Goroutine *m = &f->g[0];
  Value v;
  bool ok;
  for (int i = 1; i <= 4; i++) spawn(f, i);
  for (int i = 0; i < 4; i++) { /* they block in order 4, 1, 2, 3 */
    Goroutine *g = pick(f);
    assert_int_equal(chan_recv(&f->vm, g, c, &v, &ok), NAT_BLOCK);
  }
  assert_int_equal(chan_close(&f->vm, m, c), NAT_OK);
  sched_park(f->vm.s, m, "test");
  /* As real Go on one P: 4 first, then the others last to first. */
  int expect[] = {4, 3, 2, 1};
  for (int i = 0; i < 4; i++) {
    Goroutine *g = pick(f);
    assert_ptr_equal(g, &f->g[expect[i]]);
    v = iv(99);
    assert_int_equal(chan_recv(&f->vm, g, c, &v, &ok), NAT_OK);
    assert_false(ok);
    assert_int_equal(v.as.i, 0);
    assert_ptr_equal(v.t, &int_t); /* val_zero of the element type */
  }
}

static void chan__close_buffered_drains_first(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 2);
  Goroutine *m = &f->g[0];
  Value v;
  bool ok;
  chan_send(&f->vm, m, c, iv(1));
  assert_int_equal(chan_close(&f->vm, m, c), NAT_OK);
  assert_int_equal(chan_recv(&f->vm, m, c, &v, &ok), NAT_OK);
  assert_true(ok);
  assert_int_equal(v.as.i, 1);
  assert_int_equal(chan_recv(&f->vm, m, c, &v, &ok), NAT_OK);
  assert_false(ok);
}

static void chan__close_wakes_senders_who_panic(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 0);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  assert_int_equal(chan_send(&f->vm, m, c, iv(1)), NAT_BLOCK);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(chan_close(&f->vm, w, c), NAT_OK);
  assert_null(f->vm.panic);
  sched_park(f->vm.s, w, "test");
  assert_ptr_equal(pick(f), m);
  assert_int_equal(chan_send(&f->vm, m, c, iv(1)), NAT_RAISED);
  assert_string_equal(f->vm.panic, "send on closed channel");
}

static void chan__panics(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 1);
  Goroutine *m = &f->g[0];
  assert_int_equal(chan_close(&f->vm, m, NULL), NAT_RAISED);
  assert_string_equal(f->vm.panic, "close of nil channel");
  assert_int_equal(chan_close(&f->vm, m, c), NAT_OK);
  assert_int_equal(chan_close(&f->vm, m, c), NAT_RAISED);
  assert_string_equal(f->vm.panic, "close of closed channel");
  f->vm.panic = NULL;
  assert_int_equal(chan_send(&f->vm, m, c, iv(1)), NAT_RAISED);
  assert_string_equal(f->vm.panic, "send on closed channel");
}

/* --- nil channels ------------------------------------------------------------ */

static void chan__nil_blocks_forever(void **state)
{
  Fix *f = *state;
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  Value v;
  bool ok;
  assert_int_equal(chan_recv(&f->vm, m, NULL, &v, &ok), NAT_BLOCK);
  assert_string_equal(m->wait_reason, "chan receive (nil chan)");
  assert_ptr_equal(pick(f), w);
  assert_int_equal(chan_send(&f->vm, w, NULL, iv(1)), NAT_BLOCK);
  assert_string_equal(w->wait_reason, "chan send (nil chan)");
  assert_null(pick(f));
  assert_int_equal(sched_idle(f->vm.s), IDLE_DEADLOCK);
}

/* --- select -------------------------------------------------------------------- */

/* Both cases ready: the choice is seeded, hence reproducible and mixed. */
static void select_trace(uint64_t seed, int *out, int n)
{
  Fix *f;
  setup((void **)&f);
  sched_free(f->vm.s);
  f->vm.s = sched_new(&f->vm, seed, STRAT_GO);
  sched_add(f->vm.s, &f->g[0], true);
  sched_pick(f->vm.s);
  ChanObj *a = mk(f, 1), *b = mk(f, 1);
  Goroutine *m = &f->g[0];
  for (int i = 0; i < n; i++) {
    chan_send(&f->vm, m, a, iv(1));
    chan_send(&f->vm, m, b, iv(2));
    SelectCase cs[2] = {{.c = a}, {.c = b}};
    Value v;
    bool ok;
    assert_int_equal(chan_select(&f->vm, m, cs, 2, false, &out[i], &v, &ok),
                     NAT_OK);
    assert_int_equal(v.as.i, out[i] + 1);
    chan_recv(&f->vm, m, out[i] == 0 ? b : a, &v, &ok); /* drain the other */
  }
  teardown((void **)&f);
}

static void chan__select_random_reproducible(void **state)
{
  (void)state;
  int a[64], b[64], c[64], n0 = 0;
  select_trace(5, a, 64);
  select_trace(5, b, 64);
  select_trace(6, c, 64);
  assert_memory_equal(a, b, sizeof a);
  assert_memory_not_equal(a, c, sizeof a);
  for (int i = 0; i < 64; i++) n0 += a[i] == 0;
  assert_in_range(n0, 16, 48);
}

static void chan__select_default(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 0);
  Goroutine *m = &f->g[0];
  SelectCase cs[2] = {{.c = c}, {.c = NULL, .send = true, .val = iv(1)}};
  int chosen = 5;
  Value v;
  bool ok;
  assert_int_equal(chan_select(&f->vm, m, cs, 2, true, &chosen, &v, &ok),
                   NAT_OK);
  assert_int_equal(chosen, -1);
  assert_int_equal(chan_select(&f->vm, m, NULL, 0, true, &chosen, &v, &ok),
                   NAT_OK);
  assert_int_equal(chosen, -1);
}

/* Ground truth claim 1: default does not protect a send on a closed
 * channel. */
static void chan__select_send_closed_panics(void **state)
{
  Fix *f = *state;
  ChanObj *c = mk(f, 1);
  Goroutine *m = &f->g[0];
  chan_close(&f->vm, m, c);
  SelectCase cs[1] = {{.c = c, .send = true, .val = iv(42)}};
  int chosen;
  Value v;
  bool ok;
  assert_int_equal(chan_select(&f->vm, m, cs, 1, true, &chosen, &v, &ok),
                   NAT_RAISED);
  assert_string_equal(f->vm.panic, "send on closed channel");
}

/* A parked select is queued on every channel; when one case fires it is
 * removed from the others. */
static void chan__select_parks_on_all(void **state)
{
  Fix *f = *state;
  ChanObj *a = mk(f, 0), *b = mk(f, 0);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  SelectCase cs[3] = {{.c = a}, {.c = NULL}, {.c = b}};
  int chosen;
  Value v;
  bool ok;
  assert_int_equal(chan_select(&f->vm, m, cs, 3, false, &chosen, &v, &ok),
                   NAT_BLOCK);
  assert_string_equal(m->wait_reason, "select");
  assert_ptr_equal(pick(f), w);
  assert_int_equal(chan_send(&f->vm, w, b, iv(9)), NAT_OK);
  /* m no longer waits on a: this send finds no receiver. */
  assert_int_equal(chan_send(&f->vm, w, a, iv(8)), NAT_BLOCK);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(chan_select(&f->vm, m, cs, 3, false, &chosen, &v, &ok),
                   NAT_OK);
  assert_int_equal(chosen, 2);
  assert_int_equal(v.as.i, 9);
  assert_true(ok);
}

static void chan__select_send_case_and_close(void **state)
{
  Fix *f = *state;
  ChanObj *a = mk(f, 0), *b = mk(f, 0);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  SelectCase cs[2] = {{.c = a, .send = true, .val = iv(3)}, {.c = b}};
  int chosen;
  Value v;
  bool ok;
  assert_int_equal(chan_select(&f->vm, m, cs, 2, false, &chosen, &v, &ok),
                   NAT_BLOCK);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(chan_recv(&f->vm, w, a, &v, &ok), NAT_OK);
  assert_int_equal(v.as.i, 3);
  sched_gosched(f->vm.s, w);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(chan_select(&f->vm, m, cs, 2, false, &chosen, &v, &ok),
                   NAT_OK);
  assert_int_equal(chosen, 0);
  /* Parked again; this time b is closed: receive case, ok == false. */
  assert_int_equal(chan_select(&f->vm, m, cs, 2, false, &chosen, &v, &ok),
                   NAT_BLOCK);
  assert_ptr_equal(pick(f), w);
  chan_close(&f->vm, w, b);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(chan_select(&f->vm, m, cs, 2, false, &chosen, &v, &ok),
                   NAT_OK);
  assert_int_equal(chosen, 1);
  assert_false(ok);
}

static void chan__select_blocking_forms(void **state)
{
  Fix *f = *state;
  Goroutine *m = &f->g[0];
  int chosen;
  Value v;
  bool ok;
  assert_int_equal(chan_select(&f->vm, m, NULL, 0, false, &chosen, &v, &ok),
                   NAT_BLOCK);
  assert_string_equal(m->wait_reason, "select (no cases)");
  sched_ready(f->vm.s, m);
  pick(f);
  m->park.woken = false;
  SelectCase two[2] = {{.c = NULL}, {.c = NULL, .send = true}};
  assert_int_equal(chan_select(&f->vm, m, two, 2, false, &chosen, &v, &ok),
                   NAT_BLOCK);
  assert_string_equal(m->wait_reason, "select");
  sched_ready(f->vm.s, m);
  pick(f);
  m->park.woken = false;
  /* Go compiles a one-case select to the plain operation. */
  assert_int_equal(chan_select(&f->vm, m, two, 1, false, &chosen, &v, &ok),
                   NAT_BLOCK);
  assert_string_equal(m->wait_reason, "chan receive (nil chan)");
}

/* Goroutines left parked at the end: the finalizers free their Sudogs
 * (ASan's leak check fails the run otherwise). */
static void chan__parked_at_exit(void **state)
{
  Fix *f = *state;
  ChanObj *a = mk(f, 0), *b = mk(f, 2);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  SelectCase cs[2] = {{.c = a}, {.c = b, .send = true, .val = iv(1)}};
  int chosen;
  Value v;
  bool ok;
  chan_send(&f->vm, m, b, iv(1));
  chan_send(&f->vm, m, b, iv(1));
  assert_int_equal(chan_select(&f->vm, m, cs, 2, false, &chosen, &v, &ok),
                   NAT_BLOCK);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(chan_send(&f->vm, w, b, iv(2)), NAT_BLOCK);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(chan__unbuffered_receiver_first),
      T(chan__unbuffered_sender_first),
      T(chan__buffered_ring),
      T(chan__close_wakes_receivers),
      T(chan__close_buffered_drains_first),
      T(chan__close_wakes_senders_who_panic),
      T(chan__panics),
      T(chan__nil_blocks_forever),
      cmocka_unit_test(chan__select_random_reproducible),
      T(chan__select_default),
      T(chan__select_send_closed_panics),
      T(chan__select_parks_on_all),
      T(chan__select_send_case_and_close),
      T(chan__select_blocking_forms),
      T(chan__parked_at_exit),
  };
#undef T
  return cmocka_run_group_tests(tests, NULL, NULL);
}
