/* vm.h - the bytecode VM: runs a Program's goroutines to the end and
 * produces Go's output and exit status.
 *
 * The dispatch loop (vm.c) executes one goroutine at a time for at most
 * its quantum, on that goroutine's own heap stacks (gor.h), and returns to
 * the scheduler whenever it blocks.  Go calls never recurse in C.
 *
 * How a run ends, exactly as Go ends it:
 *   main returns            exit 0 (other goroutines are abandoned)
 *   os.Exit(n)              exit n, deferred calls do not run
 *   unrecovered panic       "panic: <value>" [+ " [recovered]" chain],
 *                           blank line, the panicking goroutine's stack,
 *                           exit 2
 *   fatal error (throw)     "fatal error: <msg>", blank line, every
 *                           goroutine's stack, exit 2; deferred calls do not
 *                           run and recover() cannot catch it
 *   deadlock                "fatal error: all goroutines are asleep -
 *                           deadlock!", every goroutine, exit 2
 * Program output goes through VMOptions.write (default: straight to fd 1
 * and 2, unbuffered, like Go's os.Stdout). */
#ifndef PANICROOM_ENGINE_VM_H
#define PANICROOM_ENGINE_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "engine/gor.h"
#include "engine/native.h"
#include "engine/program.h"
#include "engine/sched.h"
#include "engine/value.h"

struct Trace;

/* How the run ended (the runner turns this into a verdict). */
typedef enum VMEnd {
  VM_END_EXIT = 0,   /* main returned or os.Exit */
  VM_END_PANIC,      /* unrecovered panic */
  VM_END_FATAL,      /* runtime throw (fatal error: ...) */
  VM_END_DEADLOCK,   /* all goroutines are asleep */
  VM_END_STEPS,      /* max_steps reached (a `timeout` verdict) */
  VM_END_OOM         /* heap limit reached */
} VMEnd;

typedef void (*VMWriteFn)(void *ctx, int fd, const char *p, size_t n);

typedef struct VMOptions {
  uint64_t seed;
  Strategy strategy;
  int64_t max_steps;   /* 0 = unlimited */
  size_t mem_limit;    /* heap bytes; 0 = unlimited */
  VMWriteFn write;     /* NULL: write(2) to fd 1 / 2 */
  void *write_ctx;
  int argc;            /* os.Args (argv[0] is the program name) */
  char **argv;
  int pct_depth;       /* STRAT_PCT: the bug depth d it targets (d - 1
                        * priority change points); 0 = the scheduler's
                        * default.  Ignored by the other strategies. */
  /* Replay and trace (sched.h, trace.h); all borrowed, zero = off. */
  int64_t pct_steps;   /* PCT's k, the steps it spreads change points
                        * over; 0 = SCHED_PCT_DEFAULT_STEPS */
  const uint8_t *replay; /* choice list to follow (SchedToken.choices) */
  size_t nreplay;
  Buf *record;         /* receives every choice made (sched_configure) */
  struct Trace *trace; /* the event trace, attached by vm_new */
  bool race;           /* run --race: report data races (race.h); the
                        * Program must be compiled with
                        * CompileOptions.race for memory accesses */
  bool leaks;          /* run --leaks: report goroutines still blocked
                        * when main returns */
  SchedChooseHook choose_hook; /* an explorer makes the choices
                                * (sched.h); NULL: the strategy does */
  void *choose_ctx;
} VMOptions;

typedef struct VM VM;

/* The VM borrows prog, which must outlive it. */
VM *vm_new(Program *prog, const VMOptions *opts);
void vm_free(VM *vm);
/* Runs to the end; returns the exit status (0, 2, n of os.Exit). */
int vm_run(VM *vm);
VMEnd vm_end(const VM *vm);
/* First line of the crash as printed ("panic: send on closed channel"),
 * empty if the program exited normally.  Owned by the VM. */
const char *vm_end_message(const VM *vm);

/* Accessors for the other runtime modules. */
Sched *vm_sched(VM *vm);
const VMOptions *vm_options(const VM *vm);
struct Trace *vm_trace(const VM *vm); /* NULL when not tracing */
Heap *vm_heap(VM *vm);
Program *vm_program(VM *vm);
void vm_write(VM *vm, int fd, const char *p, size_t n);
/* os.Args: the VMOptions argc/argv the VM was made with (argv borrowed). */
int vm_args(VM *vm, char ***argv);

/* --- raising, for natives and runtime modules (all return NAT_RAISED) ---
 * vm_panic: panic(v) with an interface value (v.t is the dynamic type).
 * vm_panic_plain: a runtime.Error whose Error() is msg ("send on closed
 *   channel", "assignment to entry in nil map").
 * vm_runtime_error: a runtime.Error printed "runtime error: <msg>"
 *   ("index out of range [5] with length 3", "integer divide by zero",
 *   "invalid memory address or nil pointer dereference"; the last also
 *   prints Go's "[signal SIGSEGV: ...]" line).
 * vm_throw: fatal error, unrecoverable ("sync: unlock of unlocked mutex",
 *   "concurrent map writes").
 * vm_exit: os.Exit(code). */
NatStatus vm_panic(VM *vm, Goroutine *g, Value v);
NatStatus vm_panic_plain(VM *vm, Goroutine *g, const char *msg);
NatStatus vm_runtime_error(VM *vm, Goroutine *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
NatStatus vm_throw(VM *vm, Goroutine *g, const char *msg);
NatStatus vm_exit(VM *vm, int code);
/* runtime.Goexit: runs g's deferred calls, then ends g (recover() returns
 * nil meanwhile).  When main does it, the program goes on until the other
 * goroutines are done, then dies "no goroutines (main called
 * runtime.Goexit) - deadlock!". */
NatStatus vm_goexit(VM *vm, Goroutine *g);

/* Statistics for engine_run: instructions executed, goroutines created
 * (main included). */
int64_t vm_steps(const VM *vm);
int vm_goroutines(const VM *vm);
/* --race: data races reported; --leaks: goroutines reported blocked when
 * main returned. */
int vm_races(const VM *vm);
int vm_leaks(const VM *vm);

/* Starts a new goroutine running fn(args...) (nargs values, copied), as
 * a go statement would, from C code that runs outside any goroutine: the
 * time package's timer callbacks (AfterFunc's f runs "in its own
 * goroutine", Go's time.goFunc).  The goroutine is made runnable through
 * sched_add. */
void vm_spawn(VM *vm, Closure *fn, Value *args, int nargs);

/* Calls a Go function value (Closure) from C on g's stack and runs it to
 * its return in a nested dispatch loop.  Only for callbacks that must not
 * block (String()/Error() from fmt).  Returns 0 on return (results in
 * res), 1 if it panicked (the panic value in *panicked; the panic is
 * consumed), 2 if it tried to block (not supported; reported by caller). */
int vm_call_nested(VM *vm, Goroutine *g, Closure *fn, Value *args, int nargs,
                   Value *res, int nres, Value *panicked);
/* Looks up method `name` in the dynamic type t's run-time method table
 * (types.h RtMethod).  NULL if absent. */
struct Func *vm_find_method(struct Type *t, const char *name);
/* Convenience: calls the method on an interface value with no arguments
 * and one result (String, Error).  Same return codes as vm_call_nested. */
int vm_call_method0(VM *vm, Goroutine *g, Value recv, struct Func *m,
                    Value *res, Value *panicked);

#endif
