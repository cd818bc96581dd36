/* sync.c - natives of packages sync, sync/atomic, time and runtime
 * (natives_sched; the table also binds timer.c's natives of time and
 * context, see timer.h).
 *
 * Big decision: sync is Go 1.19's own algorithms (sync/mutex.go, rwmutex.go,
 * waitgroup.go over runtime/sema.go), replayed on one thread, so the
 * lock word, the waiter counts, who wins a contended Mutex, starvation
 * mode and the misuse panics all come out as in real Go.  Go spins before
 * it parks on multicore machines; with one P it never spins, and neither
 * do we.  Every compare-and-swap succeeds at the first try here, so Go's
 * CAS loops collapse to straight-line code.
 *
 * The structs are declared in engine/prelude/sync.go with plain integer
 * fields; a native reaches them through the receiver pointer: args[0].as.ref
 * is the Value slot holding the struct's AggObj*.  Waiters are queued per
 * sema field address (sched.h's semaphore table), as Go keys its semtable
 * by address; heap objects never move during a run.
 *
 * Blocking (native.h): a native that parks is called again, from the
 * start, once woken.  g->park.index records which wait it was in (PH_*),
 * g->park.ticket the Mutex waiter's wait start, and g->park.ok tells a
 * woken semaphore waiter that the releaser handed it the count.
 *
 * Cond's notify list, Pool's store and sync/atomic follow below; Map and
 * Once are Go code in the prelude (Once's and context's trace hooks are
 * bound here too, implemented in trace_sync.c). */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "engine/native.h"
#include "engine/sched.h"
#include "engine/timer.h"
#include "engine/trace.h"
#include "engine/types.h"
#include "engine/vm.h"

/* sync/mutex.go's state bits. */
enum {
  MUTEX_LOCKED = 1,
  MUTEX_WOKEN = 2,
  MUTEX_STARVING = 4,
  MUTEX_WAITER_SHIFT = 3
};
/* A waiter blocked longer than 1ms switches the Mutex to starvation mode
 * (mutex.go's starvationThresholdNs), on the virtual clock. */
#define STARVATION_NS INT64_C(1000000)
/* rwmutex.go's rwmutexMaxReaders. */
#define RW_MAX_READERS (INT32_C(1) << 30)

/* Which wait a parked goroutine is in (g->park.index). */
enum {
  PH_NONE = 0,
  PH_MUTEX,      /* first wait on a Mutex's semaphore */
  PH_MUTEX_LIFO, /* a later one: Go requeues it at the head */
  PH_WRITER,     /* RWMutex.Lock waiting for readers to leave */
  PH_READER,     /* RWMutex.RLock waiting for a writer */
  PH_WAITGROUP,
  PH_WG_RESET    /* Add brought the counter to 0 and was switched out
                  * before it reset the word (park.ticket: the waiters) */
};

/* Field layouts of engine/prelude/sync.go. */
enum { MU_STATE, MU_SEMA };
enum { RW_W, RW_WRITER_SEM, RW_READER_SEM, RW_READER_COUNT, RW_READER_WAIT };
enum { WG_COUNTER, WG_WAITERS, WG_SEMA };

/* --- helpers ------------------------------------------------------------- */

/* The struct behind a *T receiver, or NULL after raising Go's nil
 * dereference. */
static AggObj *receiver(struct VM *vm, Goroutine *g, Value *args)
{
  Value *slot = args[0].as.ref;
  if (!slot || !slot->as.p) {
    vm_runtime_error(vm, g, "invalid memory address or nil pointer "
                            "dereference");
    return NULL;
  }
  return slot->as.p;
}

/* Sized integers stay sign/zero-extended in their Value (value.h). */
static int32_t get_i32(const Value *v) { return (int32_t)v->as.i; }
static void set_i32(Value *v, int32_t x) { v->as.i = x; }
static uint32_t get_u32(const Value *v) { return (uint32_t)v->as.u; }
static void set_u32(Value *v, uint32_t x) { v->as.u = x; }

/* panic("...") with a plain string, as package sync does. */
static NatStatus panic_string(struct VM *vm, Goroutine *g, const char *msg)
{
  Value v = val_str(vm, msg, strlen(msg));
  v.t = types_basic(vm_program(vm)->universe, TY_STRING);
  return vm_panic(vm, g, v);
}

/* --- the semaphore (runtime/sema.go) ------------------------------------- */

/* semacquire1: true when acquired, false when g parked in wait `phase`.
 * resumed: g was woken from this wait; it owns the count if the releaser
 * handed it over (Go's ticket), else it tries again and may re-queue. */
