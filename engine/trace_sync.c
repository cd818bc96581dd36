/* trace_sync.c - sync's events for the trace (trace.h): the VM calls
 * trace_call_enter/leave around every native while a trace is attached,
 * and this file turns the sync natives among them into wg_*, mutex_* and
 * rw_* events with the primitive's state.
 *
 * Big decision: watch the natives from outside rather than put trace
 * calls inside sync.c's algorithms.  sync.c replays Go's own code with its
 * many early returns; one place before and one after each call sees every
 * state change without touching it.  The price is that the field layouts
 * below mirror engine/prelude/sync.go (and sync.c's MU_/RW_/WG_ enums):
 * a change there must be made here too (test_trace's reducer test fails
 * if it is not).
 *
 * Once.Do and a context's cancel are Go code in the prelude with no
 * native of their own to watch, so they call body-less hooks
 * (sync.onceEvent, context.cancelEvent) that are implemented at the end of
 * this file; they only report, and do nothing without a trace. */
#include "engine/trace.h"

#include <string.h>

#include "base/buf.h"
#include "engine/sched.h"
#include "engine/types.h"

/* engine/prelude/sync.go's structs, field by field. */
enum { MU_STATE, MU_SEMA };
enum { RW_W, RW_WRITER_SEM, RW_READER_SEM, RW_READER_COUNT, RW_READER_WAIT };
enum { WG_COUNTER, WG_WAITERS, WG_SEMA };
/* engine/prelude/context.go's: cancelCtx, the timerCtx that embeds it
 * first, and valueCtx's parent. */
enum { CTX_PARENT, CTX_MU, CTX_DONE, CTX_CHILDREN, CTX_ERR };
enum { TIMERCTX_CANCELCTX };
enum { VALUECTX_PARENT };
enum { MUTEX_LOCKED = 1 };

enum {
  SC_NONE,
  SC_MU_LOCK,
  SC_MU_UNLOCK,
  SC_MU_TRY,
  SC_RW_LOCK,
  SC_RW_UNLOCK,
  SC_RW_RLOCK,
  SC_RW_RUNLOCK,
  SC_RW_TRY,
  SC_RW_TRYR,
  SC_WG_ADD,
  SC_WG_WAIT
};

static const struct {
  const char *name;
  int op;
} calls[] = {
    {"sync.(*Mutex).Lock", SC_MU_LOCK},
    {"sync.(*Mutex).Unlock", SC_MU_UNLOCK},
    {"sync.(*Mutex).TryLock", SC_MU_TRY},
    {"sync.(*RWMutex).Lock", SC_RW_LOCK},
    {"sync.(*RWMutex).Unlock", SC_RW_UNLOCK},
    {"sync.(*RWMutex).RLock", SC_RW_RLOCK},
    {"sync.(*RWMutex).RUnlock", SC_RW_RUNLOCK},
    {"sync.(*RWMutex).TryLock", SC_RW_TRY},
    {"sync.(*RWMutex).TryRLock", SC_RW_TRYR},
    {"sync.(*WaitGroup).Add", SC_WG_ADD},
    {"sync.(*WaitGroup).Wait", SC_WG_WAIT},
};

static int call_op(const char *fname)
{
  if (strncmp(fname, "sync.(*", 7) != 0) return SC_NONE;
  for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
    if (strcmp(fname, calls[i].name) == 0) return calls[i].op;
  return SC_NONE;
}

static AggObj *inner_mutex(AggObj *rw) { return rw->v[RW_W].as.p; }

/* Names each sema field after its primitive (go_block's "obj"). */
static void alias_semas(Trace *t, int op, AggObj *o)
{
  if (op >= SC_WG_ADD) {
    trace_alias(t, &o->v[WG_SEMA], o, "waitgroup");
  } else if (op >= SC_RW_LOCK) {
    trace_alias(t, &o->v[RW_WRITER_SEM], o, "rwmutex");
    trace_alias(t, &o->v[RW_READER_SEM], o, "rwmutex");
    if (inner_mutex(o))
      trace_alias(t, &inner_mutex(o)->v[MU_SEMA], o, "rwmutex");
  } else {
    trace_alias(t, &o->v[MU_SEMA], o, "mutex");
  }
}

