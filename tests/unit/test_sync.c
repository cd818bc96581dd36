/* tests/unit/test_sync.c - the natives of sync, sync/atomic, time and
 * runtime (engine/sync.c) on the real scheduler (engine/sched.c).
 *
 * The VM is a fake: vm_sched, vm_program, vm_panic, vm_runtime_error,
 * vm_throw, val_str, types_basic, vm_heap, types_any and sched_strategy
 * are wrapped (WRAP_test_sync in the Makefile) and record what was
 * raised; the heap is a real one, freed by teardown.  Lock structs are AggObjs laid
 * out as engine/prelude/sync.go declares them; natives are found by their
 * Go names in natives_sched, as the compiler binds them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "engine/native.h"
#include "engine/sched.h"
#include "engine/types.h"
#include "engine/vm.h"

/* --- the fake VM ---------------------------------------------------------- */

struct VM {
  Sched *s;
  Heap heap;
  Strategy strategy; /* what the wrapped sched_strategy reports */
  char raised[128]; /* "panic: ...", "throw: ...", "runtime error: ..." */
  Type *panic_type;
  StrObj *strs[8];
  int nstrs;
};

static Type string_t = {.kind = TY_STRING, .name = "string"};
static Type int_t = {.kind = TY_INT, .name = "int"};
static Type any_t = {.kind = TY_INTERFACE};
static Type ints_t = {.kind = TY_SLICE, .elem = &int_t};

