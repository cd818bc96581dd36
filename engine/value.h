/* value.h - run-time values and heap objects of the VM.
 *
 * A Value is 16 bytes: an 8-byte payload and a Type pointer.  The Type is
 * meaningful only in a slot whose static type is an interface: there it is
 * the dynamic type (NULL = nil interface), so converting to an interface
 * is one store and fmt can print any `any` argument.  In every other slot
 * the compiler knows the type statically and `t` is left NULL.
 *
 * Payload by (underlying) kind:
 *   bool, ints, uintptr   as.i / as.u (sized ints kept sign/zero-extended
 *                         to 64 bits after every operation)
 *   float32, float64      as.f (float32 rounded through (float))
 *   string                as.p = StrObj*, or NULL for ""
 *   struct, array         as.p = AggObj* (value semantics: the compiler
 *                         emits a copy wherever Go copies)
 *   slice                 as.p = SliceObj* (immutable header), NULL = nil
 *   map                   as.p = MapObj*, NULL = nil map
 *   chan                  as.p = ChanObj*, NULL = nil channel
 *   func                  as.p = Closure*, NULL = nil func
 *   pointer               as.ref = the Value slot pointed to, NULL = nil.
 *                         &x boxes x (BoxObj); &s.f points into an AggObj;
 *                         &a[i] into an array's elements.  A *T always
 *                         points to the slot that holds the T.
 *
 * Memory: every object is allocated by heap_alloc() and linked into the
 * VM's heap list; nothing is freed before the VM is freed (no GC yet: the
 * programs we run are short, and the runner's memory limit turns a runaway
 * into an `oom` verdict).  heap_alloc counts bytes so the VM can report
 * "fatal error: runtime: out of memory" itself before the rlimit hits:
 * past the limit it still allocates (so no caller ever sees NULL) but sets
 * Heap.over, and the VM ends the run at its next check. */
#ifndef PANICROOM_ENGINE_VALUE_H
#define PANICROOM_ENGINE_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct Type;
struct VM;
struct Func;

typedef struct Value {
  union {
    int64_t i;
    uint64_t u;
    double f;
    void *p;
    struct Value *ref;
  } as;
  struct Type *t;
} Value;

typedef enum ObjKind {
  OBJ_STRING,
  OBJ_AGG,     /* struct fields or array elements */
  OBJ_SLICE,
  OBJ_MAP,
  OBJ_CHAN,
  OBJ_CLOSURE,
  OBJ_BOX,
  OBJ_OTHER    /* iterators, timers, ... owned by their module */
} ObjKind;

typedef struct Obj {
  struct Obj *next; /* the heap list */
  ObjKind kind;
  void (*finalize)(struct Obj *); /* frees what the object owns outside
                                   * the heap (may be NULL) */
} Obj;

typedef struct StrObj {
  Obj h;
  int64_t len;
  char data[]; /* NUL-terminated for convenience; len excludes the NUL */
} StrObj;

typedef struct AggObj {
  Obj h;
  int64_t n;
  Value v[];
} AggObj;

typedef struct SliceObj {
  Obj h;
  AggObj *arr;
  int64_t off, len, cap;
} SliceObj;

typedef struct BoxObj {
  Obj h;
  Value v;
} BoxObj;

typedef struct Closure {
  Obj h;
  struct Func *fn;
  int nup;
  Value *up[]; /* each points to a captured variable's slot (a BoxObj's v,
                * or a bound receiver's box for method values) */
} Closure;

/* The heap: owned by the VM. */
typedef struct Heap {
  Obj *objects;
  size_t bytes;
  size_t limit; /* 0 = unlimited; exceeding it is a Go "out of memory" */
  bool over;    /* set once bytes exceeded limit */
} Heap;

void heap_init(Heap *h, size_t limit);
void heap_fini(Heap *h); /* frees every object */
/* Zeroed object of size bytes (header included); never NULL.  Past the
 * limit it sets h->over (the VM raises "out of memory" at its next check). */
Obj *heap_alloc(Heap *h, ObjKind kind, size_t size);
/* Counts size bytes the owner of an object allocated outside the heap
 * (map tables, channel buffers) against the limit; negative releases. */
void heap_account(Heap *h, int64_t size);

/* --- strings --- */
Value val_str(struct VM *vm, const char *s, size_t len);
static inline int64_t val_str_len(Value v) {
  return v.as.p ? ((StrObj *)v.as.p)->len : 0;
}
static inline const char *val_str_data(Value v) {
  return v.as.p ? ((StrObj *)v.as.p)->data : "";
}

/* --- aggregates and slices --- */
AggObj *val_agg_new(struct VM *vm, int64_t n);
/* Zero value of any type (allocates for struct/array). */
Value val_zero(struct VM *vm, struct Type *t);
/* Deep copy for value semantics: copies struct/array objects recursively
 * (not what pointers, slices, maps point to).  Other kinds: returned as is. */
Value val_copy(struct VM *vm, struct Type *t, Value v);
/* Assignment of an aggregate into an existing one: src's fields/elements
 * (src is already a copy) are stored into dst's own objects, nested
 * aggregates recursively, so `q := &s.f; s = T{...}` leaves q pointing
 * at the new s.f, as in Go. */
void val_copy_into(struct Type *t, Value dst, Value src);
Value val_slice_new(struct VM *vm, struct Type *slice_type, int64_t len,
                    int64_t cap);
static inline int64_t val_slice_len(Value v) {
  return v.as.p ? ((SliceObj *)v.as.p)->len : 0;
}
static inline Value *val_slice_at(Value v, int64_t i) {
  SliceObj *s = v.as.p;
  return &s->arr->v[s->off + i];
}

/* --- comparison and hashing (for ==, maps, switch) --- */
/* Go's == for values of type t.  For interfaces compares dynamic types and
 * values; sets *bad_type to the uncomparable dynamic type (the caller
 * panics "runtime error: comparing uncomparable type []int") */
bool val_equal(struct Type *t, Value a, Value b, struct Type **bad_type);
uint64_t val_hash(struct Type *t, Value v, uint64_t seed,
                  struct Type **bad_type);

#endif
