/* vm_call.c - frames, calls, natives, defer, panic/recover and goroutines.
 *
 * Main decision: nothing here recurses in C.  A call pushes a Frame on the
 * goroutine's heap frame stack and returns to the dispatch loop; a return
 * pops it and says what the loop must do next (Step).  Deferred calls are
 * ordinary frames flagged FRAME_DEFER (run by RUNDEFERS, which the caller
 * re-executes until its list is empty) or FRAME_PANIC_DEFER (run by a
 * panic).  A panic leaves the panicking frames in place, as Go does, runs
 * deferred calls on top of them innermost first, and only on recover cuts
 * the stack back to the frame that deferred the recovering call, which
 * resumes at its Func.epilogue_pc.  So the traceback printed after an
 * unrecovered panic still shows where it happened. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/race.h"
#include "engine/sched.h"
#include "engine/trace.h"
#include "engine/types.h"
#include "engine/vm_int.h"

/* Headroom above a frame's declared needs: natives' results and the
 * closure+arguments RUNDEFERS pushes. */
#define STACK_SLACK 3
/* Frames in a goroutine's inline area: the start function's.  A parked
 * goroutine deeper than this keeps its frames on the heap. */
#define GOR_INLINE_FRAMES 1

static Frame *top(Goroutine *g) { return &g->frames[g->nframes - 1]; }

static Value *inline_stack(Goroutine *g) {
  return (Value *)((Frame *)(g + 1) + GOR_INLINE_FRAMES);
}

static Frame *inline_frames(Goroutine *g) { return (Frame *)(g + 1); }

/* Moves n elements of size sz from the inline area to a new heap block of
 * cap elements, or grows a heap block. */
static void *grow(void *p, bool is_inline, int n, int cap, size_t sz) {
  if (!is_inline) return xrealloc(p, (size_t)cap * sz);
  void *q = xmalloc((size_t)cap * sz);
  if (n) memcpy(q, p, (size_t)n * sz);
  return q;
}

bool vm_stack_reserve(Goroutine *g, int need) {
  if (need <= g->stack_cap) return false;
  int cap = g->stack_cap ? 2 * g->stack_cap : need; /* exact at first */
  while (cap < need) cap *= 2;
  bool in = g->istack_cap && g->stack == inline_stack(g);
  g->stack = grow(g->stack, in, g->stack_cap, cap, sizeof(Value));
  memset(g->stack + g->stack_cap, 0,
         (size_t)(cap - g->stack_cap) * sizeof(Value));
  g->stack_cap = cap;
  return true;
}

static Frame *push_frame(Goroutine *g) {
  if (g->nframes == g->frames_cap) {
    int cap = g->frames_cap ? 2 * g->frames_cap : 1;
    bool in = g->istack_cap && g->frames == inline_frames(g);
    g->frames = grow(g->frames, in, g->nframes, cap, sizeof(Frame));
    g->frames_cap = cap;
  }
  Frame *f = &g->frames[g->nframes++];
  memset(f, 0, sizeof *f);
  return f;
}

static int ret_slot(const Frame *f) {
  return f->base - ((f->flags & FRAME_RET_CLOSURE) ? 1 : 0);
}

/* Result slots get their types' zero values (struct results need
 * objects); the other locals start as Value{0}. */
static void enter(VM *vm, Goroutine *g, Func *fn, Closure *cl, int argbase,
                  int flags) {
  vm_stack_reserve(g, argbase + fn->nlocals + fn->maxstack + STACK_SLACK);
  Frame *f = push_frame(g);
  f->fn = fn;
  f->closure = cl;
  f->base = argbase;
  f->flags = flags;
  Value *s = g->stack + argbase;
  Type *ft = fn->type ? type_under(fn->type) : NULL;
  for (int i = fn->nparams; i < fn->nlocals; i++) {
    int r = i - fn->nparams;
    s[i] = (ft && r < fn->nresults && r < ft->nresults)
               ? val_zero(vm, ft->results[r])
               : (Value){{0}, NULL};
  }
  g->sp = argbase + fn->nlocals;
}

