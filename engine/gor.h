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

typedef struct Frame {
  struct Func *fn;
  Closure *closure;  /* for upvalues; NULL for direct calls */
  uint32_t pc;       /* next instruction (saved when calling out) */
  int base;          /* index of slot 0 (first parameter) in the stack */
  struct DeferRec *defers; /* this frame's deferred calls, newest first */
  int flags;         /* vm.c private */
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
  /* --- scheduling (sched.c) --- */
  struct Goroutine *schedlink; /* run queue or one wait queue */
  struct Goroutine *alllink;   /* every goroutine, in creation order */
  ParkInfo park;
  int64_t wake_at;          /* virtual ns, for sleep */
  int64_t waiting_since;    /* virtual ns when parked (Go prints "N
                             * minutes" in dumps after a minute) */
  /* --- where it was created, for "created by main.main" --- */
  struct Func *creator;
  uint32_t creator_pc;
  struct Func *start_fn;    /* the function the go statement called */
  void *user;               /* free for the runner/trace */
} Goroutine;

#endif