static bool sema_acquire(Sched *s, Goroutine *g, Value *sema, bool lifo,
                         bool resumed, int phase)
{
  if (resumed) {
    g->park.woken = false;
    if (g->park.ok) return true;
  }
  if (get_u32(sema) > 0) {
    set_u32(sema, get_u32(sema) - 1);
    return true;
  }
  g->park.ok = false;
  g->park.index = phase;
  g->park.obj = sema;
  sched_sema_enqueue(s, sema, g, lifo);
  sched_park(s, g, "semacquire");
  return false;
}

/* semrelease1: wakes the first waiter; with handoff it also takes the
 * count for it.  Returns true on a handoff: the caller then yields so
 * the waiter (in runnext) runs at once, as Go's goyield does. */
static bool sema_release(Sched *s, Value *sema, bool handoff)
{
  set_u32(sema, get_u32(sema) + 1);
  Goroutine *w = sched_sema_dequeue(s, sema);
  if (!w) return false;
  bool ticket = handoff && get_u32(sema) > 0;
  if (ticket) set_u32(sema, get_u32(sema) - 1);
  w->park.ok = ticket;
  sched_ready(s, w);
  return ticket;
}

/* --- Mutex (sync/mutex.go) ----------------------------------------------- */

/* One turn of lockSlow's loop: stores the new state word.  True when the
 * lock was free and is now ours. */
static bool mutex_try(Value *state, bool starving, bool awoke)
{
  int32_t old = get_i32(state), nw = old;
  if (!(old & MUTEX_STARVING)) nw |= MUTEX_LOCKED;
  if (old & (MUTEX_LOCKED | MUTEX_STARVING)) nw += 1 << MUTEX_WAITER_SHIFT;
  if (starving && (old & MUTEX_LOCKED)) nw |= MUTEX_STARVING;
  if (awoke) nw &= ~MUTEX_WOKEN;
  set_i32(state, nw);
  return !(old & (MUTEX_LOCKED | MUTEX_STARVING));
}

static bool waited_long(Sched *s, Goroutine *g)
{
  return g->park.ticket != 0 && sched_now(s) - g->park.ticket > STARVATION_NS;
}

/* After the semaphore: in starvation mode the unlocker handed the lock to
 * us; fix the state word (and leave starvation mode if we are the last
 * waiter or did not wait long).  Returns true when we own the lock. */
static bool mutex_after_wait(Sched *s, Goroutine *g, Value *state)
{
  int32_t old = get_i32(state);
  if (!(old & MUTEX_STARVING)) return false;
  int32_t delta = MUTEX_LOCKED - (1 << MUTEX_WAITER_SHIFT);
  if (!waited_long(s, g) || old >> MUTEX_WAITER_SHIFT == 1)
    delta -= MUTEX_STARVING;
  set_i32(state, old + delta);
  return true;
}

/* Lock and lockSlow, re-entrant: resumed means g was woken from this
 * Mutex's semaphore.  Parks in PH_MUTEX, or PH_MUTEX_LIFO when it had
 * waited before (Go requeues such a waiter at the head). */
static NatStatus mutex_lock(Sched *s, Goroutine *g, AggObj *m, bool resumed)
{
  Value *state = &m->v[MU_STATE], *sema = &m->v[MU_SEMA];
  bool awoke = false;
  if (resumed) {
    bool lifo = g->park.index == PH_MUTEX_LIFO;
    if (!sema_acquire(s, g, sema, lifo, true, g->park.index))
      return NAT_BLOCK;
    if (mutex_after_wait(s, g, state)) return NAT_OK;
    awoke = true;
  } else {
    if (get_i32(state) == 0) {
      set_i32(state, MUTEX_LOCKED);
      return NAT_OK;
    }
    g->park.ticket = 0; /* waitStartTime */
  }
  for (;;) {
    if (mutex_try(state, waited_long(s, g), awoke)) return NAT_OK;
    bool lifo = g->park.ticket != 0;
    if (!lifo) g->park.ticket = sched_now(s);
    int phase = lifo ? PH_MUTEX_LIFO : PH_MUTEX;
    if (!sema_acquire(s, g, sema, lifo, false, phase)) return NAT_BLOCK;
    if (mutex_after_wait(s, g, state)) return NAT_OK;
    awoke = true;
  }
}

/* Unlock and unlockSlow.  NAT_YIELD after a starvation-mode handoff. */
static NatStatus mutex_unlock(struct VM *vm, Goroutine *g, AggObj *m)
{
  Sched *s = vm_sched(vm);
  Value *state = &m->v[MU_STATE], *sema = &m->v[MU_SEMA];
  int32_t nw = get_i32(state) - MUTEX_LOCKED;
  set_i32(state, nw);
  if (nw == 0) return NAT_OK;
  if (((nw + MUTEX_LOCKED) & MUTEX_LOCKED) == 0)
    return vm_throw(vm, g, "sync: unlock of unlocked mutex");
  if (nw & MUTEX_STARVING)
    return sema_release(s, sema, true) ? NAT_YIELD : NAT_OK;
  /* Nobody to wake, or someone is already awake / holds it. */
  if (nw >> MUTEX_WAITER_SHIFT == 0 ||
      (nw & (MUTEX_LOCKED | MUTEX_WOKEN | MUTEX_STARVING)))
    return NAT_OK;
  set_i32(state, (nw - (1 << MUTEX_WAITER_SHIFT)) | MUTEX_WOKEN);
  sema_release(s, sema, false);
  return NAT_OK;
}

