/* trace.h - the event trace: one JSON object per line (NDJSON) for every
 * concurrency event of a run, for diagrams, graders and replay (SPEC §6,
 * docs/trace.md documents every event with an example).
 *
 * Big decision: every event carries the full state of its object AFTER
 * the event (a channel's len, cap, buffered values, queued senders and
 * receivers, closed flag; a WaitGroup's counter and waiters; ...), so a
 * viewer can draw any step without replaying anything: the state of an
 * object at step N is the state in its last event at or before N.
 *
 * Every event has: "ev" (kind), "seq" (0, 1, 2, ... in file order),
 * "step" (instructions executed before the current time slice: the VM
 * counts instructions per slice, so events of one slice share it), "t"
 * (virtual ns since the program started), "g" (the goroutine that acted,
 * 0 outside any goroutine: a timer firing), "pos" ("file:line" of that
 * goroutine's innermost frame outside the prelude, "" when none), and for
 * events on an object "obj" (a small id, stable for the run), "kind" and
 * "name" (the variable it was created into, when the compiler told us).
 *
 * The first line is a header: {"trace":1,"strategy":...,"seed":...,
 * "pct_depth":...,"token":...,"file":...}.  The last line is an "exit"
 * event (after a "panic" or "fatal" one when the run died so).
 *
 * Cost: nothing when no Trace is attached - every hook is behind an
 * `if (trace)` on a pointer the caller already holds.  Lines are built
 * with jansson (so every string is escaped) into a buffer written out in
 * 64 KiB blocks.  A write error stops the trace (trace_error says so), never
 * the program.
 *
 * Ownership: the caller makes the Trace, passes it in VMOptions.trace, and
 * frees it after the VM; the Trace borrows the fd and the VM. */
#ifndef PANICROOM_ENGINE_TRACE_H
#define PANICROOM_ENGINE_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/chan.h"
#include "engine/gor.h"
#include "engine/value.h"
#include "engine/vm.h"

/* Format version in the header's "trace" key. */
#define TRACE_VERSION 1

/* Event kinds, one list: the enum here, the names in the file. */
#define TRACE_EVENTS(X)                                                     \
  X(GO_CREATE, "go_create")                                                 \
  X(GO_BLOCK, "go_block")                                                   \
  X(GO_UNBLOCK, "go_unblock")                                               \
  X(GO_EXIT, "go_exit")                                                     \
  X(CHAN_MAKE, "chan_make")                                                 \
  X(CHAN_SEND, "chan_send")                                                 \
  X(CHAN_RECV, "chan_recv")                                                 \
  X(CHAN_CLOSE, "chan_close")                                               \
  X(SELECT, "select")                                                       \
  X(WG_ADD, "wg_add")                                                       \
  X(WG_DONE, "wg_done")                                                     \
  X(WG_WAIT, "wg_wait")                                                     \
  X(MUTEX_LOCK, "mutex_lock")                                               \
  X(MUTEX_UNLOCK, "mutex_unlock")                                           \
  X(RW_LOCK, "rw_lock")                                                     \
  X(RW_UNLOCK, "rw_unlock")                                                 \
  X(RW_RLOCK, "rw_rlock")                                                   \
  X(RW_RUNLOCK, "rw_runlock")                                               \
  X(ONCE_DO, "once_do")                                                     \
  X(TIMER_START, "timer_start")                                             \
  X(TIMER_FIRE, "timer_fire")                                               \
  X(TIMER_STOP, "timer_stop")                                               \
  X(CTX_CANCEL, "ctx_cancel")                                               \
  X(MAP_WRITE_BEGIN, "map_write_begin")                                     \
  X(MAP_WRITE_END, "map_write_end")                                         \
  X(RACE, "race")                                                           \
  X(PANIC, "panic")                                                         \
  X(FATAL, "fatal")                                                         \
  X(EXIT, "exit")

typedef enum TraceEv {
#define X(id, name) TEV_##id,
  TRACE_EVENTS(X)
#undef X
  TRACE_NEVENTS
} TraceEv;

const char *trace_event_name(TraceEv ev);

typedef struct Trace Trace;

/* fd is borrowed (the caller closes it); file is what the header names. */
Trace *trace_new(int fd, const char *file);
/* A trace into the file at path, opened (created, truncated) only when
 * the trace is attached, i.e. in the process that runs the VM: the
 * runner's child closes every inherited descriptor above 3.  An open
 * failure shows as trace_error in that process; callers check that path
 * is writable beforehand. */
Trace *trace_new_path(const char *path, const char *file);
/* Flushes and frees; NULL is fine. */
void trace_free(Trace *t);
/* Writes what is buffered; false after a write error. */
bool trace_flush(Trace *t);
/* NULL, or the first write error ("write: No space left on device"). */
const char *trace_error(const Trace *t);
/* The VM calls this from vm_new once its Sched is configured: the trace
 * reports through vm from now on, and the header line is written. */
void trace_attach(Trace *t, struct VM *vm);
/* The VM attached (NULL before trace_attach). */
struct VM *trace_vm(const Trace *t);
/* Lines written so far (header included). */
int64_t trace_lines(const Trace *t);

/* Objects: the variable name an object was created into (borrowed copy
 * is taken), for the compiler's make sites; and an address that stands
 * for an object (a sync primitive's sema field parks goroutines on the
 * field's address: block events then name the primitive). */
