/* chan.c - channels and select (chan.h), after the Go runtime's chan.go
 * and select.go.
 *
 * Big decision: a blocked goroutine is represented on each channel it
 * waits on by a Sudog (Go's name).  A plain send or receive uses the one
 * embedded in its goroutine (gor.h), so blocking allocates nothing; a
 * select parks one malloc'd Sudog per case, linked in a ring (group),
 * and whoever completes one case unlinks the whole ring at once, freeing
 * the malloc'd ones.  So the single-threaded engine never sees a stale waiter
 * (Go needs selectDone for that), and a channel's finalizer frees exactly
 * the Sudogs in its own queues when the VM's heap goes away.
 *
 * The waker does the work: it copies the value, sets the waiter's
 * park.val / park.ok / park.index and readies it; the woken goroutine's
 * re-executed operation (native.h's protocol) only reads g->park.  park.ok
 * means "received a real value" for a receive and "delivered" for a send;
 * a send woken with ok == false was woken by close and panics.
 *
 * Trace events (trace.h) are emitted where the channel's state changes,
 * by the goroutine that changes it: a receive that takes a blocked
 * sender's value is one chan_recv (from: the sender) followed by the
 * sender's go_unblock; the sender's re-executed send reports nothing.
 * Every choice (select's poll order) goes through sched_choose. */
#include "engine/chan.h"

#include <assert.h>
#include <stddef.h>
#include <stdlib.h>

#include "base/mem.h"
#include "engine/race.h"
#include "engine/sched.h"
#include "engine/trace.h"
#include "engine/types.h"
#include "engine/vm.h"

/* A select's Sudog (gor.h's Sudog is a plain operation's, embedded in
 * its goroutine): one per case, linked in a ring, with what the embedded
 * one finds in its goroutine. */
typedef struct SelSudog {
  Sudog s;
  Goroutine *g;
  ChanObj *c;
  Sudog *group;       /* ring of the same select's Sudogs */
  Value val;          /* the value a send case offers */
} SelSudog;

/* The goroutine around an embedded Sudog. */
static Goroutine *sd_g(const Sudog *sd)
{
  if (!sd->embedded) return ((const SelSudog *)sd)->g;
  return (Goroutine *)((const char *)sd - offsetof(Goroutine, sudog));
}

static ChanObj *sd_chan(const Sudog *sd)
{
  return sd->embedded ? sd_g(sd)->park.obj : ((const SelSudog *)sd)->c;
}

typedef struct WaitQ {
  Sudog *first, *last;
} WaitQ;

struct ChanObj {
  Obj h;
  Type *type;
  Type *elem;
  int64_t cap;
  int64_t len;  /* values in buf */
  int64_t head; /* index of the oldest value (Go's recvx) */
  Value *buf;   /* malloc'd ring of cap values; NULL when cap == 0 */
  bool closed;
  bool traced; /* a trace was attached when it was made: the trace is
                * attached before any channel exists, so this is exact
                * and saves two calls per operation when tracing is off */
  WaitQ sendq, recvq;
};

/* --- wait queues --------------------------------------------------------- */

static void waitq_push(WaitQ *q, Sudog *sd)
{
  sd->next = NULL;
  sd->prev = q->last;
  if (q->last)
    q->last->next = sd;
  else
    q->first = sd;
  q->last = sd;
}

static void waitq_unlink(WaitQ *q, Sudog *sd)
{
  if (sd->prev)
    sd->prev->next = sd->next;
  else
    q->first = sd->next;
  if (sd->next)
    sd->next->prev = sd->prev;
  else
    q->last = sd->prev;
}

static WaitQ *queue_of(Sudog *sd)
{
  ChanObj *c = sd_chan(sd);
  return sd->in_sendq ? &c->sendq : &c->recvq;
}

/* The next Sudog of sd's operation (itself for a plain one). */
static Sudog *group_next(Sudog *sd)
{
  return sd->embedded ? sd : ((SelSudog *)sd)->group;
}

/* The value a waiting sender offers. */
static Value offered(const Sudog *sd)
{
  return sd->embedded ? sd_g(sd)->park.val : ((const SelSudog *)sd)->val;
}

/* Completes sd's operation for its goroutine: every Sudog of the group
 * leaves its queue, and a select's are freed.  Returns the goroutine to
 * ready. */
static Goroutine *claim(Sudog *sd, Value val, bool ok)
{
  Goroutine *g = sd_g(sd);
  g->park.index = sd->index;
  g->park.val = val;
  g->park.ok = ok;
  Sudog *s = sd;
  do {
    Sudog *nx = group_next(s);
    waitq_unlink(queue_of(s), s);
    if (!s->embedded) free(s);
    s = nx;
  } while (s != sd);
  return g;
}

