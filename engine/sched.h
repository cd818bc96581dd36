/* sched.h - the deterministic scheduler, the virtual clock and the one
 * chooser through which every nondeterministic choice goes.
 *
 * Single-threaded: exactly one goroutine runs at a time, and every choice
 * (which goroutine runs next, how long it runs before preemption, which
 * ready select case fires, where a map iteration starts, whether a Pool
 * drops an object) is made by sched_choose() from one seeded generator,
 * so a run is reproducible from (program, seed, strategy, pct depth) -
 * and, when the choices were recorded, from the choice list alone.
 *
 * Strategies:
 *   STRAT_GO     mimics Go's scheduler on one P: a FIFO run queue plus the
 *                runnext slot.  A new goroutine and a goroutine woken by
 *                another take runnext (the previous runnext goes to the
 *                queue's tail), so `for i := 0; i < 5; i++ { go print(i) }`
 *                + wg.Wait() prints 40123 as real Go usually does.  A
 *                goroutine runs until it blocks, yields, or uses up a
 *                1,000,000-instruction quantum.  Picks and quanta are not
 *                choices; select order, map order are (seeded, as in Go).
 *   STRAT_RANDOM every scheduling point (below) is a preemption point, and
 *                the next goroutine is drawn uniformly among the runnable.
 *   STRAT_PCT    Burckhardt et al., "A Randomized Scheduler with
 *                Probabilistic Guarantees of Finding Bugs", ASPLOS 2010.
 *                Each goroutine gets a random distinct priority when it is
 *                created (all above d); d-1 change points k_1..k_{d-1} are
 *                drawn uniformly in [1, k] (k = pct_steps, default
 *                SCHED_PCT_DEFAULT_STEPS); at every scheduling point the
 *                highest-priority runnable goroutine runs; when the k_i-th
 *                step is reached the goroutine that just ran drops to
 *                priority i (below every initial priority, as in the
 *                paper's Algorithm 1).  A bug of depth d among n goroutines is found with
 *                probability >= 1/(n k^(d-1)) per run.
 *
 * Scheduling points ("steps" for PCT: each is one call of sched_pick):
 *   - a channel operation completes (send, receive, close, select) or
 *     blocks: the VM yields after it (sched_point);
 *   - a go statement: the parent yields after creating the child;
 *   - a sync, sync/atomic, time or context native returns
 *     (sched_native_point): Lock, Unlock, Add, Wait, Load, ...;
 *   - any block (semacquire, sleep, select), Gosched, goroutine exit;
 *   - instruction slices: STRAT_RANDOM preempts after 1..1024 instructions
 *     (log-uniform), STRAT_PCT after 1..SCHED_PCT_SLICE (uniform), so a
 *     switch can fall between the load and the store of `n++`.
 * Under STRAT_GO none of these preempt; the goroutine runs on as in Go.
 *
 * Recording and replay: the choices a run made can be recorded (kind and
 * value of each choice that had more than one option), and a recorded
 * list followed exactly.  Following a list still draws the generator as
 * the strategy would, so it stays in step with the seed; when the list
 * ends the strategy carries on.  A recorded choice that does not fit (a
 * different kind, or a value >= n) is a divergence: the Sched stops
 * following the list and reports it once (sched_replay_error).
 * A replay token is `strategy:depth:seed[:choices]`, e.g. `pct:2:12345`,
 * `go::7`, `random::77:AQID` - choices are base64url (no padding) of the
 * unsigned LEB128 varints value*SCHED_NCHOICE_KINDS+kind.
 *
 * Time: the clock is virtual, in nanoseconds, starting at Go's playground
 * epoch 2009-11-10 23:00:00 UTC.  Each executed instruction advances it by
 * SCHED_NS_PER_STEP (so a busy goroutine lets timers fire in a sensible
 * order), and when nothing can run it jumps to the next timer.  The real
 * clock is never read.
 *
 * Ownership: the Sched belongs to the VM; goroutines belong to the VM
 * (gor.h); timers belong to the Sched; the recording Buf and the Trace
 * belong to whoever passed them in. */
#ifndef PANICROOM_ENGINE_SCHED_H
#define PANICROOM_ENGINE_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "engine/gor.h"
#include "engine/native.h"

struct VM;
struct Trace;

typedef enum Strategy { STRAT_GO = 0, STRAT_RANDOM, STRAT_PCT } Strategy;

/* 2009-11-10 23:00:00 UTC in Unix nanoseconds. */
#define SCHED_EPOCH_NS INT64_C(1257894000000000000)
#define SCHED_NS_PER_STEP 1
/* PCT's k when the caller has no better estimate (a first run's
 * sched_points); the paper's bound degrades gracefully when k is off. */
#define SCHED_PCT_DEFAULT_STEPS 10000
/* PCT's d when none is given: depth-3 bugs (two ordering constraints)
 * cover most lessons' failures. */
#define SCHED_PCT_DEFAULT_DEPTH 3
/* Longest instruction slice under STRAT_PCT: short enough that a switch
 * can land inside a read-modify-write, long enough that a loop between
 * scheduling points adds only a few steps to k. */
#define SCHED_PCT_SLICE 64

/* The kinds of choice, one list (the token's encoding and the trace use
 * the names). */