Sched *__wrap_vm_sched(VM *vm);
Program *__wrap_vm_program(VM *vm);
NatStatus __wrap_vm_panic(VM *vm, Goroutine *g, Value v);
NatStatus __wrap_vm_runtime_error(VM *vm, Goroutine *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
NatStatus __wrap_vm_throw(VM *vm, Goroutine *g, const char *msg);
Value __wrap_val_str(VM *vm, const char *s, size_t len);
Type *__wrap_types_basic(Universe *u, TypeKind k);
Heap *__wrap_vm_heap(VM *vm);
Type *__wrap_types_any(Universe *u);
Strategy __wrap_sched_strategy(const Sched *s);

Heap *__wrap_vm_heap(VM *vm) { return &vm->heap; }

Type *__wrap_types_any(Universe *u)
{
  (void)u;
  return &any_t;
}

/* The Sched does not know the fake VM; one VM per test binary run. */
static Strategy fake_strategy = STRAT_GO;

Strategy __wrap_sched_strategy(const Sched *s)
{
  (void)s;
  return fake_strategy;
}

Sched *__wrap_vm_sched(VM *vm) { return vm->s; }

Program *__wrap_vm_program(VM *vm)
{
  static Program prog; /* only .universe is read, and passed on */
  (void)vm;
  return &prog;
}

NatStatus __wrap_vm_panic(VM *vm, Goroutine *g, Value v)
{
  (void)g;
  snprintf(vm->raised, sizeof vm->raised, "panic: %s", val_str_data(v));
  vm->panic_type = v.t;
  return NAT_RAISED;
}

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

NatStatus __wrap_vm_throw(VM *vm, Goroutine *g, const char *msg)
{
  (void)g;
  snprintf(vm->raised, sizeof vm->raised, "throw: %s", msg);
  return NAT_RAISED;
}

Value __wrap_val_str(VM *vm, const char *s, size_t len)
{
  StrObj *o = calloc(1, sizeof *o + len + 1);
  o->len = (int64_t)len;
  memcpy(o->data, s, len);
  vm->strs[vm->nstrs++] = o;
  return (Value){.as.p = o};
}

Type *__wrap_types_basic(Universe *u, TypeKind k)
{
  (void)u;
  assert_int_equal(k, TY_STRING);
  return &string_t;
}

/* --- fixture ------------------------------------------------------------- */

typedef struct Fix {
  VM vm;
  Goroutine g[6];
  AggObj *objs[8];
  int nobjs;
} Fix;

static int setup(void **state)
{
  Fix *f = calloc(1, sizeof *f);
  f->vm.s = sched_new(&f->vm, 1, STRAT_GO);
  heap_init(&f->vm.heap, 0);
  fake_strategy = STRAT_GO;
  sched_add(f->vm.s, &f->g[0], true);
  sched_pick(f->vm.s);
  *state = f;
  return 0;
}

static int teardown(void **state)
{
  Fix *f = *state;
  for (int i = 0; i < f->nobjs; i++) free(f->objs[i]);
  for (int i = 0; i < f->vm.nstrs; i++) free(f->vm.strs[i]);
  heap_fini(&f->vm.heap);
  sched_free(f->vm.s);
  free(f);
  return 0;
}

static AggObj *agg(Fix *f, int n)
{
  AggObj *a = calloc(1, sizeof *a + (size_t)n * sizeof(Value));
  a->n = n;
  f->objs[f->nobjs++] = a;
  return a;
}

static AggObj *new_mutex(Fix *f) { return agg(f, 2); }

static AggObj *new_rwmutex(Fix *f)
{
  AggObj *rw = agg(f, 5);
  rw->v[0].as.p = new_mutex(f);
  return rw;
}

static AggObj *new_waitgroup(Fix *f) { return agg(f, 3); }

static NativeFn native(const char *name)
{
  for (const NativeEntry *e = natives_sched; e->name; e++)
    if (strcmp(e->name, name) == 0) return e->fn;
  fail_msg("no native %s", name);
  return NULL;
}

/* Calls method `name` on the struct o (receiver &o) for goroutine g. */
static NatStatus call(Fix *f, Goroutine *g, const char *name, AggObj *o,
                      int64_t arg, Value *res)
{
  Value slot = {.as.p = o};
  Value args[2] = {{.as.ref = &slot}, {.as.i = arg}};
  Value dummy[1];
  return native(name)(&f->vm, g, args, res ? res : dummy);
}

static Goroutine *spawn(Fix *f, int i)
{
  sched_add(f->vm.s, &f->g[i], false);
  return &f->g[i];
}

static Goroutine *pick(Fix *f) { return sched_pick(f->vm.s); }

static int64_t field(AggObj *o, int i) { return o->v[i].as.i; }

/* --- Mutex ------------------------------------------------------------------ */

static void sync__mutex_handoff(void **state)
{
  Fix *f = *state;
  AggObj *mu = new_mutex(f);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  assert_int_equal(call(f, m, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_OK);
  assert_int_equal(field(mu, 0), 1);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_BLOCK);
  assert_string_equal(w->wait_reason, "semacquire");
  assert_int_equal(field(mu, 0), 1 + 8); /* locked, one waiter */
  assert_ptr_equal(pick(f), m);
  assert_int_equal(call(f, m, "sync.(*Mutex).Unlock", mu, 0, NULL), NAT_OK);
  assert_int_equal(field(mu, 0), 2); /* woken, no waiter */
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_OK);
  assert_int_equal(field(mu, 0), 1);
  assert_int_equal(field(mu, 1), 0); /* sema count consumed */
}