void trace_name_object(Trace *t, void *obj, const char *name);
void trace_alias(Trace *t, const void *addr, void *obj, const char *kind);
/* The id given to obj (0: never seen), and back (NULL: no such id). */
int64_t trace_object_id(const Trace *t, const void *obj);
const void *trace_object_ptr(const Trace *t, int64_t id);

/* --- goroutines (sched.c) ---------------------------------------------- */
void trace_go_create(Trace *t, Goroutine *g, Goroutine *parent);
/* g was parked: its wait reason and g->park.obj name what it waits on. */
void trace_go_block(Trace *t, Goroutine *g);
void trace_go_unblock(Trace *t, Goroutine *g, Goroutine *waker);
void trace_go_exit(Trace *t, Goroutine *g);

/* --- channels and select (chan.c) -------------------------------------- */
/* ev is CHAN_MAKE, CHAN_SEND, CHAN_RECV or CHAN_CLOSE; peer is the
 * goroutine on the other end of a hand-over (NULL: the buffer). */
void trace_chan(Trace *t, TraceEv ev, Goroutine *g, ChanObj *c,
                Goroutine *peer);
/* A select with n cases: chosen is the case that fired, -1 for default,
 * -2 when it blocked on all of them. */
void trace_select(Trace *t, Goroutine *g, const SelectCase *cases, int n,
                  bool has_default, int chosen);

/* --- sync (sync.c), time (timer.c), context, maps, race ------------------
 * The callers know their primitives' layouts; they pass the state. */
void trace_wg(Trace *t, TraceEv ev, Goroutine *g, void *wg, int64_t delta,
              int64_t counter, int64_t waiters);
typedef struct TraceLock {
  bool locked;           /* a writer (or the Mutex's owner) holds it */
  int64_t holder;        /* goroutine id of that holder, 0 if unknown */
  int64_t readers;       /* RWMutex: active readers */
  bool writer_waiting;   /* RWMutex: a writer waits for readers to leave */
  int64_t waiting_readers, waiting_writers; /* parked goroutines */
} TraceLock;
/* ev is MUTEX_* or RW_*; the holder is tracked here when st->holder is 0
 * (Go's Mutex does not record its owner). */
void trace_lock(Trace *t, TraceEv ev, Goroutine *g, void *mu,
                const TraceLock *st);
/* lock_event with what the call did: acquired 1 / 0 (it blocked or a
 * TryLock failed), -1 when that does not apply (unlocks). */
void trace_lock_call(Trace *t, TraceEv ev, Goroutine *g, void *mu,
                     const TraceLock *st, int acquired);
void trace_once(Trace *t, Goroutine *g, void *once, bool done,
                bool running);

/* The sync natives, seen from the VM's native call (trace_sync.c): enter
 * before the native runs (names the primitive's sema addresses, so a
 * go_block inside it names the primitive), leave after, with its status:
 * the event with the primitive's state.  op is 0 for any other native. */
typedef struct TraceCall {
  int op;
  void *obj;       /* the primitive (an AggObj of the prelude's sync.go) */
  int64_t delta;   /* WaitGroup.Add's argument */
  int64_t before;  /* the state word before the call (TryLock) */
} TraceCall;
void trace_call_enter(Trace *t, Goroutine *g, const char *fname,
                      const Value *args, TraceCall *tc);
void trace_call_leave(Trace *t, Goroutine *g, const TraceCall *tc,
                      NatStatus st);
/* ev is TIMER_START, TIMER_FIRE or TIMER_STOP; when is virtual Unix ns. */
void trace_timer(Trace *t, TraceEv ev, Goroutine *g, void *timer,
                 int64_t when, bool active);
/* The same from timer.c, which has only the VM: a no-op when the VM's
 * scheduler has no trace; g is the current goroutine (none when firing). */
void trace_timer_vm(struct VM *vm, TraceEv ev, void *timer, int64_t when,
                    bool active);
void trace_ctx_cancel(Trace *t, Goroutine *g, void *ctx, void *parent,
                      const char *err);
/* The prelude's body-less hooks (bound in sync.c's native table): Once.Do
 * calls sync.onceEvent(o, running) and a cancelCtx's cancel calls
 * context.cancelEvent(c, err); they raise once_do and ctx_cancel when the
 * VM has a trace and do nothing else. */
NatStatus trace_nat_once(struct VM *vm, Goroutine *g, Value *args,
                         Value *res);
NatStatus trace_nat_cancel(struct VM *vm, Goroutine *g, Value *args,
                           Value *res);
/* The two phases of a map write; map.c calls it where hashWriting is set
 * and cleared (map_set_writing). */
void trace_map_write(Trace *t, Goroutine *g, void *map, bool begin,
                     int64_t len);
/* A data race on obj (may be NULL) between g's access and other's. */
void trace_race(Trace *t, Goroutine *g, void *obj, const char *access,
                int64_t other, const char *other_access);

/* --- how the run ends (vm_call.c, vm_end.c) ------------------------------ */
/* A panic started in g (recovered or not: the exit event says). */
void trace_panic(Trace *t, Goroutine *g, Value v, bool goexit);
/* The run is over: a "fatal" event when it died of a throw or deadlock,
 * then the "exit" event with the status and, when the choices were
 * recorded, the full replay token. */
void trace_end(Trace *t, VMEnd end, int status, const char *msg);

#endif