/* Runs a native with its arguments at stack[argbase..].  Arguments and
 * results go through C arrays: the native may call back into Go
 * (vm_call_nested), which can move the goroutine's stack. */
static NatStatus run_native(VM *vm, Goroutine *g, Func *fn, int argbase,
                            int ret, bool discard) {
  Value abuf[16], rbuf[16];
  int na = fn->nparams, nr = fn->nresults;
  Value *args = na <= 16 ? abuf : xmalloc((size_t)na * sizeof(Value));
  Value *res = nr <= 16 ? rbuf : xcalloc((size_t)nr, sizeof(Value));
  memcpy(args, g->stack + argbase, (size_t)na * sizeof(Value));
  memset(res, 0, (size_t)(nr < 16 ? nr : 16) * sizeof(Value));
  NatStatus st = fn->native(vm, g, args, res);
  if (st == NAT_OK || st == NAT_YIELD) {
    g->park.woken = false;
    if (discard) nr = 0;
    vm_stack_reserve(g, ret + nr + STACK_SLACK);
    memcpy(g->stack + ret, res, (size_t)nr * sizeof(Value));
    g->sp = ret + nr;
  }
  if (args != abuf) free(args);
  if (res != rbuf) free(res);
  return st;
}

static Step after_return(VM *vm, Goroutine *g, const Frame *f);

/* Calls a native in place; when it blocks or raises, a frame for it stays
 * on top (tracebacks show it; vm_resume finishes a blocked one). */
static Step call_native(VM *vm, Goroutine *g, Func *fn, Closure *cl,
                        int argbase, int flags) {
  Frame nf = {fn, cl, 0, argbase, NULL, flags | FRAME_NATIVE};
  g->sp = argbase + fn->nparams;
  const void *a0 = NULL; /* --race: the sync object, before args go */
  if (vm->race) a0 = vm_race_native_pre(vm, g, fn, g->stack + argbase);
  TraceCall tc = {0}; /* the trace's sync events (trace.h) */
  if (vm->opts.trace)
    trace_call_enter(vm->opts.trace, g, fn->name, g->stack + argbase, &tc);
  NatStatus st = run_native(vm, g, fn, argbase, ret_slot(&nf),
                            (flags & FRAME_DISCARD) != 0);
  if (tc.op) trace_call_leave(vm->opts.trace, g, &tc, st);
  if (vm->race && st == NAT_OK) vm_race_native_post(vm, g, fn, a0);
  if (st == NAT_OK && vm->opts.strategy != STRAT_GO &&
      sched_native_point(vm->sched, g, fn->name))
    st = NAT_YIELD; /* sync, time, context calls are scheduling points */
  if (st == NAT_OK || st == NAT_YIELD) {
    Step s = after_return(vm, g, &nf);
    return (st == NAT_YIELD && s == STEP_OK) ? STEP_YIELD : s;
  }
  *push_frame(g) = nf;
  return st == NAT_BLOCK ? STEP_BLOCK : STEP_RAISED;
}

Step vm_invoke(VM *vm, Goroutine *g, Func *fn, Closure *cl, int argbase,
               int flags) {
  if (fn->native) return call_native(vm, g, fn, cl, argbase, flags);
  enter(vm, g, fn, cl, argbase, flags);
  return STEP_OK;
}

/* --- returns -------------------------------------------------------------- */

static void free_defers(DeferRec *d) {
  while (d) {
    DeferRec *next = d->next;
    free(d);
    d = next;
  }
}

static Step panic_defer_done(VM *vm, Goroutine *g, int index);

static Step after_return(VM *vm, Goroutine *g, const Frame *f) {
  if (g->nframes == 0) return STEP_GEXIT;
  if (f->flags & FRAME_NESTED) return STEP_NESTED;
  if (f->flags & FRAME_DEFER) top(g)->pc--; /* back to RUNDEFERS */
  if (f->flags & FRAME_PANIC_DEFER) return panic_defer_done(vm, g, g->nframes);
  return STEP_OK;
}

