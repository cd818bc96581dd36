/* sched.h - the deterministic scheduler and the virtual clock.
 *
 * Single-threaded: exactly one goroutine runs at a time, and every choice
 * (which goroutine runs next, which ready select case fires, when to
 * preempt, map iteration order) is drawn from one seeded generator, so a
 * run is reproducible from (program, seed, strategy).
 *
 * Strategy STRAT_GO mimics Go's scheduler on one P: a FIFO run queue plus
 * the runnext slot.  A new goroutine and a goroutine woken by another
 * take runnext (the previous runnext goes to the queue's tail), so
 * `for i := 0; i < 5; i++ { go print(i) }; wg.Wait()` prints 40123 as
 * real Go usually does.  A goroutine runs until it blocks, yields, or uses
 * up a large instruction quantum.
 *
 * Time: the clock is virtual, in nanoseconds, starting at Go's playground
 * epoch 2009-11-10 23:00:00 UTC.  Each executed instruction advances it by
 * SCHED_NS_PER_STEP (so a busy goroutine lets timers fire in a sensible
 * order), and when nothing can run it jumps to the next timer.  The real
 * clock is never read.
 *
 * Ownership: the Sched belongs to the VM; goroutines belong to the VM
 * (gor.h); timers belong to the Sched. */
#ifndef PANICROOM_ENGINE_SCHED_H
#define PANICROOM_ENGINE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/gor.h"
#include "engine/native.h"

struct VM;

typedef enum Strategy { STRAT_GO = 0, STRAT_RANDOM, STRAT_PCT } Strategy;

/* 2009-11-10 23:00:00 UTC in Unix nanoseconds. */
#define SCHED_EPOCH_NS INT64_C(1257894000000000000)
#define SCHED_NS_PER_STEP 1

typedef struct Sched Sched;

Sched *sched_new(struct VM *vm, uint64_t seed, Strategy strategy);
void sched_free(Sched *s);

/* Registers a new goroutine: assigns its id (main gets 1, the next ones
 * 5, 6, ... like Go 1.19, whose runtime owns 2-4), links it into the
 * all-goroutines list and makes it runnable (runnext under STRAT_GO). */
void sched_add(Sched *s, Goroutine *g, bool is_main);
/* Makes a parked goroutine runnable (runnext under STRAT_GO). */
void sched_ready(Sched *s, Goroutine *g);
/* Parks the running goroutine; reason is Go's wait-reason text. */
void sched_park(Sched *s, Goroutine *g, const char *reason);
/* The running goroutine gives up the CPU but stays runnable (Gosched,
 * preemption): it goes to the tail of the run queue.  (Not sched_yield:
 * that is POSIX's sched_yield(2), and defining it hijacks libc's and the
 * sanitizers' calls.) */
void sched_gosched(Sched *s, Goroutine *g);
/* The goroutine finished; it leaves the queues (the VM frees it). */
void sched_exit(Sched *s, Goroutine *g);
/* Next goroutine to run, removed from the queue; NULL if none is
 * runnable. */
Goroutine *sched_pick(Sched *s);
/* How many instructions the picked goroutine may run before preemption. */
int64_t sched_quantum(Sched *s, Goroutine *g);

typedef enum IdleResult {
  IDLE_WOKE,     /* the clock jumped to a timer; something is runnable */
  IDLE_DEADLOCK  /* nothing runnable and no timer: Go's checkdead */
} IdleResult;
/* Called when sched_pick returned NULL. */
IdleResult sched_idle(Sched *s);

/* The clock. */
void sched_tick(Sched *s, int64_t steps);
int64_t sched_now(const Sched *s); /* virtual Unix ns */

/* Parks g until now+ns (wait reason "sleep"). */
void sched_sleep(Sched *s, Goroutine *g, int64_t ns);

/* Generic timers (time.After, AfterFunc, context deadlines).  fire runs in
 * scheduler context, not on a goroutine; it may sched_ready() others.
 * A pending timer keeps the deadlock detector quiet, as in Go. */
typedef void (*TimerFn)(struct VM *vm, void *arg);
int64_t sched_timer_add(Sched *s, int64_t when, TimerFn fire, void *arg);
bool sched_timer_del(Sched *s, int64_t id); /* true if it was pending */

/* Seeded choices. */
uint64_t sched_rand(Sched *s);
uint64_t sched_seed(const Sched *s);

/* Every goroutine ever started, in creation order (dead ones included;
 * check status). */
Goroutine *sched_all(Sched *s);
int sched_live_count(const Sched *s); /* runtime.NumGoroutine() */
Goroutine *sched_current(Sched *s);
void sched_set_current(Sched *s, Goroutine *g);

/* The id the next sched_add gives (default 5).  Go 1.19 starts its
 * finalizer goroutine, id 5, when package os initialises (os.NewFile sets
 * finalizers), so a program importing os or fmt numbers its goroutines
 * from 6: the VM calls sched_set_next_id(s, 6) before main then. */
void sched_set_next_id(Sched *s, int64_t id);

/* Per-address wait queues, Go's semtable (runtime/sema.go): sync.c parks
 * goroutines on the address of a sema word.  FIFO, or at the head when
 * lifo (Go requeues a woken Mutex waiter that lost the race first).
 * Linked through g->schedlink; a goroutine waits on one address at most. */
void sched_sema_enqueue(Sched *s, const void *addr, Goroutine *g, bool lifo);
Goroutine *sched_sema_dequeue(Sched *s, const void *addr); /* NULL: none */
int sched_sema_waiters(Sched *s, const void *addr);

#endif
