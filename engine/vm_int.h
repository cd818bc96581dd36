/* vm_int.h - the VM's private parts, shared by its files:
 *   vm.c       the dispatch loop and instruction helpers
 *   vm_ops.c   instructions with more logic (slices, strings, maps, ifaces)
 *   vm_call.c  frames, calls, natives, defers, panic/recover, goroutines
 *   vm_end.c   the scheduler loop and how a run ends, and what it prints
 * Nothing outside those files includes this header. */
#ifndef PANICROOM_ENGINE_VM_INT_H
#define PANICROOM_ENGINE_VM_INT_H

#include "base/buf.h"
#include "engine/vm.h"

/* A deferred call: the closure and its evaluated arguments (DEFER). */
typedef struct DeferRec {
  struct DeferRec *next;
  Closure *fn;
  int nargs;
  Value args[];
} DeferRec;

/* An active panic (Go's _panic).  Panics raised while a deferred call of
 * an older one runs are linked in front of it (g->panic is the newest). */
typedef struct PanicRec {
  struct PanicRec *link;
  Value val;
  bool recovered, aborted, goexit;
  bool segv;        /* a nil dereference: Go prints "[signal SIGSEGV...]" */
  int defer_frame;  /* index of the deferred call it runs, -1 if none */
  int defer_owner;  /* index of the frame that deferred that call */
} PanicRec;

/* A raise requested through vm_panic & co., handled by the dispatch loop
 * once the native (or instruction) that raised it has returned. */
typedef enum Pending {
  PEND_NONE,
  PEND_PANIC,
  PEND_THROW,
  PEND_EXIT,
  PEND_GOEXIT
} Pending;

struct VM {
  Program *prog;
  VMOptions opts;
  Heap heap;
  Sched *sched;
  Value *globals;
  Closure **funcvals;  /* FUNCVAL cache, by function index */
  int ngs;             /* goroutines created; the live ones are on the
                        * scheduler's list (sched_all), vm_free frees
                        * them, the dead ones are freed as they exit */
  Goroutine *main_g;
  int64_t steps;
  bool main_goexit;    /* main called runtime.Goexit */
  /* --leaks: after main returns, the other goroutines run on (output
   * dropped) until each has finished or parked, so a goroutine that had no
   * turn yet under this schedule is judged by what it would do, as it
   * would be on a real multi-core machine (vm_end.c). */
  bool settling;
  int64_t settle_until; /* step budget of the settling phase */
  /* pending raise */
  Pending pending;
  Value pend_val;
  bool pend_segv;
  char *pend_msg;      /* throw message, owned */
  int pend_code;
  /* how it ended */
  bool ended;
  VMEnd end;
  int status;
  char *end_msg;       /* first stderr line, owned */
  /* run --race (vm_race.c) */
  struct Race *race;   /* the detector, NULL without --race */
  struct RaceWho *race_gs; /* thread index -> goroutine */
  int race_capgs;
  int races;           /* reports printed */
  /* run --leaks (vm_leak.c) */
  struct LeakSites *leak_sites; /* where channels were made, or NULL */
  int leaks;           /* goroutines reported blocked at exit */
};

/* --race: who a detector thread is.  g is NULL once the goroutine has
 * finished and been freed: a report still names it ("Goroutine 6
 * (finished) created at:"), from the id kept here and the creation stack
 * the detector keeps. */
typedef struct RaceWho {
  int64_t id;
  Goroutine *g;
} RaceWho;

/* Why vm_exec returned. */
typedef enum ExecStop {
  EXEC_QUANTUM,      /* budget used up */
  EXEC_BLOCK,        /* parked */
  EXEC_YIELD,        /* Gosched */
  EXEC_GEXIT,        /* the goroutine finished (not main) */
  EXEC_END,          /* the program is over (vm->ended) */
  EXEC_NESTED_RET,   /* the vm_call_nested callee returned */
  EXEC_NESTED_PANIC  /* a panic left the vm_call_nested callee */
} ExecStop;

/* vm.c: runs g until it stops; *budget is decremented per instruction. */
ExecStop vm_exec(VM *vm, Goroutine *g, int64_t *budget, bool nested);

/* --- vm_call.c --- */
/* What a call/return/unwind step tells the dispatch loop. */
typedef enum Step {
  STEP_OK,      /* reload registers and go on */
  STEP_BLOCK,   /* g parked */
  STEP_YIELD,   /* g yields */
  STEP_RAISED,  /* vm->pending is set: call vm_raise */
  STEP_UNWIND,  /* take the next step of the current panic (vm_unwind) */
  STEP_GEXIT,   /* g's last frame returned */
  STEP_NESTED,  /* a FRAME_NESTED frame returned */
  STEP_NESTED_PANIC,
  STEP_END      /* the program ended */
} Step;

bool vm_stack_reserve(Goroutine *g, int need);
/* Calls fn (closure cl, may be NULL) with its arguments at
 * g->stack[argbase..]; flags are FRAME_* for the new frame. */
Step vm_invoke(VM *vm, Goroutine *g, struct Func *fn, Closure *cl,
               int argbase, int flags);