static void sync__mutex_waiters_fifo(void **state)
{
  Fix *f = *state;
  AggObj *mu = new_mutex(f);
  Goroutine *m = &f->g[0];
  call(f, m, "sync.(*Mutex).Lock", mu, 0, NULL);
  spawn(f, 1);
  spawn(f, 2); /* runs first: runnext */
  sched_gosched(f->vm.s, m);
  for (int i = 0; i < 2; i++) {
    Goroutine *g = pick(f);
    assert_int_equal(call(f, g, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_BLOCK);
  }
  assert_ptr_equal(pick(f), m);
  int order[] = {2, 1};
  for (int i = 0; i < 2; i++) {
    Goroutine *cur = sched_current(f->vm.s);
    assert_int_equal(call(f, cur, "sync.(*Mutex).Unlock", mu, 0, NULL),
                     NAT_OK);
    sched_park(f->vm.s, cur, "test");
    Goroutine *g = pick(f);
    assert_ptr_equal(g, &f->g[order[i]]);
    assert_int_equal(call(f, g, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_OK);
  }
}

static void sync__unlock_of_unlocked_throws(void **state)
{
  Fix *f = *state;
  AggObj *mu = new_mutex(f);
  assert_int_equal(call(f, &f->g[0], "sync.(*Mutex).Unlock", mu, 0, NULL),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "throw: sync: unlock of unlocked mutex");
}

static void sync__mutex_trylock(void **state)
{
  Fix *f = *state;
  AggObj *mu = new_mutex(f);
  Value r;
  call(f, &f->g[0], "sync.(*Mutex).TryLock", mu, 0, &r);
  assert_int_equal(r.as.i, 1);
  call(f, &f->g[0], "sync.(*Mutex).TryLock", mu, 0, &r);
  assert_int_equal(r.as.i, 0);
}

/* A waiter that keeps losing for over 1ms turns the Mutex to starvation
 * mode; the next Unlock hands the lock over and yields to it. */
static void sync__mutex_starvation(void **state)
{
  Fix *f = *state;
  AggObj *mu = new_mutex(f);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  call(f, m, "sync.(*Mutex).Lock", mu, 0, NULL);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_BLOCK);
  assert_ptr_equal(pick(f), m);
  sched_tick(f->vm.s, 2000000);
  call(f, m, "sync.(*Mutex).Unlock", mu, 0, NULL); /* wakes w */
  assert_int_equal(call(f, m, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_OK);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w); /* loses: requeued, mutex starving */
  assert_int_equal(call(f, w, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_BLOCK);
  assert_int_equal(field(mu, 0), 1 | 4 | 8);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(call(f, m, "sync.(*Mutex).Unlock", mu, 0, NULL), NAT_YIELD);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*Mutex).Lock", mu, 0, NULL), NAT_OK);
  assert_int_equal(field(mu, 0), 1); /* last waiter: starvation ends */
}

static void sync__nil_receiver(void **state)
{
  Fix *f = *state;
  Value args[1] = {{.as.ref = NULL}};
  Value res[1];
  assert_int_equal(native("sync.(*WaitGroup).Wait")(&f->vm, &f->g[0], args,
                                                     res),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "runtime error: invalid memory address "
                                    "or nil pointer dereference");
}

/* --- WaitGroup -------------------------------------------------------------- */

static void sync__wg_negative(void **state)
{
  Fix *f = *state;
  AggObj *wg = new_waitgroup(f);
  assert_int_equal(call(f, &f->g[0], "sync.(*WaitGroup).Add", wg, -1, NULL),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "panic: sync: negative WaitGroup counter");
  assert_ptr_equal(f->vm.panic_type, &string_t);
}

static void sync__wg_wait_and_done(void **state)
{
  Fix *f = *state;
  AggObj *wg = new_waitgroup(f);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  call(f, m, "sync.(*WaitGroup).Add", wg, 2, NULL);
  assert_int_equal(call(f, m, "sync.(*WaitGroup).Wait", wg, 0, NULL),
                   NAT_BLOCK);
  assert_string_equal(m->wait_reason, "semacquire");
  assert_int_equal(field(wg, 1), 1); /* one waiter */
  assert_ptr_equal(pick(f), w);
  call(f, w, "sync.(*WaitGroup).Add", wg, -1, NULL);
  assert_int_equal(m->status, G_WAITING);
  call(f, w, "sync.(*WaitGroup).Add", wg, -1, NULL);
  assert_int_equal(m->status, G_RUNNABLE);
  assert_int_equal(field(wg, 1), 0);
  sched_exit(f->vm.s, w);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(call(f, m, "sync.(*WaitGroup).Wait", wg, 0, NULL), NAT_OK);
  assert_int_equal(call(f, m, "sync.(*WaitGroup).Wait", wg, 0, NULL), NAT_OK);
}

/* Ground truth 5c: the waiter is parked; main's Done readies it, and main
 * Adds again before it runs. */
static void sync__wg_reuse_detected(void **state)
{
  Fix *f = *state;
  AggObj *wg = new_waitgroup(f);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  call(f, m, "sync.(*WaitGroup).Add", wg, 1, NULL);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*WaitGroup).Wait", wg, 0, NULL),
                   NAT_BLOCK);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(call(f, m, "sync.(*WaitGroup).Add", wg, -1, NULL), NAT_OK);
  assert_int_equal(call(f, m, "sync.(*WaitGroup).Add", wg, 1, NULL), NAT_OK);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*WaitGroup).Wait", wg, 0, NULL),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "panic: sync: WaitGroup is reused before "
                                    "previous Wait has returned");
}