Step vm_return(VM *vm, Goroutine *g) {
  Frame f = g->frames[--g->nframes];
  int ret = ret_slot(&f), nr = f.fn->nresults;
  if (f.flags & FRAME_DISCARD) nr = 0;
  memmove(g->stack + ret, g->stack + f.base + f.fn->nparams,
          (size_t)nr * sizeof(Value));
  g->sp = ret + nr;
  free_defers(f.defers);
  return after_return(vm, g, &f);
}

/* --- defer ---------------------------------------------------------------- */

void vm_defer(VM *vm, Goroutine *g, int n) {
  (void)vm;
  DeferRec *d = xmalloc(sizeof *d + (size_t)n * sizeof(Value));
  Value *at = g->stack + g->sp - n - 1;
  d->fn = at[0].as.p;
  d->nargs = n;
  memcpy(d->args, at + 1, (size_t)n * sizeof(Value));
  g->sp -= n + 1;
  Frame *f = top(g);
  d->next = f->defers;
  f->defers = d;
}

/* Pops the newest deferred call of frame `owner` and calls it on top of
 * the stack with the given flags. */
static Step call_deferred(VM *vm, Goroutine *g, int owner, int flags) {
  Frame *of = &g->frames[owner];
  DeferRec *d = of->defers;
  of->defers = d->next;
  int at = g->sp;
  vm_stack_reserve(g, at + d->nargs + 1 + STACK_SLACK);
  g->stack[at].as.p = d->fn;
  g->stack[at].t = NULL;
  memcpy(g->stack + at + 1, d->args, (size_t)d->nargs * sizeof(Value));
  g->sp = at + 1 + d->nargs;
  Closure *cl = d->fn;
  free(d);
  if (!cl) {
    vm_nil_deref(vm, g);
    return STEP_RAISED;
  }
  return vm_invoke(vm, g, cl->fn, cl,
                   at + 1, flags | FRAME_RET_CLOSURE | FRAME_DISCARD);
}

/* RUNDEFERS with a non-empty list: the deferred call returns to the same
 * RUNDEFERS (after_return rewinds the pc), until the list is empty. */
Step vm_rundefer(VM *vm, Goroutine *g) {
  return call_deferred(vm, g, g->nframes - 1, FRAME_DEFER);
}

/* --- goroutines ----------------------------------------------------------- */

/* The inline area holds the start function's frame and reserve, or a
 * blocked native's arguments; a bigger function would allocate at its
 * first call anyway. */
Goroutine *vm_gor_new(VM *vm, Func *fn, Closure *cl, const Value *args,
                      int nargs) {
  int need = fn->nlocals + fn->maxstack;
  need = (need > nargs ? need : nargs) + STACK_SLACK;
  Goroutine *g = xcalloc(1, sizeof *g + GOR_INLINE_FRAMES * sizeof(Frame) +
                                (size_t)need * sizeof(Value));
  g->frames_cap = GOR_INLINE_FRAMES;
  g->istack_cap = g->stack_cap = need;
  g->frames = inline_frames(g);
  g->stack = inline_stack(g);
  if (nargs) memcpy(g->stack, args, (size_t)nargs * sizeof(Value));
  if (fn->native) {
    Frame *f = push_frame(g);
    *f = (Frame){fn, cl, 0, 0, NULL, FRAME_NATIVE | FRAME_GO_NATIVE};
    g->sp = nargs;
  } else {
    enter(vm, g, fn, cl, 0, 0);
  }
  vm->ngs++;
  return g;
}

/* What the top frame reserved when it was entered (enter, run_native):
 * the stack must keep that much for the frame to run on. */
