/* timer.c - time.Now and the runtime timers of package time (timer.h), on
 * the scheduler's virtual clock.
 *
 * Big decision: a Go timer's state lives in its runtimeTimer struct on the
 * VM heap, and the scheduler's timer heap (sched.h) only knows "call fire
 * with this struct at `when`".  So Stop and Reset are a delete and an add
 * on that heap, their results ("was it pending?") come from whether the
 * struct still holds a scheduler id, and a fired one-shot timer simply has
 * none: the same answers as Go 1.19's deltimer/modtimer give on one P.
 *
 * Time values: the virtual clock is Unix nanoseconds starting at the
 * playground epoch (sched.h).  Go's monotonic reading counts from the
 * time package's start (startNano = the clock at init - 1); the program
 * starts at the epoch here, so the first Now() prints "m=+0.000000001"
 * plus the steps run so far. */
#include "engine/timer.h"

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "engine/chan.h"
#include "engine/sched.h"
#include "engine/trace.h"
#include "engine/types.h"
#include "engine/vm.h"

#define NS_PER_SEC INT64_C(1000000000)
/* Go's maxWhen: a deadline past the end of int64 is clamped to it. */
#define MAX_WHEN INT64_MAX

/* The struct behind a *T argument, or NULL after Go's nil dereference. */
static AggObj *deref(struct VM *vm, Goroutine *g, Value ptr)
{
  Value *slot = ptr.as.ref;
  if (!slot || !slot->as.p) {
    vm_runtime_error(vm, g, "invalid memory address or nil pointer "
                            "dereference");
    return NULL;
  }
  return slot->as.p;
}

/* --- the clock ----------------------------------------------------------- */

/* Floor division, so instants before 1970 get a non-negative nsec. */
static void split_ns(int64_t ns, int64_t *sec, int64_t *nsec)
{
  *sec = ns / NS_PER_SEC;
  *nsec = ns % NS_PER_SEC;
  if (*nsec < 0) {
    *nsec += NS_PER_SEC;
    *sec -= 1;
  }
}

static int64_t mono_now(struct VM *vm)
{
  return sched_now(vm_sched(vm)) - (SCHED_EPOCH_NS - 1);
}

/* Must build what Now() in time.go builds from time.now(). */
Value timer_now_value(struct VM *vm)
{
  int64_t sec, nsec;
  split_ns(sched_now(vm_sched(vm)), &sec, &nsec);
  AggObj *t = val_agg_new(vm, TIME__N);
  t->v[TIME_SEC].as.i = sec + TIME_UNIX_TO_INTERNAL;
  t->v[TIME_NSEC].as.i = nsec;
  t->v[TIME_MONO].as.i = mono_now(vm);
  t->v[TIME_HAS_MONO].as.i = 1;
  return (Value){.as.p = t};
}

NatStatus timer_nat_now(struct VM *vm, Goroutine *g, Value *args, Value *res)
{
  (void)g, (void)args;
  int64_t sec, nsec;
  split_ns(sched_now(vm_sched(vm)), &sec, &nsec);
  res[0] = (Value){.as.i = sec};
  res[1] = (Value){.as.i = nsec};
  res[2] = (Value){.as.i = mono_now(vm)};
  return NAT_OK;
}

NatStatus timer_nat_runtime_nano(struct VM *vm, Goroutine *g, Value *args,
                                 Value *res)
{
  (void)g, (void)args;
  res[0] = (Value){.as.i = sched_now(vm_sched(vm))};
  return NAT_OK;
}

/* --- timers -------------------------------------------------------------- */

static void timer_fire(struct VM *vm, void *arg);

static void timer_arm(struct VM *vm, AggObj *r)
{
  r->v[TIMER_ID].as.i =
      sched_timer_add(vm_sched(vm), r->v[TIMER_WHEN].as.i, timer_fire, r);
  trace_timer_vm(vm, TEV_TIMER_START, r, r->v[TIMER_WHEN].as.i, true);
}

/* Takes a pending timer off the heap; true if it was pending. */
static bool timer_disarm(struct VM *vm, AggObj *r)
{
  int64_t id = r->v[TIMER_ID].as.i;
  r->v[TIMER_ID].as.i = 0;
  bool pending = id != 0 && sched_timer_del(vm_sched(vm), id);
  if (pending) trace_timer_vm(vm, TEV_TIMER_STOP, r, r->v[TIMER_WHEN].as.i, false);
  return pending;
}

/* A Ticker's next deadline: the first multiple of the period after now,
 * as runtime/time.go's runOneTimer computes it (ticks that the clock
 * jumped over are dropped, not delivered late). */
static int64_t next_tick(int64_t when, int64_t period, int64_t now)
{
  int64_t late = now > when ? now - when : 0;
  int64_t steps = 1 + late / period;
  if (steps > (MAX_WHEN - when) / period) return MAX_WHEN;
  return when + period * steps;
}

/* Runs in scheduler context (sched.h TimerFn): no goroutine is current. */
static void timer_fire(struct VM *vm, void *arg)
{
  AggObj *r = arg;
  r->v[TIMER_ID].as.i = 0;
  trace_timer_vm(vm, TEV_TIMER_FIRE, r, r->v[TIMER_WHEN].as.i, false);
  int64_t period = r->v[TIMER_PERIOD].as.i;
  if (period > 0) {
    r->v[TIMER_WHEN].as.i = next_tick(r->v[TIMER_WHEN].as.i, period,
                                      sched_now(vm_sched(vm)));
    timer_arm(vm, r);
  }
  if (r->v[TIMER_C].as.p)
    chan_try_send_from_timer(vm, r->v[TIMER_C].as.p, timer_now_value(vm));
  else if (r->v[TIMER_F].as.p)
    vm_spawn(vm, r->v[TIMER_F].as.p, NULL, 0);
}

NatStatus timer_nat_start(struct VM *vm, Goroutine *g, Value *args,
                          Value *res)
{
  (void)res;
  AggObj *r = deref(vm, g, args[0]);
  if (!r) return NAT_RAISED;
  timer_arm(vm, r);
  return NAT_OK;
}

NatStatus timer_nat_stop(struct VM *vm, Goroutine *g, Value *args,
                         Value *res)
{
  AggObj *r = deref(vm, g, args[0]);
  if (!r) return NAT_RAISED;
  res[0] = (Value){.as.i = timer_disarm(vm, r)};
  return NAT_OK;
}

NatStatus timer_nat_mod(struct VM *vm, Goroutine *g, Value *args, Value *res)
{
  AggObj *r = deref(vm, g, args[0]);
  if (!r) return NAT_RAISED;
  bool pending = timer_disarm(vm, r);
  r->v[TIMER_WHEN].as.i = args[1].as.i;
  r->v[TIMER_PERIOD].as.i = args[2].as.i;
  timer_arm(vm, r);
  res[0] = (Value){.as.i = pending};
  return NAT_OK;
}

/* --- context ------------------------------------------------------------- */

/* The dynamic type's name as reflect prints it ("*main.myCtx", "string");
 * context's String methods need it and reflect is outside the subset. */
NatStatus timer_nat_type_name(struct VM *vm, Goroutine *g, Value *args,
                              Value *res)
{
  (void)g;
  Buf b;
  buf_init(&b);
  if (args[0].t)
    type_write(args[0].t, NULL, &b);
  else
    buf_puts(&b, "<nil>");
  res[0] = val_str(vm, buf_cstr(&b), b.len);
  buf_fini(&b);
  return NAT_OK;
}