static void sudog_init(Sudog *sd, WaitQ *q, bool send, int index)
{
  sd->in_sendq = send;
  sd->index = index;
  waitq_push(q, sd);
}

/* A plain send or receive waits in its goroutine's own Sudog; its
 * channel is g->park.obj, and a sender's value waits in g->park.val,
 * where claim() leaves it anyway. */
static void wait_plain(Goroutine *g, ChanObj *c, bool send, Value val)
{
  g->sudog.embedded = true;
  g->park.obj = c;
  g->park.val = val;
  sudog_init(&g->sudog, send ? &c->sendq : &c->recvq, send, 0);
}

static SelSudog *sudog_new(Goroutine *g, ChanObj *c, bool send, int index,
                           Value val)
{
  SelSudog *sd = xcalloc(1, sizeof *sd);
  sd->g = g;
  sd->c = c;
  sd->val = val;
  sd->group = &sd->s;
  sudog_init(&sd->s, send ? &c->sendq : &c->recvq, send, index);
  return sd;
}

/* --- objects ------------------------------------------------------------- */

static void free_queue(WaitQ *q)
{
  for (Sudog *sd = q->first, *nx; sd; sd = nx) {
    nx = sd->next;
    if (!sd->embedded) free(sd);
  }
  q->first = q->last = NULL;
}

/* Goroutines still parked when the VM ends leave their Sudogs behind;
 * each is in exactly one queue, so each is freed exactly once (the VM
 * frees its heap before its goroutines, which hold the embedded ones). */
static void chan_finalize(Obj *o)
{
  ChanObj *c = (ChanObj *)o;
  free(c->buf);
  free_queue(&c->sendq);
  free_queue(&c->recvq);
}

ChanObj *chan_new(struct VM *vm, struct Type *chan_type, int64_t cap)
{
  assert(cap >= 0);
  ChanObj *c = (ChanObj *)heap_alloc(vm_heap(vm), OBJ_CHAN, sizeof *c);
  if (!c) return NULL;
  c->h.finalize = chan_finalize;
  c->type = chan_type;
  c->elem = type_under(chan_type)->elem;
  c->cap = cap;
  if (cap > 0) c->buf = xcalloc((size_t)cap, sizeof *c->buf);
  Sched *s = vm_sched(vm);
  c->traced = sched_trace(s) != NULL;
  if (c->traced)
    trace_chan(sched_trace(s), TEV_CHAN_MAKE, sched_current(s), c, NULL);
  return c;
}

int64_t chan_len(const ChanObj *c) { return c ? c->len : 0; }
int64_t chan_cap(const ChanObj *c) { return c ? c->cap : 0; }
bool chan_closed(const ChanObj *c) { return c && c->closed; }
struct Type *chan_elem_type(const ChanObj *c) { return c->elem; }

Value chan_buf_at(const ChanObj *c, int64_t i)
{
  assert(i >= 0 && i < c->len);
  return c->buf[(c->head + i) % c->cap];
}

int64_t chan_waiters(const ChanObj *c, bool senders, int64_t *ids,
                     int64_t max)
{
  int64_t n = 0;
  for (Sudog *sd = senders ? c->sendq.first : c->recvq.first; sd;
       sd = sd->next, n++)
    if (n < max) ids[n] = sd_g(sd)->id;
  return n;
}

/* The goroutine running now, for events raised by C code that has none
 * at hand (NULL when a timer sends). */
static void event(struct VM *vm, TraceEv ev, ChanObj *c, Goroutine *peer)
{
  Sched *s = vm_sched(vm);
  trace_chan(sched_trace(s), ev, sched_current(s), c, peer);
}

static Value *slot(ChanObj *c, int64_t i) { return &c->buf[i % c->cap]; }

/* --- the ready paths, shared by plain operations and select -------------
 * Each returns true when the operation completed without blocking. */

/* chansend's non-blocking part; the caller has checked closed. */
static bool try_send(struct VM *vm, ChanObj *c, Value v)
{
  Sudog *sd = c->recvq.first;
  bool traced = c->traced;
  if (sd) {
    race_chan_sync(vm, sd_g(sd), c); /* race: send -> its receive */
    Goroutine *r = claim(sd, v, true);
    if (traced) event(vm, TEV_CHAN_SEND, c, r);
    sched_ready(vm_sched(vm), r);
    return true;
  }
  if (c->len < c->cap) {
    race_chan_slot(vm, slot(c, c->head + c->len)); /* race: slot edge */
    *slot(c, c->head + c->len) = v;
    c->len++;
    if (traced) event(vm, TEV_CHAN_SEND, c, NULL);
    return true;
  }
  return false;
}

