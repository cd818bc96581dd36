/* race.h - the data race detector behind `run --race`.
 *
 * Two layers, one prefix:
 *   race.c     the detector proper, FastTrack (Flanagan & Freund, PLDI
 *              2009) on thread indexes and opaque addresses: vector
 *              clocks per thread and per synchronisation object, an epoch
 *              (or a read set) per memory location, a stack depot.  It
 *              knows nothing of the VM, so tests drive it with hand-built
 *              event sequences.
 *   vm_race.c  the VM side: one thread per goroutine, the RACE
 *              instruction's addresses, the happens-before edges of the Go
 *              memory model, and the report in Go's race detector format.
 *
 * Edges (Go memory model, as Go's own race annotations place them): a go
 * statement orders the creator before the new goroutine; a channel send
 * before the receive that completes it, the k-th receive before the
 * (k+C)-th send completes (each buffer slot is a sync object), close
 * before a receive that observes it; Mutex Unlock before the next Lock;
 * RWMutex Unlock before RLock/Lock, RUnlock before Lock; WaitGroup
 * Done/Add before the Wait that returns; the first Once.Do before every
 * later Do returns; atomics are acquire (loads), release (stores) or
 * both.  A goroutine's end is no edge.
 *
 * Every hook below is a no-op when the VM runs without race detection, so
 * callers (chan.c, sync.c, timer.c) call them unconditionally. */
#ifndef PANICROOM_ENGINE_RACE_H
#define PANICROOM_ENGINE_RACE_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/gor.h"

struct VM;
struct Func;

typedef struct Race Race;

/* --- the detector (race.c) ------------------------------------------------ */

/* A stack in the depot; 0 is the empty stack. */
typedef uint32_t RaceStack;
/* One frame: fn is a Func, or a RacePseudo (below) when pc is
 * RACE_PSEUDO_PC; pc is the instruction whose line the frame shows. */
typedef struct RaceFrame {
  const void *fn;
  uint32_t pc;
} RaceFrame;
#define RACE_PSEUDO_PC UINT32_MAX
/* Keeps at most this many frames of a stack (TSan keeps more, but our
 * learners' programs are shallow and the depot stays small). */
#define RACE_MAX_FRAMES 32

/* The earlier access of a race. */
typedef struct RaceAccess {
  int tid;
  bool write;
  RaceStack stack;
} RaceAccess;

/* Called only when the access must be remembered or reported; it may
 * intern stacks but must not record accesses. */
typedef RaceStack (*RaceStackFn)(void *ctx);

Race *race_new(void);
void race_free(Race *r);

/* A new thread; parent >= 0 is a fork (go statement) edge from parent,
 * -1 starts with an empty clock.  Returns its index (0, 1, ...). */
int race_thread(Race *r, int parent, RaceStack created);
RaceStack race_thread_created(const Race *r, int tid);
int race_threads(const Race *r);

/* Synchronisation on addr: acquire joins addr's clock into tid's;
 * release joins tid's clock into addr's (Go's Release/ReleaseMerge; we
 * never overwrite, which can only hide races, never invent them). */
void race_acquire(Race *r, int tid, const void *addr);
void race_release(Race *r, int tid, const void *addr);

/* A read or write of addr by tid.  True if it races with an earlier
 * access, which is stored in *prev; the location is updated either way. */
bool race_access(Race *r, int tid, const void *addr, bool write,
                 RaceStackFn stack, void *ctx, RaceAccess *prev);
/* The order in which addr was first accessed (0, 1, ...), for stable
 * report addresses; -1 if never. */
int64_t race_addr_seq(const Race *r, const void *addr);

RaceStack race_stack_intern(Race *r, const RaceFrame *f, int n);
int race_stack_frames(const Race *r, RaceStack s, const RaceFrame **f);

/* TSan reports a race once per address and once per pair of stacks:
 * true the first time, false for a repeat. */
bool race_first_report(Race *r, const void *addr, RaceStack a, RaceStack b);

/* A counter kept beside addr's sync clock (WaitGroup bookkeeping). */
int64_t *race_sync_counter(Race *r, const void *addr, int which);

/* --- the VM's hooks (vm_race.c) ------------------------------------------ */

/* The goroutine the hooks act on: NULL means the running one. */
void race_go(struct VM *vm, Goroutine *parent, Goroutine *child);
void race_acquire_g(struct VM *vm, Goroutine *g, const void *addr);
void race_release_g(struct VM *vm, Goroutine *g, const void *addr);
/* Channel hand-off between the running goroutine and a parked partner
 * (Go's racesync): each releases and acquires addr. */
void race_chan_sync(struct VM *vm, Goroutine *partner, const void *addr);
/* A buffered channel slot used by the running goroutine (Go's
 * racenotify): acquire then release. */
void race_chan_slot(struct VM *vm, const void *slot);

#endif