Step vm_return(VM *vm, Goroutine *g);
Step vm_rundefer(VM *vm, Goroutine *g);
void vm_defer(VM *vm, Goroutine *g, int n);
Step vm_go(VM *vm, Goroutine *g, int n, uint32_t pc_after);
Step vm_raise(VM *vm, Goroutine *g);
Step vm_unwind(VM *vm, Goroutine *g);
Value vm_recover(VM *vm, Goroutine *g);
Step vm_resume(VM *vm, Goroutine *g);
Goroutine *vm_gor_new(VM *vm, struct Func *fn, Closure *cl, const Value *args,
                      int nargs);
void vm_gor_free_stacks(Goroutine *g);
/* A goroutine that parked: frames and stack go back to its inline area
 * if they fit (see gor.h), releasing what its calls grew on the heap. */
void vm_gor_compact(Goroutine *g);
void vm_free_panics(Goroutine *g);
/* Drops frames n.. (and their pending deferred calls). */
void vm_cut_frames(Goroutine *g, int n);

/* --- vm_ops.c: instruction helpers; false = raised (vm->pending) --- */
bool vm_op_slice(VM *vm, Value **spp, int kind, int flags);
bool vm_op_append(VM *vm, Value **spp, Type *t, int n);
bool vm_op_appends(VM *vm, Value **spp, Type *t, int is_str);
void vm_op_copysl(Value **spp, int is_str);
bool vm_op_makeslice(VM *vm, Value **spp, Type *t);
Value vm_op_concat(VM *vm, const Value *v, int n);
int vm_op_strcmp(Value a, Value b);
Value vm_op_rune2str(VM *vm, int64_t r);
Value vm_op_bytes2str(VM *vm, Value s);
Value vm_op_str2bytes(VM *vm, Value s, Type *t);
Value vm_op_runes2str(VM *vm, Value s);
Value vm_op_str2runes(VM *vm, Value s, Type *t);
void vm_op_strnext(Value *sp);
bool vm_op_mapindex(VM *vm, Value *sp, Type *mt, bool two);
bool vm_op_mapset(VM *vm, Value m, Value k, Value v, Type *mt);
bool vm_op_mapdelete(VM *vm, Value m, Value k, Type *mt);
/* MAPSET/MAPDELETE from the dispatch loop: two-phase, see map.h. */
typedef enum MapStep {
  MAP_DONE,   /* written */
  MAP_RAISED, /* vm->pending */
  MAP_SWITCH  /* hashWriting is set and g must yield at the instruction,
               * which runs again to finish the write */
} MapStep;
MapStep vm_op_mapwrite(VM *vm, Goroutine *g, const Value *ops, Type *mt,
                       bool del, int64_t left);
Value vm_op_mapiter(VM *vm, Value m);
bool vm_op_mapnext(VM *vm, Value *sp);
bool vm_op_assert(VM *vm, Value *sp, Type *t, Type *s);
bool vm_op_asserti(VM *vm, Value *sp, Type *t, bool two, Type *s);
bool vm_op_istype(Value v, Type *t);
NatStatus vm_index_error(VM *vm, Goroutine *g, int64_t i, int64_t len);
NatStatus vm_nil_deref(VM *vm, Goroutine *g);
NatStatus vm_slice_error(VM *vm, const char *pre, const char *mid,
                         const char *post, const char *neg_tail, int64_t x,
                         int64_t y);
NatStatus vm_assert_error(VM *vm, const char *msg);
const char *vm_type_name(Type *t, Buf *tmp);
Value vm_string_value(VM *vm, const char *s);

/* The map a range iterator walks (for the race detector). */
void *vm_op_iter_map(Value iter);

/* --- vm_race.c: the VM side of race.h --- */
void vm_race_init(VM *vm);
void vm_race_fini(VM *vm);
/* g finished and is about to be freed: keep what reports need. */
void vm_race_forget(VM *vm, Goroutine *g);
/* RACE: checks the access of the instruction at ip (not yet run). */
void vm_race_op(VM *vm, Goroutine *g, const Frame *fr, const uint32_t *ip,
                const Value *sp, Value *slots);
/* Around a native call: edges of the sync natives and atomics.  pre
 * returns the first argument's pointer for post (the arguments are gone
 * by then); post runs after a successful return, results on the stack. */
const void *vm_race_native_pre(VM *vm, Goroutine *g, const struct Func *fn,
                               const Value *args);
void vm_race_native_post(VM *vm, Goroutine *g, const struct Func *fn,
                         const void *a0);
/* Go's racefini at a normal exit: "Found N data race(s)", status 66. */
int vm_race_exit_status(VM *vm, int code);

/* --- vm_leak.c: run --leaks --- */
void vm_leak_init(VM *vm);
void vm_leak_fini(VM *vm);
/* MAKECHAN: remembers where the channel was made. */
void vm_leak_note(VM *vm, const void *obj, const struct Func *fn,
                  uint32_t pc);
/* When main returns: reports every goroutine still blocked. */
void vm_leak_report(VM *vm);

/* --- vm_end.c --- */
void vm_end_panic(VM *vm, Goroutine *g);
void vm_end_fatal(VM *vm, Goroutine *g, const char *msg);
void vm_end_deadlock(VM *vm);
void vm_end_exit(VM *vm, int code);
void vm_end_other(VM *vm, VMEnd end, const char *msg);

#endif