/* chanrecv's non-blocking part.  A full buffer with a waiting sender
 * yields its oldest value and takes the sender's into the freed slot, so
 * values keep FIFO order (Go's recv()). */
static bool try_recv(struct VM *vm, ChanObj *c, Value *out, bool *ok)
{
  Sudog *sd = c->sendq.first;
  bool traced = c->traced;
  if (sd) {
    /* race: the hand-off, through the freed slot when buffered */
    race_chan_sync(vm, sd_g(sd), c->cap ? (void *)slot(c, c->head) : c);
    Value sent = offered(sd);
    if (c->cap == 0) {
      *out = sent;
    } else {
      *out = *slot(c, c->head);
      *slot(c, c->head) = sent;
      c->head = (c->head + 1) % c->cap;
    }
    *ok = true;
    Goroutine *w = claim(sd, sent, true);
    if (traced) event(vm, TEV_CHAN_RECV, c, w);
    sched_ready(vm_sched(vm), w);
    return true;
  }
  if (c->len > 0) {
    race_chan_slot(vm, slot(c, c->head)); /* race: slot edge */
    *out = *slot(c, c->head);
    *slot(c, c->head) = (Value){0};
    c->head = (c->head + 1) % c->cap;
    c->len--;
    *ok = true;
    if (traced) event(vm, TEV_CHAN_RECV, c, NULL);
    return true;
  }
  if (c->closed) {
    race_acquire_g(vm, NULL, c); /* race: close -> this receive */
    *out = val_zero(vm, c->elem);
    *ok = false;
    if (traced) event(vm, TEV_CHAN_RECV, c, NULL);
    return true;
  }
  return false;
}

/* --- send, receive, close ------------------------------------------------ */

NatStatus chan_send(struct VM *vm, Goroutine *g, ChanObj *c, Value v)
{
  if (g->park.woken) {
    g->park.woken = false;
    if (!g->park.ok) return vm_panic_plain(vm, g, "send on closed channel");
    return NAT_OK;
  }
  if (!c) {
    g->park.obj = NULL;
    sched_park(vm_sched(vm), g, "chan send (nil chan)");
    return NAT_BLOCK;
  }
  if (c->closed) return vm_panic_plain(vm, g, "send on closed channel");
  if (try_send(vm, c, v)) return NAT_OK;
  wait_plain(g, c, true, v);
  g->park.obj = c;
  sched_park(vm_sched(vm), g, "chan send");
  return NAT_BLOCK;
}

/* Go's sendTime never sends on a closed channel (a timer's channel is
 * receive-only for the program, so nobody can close it); refusing here
 * keeps that invariant without a panic that has no goroutine to raise in. */
bool chan_try_send_from_timer(struct VM *vm, ChanObj *c, Value v)
{
  if (!c || c->closed) return false;
  return try_send(vm, c, v);
}

NatStatus chan_recv(struct VM *vm, Goroutine *g, ChanObj *c, Value *out,
                    bool *ok)
{
  if (g->park.woken) {
    g->park.woken = false;
    *out = g->park.val;
    *ok = g->park.ok;
    g->park.val = (Value){0};
    return NAT_OK;
  }
  if (!c) {
    g->park.obj = NULL;
    sched_park(vm_sched(vm), g, "chan receive (nil chan)");
    return NAT_BLOCK;
  }
  if (try_recv(vm, c, out, ok)) return NAT_OK;
  wait_plain(g, c, false, (Value){0});
  g->park.obj = c;
  sched_park(vm_sched(vm), g, "chan receive");
  return NAT_BLOCK;
}

/* Whether every receiver woken by close may get the same zero value: it
 * holds no storage anybody could write (not an aggregate, or one of no
 * fields, like chan struct{}'s), so 100,000 waiters cost no 100,000
 * objects. */
static bool zero_shareable(Type *t)
{
  Type *u = type_under(t);
  if (u->kind == TY_STRUCT) return u->nfields == 0;
  if (u->kind == TY_ARRAY) return u->len == 0;
  return true;
}

/* Go's closechan gathers the waiters on a list (receivers, then senders)
 * and readies them popping from its head, i.e. last to first; each ready
 * takes runnext, so the first waiter runs first and the others follow
 * last to first (receivers 3,0,1,2 run 3,2,1,0 on real Go with one P). */