static void sync__wg_add_concurrent_with_wait(void **state)
{
  Fix *f = *state;
  AggObj *wg = new_waitgroup(f);
  wg->v[1].as.i = 1; /* a waiter registered while the counter was 0 */
  assert_int_equal(call(f, &f->g[0], "sync.(*WaitGroup).Add", wg, 1, NULL),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "panic: sync: WaitGroup misuse: Add "
                                    "called concurrently with Wait");
}

/* --- RWMutex -------------------------------------------------------------- */

/* Ground truth: a recursive RLock while a writer waits deadlocks, both
 * goroutines in semacquire. */
static void sync__rw_writer_preference(void **state)
{
  Fix *f = *state;
  AggObj *rw = new_rwmutex(f);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  assert_int_equal(call(f, m, "sync.(*RWMutex).RLock", rw, 0, NULL), NAT_OK);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*RWMutex).Lock", rw, 0, NULL),
                   NAT_BLOCK);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(call(f, m, "sync.(*RWMutex).RLock", rw, 0, NULL),
                   NAT_BLOCK);
  assert_string_equal(m->wait_reason, "semacquire");
  assert_string_equal(w->wait_reason, "semacquire");
  assert_null(pick(f));
  assert_int_equal(sched_idle(f->vm.s), IDLE_DEADLOCK);
}

static void sync__rw_readers_then_writer(void **state)
{
  Fix *f = *state;
  AggObj *rw = new_rwmutex(f);
  Goroutine *m = &f->g[0], *w = spawn(f, 1), *r = spawn(f, 2);
  Value res;
  call(f, m, "sync.(*RWMutex).RLock", rw, 0, NULL);
  call(f, m, "sync.(*RWMutex).TryRLock", rw, 0, &res);
  assert_int_equal(res.as.i, 1);
  call(f, m, "sync.(*RWMutex).TryLock", rw, 0, &res);
  assert_int_equal(res.as.i, 0);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), r); /* runnext; r waits for the writer */
  sched_gosched(f->vm.s, r);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*RWMutex).Lock", rw, 0, NULL),
                   NAT_BLOCK);
  assert_ptr_equal(pick(f), m);
  call(f, m, "sync.(*RWMutex).RUnlock", rw, 0, NULL);
  assert_int_equal(w->status, G_WAITING);
  call(f, m, "sync.(*RWMutex).RUnlock", rw, 0, NULL); /* last reader */
  assert_int_equal(w->status, G_RUNNABLE);
  sched_park(f->vm.s, m, "test");
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*RWMutex).Lock", rw, 0, NULL), NAT_OK);
  sched_gosched(f->vm.s, w);
  assert_ptr_equal(pick(f), r);
  assert_int_equal(call(f, r, "sync.(*RWMutex).RLock", rw, 0, NULL),
                   NAT_BLOCK);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*RWMutex).Unlock", rw, 0, NULL), NAT_OK);
  sched_park(f->vm.s, w, "test");
  assert_ptr_equal(pick(f), r);
  assert_int_equal(call(f, r, "sync.(*RWMutex).RLock", rw, 0, NULL), NAT_OK);
  assert_int_equal(field(rw, 3), 1); /* one reader */
}