static bool mutex_trylock(AggObj *m)
{
  Value *state = &m->v[MU_STATE];
  int32_t old = get_i32(state);
  if (old & (MUTEX_LOCKED | MUTEX_STARVING)) return false;
  set_i32(state, old | MUTEX_LOCKED);
  return true;
}

static NatStatus nat_mutex_lock(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  (void)res;
  AggObj *m = receiver(vm, g, args);
  if (!m) return NAT_RAISED;
  return mutex_lock(vm_sched(vm), g, m, g->park.woken);
}

static NatStatus nat_mutex_unlock(struct VM *vm, Goroutine *g, Value *args,
                                  Value *res)
{
  (void)res;
  AggObj *m = receiver(vm, g, args);
  return m ? mutex_unlock(vm, g, m) : NAT_RAISED;
}

static NatStatus nat_mutex_trylock(struct VM *vm, Goroutine *g, Value *args,
                                   Value *res)
{
  AggObj *m = receiver(vm, g, args);
  if (!m) return NAT_RAISED;
  res[0] = (Value){.as.i = mutex_trylock(m)};
  return NAT_OK;
}

/* --- RWMutex (sync/rwmutex.go) -------------------------------------------
 * Writer preference comes from readerCount: a writer makes it negative,
 * and RLock then waits on readerSem even though only readers hold the
 * lock, so a recursive RLock behind a waiting writer deadlocks. */

/* The embedded Mutex: val_zero allocates nested structs (value.h). */
static AggObj *rw_mutex(AggObj *rw)
{
  assert(rw->v[RW_W].as.p);
  return rw->v[RW_W].as.p;
}

static NatStatus nat_rw_lock(struct VM *vm, Goroutine *g, Value *args,
                             Value *res)
{
  (void)res;
  AggObj *rw = receiver(vm, g, args);
  if (!rw) return NAT_RAISED;
  Sched *s = vm_sched(vm);
  int phase = g->park.woken ? g->park.index : PH_NONE;
  if (phase == PH_WRITER)
    return sema_acquire(s, g, &rw->v[RW_WRITER_SEM], false, true, PH_WRITER)
               ? NAT_OK
               : NAT_BLOCK;
  /* First, resolve competition with other writers. */
  if (mutex_lock(s, g, rw_mutex(rw), phase != PH_NONE) == NAT_BLOCK)
    return NAT_BLOCK;
  /* Announce to readers there is a pending writer. */
  Value *count = &rw->v[RW_READER_COUNT], *wait = &rw->v[RW_READER_WAIT];
  int32_t r = get_i32(count);
  set_i32(count, r - RW_MAX_READERS);
  if (r == 0) return NAT_OK;
  /* Wait for active readers. */
  set_i32(wait, get_i32(wait) + r);
  if (get_i32(wait) == 0) return NAT_OK;
  return sema_acquire(s, g, &rw->v[RW_WRITER_SEM], false, false, PH_WRITER)
             ? NAT_OK
             : NAT_BLOCK;
}

static NatStatus nat_rw_unlock(struct VM *vm, Goroutine *g, Value *args,
                               Value *res)
{
  (void)res;
  AggObj *rw = receiver(vm, g, args);
  if (!rw) return NAT_RAISED;
  Value *count = &rw->v[RW_READER_COUNT];
  int32_t r = get_i32(count) + RW_MAX_READERS;
  set_i32(count, r);
  if (r >= RW_MAX_READERS)
    return vm_throw(vm, g, "sync: Unlock of unlocked RWMutex");
  /* Unblock blocked readers, if any. */
  for (int32_t i = 0; i < r; i++)
    sema_release(vm_sched(vm), &rw->v[RW_READER_SEM], false);
  return mutex_unlock(vm, g, rw_mutex(rw));
}

static NatStatus nat_rw_rlock(struct VM *vm, Goroutine *g, Value *args,
                              Value *res)
{
  (void)res;
  AggObj *rw = receiver(vm, g, args);
  if (!rw) return NAT_RAISED;
  Sched *s = vm_sched(vm);
  Value *sem = &rw->v[RW_READER_SEM];
  if (g->park.woken)
    return sema_acquire(s, g, sem, false, true, PH_READER) ? NAT_OK
                                                           : NAT_BLOCK;
  Value *count = &rw->v[RW_READER_COUNT];
  set_i32(count, get_i32(count) + 1);
  if (get_i32(count) >= 0) return NAT_OK;
  /* A writer is pending, wait for it. */
  return sema_acquire(s, g, sem, false, false, PH_READER) ? NAT_OK
                                                          : NAT_BLOCK;
}