static int top_need(Goroutine *g) {
  const Frame *f = top(g);
  int need = f->base + STACK_SLACK +
             (f->fn->native ? f->fn->nparams + f->fn->nresults
                            : f->fn->nlocals + f->fn->maxstack);
  return need > g->sp + STACK_SLACK ? need : g->sp + STACK_SLACK;
}

void vm_gor_compact(Goroutine *g) {
  if (!g->istack_cap || g->nframes == 0) return;
  if (g->frames != inline_frames(g) && g->nframes <= GOR_INLINE_FRAMES) {
    memcpy(inline_frames(g), g->frames, (size_t)g->nframes * sizeof(Frame));
    free(g->frames);
    g->frames = inline_frames(g);
    g->frames_cap = GOR_INLINE_FRAMES;
  }
  if (g->stack != inline_stack(g) && top_need(g) <= g->istack_cap) {
    memcpy(inline_stack(g), g->stack, (size_t)g->sp * sizeof(Value));
    memset(inline_stack(g) + g->sp, 0,
           (size_t)(g->istack_cap - g->sp) * sizeof(Value));
    free(g->stack);
    g->stack = inline_stack(g);
    g->stack_cap = g->istack_cap;
  }
}

void vm_gor_free_stacks(Goroutine *g) {
  for (int i = 0; i < g->nframes; i++) free_defers(g->frames[i].defers);
  if (!g->istack_cap || g->stack != inline_stack(g)) free(g->stack);
  if (!g->istack_cap || g->frames != inline_frames(g)) free(g->frames);
  g->stack = NULL;
  g->frames = NULL;
  g->sp = g->stack_cap = g->nframes = g->frames_cap = 0;
  vm_free_panics(g);
}

void vm_cut_frames(Goroutine *g, int n) {
  for (int i = n; i < g->nframes; i++) free_defers(g->frames[i].defers);
  if (n < g->nframes) g->nframes = n;
}

void vm_free_panics(Goroutine *g) {
  while (g->panic) {
    PanicRec *p = g->panic;
    g->panic = p->link;
    free(p);
  }
}

Step vm_go(VM *vm, Goroutine *g, int n, uint32_t pc_after) {
  Value *at = g->stack + g->sp - n - 1;
  Closure *cl = at[0].as.p;
  if (!cl) {
    g->sp -= n + 1;
    vm_throw(vm, g, "go of nil func value");
    return STEP_RAISED;
  }
  Goroutine *ng = vm_gor_new(vm, cl->fn, cl, at + 1, n);
  g->sp -= n + 1;
  ng->creator = top(g)->fn;
  ng->creator_pc = pc_after;
  sched_add(vm->sched, ng, false);
  race_go(vm, g, ng);
  return sched_point(vm->sched, g) ? STEP_YIELD : STEP_OK; /* sched.h */
}

/* A goroutine started from scheduler context (time.AfterFunc's timer),
 * not by a go statement: it has no creating frame. */
void vm_spawn(VM *vm, Closure *fn, Value *args, int nargs) {
  Goroutine *ng = vm_gor_new(vm, fn->fn, fn, args, nargs);
  ng->creator = NULL;
  ng->creator_pc = 0;
  sched_add(vm->sched, ng, false);
  race_go(vm, NULL, ng);
}

/* Finishes the native that blocked at the top frame (g was woken), or
 * starts the body of `go native(...)`. */
static Step finish_native(VM *vm, Goroutine *g) {
  Frame f = *top(g);
  g->nframes--;
  return call_native(vm, g, f.fn, f.closure, f.base,
                     f.flags & ~(FRAME_NATIVE | FRAME_GO_NATIVE));
}

/* What g must do before the dispatch loop runs its top frame. */
Step vm_resume(VM *vm, Goroutine *g) {
  if (g->nframes > 0 && (top(g)->flags & FRAME_NATIVE) && !g->unwinding) {
    bool go = (top(g)->flags & FRAME_GO_NATIVE) != 0;
    Step s = finish_native(vm, g);
    if (go && s == STEP_OK) return STEP_GEXIT;
    if (s != STEP_OK) return s;
  }
  return g->unwinding ? STEP_UNWIND : STEP_OK;
}