static void sync__rw_two_writers(void **state)
{
  Fix *f = *state;
  AggObj *rw = new_rwmutex(f);
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  assert_int_equal(call(f, m, "sync.(*RWMutex).Lock", rw, 0, NULL), NAT_OK);
  sched_gosched(f->vm.s, m);
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*RWMutex).Lock", rw, 0, NULL),
                   NAT_BLOCK);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(call(f, m, "sync.(*RWMutex).Unlock", rw, 0, NULL), NAT_OK);
  sched_park(f->vm.s, m, "test");
  assert_ptr_equal(pick(f), w);
  assert_int_equal(call(f, w, "sync.(*RWMutex).Lock", rw, 0, NULL), NAT_OK);
  assert_int_equal(field(rw, 3), -(1 << 30));
}

static void sync__rw_throws(void **state)
{
  Fix *f = *state;
  AggObj *rw = new_rwmutex(f);
  assert_int_equal(call(f, &f->g[0], "sync.(*RWMutex).RUnlock", rw, 0, NULL),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "throw: sync: RUnlock of unlocked RWMutex");
  rw = new_rwmutex(f);
  assert_int_equal(call(f, &f->g[0], "sync.(*RWMutex).Unlock", rw, 0, NULL),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "throw: sync: Unlock of unlocked RWMutex");
}

/* --- time and runtime -------------------------------------------------------- */

/* --- Cond's notify list --------------------------------------------------- */

static NatStatus calln(Fix *f, Goroutine *g, const char *name, Value *args,
                       Value *res)
{
  Value dummy[3];
  return native(name)(&f->vm, g, args, res ? res : dummy);
}

/* notifyListAdd then notifyListWait for g; returns the wait's status. */
static NatStatus cond_wait(Fix *f, Goroutine *g, Value *list)
{
  Value args[2] = {{.as.ref = list}}, res[1];
  calln(f, g, "sync.runtime_notifyListAdd", args, res);
  args[1] = res[0];
  return calln(f, g, "sync.runtime_notifyListWait", args, NULL);
}

static void cond_notify(Fix *f, Goroutine *g, Value *list, bool all)
{
  Value args[1] = {{.as.ref = list}};
  calln(f, g, all ? "sync.runtime_notifyListNotifyAll"
                  : "sync.runtime_notifyListNotifyOne", args, NULL);
}

static void sync__cond_wait_signal(void **state)
{
  Fix *f = *state;
  Value list = {.as.p = agg(f, 2)};
  Goroutine *m = &f->g[0], *w = spawn(f, 1);
  assert_int_equal(cond_wait(f, m, &list), NAT_BLOCK);
  assert_string_equal(m->wait_reason, "sync.Cond.Wait");
  assert_ptr_equal(pick(f), w);
  cond_notify(f, w, &list, false);
  sched_park(f->vm.s, w, "test");
  assert_ptr_equal(pick(f), m);
  assert_true(m->park.woken);
  Value args[2] = {{.as.ref = &list}, {.as.u = 0}};
  assert_int_equal(calln(f, m, "sync.runtime_notifyListWait", args, NULL),
                   NAT_OK);
  assert_false(m->park.woken);
}

/* A Signal between notifyListAdd and notifyListWait is not lost. */
static void sync__cond_signal_before_park(void **state)
{
  Fix *f = *state;
  Value list = {.as.p = agg(f, 2)};
  Goroutine *m = &f->g[0];
  Value args[2] = {{.as.ref = &list}}, res[1];
  calln(f, m, "sync.runtime_notifyListAdd", args, res);
  cond_notify(f, m, &list, false);
  args[1] = res[0];
  assert_int_equal(calln(f, m, "sync.runtime_notifyListWait", args, NULL),
                   NAT_OK);
  cond_notify(f, m, &list, false); /* nobody waits: no-op */
  assert_int_equal(((AggObj *)list.as.p)->v[1].as.u, 1);
}