static NatStatus nat_rw_runlock(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  (void)res;
  AggObj *rw = receiver(vm, g, args);
  if (!rw) return NAT_RAISED;
  Value *count = &rw->v[RW_READER_COUNT], *wait = &rw->v[RW_READER_WAIT];
  int32_t r = get_i32(count) - 1;
  set_i32(count, r);
  if (r >= 0) return NAT_OK;
  if (r + 1 == 0 || r + 1 == -RW_MAX_READERS)
    return vm_throw(vm, g, "sync: RUnlock of unlocked RWMutex");
  /* A writer is pending: the last departing reader wakes it. */
  set_i32(wait, get_i32(wait) - 1);
  if (get_i32(wait) == 0)
    sema_release(vm_sched(vm), &rw->v[RW_WRITER_SEM], false);
  return NAT_OK;
}

static NatStatus nat_rw_trylock(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  AggObj *rw = receiver(vm, g, args);
  if (!rw) return NAT_RAISED;
  bool ok = mutex_trylock(rw_mutex(rw));
  Value *count = &rw->v[RW_READER_COUNT];
  if (ok && get_i32(count) != 0) {
    mutex_unlock(vm, g, rw_mutex(rw));
    ok = false;
  } else if (ok) {
    set_i32(count, -RW_MAX_READERS);
  }
  res[0] = (Value){.as.i = ok};
  return NAT_OK;
}

static NatStatus nat_rw_tryrlock(struct VM *vm, Goroutine *g, Value *args,
                                 Value *res)
{
  AggObj *rw = receiver(vm, g, args);
  if (!rw) return NAT_RAISED;
  Value *count = &rw->v[RW_READER_COUNT];
  bool ok = get_i32(count) >= 0;
  if (ok) set_i32(count, get_i32(count) + 1);
  res[0] = (Value){.as.i = ok};
  return NAT_OK;
}

/* --- WaitGroup (sync/waitgroup.go) ---------------------------------------
 * Go packs counter and waiters into one 64-bit word; we keep them in two
 * fields (the diagrams show both) and check "the word changed" as Go
 * does. */

/* The last Done's second half, after its switch point: Go re-reads the
 * word and panics if anyone touched it meanwhile, else resets it and wakes
 * the waiters. */
static NatStatus wg_reset(struct VM *vm, Goroutine *g, AggObj *wg,
                          uint32_t w)
{
  Value *counter = &wg->v[WG_COUNTER], *waiters = &wg->v[WG_WAITERS];
  if (get_i32(counter) != 0 || get_u32(waiters) != w)
    return panic_string(vm, g, "sync: WaitGroup misuse: Add called "
                               "concurrently with Wait");
  set_u32(waiters, 0);
  for (; w != 0; w--) sema_release(vm_sched(vm), &wg->v[WG_SEMA], false);
  return NAT_OK;
}

/* Go's Add is an atomic add, then -- on another thread anything may run
 * here -- a re-read of the word before the reset.  Under the exploring
 * strategies that gap is a scheduling point: g parks and is made runnable
 * at once, so the chooser may run a concurrent Add (which then finds
 * waiters with a zero counter) before g resumes in wg_reset.  Under
 * STRAT_GO, as with map writes, the word is reset straight away.
 * (--race skips the woken second call, as for every native; the trace
 * logs both halves, each with the state after it.) */
static bool wg_switch(struct VM *vm, Goroutine *g, AggObj *wg, uint32_t w)
{
  Sched *s = vm_sched(vm);
  if (!sched_point(s, g)) return false;
  g->park.index = PH_WG_RESET;
  g->park.obj = wg;
  g->park.ticket = w;
  sched_park(s, g, "sync.WaitGroup.Add");
  sched_ready(s, g);
  return true;
}

static NatStatus nat_wg_add(struct VM *vm, Goroutine *g, Value *args,
                            Value *res)
{
  (void)res;
  AggObj *wg = receiver(vm, g, args);
  if (!wg) return NAT_RAISED;
  if (g->park.woken && g->park.index == PH_WG_RESET && g->park.obj == wg) {
    g->park.woken = false;
    g->park.index = PH_NONE;
    return wg_reset(vm, g, wg, (uint32_t)g->park.ticket);
  }
  int64_t delta = args[1].as.i;
  Value *counter = &wg->v[WG_COUNTER], *waiters = &wg->v[WG_WAITERS];
  /* The counter is the high 32 bits of Go's word: it wraps as int32. */
  int32_t v = (int32_t)(uint32_t)((uint64_t)get_i32(counter) + (uint64_t)delta);
  uint32_t w = get_u32(waiters);
  set_i32(counter, v);
  if (v < 0) return panic_string(vm, g, "sync: negative WaitGroup counter");
  if (w != 0 && delta > 0 && v == (int32_t)delta)
    return panic_string(vm, g, "sync: WaitGroup misuse: Add called "
                               "concurrently with Wait");
  if (v > 0 || w == 0) return NAT_OK;
  if (wg_switch(vm, g, wg, w)) return NAT_BLOCK;
  return wg_reset(vm, g, wg, w);
}

