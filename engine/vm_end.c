/* vm_end.c - the scheduler loop, nested calls from C, and how a run ends
 * and what it prints.
 *
 * Main decision: every ending goes through one place (finish) that records
 * the VMEnd, exit status and first stderr line, and writes the whole crash
 * report with one vm_write, as Go prints it:
 *   panic       "panic: v [recovered]\n\tpanic: w\n" (oldest first, Go's
 *               printpanics), "[signal SIGSEGV...]" for nil dereferences,
 *               a blank line, then the panicking goroutine's stack
 *   fatal error "fatal error: msg\n\n" then every goroutine's stack
 *   deadlock    the fatal error "all goroutines are asleep - deadlock!"
 * Tracebacks come from traceback.c; the report always ends with exactly
 * one newline, like Go's. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/fmt.h"
#include "engine/race.h"
#include "engine/sched.h"
#include "engine/trace.h"
#include "engine/traceback.h"
#include "engine/types.h"
#include "engine/vm_int.h"

/* Go's nil dereference line; the pc differs per build in Go, so a fixed
 * one is as good as any. */
#define SIGSEGV_LINE \
  "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n"

/* The settling phase has no say in how the run ends: main returned, so
 * it is a normal exit whatever the leftover goroutines did. */
static void settle_done(VM *vm) {
  vm->settling = false;
  vm_end_exit(vm, 0);
}

static void finish(VM *vm, VMEnd end, int status, Buf *report) {
  if (vm->ended) return;
  if (vm->settling) {
    settle_done(vm);
    return;
  }
  vm->ended = true;
  vm->end = end;
  vm->status = status;
  free(vm->end_msg);
  if (report && report->len) {
    if (report->data[report->len - 1] != '\n') buf_putc(report, '\n');
    const char *nl = memchr(report->data, '\n', report->len);
    vm->end_msg = xstrndup(report->data, (size_t)(nl - report->data));
    vm_write(vm, 2, report->data, report->len);
  } else {
    vm->end_msg = xstrdup("");
  }
  if (vm->opts.trace) trace_end(vm->opts.trace, end, status, vm->end_msg);
}

/* A normal end: --leaks and --race have their say first (race: Go's
 * racefini turns status 0 into 66). */
void vm_end_exit(VM *vm, int code) {
  vm_leak_report(vm);
  if (!vm->ended) code = vm_race_exit_status(vm, code);
  finish(vm, VM_END_EXIT, code, NULL);
}

void vm_end_panic(VM *vm, Goroutine *g) {
  Buf b = BUF_INIT;
  int n = 0;
  for (PanicRec *p = g->panic; p; p = p->link) n++;
  PanicRec **chain = xmalloc((size_t)(n ? n : 1) * sizeof *chain);
  int i = n;
  for (PanicRec *p = g->panic; p; p = p->link) chain[--i] = p;
  bool segv = false;
  for (i = 0; i < n; i++) {
    PanicRec *p = chain[i];
    segv |= p->segv;
    if (i > 0 && !chain[i - 1]->goexit) buf_putc(&b, '\t');
    if (p->goexit) continue;
    buf_puts(&b, "panic: ");
    fmt_panic_value(vm, g, p->val, &b);
    if (p->recovered) buf_puts(&b, " [recovered]");
    buf_putc(&b, '\n');
  }
  free(chain);
  if (segv) buf_puts(&b, SIGSEGV_LINE);
  buf_putc(&b, '\n');
  traceback_goroutine(vm, g, &b);
  finish(vm, VM_END_PANIC, 2, &b);
  buf_fini(&b);
}

static void fatal_report(VM *vm, VMEnd end, Goroutine *first,
                         const char *msg) {
  Buf b = BUF_INIT;
  buf_printf(&b, "fatal error: %s\n\n", msg);
  traceback_all(vm, first ? first : vm->main_g, &b);
  finish(vm, end, 2, &b);
  buf_fini(&b);
}

void vm_end_fatal(VM *vm, Goroutine *g, const char *msg) {
  fatal_report(vm, VM_END_FATAL, g, msg);
}

void vm_end_deadlock(VM *vm) {
  if (vm->main_goexit) {
    Buf b = BUF_INIT;
    buf_puts(&b, "fatal error: no goroutines (main called runtime.Goexit) "
                 "- deadlock!\n");
    finish(vm, VM_END_DEADLOCK, 2, &b);
    buf_fini(&b);
    return;
  }
  fatal_report(vm, VM_END_DEADLOCK, vm->main_g,
               "all goroutines are asleep - deadlock!");
}

/* Out of memory is a fatal error in Go; running out of steps prints
 * nothing (the runner reports a timeout). */
void vm_end_other(VM *vm, VMEnd end, const char *msg) {
  if (end == VM_END_OOM) {
    fatal_report(vm, end, sched_current(vm->sched), "runtime: out of memory");
    return;
  }
  (void)msg;
  finish(vm, end, 2, NULL);
}

/* --- the scheduler loop --------------------------------------------------- */

/* Steps the others may run after main returned under --leaks: plenty for
 * a lesson-sized program to reach its next blocking point. */
#define SETTLE_STEPS INT64_C(2000000)