void trace_call_enter(Trace *t, Goroutine *g, const char *fname,
                      const Value *args, TraceCall *tc)
{
  memset(tc, 0, sizeof *tc);
  int op = call_op(fname);
  /* A woken WaitGroup.Add is the second half of one Add (sync.c parks it
   * between zeroing the counter and resetting the word, under the random
   * strategies): its delta was already reported. */
  if (op == SC_WG_ADD && g && g->park.woken) return;
  Value *slot = op ? args[0].as.ref : NULL;
  AggObj *o = slot ? slot->as.p : NULL;
  if (!o) return; /* the native raises the nil dereference itself */
  tc->op = op;
  tc->obj = o;
  if (op == SC_WG_ADD) tc->delta = args[1].as.i;
  if (op == SC_MU_TRY) tc->before = o->v[MU_STATE].as.i;
  alias_semas(t, op, o);
}

static void mutex_event(Trace *t, Goroutine *g, const TraceCall *tc,
                        NatStatus st)
{
  AggObj *m = tc->obj;
  Sched *s = vm_sched(trace_vm(t));
  int32_t state = (int32_t)m->v[MU_STATE].as.i;
  TraceLock ls = {.locked = (state & MUTEX_LOCKED) != 0,
                  .waiting_writers = sched_sema_waiters(s, &m->v[MU_SEMA])};
  if (tc->op == SC_MU_UNLOCK) {
    trace_lock_call(t, TEV_MUTEX_UNLOCK, g, m, &ls, -1);
    return;
  }
  int acquired = st == NAT_OK || st == NAT_YIELD;
  if (tc->op == SC_MU_TRY)
    acquired = !(tc->before & MUTEX_LOCKED) && ls.locked;
  trace_lock_call(t, TEV_MUTEX_LOCK, g, m, &ls, acquired);
}

static TraceLock rw_state(Trace *t, AggObj *rw)
{
  Sched *s = vm_sched(trace_vm(t));
  int32_t r = (int32_t)rw->v[RW_READER_COUNT].as.i;
  int32_t wait = (int32_t)rw->v[RW_READER_WAIT].as.i;
  AggObj *w = inner_mutex(rw);
  TraceLock ls = {
      .locked = r < 0 && wait == 0,
      .readers = r >= 0 ? r : wait,
      .writer_waiting = r < 0 && wait > 0,
      .waiting_readers = sched_sema_waiters(s, &rw->v[RW_READER_SEM]),
      .waiting_writers = sched_sema_waiters(s, &rw->v[RW_WRITER_SEM]) +
                         (w ? sched_sema_waiters(s, &w->v[MU_SEMA]) : 0)};
  return ls;
}

static void rw_event(Trace *t, Goroutine *g, const TraceCall *tc,
                     NatStatus st, AggObj *rw)
{
  static const TraceEv evs[] = {
      [SC_RW_LOCK] = TEV_RW_LOCK,     [SC_RW_UNLOCK] = TEV_RW_UNLOCK,
      [SC_RW_RLOCK] = TEV_RW_RLOCK,   [SC_RW_RUNLOCK] = TEV_RW_RUNLOCK,
      [SC_RW_TRY] = TEV_RW_LOCK,      [SC_RW_TRYR] = TEV_RW_RLOCK};
  TraceLock ls = rw_state(t, rw);
  int acquired = st == NAT_OK || st == NAT_YIELD;
  if (tc->op == SC_RW_UNLOCK || tc->op == SC_RW_RUNLOCK) acquired = -1;
  /* A try reports through its result; the state says whether it won. */
  if (tc->op == SC_RW_TRY) acquired = ls.locked;
  if (tc->op == SC_RW_TRYR) acquired = -1;
  trace_lock_call(t, evs[tc->op], g, rw, &ls, acquired);
}

static void wg_event(Trace *t, Goroutine *g, const TraceCall *tc,
                     NatStatus st)
{
  AggObj *wg = tc->obj;
  int64_t counter = (int32_t)wg->v[WG_COUNTER].as.i;
  int64_t waiters = (uint32_t)wg->v[WG_WAITERS].as.u;
  if (tc->op == SC_WG_WAIT) {
    (void)st;
    trace_wg(t, TEV_WG_WAIT, g, wg, 0, counter, waiters);
    return;
  }
  /* Done is Add(-1) in the prelude, as in Go. */
  trace_wg(t, tc->delta == -1 ? TEV_WG_DONE : TEV_WG_ADD, g, wg, tc->delta,
           counter, waiters);
}

