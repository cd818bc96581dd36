/* gor.h - a goroutine: a heap-allocated fiber.
 *
 * A goroutine is a Value stack and a Frame stack on the heap, never a C
 * stack: the VM's dispatch loop (vm.c) runs one goroutine until it blocks,
 * yields or its quantum ends, then returns to the scheduler (sched.h).  So
 * 100,000 blocked goroutines cost a few hundred bytes each, and any
 * goroutine can block anywhere.
 *
 * Ownership: vm.c allocates and frees goroutines and their stacks; sched.c
 * links them into its queues through the schedlink/alllink fields and owns
 * the status, wait reason and park fields.  Either may add fields. */
#ifndef PANICROOM_ENGINE_GOR_H
#define PANICROOM_ENGINE_GOR_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/value.h"

struct Func;
struct DeferRec;  /* vm.c */
struct PanicRec;  /* vm.c */

typedef enum GStatus {
  G_RUNNABLE,
  G_RUNNING,
  G_WAITING, /* parked; wait_reason says on what */
  G_DEAD
} GStatus;

/* Frame.flags: how the frame was entered (vm.c sets them; traceback.c
 * may read them). */
enum {
  FRAME_RET_CLOSURE = 1 << 0, /* CALL: results go where the closure was */
  FRAME_DISCARD = 1 << 1,     /* results are dropped (deferred calls) */
  FRAME_DEFER = 1 << 2,       /* a deferred call run by RUNDEFERS */
  FRAME_PANIC_DEFER = 1 << 3, /* a deferred call run by a panic: Go prints
                               * "panic(...)" between it and the frame
                               * below */
  FRAME_NESTED = 1 << 4,      /* entered by vm_call_nested */
  FRAME_NATIVE = 1 << 5,      /* a native blocked here (fn->native; pc 0);
                               * args at base.  Only ever the top frame */
  FRAME_GO_NATIVE = 1 << 6    /* with FRAME_NATIVE: `go native(...)` */
};

typedef struct Frame {
  struct Func *fn;
  Closure *closure;  /* for upvalues; NULL for direct calls */
  uint32_t pc;       /* next instruction (saved when calling out): in a
                      * caller frame the return address, in the top frame
                      * of a running goroutine the word after the
                      * instruction that raised (line: pc - 1); in the top
                      * frame of a goroutine blocked in SEND/RECV/SELECT
                      * the instruction itself (line: pc), which runs
                      * again when woken.  A blocked native has a frame of
                      * its own on top (FRAME_NATIVE, pc 0). */
  int base;          /* index of slot 0 (first parameter) in the stack */
  struct DeferRec *defers; /* this frame's deferred calls, newest first */
  int flags;         /* FRAME_* */
} Frame;

/* What a waker leaves for a parked goroutine (see native.h: the blocked
 * operation is executed again with woken set and finishes from here). */
typedef struct ParkInfo {
  bool woken;
  Value val;     /* received value */
  bool ok;       /* comma-ok of a receive: false when closed */
  int index;     /* select: the case chosen */
  void *obj;     /* what it waits on (channel, sema address) */
  int64_t ticket; /* free for the waiting primitive */
} ParkInfo;

typedef struct Goroutine {
  int64_t id;               /* Go's goroutine number: main is 1 */
  GStatus status;
  const char *wait_reason;  /* Go's text: "chan receive", "semacquire",
                             * "chan send (nil chan)", "select", "sleep" */
  /* --- execution (vm.c) --- */
  Value *stack;
  int sp, stack_cap;
  Frame *frames;
  int nframes, frames_cap;
  struct PanicRec *panic;   /* innermost active panic, or NULL */
  bool goexit;              /* runtime.Goexit in progress */
  bool unwinding;           /* resume by running the next deferred call of
                             * the current panic (it blocked in one) */
  /* --- scheduling (sched.c) --- */
  struct Goroutine *schedlink; /* run queue or one wait queue */
  struct Goroutine *alllink;   /* every goroutine, in creation order */
  ParkInfo park;
  int64_t wake_at;          /* virtual ns, for sleep */
  int64_t waiting_since;    /* virtual ns when parked (Go prints "N
                             * minutes" in dumps after a minute) */
  int64_t prio;             /* STRAT_PCT's priority (sched.c) */
  /* --- where it was created, for "created by main.main" --- */
  struct Func *creator;
  uint32_t creator_pc;      /* the word after the GO instruction: its line
                             * is func_line(creator, creator_pc - 1) */
  struct Func *start_fn;    /* the function the go statement called */
  /* --- the VM's extras (vm_ops.c, race.c) --- */
  void *map_writing;        /* the MapObj whose write was switched out
                             * between its two phases (map.h), or NULL */
  int race_tid;             /* race detector thread + 1 (race.h); 0 when
                             * the detector is off */
  void *user;               /* free for the runner/trace */
} Goroutine;

#endif