/* Waiters queued out of ticket order: Signal wakes the oldest ticket. */
static void sync__cond_signal_finds_ticket(void **state)
{
  Fix *f = *state;
  Value list = {.as.p = agg(f, 2)};
  Goroutine *m = &f->g[0], *a = spawn(f, 1), *b = spawn(f, 2);
  Value args[2] = {{.as.ref = &list}}, ta[1], tb[1];
  calln(f, a, "sync.runtime_notifyListAdd", args, ta);
  calln(f, b, "sync.runtime_notifyListAdd", args, tb);
  args[1] = tb[0];
  assert_int_equal(calln(f, b, "sync.runtime_notifyListWait", args, NULL),
                   NAT_BLOCK);
  args[1] = ta[0];
  assert_int_equal(calln(f, a, "sync.runtime_notifyListWait", args, NULL),
                   NAT_BLOCK);
  cond_notify(f, m, &list, false);
  assert_int_equal(a->status, G_RUNNABLE);
  assert_int_equal(b->status, G_WAITING);
  cond_notify(f, m, &list, false);
  assert_int_equal(b->status, G_RUNNABLE);
}

static void sync__cond_broadcast(void **state)
{
  Fix *f = *state;
  Value list = {.as.p = agg(f, 2)};
  Goroutine *m = &f->g[0];
  cond_notify(f, m, &list, true); /* no waiters: no-op */
  for (int i = 1; i <= 3; i++)
    assert_int_equal(cond_wait(f, spawn(f, i), &list), NAT_BLOCK);
  cond_notify(f, m, &list, true);
  for (int i = 1; i <= 3; i++) assert_int_equal(f->g[i].status, G_RUNNABLE);
  AggObj *l = list.as.p;
  assert_int_equal(l->v[0].as.u, 3);
  assert_int_equal(l->v[1].as.u, 3);
  assert_int_equal(cond_wait(f, m, &list), NAT_BLOCK); /* ticket 3 */
}

/* --- Pool ------------------------------------------------------------------- */

static void pool_put(Fix *f, AggObj *p, int64_t x)
{
  Value slot = {.as.p = p};
  Value args[2] = {{.as.ref = &slot}, {.as.i = x, .t = &int_t}};
  assert_int_equal(calln(f, &f->g[0], "sync.(*Pool).put", args, NULL),
                   NAT_OK);
}

/* -1 for nil */
static int64_t pool_get(Fix *f, AggObj *p)
{
  Value slot = {.as.p = p};
  Value args[1] = {{.as.ref = &slot}}, res[1];
  assert_int_equal(calln(f, &f->g[0], "sync.(*Pool).get", args, res),
                   NAT_OK);
  return res[0].t ? res[0].as.i : -1;
}

/* One P's poolLocal: the private slot, then a LIFO stack. */
static void sync__pool_private_then_lifo(void **state)
{
  Fix *f = *state;
  AggObj *p = agg(f, 2);
  assert_int_equal(pool_get(f, p), -1);
  for (int i = 1; i <= 12; i++) pool_put(f, p, i);
  assert_int_equal(pool_get(f, p), 1);
  for (int i = 12; i >= 2; i--) assert_int_equal(pool_get(f, p), i);
  assert_int_equal(pool_get(f, p), -1);
}

static int pool_kept(Fix *f, int n)
{
  AggObj *p = agg(f, 2);
  for (int i = 0; i < n; i++) pool_put(f, p, i);
  int kept = 0;
  while (pool_get(f, p) != -1) kept++;
  return kept;
}

/* Exploring strategies drop about a quarter of the Puts, by the seed. */
static void sync__pool_drops_by_strategy(void **state)
{
  Fix *f = *state;
  assert_int_equal(pool_kept(f, 100), 100);
  fake_strategy = STRAT_RANDOM;
  int kept = pool_kept(f, 100);
  assert_in_range(kept, 55, 95);
  sched_free(f->vm.s); /* same seed again: same drops */
  f->vm.s = sched_new(&f->vm, 1, STRAT_RANDOM);
  assert_int_equal(pool_kept(f, 100), kept);
}