/* A woken Wait finding the word non-zero means someone Added before the
 * waiters of the previous round had returned. */
static NatStatus wg_wait_done(struct VM *vm, Goroutine *g, AggObj *wg)
{
  if (get_i32(&wg->v[WG_COUNTER]) != 0 || get_u32(&wg->v[WG_WAITERS]) != 0)
    return panic_string(vm, g, "sync: WaitGroup is reused before previous "
                               "Wait has returned");
  return NAT_OK;
}

static NatStatus nat_wg_wait(struct VM *vm, Goroutine *g, Value *args,
                             Value *res)
{
  (void)res;
  AggObj *wg = receiver(vm, g, args);
  if (!wg) return NAT_RAISED;
  Sched *s = vm_sched(vm);
  Value *sema = &wg->v[WG_SEMA];
  bool resumed = g->park.woken;
  if (!resumed) {
    if (get_i32(&wg->v[WG_COUNTER]) == 0) return NAT_OK;
    set_u32(&wg->v[WG_WAITERS], get_u32(&wg->v[WG_WAITERS]) + 1);
  }
  if (!sema_acquire(s, g, sema, false, resumed, PH_WAITGROUP))
    return NAT_BLOCK;
  return wg_wait_done(vm, g, wg);
}

/* --- Cond's notify list (runtime/sema.go notifyList*) --------------------
 * Tickets as in Go: Wait takes one (notifyListAdd) before it unlocks L,
 * and parks only if its ticket has not been notified meanwhile.  Waiters
 * are queued on the list's address in arrival order, which may differ
 * from ticket order (Unlock can let others run first), so NotifyOne
 * searches for the ticket, as Go's does. */

enum { NL_WAIT, NL_NOTIFY };

/* Go's less(a, b) on wrapping uint32 tickets. */
static bool ticket_less(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }

static NatStatus nat_notify_add(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  AggObj *l = receiver(vm, g, args);
  if (!l) return NAT_RAISED;
  uint32_t t = get_u32(&l->v[NL_WAIT]);
  set_u32(&l->v[NL_WAIT], t + 1);
  res[0] = (Value){.as.u = t};
  return NAT_OK;
}

static NatStatus nat_notify_wait(struct VM *vm, Goroutine *g, Value *args,
                                 Value *res)
{
  (void)res;
  if (g->park.woken) {
    g->park.woken = false;
    return NAT_OK;
  }
  AggObj *l = receiver(vm, g, args);
  if (!l) return NAT_RAISED;
  uint32_t t = (uint32_t)args[1].as.u;
  if (ticket_less(t, get_u32(&l->v[NL_NOTIFY]))) return NAT_OK;
  Sched *s = vm_sched(vm);
  g->park.ticket = t;
  g->park.obj = l;
  sched_sema_enqueue(s, l, g, false);
  sched_park(s, g, "sync.Cond.Wait");
  return NAT_BLOCK;
}

/* Wakes the waiter holding ticket t, if it has parked yet (if not, it
 * will see the new notify count and not park).  The others keep their
 * places in the queue. */
static void notify_ticket(Sched *s, AggObj *l, uint32_t t)
{
  int n = sched_sema_waiters(s, l);
  Goroutine *found = NULL;
  for (int i = 0; i < n; i++) {
    Goroutine *w = sched_sema_dequeue(s, l);
    if (!found && (uint32_t)w->park.ticket == t)
      found = w;
    else
      sched_sema_enqueue(s, l, w, false);
  }
  if (found) sched_ready(s, found);
}

static NatStatus nat_notify_one(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  (void)res;
  AggObj *l = receiver(vm, g, args);
  if (!l) return NAT_RAISED;
  uint32_t t = get_u32(&l->v[NL_NOTIFY]);
  if (t == get_u32(&l->v[NL_WAIT])) return NAT_OK;
  set_u32(&l->v[NL_NOTIFY], t + 1);
  notify_ticket(vm_sched(vm), l, t);
  return NAT_OK;
}

/* Readies every waiter in queue order; each takes runnext in turn, so
 * the last one runs first, as after Go's loop of readyWithTime. */
