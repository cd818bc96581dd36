/* timer.h - natives of package time on the virtual clock: Now, and the
 * runtime timers behind Timer, Ticker, After, Tick and AfterFunc; plus
 * context's one native.
 *
 * The Go side (engine/prelude/time.go) keeps each timer's state in a
 * runtimeTimer struct, laid out as TIMER_* below; the scheduler's timer
 * heap (sched.h) holds the pending ones, keyed by the id stored in the
 * struct.  When one fires, in scheduler context, it does what Go's timer
 * functions do: sendTime (a send that never blocks, of the current Time,
 * on the buffered channel of one) or goFunc (f in a new goroutine, through
 * vm_spawn); a Ticker re-arms itself first.
 *
 * The functions are registered in natives_sched (sync.c) under their Go
 * symbol names, so native.h's tables stay as they are. */
#ifndef PANICROOM_ENGINE_TIMER_H
#define PANICROOM_ENGINE_TIMER_H

#include "engine/gor.h"
#include "engine/native.h"
#include "engine/value.h"

struct VM;

/* Fields of time.runtimeTimer (engine/prelude/time.go). */
enum { TIMER_ID, TIMER_WHEN, TIMER_PERIOD, TIMER_C, TIMER_F, TIMER__N };
/* Fields of time.Time. */
enum { TIME_SEC, TIME_NSEC, TIME_MONO, TIME_HAS_MONO, TIME__N };

/* Seconds from January 1, year 1 to the Unix epoch (Go's unixToInternal). */
#define TIME_UNIX_TO_INTERNAL INT64_C(62135596800)

/* The current virtual time as a time.Time value (what time.Now returns). */
Value timer_now_value(struct VM *vm);

/* time.now() (sec int64, nsec int32, mono int64) */
NatStatus timer_nat_now(struct VM *vm, Goroutine *g, Value *args,
                        Value *res);
/* time.runtimeNano() int64: the virtual clock */
NatStatus timer_nat_runtime_nano(struct VM *vm, Goroutine *g, Value *args,
                                 Value *res);
/* time.startTimer(r *runtimeTimer) */
NatStatus timer_nat_start(struct VM *vm, Goroutine *g, Value *args,
                          Value *res);
/* time.stopTimer(r *runtimeTimer) bool: true if it was pending */
NatStatus timer_nat_stop(struct VM *vm, Goroutine *g, Value *args,
                         Value *res);
/* time.modTimer(r *runtimeTimer, when, period int64) bool: stop, set,
 * start; true if it was pending */
NatStatus timer_nat_mod(struct VM *vm, Goroutine *g, Value *args,
                        Value *res);
/* context.typeName(v any) string: reflectlite.TypeOf(v).String() */
NatStatus timer_nat_type_name(struct VM *vm, Goroutine *g, Value *args,
                              Value *res);

#endif