/* --- sync/atomic ------------------------------------------------------------ */

static Value atomic_call(Fix *f, const char *name, Value *slot, int64_t a,
                         int64_t b)
{
  Value args[3] = {{.as.ref = slot}, {.as.i = a}, {.as.i = b}}, res[1];
  assert_int_equal(calln(f, &f->g[0], name, args, res), NAT_OK);
  return res[0];
}

static void sync__atomic_add_wraps(void **state)
{
  Fix *f = *state;
  Value v = {.as.i = INT32_MAX};
  assert_int_equal(atomic_call(f, "sync/atomic.AddInt32", &v, 1, 0).as.i,
                   INT32_MIN);
  v.as.u = 5;
  /* AddUint32(&x, ^uint32(0)) decrements */
  assert_int_equal(
      atomic_call(f, "sync/atomic.AddUint32", &v, UINT32_MAX, 0).as.u, 4);
  v.as.u = 0;
  assert_int_equal(
      atomic_call(f, "sync/atomic.AddUint32", &v, UINT32_MAX, 0).as.u,
      UINT32_MAX);
  v.as.i = INT64_MAX;
  assert_true(atomic_call(f, "sync/atomic.AddInt64", &v, 1, 0).as.i ==
              INT64_MIN);
  v.as.u = UINT64_MAX;
  assert_int_equal(atomic_call(f, "sync/atomic.AddUint64", &v, 2, 0).as.u, 1);
  assert_int_equal(v.as.u, 1);
}

static void sync__atomic_load_store_swap_cas(void **state)
{
  Fix *f = *state;
  Value v = {.as.i = -3};
  assert_int_equal(atomic_call(f, "sync/atomic.LoadInt32", &v, 0, 0).as.i,
                   -3);
  atomic_call(f, "sync/atomic.StoreInt64", &v, 7, 0);
  assert_int_equal(atomic_call(f, "sync/atomic.SwapUint64", &v, 9, 0).as.i,
                   7);
  assert_int_equal(
      atomic_call(f, "sync/atomic.CompareAndSwapInt32", &v, 8, 1).as.i, 0);
  assert_int_equal(v.as.i, 9);
  assert_int_equal(
      atomic_call(f, "sync/atomic.CompareAndSwapUintptr", &v, 9, 1).as.i, 1);
  assert_int_equal(v.as.i, 1);
}

static void sync__atomic_nil_pointer(void **state)
{
  Fix *f = *state;
  Value args[2] = {{.as.ref = NULL}, {.as.i = 1}}, res[1];
  assert_int_equal(calln(f, &f->g[0], "sync/atomic.AddInt64", args, res),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "runtime error: invalid memory address "
                                    "or nil pointer dereference");
}

static NatStatus value_op(Fix *f, const char *op, Value *slot, Value a,
                          Value b, Value *res)
{
  char name[64];
  snprintf(name, sizeof name, "sync/atomic.(*Value).%s", op);
  Value args[3] = {{.as.ref = slot}, a, b};
  f->vm.raised[0] = '\0';
  return calln(f, &f->g[0], name, args, res);
}