static void gor_exit(VM *vm, Goroutine *g) {
  bool goexit = g->panic && g->panic->goexit;
  if (g == vm->main_g && !goexit) {
    if (!vm->opts.leaks || sched_live_count(vm->sched) <= 1) {
      vm_end_exit(vm, 0); /* main returned: the others are abandoned */
      return;
    }
    vm->settling = true;
    vm->settle_until = vm->steps + SETTLE_STEPS;
  }
  if (g == vm->main_g && goexit) vm->main_goexit = true;
  sched_exit(vm->sched, g);
  vm_gor_free_stacks(g);
  if (g == vm->main_g) return; /* vm_free frees it */
  vm_race_forget(vm, g);
  sched_forget(vm->sched, g);
  free(g);
}

/* A throw or exit raised outside any goroutine (a timer callback). */
static void pending_outside(VM *vm) {
  if (vm->pending == PEND_THROW) vm_end_fatal(vm, NULL, vm->pend_msg);
  if (vm->pending == PEND_EXIT) vm_end_exit(vm, vm->pend_code);
  vm->pending = PEND_NONE;
}

static void run_slice(VM *vm, Goroutine *g) {
  Sched *s = vm->sched;
  int64_t q = sched_quantum(s, g), max = vm->opts.max_steps;
  if (max && q > max - vm->steps) q = max - vm->steps;
  int64_t left = q;
  ExecStop st = vm_exec(vm, g, &left, false);
  int64_t ran = q - (left > 0 ? left : 0);
  vm->steps += ran;
  sched_tick(s, ran);
  if (vm->ended) return;
  if (st == EXEC_QUANTUM || st == EXEC_YIELD) sched_gosched(s, g);
  if (st == EXEC_BLOCK) vm_gor_compact(g);
  if (st == EXEC_GEXIT) gor_exit(vm, g);
  if (!vm->ended && vm->heap.over) vm_end_other(vm, VM_END_OOM, NULL);
  if (!vm->ended && max && vm->steps >= max)
    vm_end_other(vm, VM_END_STEPS, NULL);
  if (!vm->ended && vm->settling && vm->steps >= vm->settle_until)
    settle_done(vm);
}

int vm_run(VM *vm) {
  Sched *s = vm->sched;
  vm->main_g = vm_gor_new(vm, vm->prog->entry, NULL, NULL, 0);
  sched_add(s, vm->main_g, true);
  race_go(vm, NULL, vm->main_g); /* --race: main's thread */
  while (!vm->ended) {
    Goroutine *g = sched_pick(s);
    if (vm->pending != PEND_NONE) pending_outside(vm);
    if (vm->ended) break;
    if (!g) {
      if (sched_idle(s) == IDLE_DEADLOCK) {
        if (vm->settling) settle_done(vm); /* the rest are all parked */
        else vm_end_deadlock(vm);
      }
      continue;
    }
    run_slice(vm, g);
  }
  return vm->status;
}

/* --- calls from C --------------------------------------------------------- */

struct Func *vm_find_method(struct Type *t, const char *name) {
  int lo = 0, hi = t ? t->nrtmethods : 0;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int c = strcmp(t->rtmethods[mid].name, name);
    if (c == 0) return t->rtmethods[mid].fn;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

/* Drives the callee of vm_call_nested from the Step of its invocation. */
static ExecStop nested_drive(VM *vm, Goroutine *g, Step s) {
  if (s == STEP_NESTED) return EXEC_NESTED_RET; /* a native: done */
  if (s == STEP_BLOCK) return EXEC_BLOCK;
  if (s == STEP_RAISED) {
    if (vm_raise(vm, g) != STEP_UNWIND) return EXEC_END;
    g->unwinding = true;
  } else if (s != STEP_OK) {
    return EXEC_END;
  }
  int64_t budget = INT64_MAX / 2;
  ExecStop st = vm_exec(vm, g, &budget, true);
  vm->steps += INT64_MAX / 2 - budget;
  return st;
}

int vm_call_nested(VM *vm, Goroutine *g, Closure *fn, Value *args, int nargs,
                   Value *res, int nres, Value *panicked) {
  int sp0 = g->sp, nf0 = g->nframes;
  PanicRec *p0 = g->panic;
  bool unw = g->unwinding;
  vm_stack_reserve(g, sp0 + nargs + 4);
  g->stack[sp0] = (Value){{.p = fn}, NULL};
  if (nargs)
    memcpy(g->stack + sp0 + 1, args, (size_t)nargs * sizeof(Value));
  g->sp = sp0 + 1 + nargs;
  g->unwinding = false;
  ExecStop st = nested_drive(
      vm, g, vm_invoke(vm, g, fn->fn, fn, sp0 + 1,
                       FRAME_RET_CLOSURE | FRAME_NESTED));
  if (vm->ended) return 2;
  int rc = 0;
  if (st == EXEC_NESTED_RET) {
    memcpy(res, g->stack + sp0, (size_t)nres * sizeof(Value));
  } else {
    rc = st == EXEC_NESTED_PANIC ? 1 : 2;
    if (rc == 1 && panicked) *panicked = g->panic->val;
    while (g->panic != p0) {
      PanicRec *p = g->panic;
      g->panic = p->link;
      free(p);
    }
    if (st == EXEC_BLOCK) g->status = G_RUNNING; /* not supported: undo */
  }
  vm_cut_frames(g, nf0);
  g->sp = sp0;
  g->unwinding = unw;
  return rc;
}

int vm_call_method0(VM *vm, Goroutine *g, Value recv, struct Func *m,
                    Value *res, Value *panicked) {
  Closure c;
  memset(&c, 0, sizeof c);
  c.fn = m;
  recv.t = NULL;
  return vm_call_nested(vm, g, &c, &recv, 1, res, 1, panicked);
}