static NatStatus nat_notify_all(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  (void)res;
  AggObj *l = receiver(vm, g, args);
  if (!l) return NAT_RAISED;
  if (get_u32(&l->v[NL_WAIT]) == get_u32(&l->v[NL_NOTIFY])) return NAT_OK;
  set_u32(&l->v[NL_NOTIFY], get_u32(&l->v[NL_WAIT]));
  Sched *s = vm_sched(vm);
  for (Goroutine *w; (w = sched_sema_dequeue(s, l));) sched_ready(s, w);
  return NAT_OK;
}

/* --- Pool (sync/pool.go with one P) --------------------------------------
 * The objects live in a PoolStore the Pool's `local` field points to: a
 * private slot and a LIFO stack, as one P's poolLocal.  Natives, because
 * Go pins the goroutine to its P inside Put and Get: no other goroutine
 * may see a half-done Get.  (Nothing is collected during a run, value.h;
 * a future GC must treat the store's values as reachable from the Pool.) */

enum { POOL_LOCAL, POOL_NEW };

typedef struct PoolStore {
  Obj h;
  Value private;   /* interface values: .t is the dynamic type */
  Value *shared;   /* malloc'd stack, top at n - 1 */
  int64_t n, cap;
} PoolStore;

static void pool_finalize(Obj *o) { free(((PoolStore *)o)->shared); }

static PoolStore *pool_store(struct VM *vm, AggObj *p)
{
  Value *local = &p->v[POOL_LOCAL];
  if (!local->as.p) {
    PoolStore *st = (PoolStore *)heap_alloc(vm_heap(vm), OBJ_OTHER,
                                            sizeof(PoolStore));
    st->h.finalize = pool_finalize;
    local->as.p = st;
  }
  return local->as.p;
}

/* Whether Put drops its object: never under STRAT_GO (Go's normal build
 * keeps it until two GCs), a seeded one in four otherwise (Go's race
 * build: `if fastrandn(4) == 0 { return }`). */
static bool pool_drops(Sched *s)
{
  return sched_strategy(s) != STRAT_GO && sched_rand(s) % 4 == 0;
}

static NatStatus nat_pool_put(struct VM *vm, Goroutine *g, Value *args,
                              Value *res)
{
  (void)res;
  AggObj *p = receiver(vm, g, args);
  if (!p) return NAT_RAISED;
  if (pool_drops(vm_sched(vm))) return NAT_OK;
  PoolStore *st = pool_store(vm, p);
  if (!st->private.t) {
    st->private = args[1];
    return NAT_OK;
  }
  if (st->n == st->cap) {
    int64_t ncap = st->cap ? 2 * st->cap : 8;
    st->shared = xrealloc(st->shared, (size_t)ncap * sizeof(Value));
    heap_account(vm_heap(vm), (ncap - st->cap) * (int64_t)sizeof(Value));
    st->cap = ncap;
  }
  st->shared[st->n++] = args[1];
  return NAT_OK;
}

/* The private slot first, then the top of the stack (popHead). */
static NatStatus nat_pool_get(struct VM *vm, Goroutine *g, Value *args,
                              Value *res)
{
  AggObj *p = receiver(vm, g, args);
  if (!p) return NAT_RAISED;
  PoolStore *st = p->v[POOL_LOCAL].as.p;
  res[0] = (Value){0};
  if (!st) return NAT_OK;
  if (st->private.t) {
    res[0] = st->private;
    st->private = (Value){0};
  } else if (st->n > 0) {
    res[0] = st->shared[--st->n];
    st->shared[st->n] = (Value){0};
  }
  return NAT_OK;
}

/* --- sync/atomic ---------------------------------------------------------
 * A native runs without a switch, so each function is atomic by
 * construction.  The address is a pointer: args[0].as.ref is the Value
 * slot of the int32/uint64/... variable.  Sized integers are kept
 * sign/zero-extended (value.h), so Load, Store, Swap and CompareAndSwap
 * are the same code for every size; only Add must wrap. */

/* The slot behind addr, or NULL after Go's nil-dereference panic. */
static Value *atomic_slot(struct VM *vm, Goroutine *g, Value *args)
{
  Value *slot = args[0].as.ref;
  if (!slot)
    vm_runtime_error(vm, g, "invalid memory address or nil pointer "
                            "dereference");
  return slot;
}

static NatStatus nat_atomic_load(struct VM *vm, Goroutine *g, Value *args,
                                 Value *res)
{
  Value *slot = atomic_slot(vm, g, args);
  if (!slot) return NAT_RAISED;
  res[0] = (Value){.as.u = slot->as.u};
  return NAT_OK;
}

static NatStatus nat_atomic_store(struct VM *vm, Goroutine *g, Value *args,
                                  Value *res)
{
  (void)res;
  Value *slot = atomic_slot(vm, g, args);
  if (!slot) return NAT_RAISED;
  slot->as.u = args[1].as.u;
  return NAT_OK;
}