static void sync__atomic_value(void **state)
{
  Fix *f = *state;
  Value slot = {.as.p = agg(f, 1)}, res[1], nil = {0};
  Value one = {.as.i = 1, .t = &int_t}, two = {.as.i = 2, .t = &int_t};
  Value str = {.t = &string_t};
  value_op(f, "Load", &slot, nil, nil, res);
  assert_null(res[0].t);
  assert_int_equal(value_op(f, "Store", &slot, nil, nil, res), NAT_RAISED);
  assert_string_equal(f->vm.raised,
                      "panic: sync/atomic: store of nil value into Value");
  assert_int_equal(value_op(f, "Store", &slot, one, nil, res), NAT_OK);
  assert_int_equal(value_op(f, "Swap", &slot, str, nil, res), NAT_RAISED);
  assert_string_equal(f->vm.raised, "panic: sync/atomic: swap of "
                                    "inconsistently typed value into Value");
  value_op(f, "CompareAndSwap", &slot, two, one, res);
  assert_int_equal(res[0].as.i, 0);
  value_op(f, "CompareAndSwap", &slot, one, two, res);
  assert_int_equal(res[0].as.i, 1);
  value_op(f, "Swap", &slot, one, nil, res);
  assert_int_equal(res[0].as.i, 2);
  assert_int_equal(value_op(f, "CompareAndSwap", &slot, str, one, res),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised, "panic: sync/atomic: compare and swap "
                                    "of inconsistently typed values");
}

static void sync__atomic_value_uncomparable(void **state)
{
  Fix *f = *state;
  Value slot = {.as.p = agg(f, 1)}, res[1], nil = {0};
  Value ints = {.t = &ints_t};
  assert_int_equal(value_op(f, "Store", &slot, ints, nil, res), NAT_OK);
  assert_int_equal(value_op(f, "CompareAndSwap", &slot, ints, ints, res),
                   NAT_RAISED);
  assert_string_equal(f->vm.raised,
                      "runtime error: comparing uncomparable type []int");
}

static void sync__sleep_and_runtime(void **state)
{
  Fix *f = *state;
  Goroutine *m = &f->g[0];
  Value args[1] = {{.as.i = 0}}, res[1];
  NativeFn sleep = native("time.Sleep");
  assert_int_equal(sleep(&f->vm, m, args, res), NAT_OK);
  args[0].as.i = -5;
  assert_int_equal(sleep(&f->vm, m, args, res), NAT_OK);
  args[0].as.i = 1000;
  assert_int_equal(sleep(&f->vm, m, args, res), NAT_BLOCK);
  assert_string_equal(m->wait_reason, "sleep");
  assert_int_equal(sched_idle(f->vm.s), IDLE_WOKE);
  assert_ptr_equal(pick(f), m);
  assert_int_equal(sleep(&f->vm, m, args, res), NAT_OK);
  assert_int_equal(sched_now(f->vm.s), SCHED_EPOCH_NS + 1000);
  spawn(f, 1);
  assert_int_equal(native("runtime.NumGoroutine")(&f->vm, m, args, res),
                   NAT_OK);
  assert_int_equal(res[0].as.i, 2);
  assert_int_equal(native("runtime.Gosched")(&f->vm, m, args, res), NAT_YIELD);
  assert_int_equal(native("runtime.GC")(&f->vm, m, args, res), NAT_OK);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(sync__mutex_handoff),
      T(sync__mutex_waiters_fifo),
      T(sync__unlock_of_unlocked_throws),
      T(sync__mutex_trylock),
      T(sync__mutex_starvation),
      T(sync__nil_receiver),
      T(sync__wg_negative),
      T(sync__wg_wait_and_done),
      T(sync__wg_reuse_detected),
      T(sync__wg_add_concurrent_with_wait),
      T(sync__rw_writer_preference),
      T(sync__rw_readers_then_writer),
      T(sync__rw_two_writers),
      T(sync__rw_throws),
      T(sync__sleep_and_runtime),
      T(sync__cond_wait_signal),
      T(sync__cond_signal_before_park),
      T(sync__cond_signal_finds_ticket),
      T(sync__cond_broadcast),
      T(sync__pool_private_then_lifo),
      T(sync__pool_drops_by_strategy),
      T(sync__atomic_add_wraps),
      T(sync__atomic_load_store_swap_cas),
      T(sync__atomic_nil_pointer),
      T(sync__atomic_value),
      T(sync__atomic_value_uncomparable),
  };
#undef T
  return cmocka_run_group_tests(tests, NULL, NULL);
}
