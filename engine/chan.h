/* chan.h - Go channels and select, on the deterministic scheduler.
 *
 * Semantics follow the Go runtime's chan.go and select.go: a send to a
 * waiting receiver hands the value over directly; buffered channels are a
 * ring; close wakes every waiter (receivers get the zero value, senders
 * panic); nil channels block forever ("chan send (nil chan)"); select
 * polls the cases in a seeded random order and parks on all of them.
 *
 * Errors are Go's: `send on closed channel`, `close of closed channel`,
 * `close of nil channel` are raised with vm_panic_plain() (recoverable
 * panics, runtime.Error values).
 *
 * Blocking follows native.h's protocol: an operation that must wait parks
 * the goroutine and returns NAT_BLOCK; the VM runs the same operation
 * again after the wake-up, with g->park.woken set, and it completes from
 * g->park.  Channel objects live on the VM heap (value.h). */
#ifndef PANICROOM_ENGINE_CHAN_H
#define PANICROOM_ENGINE_CHAN_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/gor.h"
#include "engine/native.h"
#include "engine/value.h"

struct VM;
struct Type;

typedef struct ChanObj ChanObj;

/* chan_type is the channel type (TY_CHAN, or a named type over one). */
ChanObj *chan_new(struct VM *vm, struct Type *chan_type, int64_t cap);
int64_t chan_len(const ChanObj *c); /* nil-safe: 0 */
int64_t chan_cap(const ChanObj *c);

NatStatus chan_send(struct VM *vm, Goroutine *g, ChanObj *c, Value v);
NatStatus chan_recv(struct VM *vm, Goroutine *g, ChanObj *c, Value *out,
                    bool *ok);
NatStatus chan_close(struct VM *vm, Goroutine *g, ChanObj *c);

/* A send that never blocks, for senders that are not goroutines (the
 * time package's timers: Go's sendTime is a select with a default case).
 * Hands v to a waiting receiver (made runnable) or buffers it; returns
 * false, dropping v, when the channel is nil, closed or full. */
bool chan_try_send_from_timer(struct VM *vm, ChanObj *c, Value v);

/* Read-only views, for the event trace (trace.c) and tests. */
bool chan_closed(const ChanObj *c);
struct Type *chan_elem_type(const ChanObj *c);
/* The i-th oldest buffered value, 0 <= i < chan_len(c). */
Value chan_buf_at(const ChanObj *c, int64_t i);
/* Goroutines queued to send (senders) or receive, oldest first: fills up
 * to max ids, returns how many are queued. */
int64_t chan_waiters(const ChanObj *c, bool senders, int64_t *ids,
                     int64_t max);

typedef struct SelectCase {
  ChanObj *c;      /* NULL: a nil channel, never ready */
  bool send;
  Value val;       /* value to send */
} SelectCase;

/* Chooses among ready cases at random (seeded); if none is ready, takes
 * default when has_default (*chosen = -1), else parks on every case
 * ("select", or "select (no cases)" when n == 0).  For a receive case the
 * received value and ok are stored in *recv / *ok. */
NatStatus chan_select(struct VM *vm, Goroutine *g, SelectCase *cases, int n,
                      bool has_default, int *chosen, Value *recv, bool *ok);

#endif
