/* native.h - functions of the Go prelude that are implemented in C.
 *
 * The standard packages of the subset are Go source in engine/prelude/.
 * A function declared there without a body (as Go declares functions
 * implemented in assembly) is bound by the compiler to the C function
 * registered under its Go symbol name ("time.Sleep", "fmt.Sprintf",
 * "sync.(*Mutex).Lock").  A missing native is a panicroom bug, reported
 * when the prelude is compiled.
 *
 * Calling convention: args[] holds the parameters (receiver first; a
 * variadic parameter is one slice Value; interface parameters carry their
 * dynamic type in Value.t); the native writes each result to res[i].
 *
 * Blocking: a native that must wait parks the goroutine (sched_park) and
 * returns NAT_BLOCK.  When the goroutine is woken, the VM calls the same
 * native again with the same arguments and g->park.woken set; the native
 * then finishes from what its waker left in g->park, or parks again.  So
 * natives never hold C stack across a block, and any goroutine can block
 * anywhere. */
#ifndef PANICROOM_ENGINE_NATIVE_H
#define PANICROOM_ENGINE_NATIVE_H

#include "engine/value.h"

struct VM;
struct Goroutine;

typedef enum NatStatus {
  NAT_OK = 0,  /* results written */
  NAT_BLOCK,   /* goroutine parked; call again when woken */
  NAT_YIELD,   /* done, results written; let others run (Gosched) */
  NAT_RAISED,  /* a panic, fatal error or exit was raised through vm.h
                * (vm_panic*, vm_throw, vm_exit); the VM takes over */
} NatStatus;

typedef NatStatus (*NativeFn)(struct VM *vm, struct Goroutine *g,
                              Value *args, Value *res);

typedef struct NativeEntry {
  const char *name;
  NativeFn fn;
} NativeEntry;

/* Tables, each ended by {NULL, NULL}, one per module that has natives. */
extern const NativeEntry natives_fmt[];    /* fmt.c */
extern const NativeEntry natives_lib[];    /* lib.c: strings, strconv,
                                            * sort, errors, os, math */
extern const NativeEntry natives_sched[];  /* sched.c, sync.c: time,
                                            * sync, runtime */
extern const NativeEntry natives_vm[];     /* vm_err.c: runtime.Goexit */

/* Looks a name up in all tables; NULL if none. */
NativeFn native_lookup(const char *name);

#endif
