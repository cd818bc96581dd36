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
  Value val;      /* received value; a plain send's offered value while
                   * it waits (chan.c) */
  void *obj;      /* what it waits on (channel, sema address) */
  int64_t ticket; /* free for the waiting primitive */
  int32_t index;  /* select: the case chosen */
  bool woken;
  bool ok;        /* comma-ok of a receive: false when closed */
} ParkInfo;

/* A goroutine waiting on a channel, in that channel's send or receive
 * queue (Go's sudog).  chan.c owns them: a plain send or receive uses the
 * one inside its goroutine (embedded: no allocation; its goroutine is the
 * one around it, its channel g->park.obj, its offered value g->park.val);
 * a select allocates one per case with room for all that, linked in a
 * ring (chan.c's SelSudog). */
typedef struct Sudog {
  struct Sudog *prev, *next;
  int32_t index;     /* select case, 0 for a plain send/receive */
  bool in_sendq;
  bool embedded;     /* g->sudog, not part of a select */
} Sudog;

/* A goroutine is one allocation (vm_gor_new): this header, then an inline
 * area of GOR_INLINE_FRAMES Frames (vm_call.c) and istack_cap Values
 * sized for its start function, where frames and stack live until a call
 * outgrows them and they move to the heap.  A goroutine that parks with
 * few frames moves back (vm_gor_compact), so 100,000 blocked goroutines
 * cost one allocation each.  Fields are ordered for packing; int32 where
 * 64 bits are never needed. */
typedef struct Goroutine {
  int64_t id;               /* Go's goroutine number: main is 1 */
  uint8_t status;           /* GStatus, in a byte to pack the flags */
  bool goexit;              /* runtime.Goexit in progress */
  bool unwinding;           /* resume by running the next deferred call of
                             * the current panic (it blocked in one) */
  int32_t istack_cap;       /* the inline area's Values; 0 when the
                             * goroutine was not made by vm_gor_new (unit
                             * tests' fakes): no inline area */
  /* --- execution (vm.c) --- */
  int32_t sp, stack_cap;
  int32_t nframes, frames_cap;
  Value *stack;             /* in the inline area, or malloc'd */
  Frame *frames;            /* likewise */
  struct PanicRec *panic;   /* innermost active panic, or NULL */
  const char *wait_reason;  /* Go's text: "chan receive", "semacquire",
                             * "chan send (nil chan)", "select", "sleep" */
  /* --- scheduling (sched.c) --- */
  struct Goroutine *schedlink; /* run queue or one wait queue */
  struct Goroutine *alllink;   /* every live goroutine, in creation
                                * order (sched_all) */
  struct Goroutine *allprev;   /* so an exiting one unlinks in O(1) */
  ParkInfo park;
  int64_t waiting_since;    /* virtual ns when parked (Go prints "N
                             * minutes" in dumps after a minute) */
  int64_t prio;             /* STRAT_PCT's priority (sched.c) */
  /* --- where it was created, for "created by main.main" --- */
  struct Func *creator;
  uint32_t creator_pc;      /* the word after the GO instruction: its line
                             * is func_line(creator, creator_pc - 1) */
  /* --- the VM's extras (vm_ops.c, race.c) --- */
  int32_t race_tid;         /* race detector thread + 1 (race.h); 0 when
                             * the detector is off */
  void *map_writing;        /* the MapObj whose write was switched out
                             * between its two phases (map.h), or NULL */
  Sudog sudog;              /* chan.c: a plain send/receive's wait */
} Goroutine;

#endif