/* --- panic, recover ------------------------------------------------------- */

/* Turns vm->pending into the next step. */
Step vm_raise(VM *vm, Goroutine *g) {
  Pending p = vm->pending;
  vm->pending = PEND_NONE;
  if (p == PEND_THROW || p == PEND_EXIT) {
    if (p == PEND_THROW) {
      vm_end_fatal(vm, g, vm->pend_msg);
    } else {
      vm_end_exit(vm, vm->pend_code);
    }
    return STEP_END;
  }
  PanicRec *r = xcalloc(1, sizeof *r);
  r->val = vm->pend_val;
  r->segv = vm->pend_segv;
  r->goexit = p == PEND_GOEXIT;
  r->defer_frame = r->defer_owner = -1;
  r->link = g->panic;
  g->panic = r;
  if (vm->opts.trace) trace_panic(vm->opts.trace, g, r->val, r->goexit);
  return STEP_UNWIND;
}

static PanicRec *panic_running(Goroutine *g, int frame) {
  for (PanicRec *p = g->panic; p; p = p->link)
    if (p->defer_frame == frame) return p;
  return NULL;
}

/* The next step of the newest panic: run the innermost pending deferred
 * call, or, with none left, end the goroutine (Goexit) or the program. */
Step vm_unwind(VM *vm, Goroutine *g) {
  PanicRec *p = g->panic;
  g->unwinding = false;
  for (int i = g->nframes - 1; i >= 0; i--) {
    Frame *f = &g->frames[i];
    if (f->defers) {
      p->defer_owner = i;
      p->defer_frame = g->nframes;
      return call_deferred(vm, g, i, FRAME_PANIC_DEFER);
    }
    if (f->flags & FRAME_PANIC_DEFER) {
      PanicRec *older = panic_running(g, i);
      if (older && older != p) older->aborted = true;
    }
    if (f->flags & FRAME_NESTED) return STEP_NESTED_PANIC;
  }
  if (p->goexit) return STEP_GEXIT;
  vm_end_panic(vm, g);
  return STEP_END;
}

/* Go's recovery: drop the recovered panic and the ones it aborted, cut
 * the stack back to the frame that deferred the call, and resume that
 * frame at its RUNDEFERS. */
static Step recovery(VM *vm, Goroutine *g, PanicRec *p) {
  (void)vm;
  int owner = p->defer_owner;
  g->panic = p->link;
  free(p);
  while (g->panic && g->panic->aborted) {
    PanicRec *a = g->panic;
    g->panic = a->link;
    free(a);
  }
  vm_cut_frames(g, owner + 1);
  Frame *f = top(g);
  f->pc = (uint32_t)f->fn->epilogue_pc;
  g->sp = f->base + f->fn->nlocals;
  return STEP_OK;
}

static Step panic_defer_done(VM *vm, Goroutine *g, int index) {
  PanicRec *p = panic_running(g, index);
  if (!p) return STEP_OK;
  p->defer_frame = -1;
  if (p->recovered) return recovery(vm, g, p);
  g->unwinding = true;
  return STEP_UNWIND;
}

/* recover(): only the deferred function itself (not what it calls), run
 * by the newest panic, gets the value.  A compiler-made wrapper between
 * the deferred call and the function does not count as a call. */
Value vm_recover(VM *vm, Goroutine *g) {
  (void)vm;
  Value nil = {{0}, NULL};
  PanicRec *p = g->panic;
  int i = g->nframes - 1;
  if (i > 0 && g->frames[i - 1].fn->wrapper &&
      (g->frames[i - 1].flags & FRAME_PANIC_DEFER))
    i--;
  if (!p || p->goexit || p->recovered || p->defer_frame != i) return nil;
  p->recovered = true;
  return p->val;
}