void trace_call_leave(Trace *t, Goroutine *g, const TraceCall *tc,
                      NatStatus st)
{
  if (!tc->op) return;
  if (tc->op >= SC_WG_ADD)
    wg_event(t, g, tc, st);
  else if (tc->op >= SC_RW_LOCK)
    rw_event(t, g, tc, st, tc->obj);
  else
    mutex_event(t, g, tc, st);
}

/* --- the prelude's hooks ----------------------------------------------------- */

/* sync.onceEvent(o *Once, running bool): done is !running in each of its
 * three calls (sync.go), and setDone makes the call before it sets done,
 * so the field is not read. */
NatStatus trace_nat_once(struct VM *vm, Goroutine *g, Value *args,
                         Value *res)
{
  (void)res;
  Trace *t = vm_trace(vm);
  AggObj *o = args[0].as.ref ? args[0].as.ref->as.p : NULL;
  bool running = args[1].as.i != 0;
  if (t && o) trace_once(t, g, o, !running, running);
  return NAT_OK;
}

/* Whether dynamic type ty is "*context.<name>". */
static bool is_ctx_ptr(Type *ty, const char *name)
{
  Buf b = BUF_INIT;
  type_write(ty, NULL, &b);
  bool yes = strncmp(buf_cstr(&b), "*context.", 9) == 0 &&
             strcmp(buf_cstr(&b) + 9, name) == 0;
  buf_fini(&b);
  return yes;
}

/* The object that stands for parent context p in the trace: the
 * cancelCtx of a cancelCtx or timerCtx (the one whose ctx_cancel events
 * name it), the nearest such one above a valueCtx, NULL for Background
 * and TODO, the value itself for a Context of the program's own (as an
 * object id only: it is never dereferenced).  Only WithValue links are
 * followed; past 64 of them in a row the parent shows as 0. */
static void *ctx_parent(Value p)
{
  for (int depth = 0; depth < 64 && p.t && p.as.ref; depth++) {
    if (is_ctx_ptr(p.t, "emptyCtx")) return NULL;
    if (is_ctx_ptr(p.t, "cancelCtx")) return p.as.ref->as.p;
    if (is_ctx_ptr(p.t, "timerCtx")) {
      AggObj *o = p.as.ref->as.p;
      return o->v[TIMERCTX_CANCELCTX].as.p;
    }
    if (!is_ctx_ptr(p.t, "valueCtx")) return p.as.p;
    p = ((AggObj *)p.as.ref->as.p)->v[VALUECTX_PARENT];
  }
  return NULL;
}

/* The text of a cancel error: context's own two, else its type. */
static void cancel_err(Value e, Buf *out)
{
  Buf ty = BUF_INIT;
  if (e.t) type_write(e.t, NULL, &ty);
  const char *name = buf_cstr(&ty);
  if (strcmp(name, "context.deadlineExceededError") == 0) {
    buf_puts(out, "context deadline exceeded");
  } else if (strcmp(name, "*errors.errorString") == 0 && e.as.ref &&
             e.as.ref->as.p) {
    Value s = ((AggObj *)e.as.ref->as.p)->v[0];
    buf_append(out, val_str_data(s), (size_t)val_str_len(s));
  } else {
    buf_puts(out, name);
  }
  buf_fini(&ty);
}

/* context.cancelEvent(c *cancelCtx, err error) */
NatStatus trace_nat_cancel(struct VM *vm, Goroutine *g, Value *args,
                           Value *res)
{
  (void)res;
  Trace *t = vm_trace(vm);
  AggObj *c = args[0].as.ref ? args[0].as.ref->as.p : NULL;
  if (!t || !c) return NAT_OK;
  Buf err = BUF_INIT;
  cancel_err(args[1], &err);
  trace_ctx_cancel(t, g, c, ctx_parent(c->v[CTX_PARENT]), buf_cstr(&err));
  buf_fini(&err);
  return NAT_OK;
}