#define SCHED_CHOICE_KINDS(X)                                              \
  X(PICK, "pick")       /* next goroutine: index in the run queue */      \
  X(QUANTUM, "quantum") /* instructions before preemption */               \
  X(SELECT, "select")   /* one step of select's poll-order shuffle */      \
  X(RAND, "rand")       /* sched_rand: map iteration start, Pool drops */

typedef enum ChoiceKind {
#define X(id, name) CHOICE_##id,
  SCHED_CHOICE_KINDS(X)
#undef X
  SCHED_NCHOICE_KINDS
} ChoiceKind;

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
/* Unlinks a finished goroutine from the all-goroutines list, before the
 * VM frees it: dead goroutines print nowhere, and a program that starts
 * millions of short-lived ones must not keep them all. */
void sched_forget(Sched *s, Goroutine *g);
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

/* --- choices ---------------------------------------------------------- */

/* The chooser: returns 0..n-1 (n >= 1).  Drawn uniformly from the seeded
 * generator under every strategy (the callers that need Go's fixed rules
 * or PCT's priorities go through the same funnel inside sched.c); a
 * replayed list overrides the draw; a recording appends the result.  A
 * choice with n == 1 is no choice: it returns 0, draws nothing and is not
 * recorded. */
int sched_choose(Sched *s, int n, ChoiceKind kind);
/* A seeded number in [0, 2^30): one CHOICE_RAND choice (map iteration
 * start, sync.Pool drops).  2^30 keeps a recorded one to 5 bytes. */
uint64_t sched_rand(Sched *s);
uint64_t sched_seed(const Sched *s);
/* Choices made so far that had more than one option. */
int64_t sched_nchoices(const Sched *s);
/* Scheduling points passed so far (sched_pick calls): PCT's steps; a
 * first run's count is the k to pass as pct_steps to later runs. */
int64_t sched_points(const Sched *s);

/* Options beyond (seed, strategy), set right after sched_new, before the
 * first sched_add.  pct_depth/pct_steps <= 0 mean the defaults.  replay
 * (borrowed, may be NULL) is a choice list in the token's varint form;
 * record (borrowed, may be NULL) receives every choice, in that form, as
 * it is made. */
void sched_configure(Sched *s, int pct_depth, int64_t pct_steps,
                     const uint8_t *replay, size_t nreplay, Buf *record);
int sched_pct_depth(const Sched *s);

/* An explorer's hook (runner/explore.c, a preemption-bounded search):
 * when VMOptions.choose_hook is set, every choice with more than one
 * option is made by it instead of by the strategy or a replayed list
 * (the generator is still drawn, and the recording still receives the
 * result, so the recorded list replays under the same strategy and
 * seed without the hook).  proposed is the strategy's own draw.  cont,
 * for CHOICE_PICK, is the run-queue index of the goroutine that ran last
 * when it is still runnable - choosing any other is a preemption - and
 * -1 otherwise (it blocked or ended; and for every other kind).  A result
 * outside 0..n-1 counts as proposed. */
typedef int (*SchedChooseHook)(void *ctx, int n, ChoiceKind kind,
                               int proposed, int cont);
/* NULL, or why the replayed list was abandoned ("replay diverged at
 * choice 17: recorded select 3, but the program offered pick of 2"). */
const char *sched_replay_error(const Sched *s);

/* True when the running goroutine g must yield now, at a scheduling point
 * (see the top of this file): always under STRAT_RANDOM and STRAT_PCT,
 * never under STRAT_GO. */
bool sched_point(Sched *s, Goroutine *g);
/* sched_point for a native that just returned: true for the packages
 * whose calls are scheduling points (fname "sync.", "sync/atomic.",
 * "time.", "context." ...). */
bool sched_native_point(Sched *s, Goroutine *g, const char *fname);

/* --- replay tokens ------------------------------------------------------ */

typedef struct SchedToken {
  Strategy strategy;
  int pct_depth;     /* 0 when the token has none */
  uint64_t seed;
  uint8_t *choices;  /* malloc'd varint list, NULL when absent */
  size_t nchoices;   /* bytes */
} SchedToken;

const char *sched_strategy_name(Strategy st);
/* "go", "random", "pct" -> 0 and *out; anything else -> -1. */
int sched_strategy_parse(const char *name, Strategy *out);
/* Appends the token: choices may be NULL / 0 for the short form. */
void sched_token_format(Strategy st, int pct_depth, uint64_t seed,
                        const uint8_t *choices, size_t nchoices, Buf *out);
/* 0 on success (free tok->choices); -1 with a message in err otherwise. */
int sched_token_parse(const char *token, SchedToken *tok, Buf *err);
void sched_token_fini(SchedToken *tok);

/* The event trace the scheduler and channels report to (trace.h), or
 * NULL: set by trace_attach. */
void sched_set_trace(Sched *s, struct Trace *t);
struct Trace *sched_trace(const Sched *s);
/* The strategy the Sched was made with (sync.Pool drops objects only
 * under the exploring strategies). */
Strategy sched_strategy(const Sched *s);

/* Every goroutine started and not yet forgotten (sched_forget), in
 * creation order: the live ones, and dead ones the VM keeps (main after
 * runtime.Goexit); check status. */
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