static NatStatus nat_atomic_swap(struct VM *vm, Goroutine *g, Value *args,
                                 Value *res)
{
  Value *slot = atomic_slot(vm, g, args);
  if (!slot) return NAT_RAISED;
  res[0] = (Value){.as.u = slot->as.u};
  slot->as.u = args[1].as.u;
  return NAT_OK;
}

static NatStatus nat_atomic_cas(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  Value *slot = atomic_slot(vm, g, args);
  if (!slot) return NAT_RAISED;
  bool swapped = slot->as.u == args[1].as.u;
  if (swapped) slot->as.u = args[2].as.u;
  res[0] = (Value){.as.i = swapped};
  return NAT_OK;
}

/* Add, wrapped to the variable's size. */
typedef enum AtomicKind { AK_I32, AK_U32, AK_64 } AtomicKind;

static NatStatus atomic_add(struct VM *vm, Goroutine *g, Value *args,
                            Value *res, AtomicKind k)
{
  Value *slot = atomic_slot(vm, g, args);
  if (!slot) return NAT_RAISED;
  uint64_t sum = slot->as.u + args[1].as.u;
  if (k == AK_I32) slot->as.i = (int32_t)(uint32_t)sum;
  else if (k == AK_U32) slot->as.u = (uint32_t)sum;
  else slot->as.u = sum;
  res[0] = (Value){.as.u = slot->as.u};
  return NAT_OK;
}

static NatStatus nat_add_i32(struct VM *vm, Goroutine *g, Value *args,
                             Value *res)
{
  return atomic_add(vm, g, args, res, AK_I32);
}

static NatStatus nat_add_u32(struct VM *vm, Goroutine *g, Value *args,
                             Value *res)
{
  return atomic_add(vm, g, args, res, AK_U32);
}

static NatStatus nat_add_64(struct VM *vm, Goroutine *g, Value *args,
                            Value *res)
{
  return atomic_add(vm, g, args, res, AK_64);
}

/* atomic.Value (sync/atomic/value.go): v is one interface slot; its
 * dynamic type is fixed by the first Store.  Go's messages: */
static const char *const VALUE_NIL[] = {
    "sync/atomic: store of nil value into Value",
    "sync/atomic: swap of nil value into Value",
    "sync/atomic: compare and swap of nil value into Value"};
static const char *const VALUE_TYPE[] = {
    "sync/atomic: store of inconsistently typed value into Value",
    "sync/atomic: swap of inconsistently typed value into Value",
    ("sync/atomic: compare and swap of inconsistently typed value into "
     "Value")};
enum { VOP_STORE, VOP_SWAP, VOP_CAS };

/* The Value's slot after the checks common to Store, Swap and CAS, or
 * NULL after raising. */
static Value *value_slot(struct VM *vm, Goroutine *g, Value *args, Value nv,
                         int op)
{
  AggObj *v = receiver(vm, g, args);
  if (!v) return NULL;
  if (!nv.t) {
    panic_string(vm, g, VALUE_NIL[op]);
    return NULL;
  }
  if (v->v[0].t && v->v[0].t != nv.t) {
    panic_string(vm, g, VALUE_TYPE[op]);
    return NULL;
  }
  return &v->v[0];
}

static NatStatus nat_value_load(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  AggObj *v = receiver(vm, g, args);
  if (!v) return NAT_RAISED;
  res[0] = v->v[0];
  return NAT_OK;
}

static NatStatus nat_value_store(struct VM *vm, Goroutine *g, Value *args,
                                 Value *res)
{
  (void)res;
  Value *slot = value_slot(vm, g, args, args[1], VOP_STORE);
  if (!slot) return NAT_RAISED;
  *slot = args[1];
  return NAT_OK;
}

static NatStatus nat_value_swap(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  Value *slot = value_slot(vm, g, args, args[1], VOP_SWAP);
  if (!slot) return NAT_RAISED;
  res[0] = *slot;
  *slot = args[1];
  return NAT_OK;
}

static NatStatus uncomparable(struct VM *vm, Goroutine *g, Type *t)
{
  Buf name;
  buf_init(&name);
  type_write(t, NULL, &name);
  NatStatus st = vm_runtime_error(vm, g, "comparing uncomparable type %s",
                                  buf_cstr(&name));
  buf_fini(&name);
  return st;
}

/* CompareAndSwap(old, new): the current value is compared with Go's
 * interface ==, which panics on an uncomparable dynamic type. */