NatStatus chan_close(struct VM *vm, Goroutine *g, ChanObj *c)
{
  if (!c) return vm_panic_plain(vm, g, "close of nil channel");
  if (c->closed) return vm_panic_plain(vm, g, "close of closed channel");
  c->closed = true;
  race_release_g(vm, g, c); /* race: close -> receives that see it */
  Goroutine **woken = NULL;
  bool traced = c->traced;
  size_t n = 0, cap = 0;
  bool share = zero_shareable(c->elem);
  Value zero0 = share ? val_zero(vm, c->elem) : (Value){0};
  for (int pass = 0; pass < 2; pass++) {
    WaitQ *q = pass == 0 ? &c->recvq : &c->sendq;
    while (q->first) {
      if (n == cap) {
        cap = cap ? 2 * cap : 8;
        woken = xrealloc(woken, cap * sizeof *woken);
      }
      Value zero = pass == 1 ? (Value){0}
                   : share   ? zero0
                             : val_zero(vm, c->elem);
      woken[n++] = claim(q->first, zero, false);
      race_acquire_g(vm, woken[n - 1], c); /* race: close edge */
    }
  }
  if (traced) event(vm, TEV_CHAN_CLOSE, c, NULL);
  while (n > 0) sched_ready(vm_sched(vm), woken[--n]);
  free(woken);
  return NAT_OK;
}

/* --- select -------------------------------------------------------------- */

/* Go's pollorder: an inside-out shuffle of the non-nil cases. */
static int poll_order(Sched *s, const SelectCase *cases, int n, int *order)
{
  int norder = 0;
  for (int i = 0; i < n; i++) {
    if (!cases[i].c) continue;
    int j = sched_choose(s, norder + 1, CHOICE_SELECT);
    order[norder] = order[j];
    order[j] = i;
    norder++;
  }
  return norder;
}

/* Pass 1 of selectgo: the first ready case in poll order fires.  Returns
 * the case, -1 if none is ready, -2 if a panic was raised (a send case on
 * a closed channel panics even with default: ground-truth claim 1). */
static int select_poll(struct VM *vm, Goroutine *g, SelectCase *cases,
                       const int *order, int norder, Value *recv, bool *ok)
{
  for (int k = 0; k < norder; k++) {
    SelectCase *cs = &cases[order[k]];
    if (cs->send) {
      if (cs->c->closed) {
        vm_panic_plain(vm, g, "send on closed channel");
        return -2;
      }
      if (try_send(vm, cs->c, cs->val)) return order[k];
    } else if (try_recv(vm, cs->c, recv, ok)) {
      return order[k];
    }
  }
  return -1;
}

/* Pass 2: one Sudog per non-nil case, linked into a ring. */
static void select_enqueue(Goroutine *g, SelectCase *cases, int n)
{
  SelSudog *first = NULL, *last = NULL;
  for (int i = 0; i < n; i++) {
    if (!cases[i].c) continue;
    SelSudog *sd = sudog_new(g, cases[i].c, cases[i].send, i, cases[i].val);
    if (last) last->group = &sd->s;
    if (!first) first = sd;
    last = sd;
  }
  if (last) last->group = &first->s;
  g->park.obj = first ? first->c : NULL;
}

static NatStatus select_woken(struct VM *vm, Goroutine *g, SelectCase *cases,
                              int *chosen, Value *recv, bool *ok)
{
  g->park.woken = false;
  *chosen = g->park.index;
  if (cases[*chosen].send) {
    if (!g->park.ok) return vm_panic_plain(vm, g, "send on closed channel");
    return NAT_OK;
  }
  *recv = g->park.val;
  *ok = g->park.ok;
  g->park.val = (Value){0};
  return NAT_OK;
}

NatStatus chan_select(struct VM *vm, Goroutine *g, SelectCase *cases, int n,
                      bool has_default, int *chosen, Value *recv, bool *ok)
{
  if (n == 1 && !has_default) {
    /* Go compiles a one-case select to the plain operation, so it blocks
     * as "chan receive", not "select". */
    *chosen = 0;
    if (cases[0].send) return chan_send(vm, g, cases[0].c, cases[0].val);
    return chan_recv(vm, g, cases[0].c, recv, ok);
  }
  if (g->park.woken) return select_woken(vm, g, cases, chosen, recv, ok);
  Sched *s = vm_sched(vm);
  if (n == 0 && !has_default) {
    g->park.obj = NULL;
    sched_park(s, g, "select (no cases)");
    return NAT_BLOCK;
  }
  int *order = xmalloc((size_t)(n > 0 ? n : 1) * sizeof *order);
  int norder = poll_order(s, cases, n, order);
  int fired = select_poll(vm, g, cases, order, norder, recv, ok);
  free(order);
  if (fired == -2) return NAT_RAISED;
  if (fired >= 0 || has_default) {
    *chosen = fired;
    if (sched_trace(s))
      trace_select(sched_trace(s), g, cases, n, has_default, fired);
    return NAT_OK;
  }
  select_enqueue(g, cases, n);
  if (sched_trace(s)) trace_select(sched_trace(s), g, cases, n, false, -2);
  sched_park(s, g, "select");
  return NAT_BLOCK;
}