static NatStatus nat_value_cas(struct VM *vm, Goroutine *g, Value *args,
                               Value *res)
{
  Value old = args[1], nv = args[2];
  if (nv.t && old.t && old.t != nv.t)
    return panic_string(vm, g, "sync/atomic: compare and swap of "
                               "inconsistently typed values");
  Value *slot = value_slot(vm, g, args, nv, VOP_CAS);
  if (!slot) return NAT_RAISED;
  res[0] = (Value){.as.i = 0};
  if (!slot->t) {
    if (old.t) return NAT_OK;
  } else {
    Type *bad = NULL;
    Type *any = types_any(vm_program(vm)->universe);
    bool eq = val_equal(any, *slot, old, &bad);
    if (bad) return uncomparable(vm, g, bad);
    if (!eq) return NAT_OK;
  }
  *slot = nv;
  res[0].as.i = 1;
  return NAT_OK;
}

/* --- time and runtime ---------------------------------------------------- */

/* Go's Sleep returns at once for d <= 0, without yielding. */
static NatStatus nat_time_sleep(struct VM *vm, Goroutine *g, Value *args,
                                Value *res)
{
  (void)res;
  if (g->park.woken) {
    g->park.woken = false;
    return NAT_OK;
  }
  if (args[0].as.i <= 0) return NAT_OK;
  sched_sleep(vm_sched(vm), g, args[0].as.i);
  return NAT_BLOCK;
}

static NatStatus nat_gosched(struct VM *vm, Goroutine *g, Value *args,
                             Value *res)
{
  (void)vm, (void)g, (void)args, (void)res;
  return NAT_YIELD;
}

static NatStatus nat_num_goroutine(struct VM *vm, Goroutine *g, Value *args,
                                   Value *res)
{
  (void)g, (void)args;
  res[0] = (Value){.as.i = sched_live_count(vm_sched(vm))};
  return NAT_OK;
}

/* Nothing is collected during a run (value.h), so GC has nothing to do. */
static NatStatus nat_gc(struct VM *vm, Goroutine *g, Value *args, Value *res)
{
  (void)vm, (void)g, (void)args, (void)res;
  return NAT_OK;
}

/* runtime.Goexit needs the VM's unwinding: vm.c provides it. */
const NativeEntry natives_sched[] = {
    {"sync.(*Mutex).Lock", nat_mutex_lock},
    {"sync.(*Mutex).Unlock", nat_mutex_unlock},
    {"sync.(*Mutex).TryLock", nat_mutex_trylock},
    {"sync.(*RWMutex).Lock", nat_rw_lock},
    {"sync.(*RWMutex).Unlock", nat_rw_unlock},
    {"sync.(*RWMutex).RLock", nat_rw_rlock},
    {"sync.(*RWMutex).RUnlock", nat_rw_runlock},
    {"sync.(*RWMutex).TryLock", nat_rw_trylock},
    {"sync.(*RWMutex).TryRLock", nat_rw_tryrlock},
    {"sync.(*WaitGroup).Add", nat_wg_add},
    {"sync.(*WaitGroup).Wait", nat_wg_wait},
    {"sync.runtime_notifyListAdd", nat_notify_add},
    {"sync.runtime_notifyListWait", nat_notify_wait},
    {"sync.runtime_notifyListNotifyOne", nat_notify_one},
    {"sync.runtime_notifyListNotifyAll", nat_notify_all},
    {"sync.(*Pool).put", nat_pool_put},
    {"sync.(*Pool).get", nat_pool_get},
#define ATOMIC_INT(T, add)                                                    \
  {"sync/atomic.Add" T, add}, {"sync/atomic.Load" T, nat_atomic_load},        \
      {"sync/atomic.Store" T, nat_atomic_store},                              \
      {"sync/atomic.Swap" T, nat_atomic_swap},                                \
      {"sync/atomic.CompareAndSwap" T, nat_atomic_cas},
    ATOMIC_INT("Int32", nat_add_i32)
    ATOMIC_INT("Uint32", nat_add_u32)
    ATOMIC_INT("Int64", nat_add_64)
    ATOMIC_INT("Uint64", nat_add_64)
    ATOMIC_INT("Uintptr", nat_add_64)
#undef ATOMIC_INT
    {"sync/atomic.(*Value).Load", nat_value_load},
    {"sync/atomic.(*Value).Store", nat_value_store},
    {"sync/atomic.(*Value).Swap", nat_value_swap},
    {"sync/atomic.(*Value).CompareAndSwap", nat_value_cas},
    {"time.Sleep", nat_time_sleep},
    {"time.now", timer_nat_now},
    {"time.runtimeNano", timer_nat_runtime_nano},
    {"time.startTimer", timer_nat_start},
    {"time.stopTimer", timer_nat_stop},
    {"time.modTimer", timer_nat_mod},
    {"context.typeName", timer_nat_type_name},
    {"sync.onceEvent", trace_nat_once},
    {"context.cancelEvent", trace_nat_cancel},
    {"runtime.Gosched", nat_gosched},
    {"runtime.NumGoroutine", nat_num_goroutine},
    {"runtime.GC", nat_gc},
    {NULL, NULL},
};
