/* vm_err.c - raising panics, fatal errors and exits (vm.h), and building
 * Go's run-time error values.
 *
 * Main decision: raising only records the request in the VM (vm->pending)
 * and returns NAT_RAISED; the dispatch loop acts on it once the native or
 * instruction has returned.  So a native never sees its goroutine's frames
 * change under it.  Run-time errors are values of the prelude's runtime
 * types (errorString, plainError, boundsError, *TypeAssertionError) so
 * recover() gives what Go gives (%T prints runtime.boundsError); without
 * those types (unit tests) they fall back to plain strings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/types.h"
#include "engine/vm_int.h"

#define NIL_DEREF "invalid memory address or nil pointer dereference"

const char *vm_type_name(Type *t, Buf *tmp) {
  if (t->str) return t->str;
  buf_clear(tmp);
  type_write(t, NULL, tmp);
  return buf_cstr(tmp);
}

Value vm_string_value(VM *vm, const char *s) {
  return val_str(vm, s, strlen(s));
}

static Value boxed(VM *vm, Value v) {
  BoxObj *b = (BoxObj *)heap_alloc(&vm->heap, OBJ_BOX, sizeof *b);
  b->v = v;
  Value p = {{0}, NULL};
  p.as.ref = &b->v;
  return p;
}

/* A value of runtime type t (a string type, a struct{msg string} or a
 * pointer to one) carrying msg; a plain string when t is absent. */
static Value error_value(VM *vm, Type *t, const char *msg) {
  Value s = vm_string_value(vm, msg);
  if (!t) {
    s.t = types_basic(vm->prog->universe, TY_STRING);
    return s;
  }
  Type *u = type_under(t);
  Value v = s;
  if (u->kind == TY_STRUCT || u->kind == TY_POINTER) {
    AggObj *a = val_agg_new(vm, 1);
    a->v[0] = s;
    v.as.p = a;
    if (u->kind == TY_POINTER) v = boxed(vm, v);
  }
  v.t = t;
  return v;
}

NatStatus vm_panic(VM *vm, Goroutine *g, Value v) {
  (void)g;
  if (vm->pending != PEND_NONE) return NAT_RAISED; /* the first one wins */
  vm->pending = PEND_PANIC;
  vm->pend_val = v;
  vm->pend_segv = false;
  return NAT_RAISED;
}

NatStatus vm_panic_plain(VM *vm, Goroutine *g, const char *msg) {
  return vm_panic(vm, g, error_value(vm, vm->prog->rt_plain_error, msg));
}

/* "runtime error: " + msg when there is no runtime.errorString to add it
 * through its Error method. */
static Value runtime_error_value(VM *vm, Type *t, const char *msg) {
  if (t) return error_value(vm, t, msg);
  char *full = xmalloc(strlen(msg) + 16);
  sprintf(full, "runtime error: %s", msg);
  Value v = error_value(vm, NULL, full);
  free(full);
  return v;
}

NatStatus vm_runtime_error(VM *vm, Goroutine *g, const char *fmt, ...) {
  Buf b = BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  Value v = runtime_error_value(vm, vm->prog->rt_error_string, buf_cstr(&b));
  bool segv = strcmp(buf_cstr(&b), NIL_DEREF) == 0;
  buf_fini(&b);
  NatStatus st = vm_panic(vm, g, v);
  if (vm->pending == PEND_PANIC && vm->pend_val.as.p == v.as.p)
    vm->pend_segv = segv;
  return st;
}

NatStatus vm_nil_deref(VM *vm, Goroutine *g) {
  return vm_runtime_error(vm, g, NIL_DEREF);
}

static NatStatus bounds_error(VM *vm, Goroutine *g, const char *msg) {
  return vm_panic(vm, g,
                  runtime_error_value(vm, vm->prog->rt_bounds_error, msg));
}

NatStatus vm_index_error(VM *vm, Goroutine *g, int64_t i, int64_t len) {
  char msg[96];
  if (i < 0)
    snprintf(msg, sizeof msg, "index out of range [%lld]", (long long)i);
  else
    snprintf(msg, sizeof msg, "index out of range [%lld] with length %lld",
             (long long)i, (long long)len);
  return bounds_error(vm, g, msg);
}

/* Go's boundsError for slicing (runtime/error.go): "[" pre x mid y post,
 * or "[" pre x neg_tail when x is negative (y is then not shown). */
NatStatus vm_slice_error(VM *vm, const char *pre, const char *mid,
                         const char *post, const char *neg_tail, int64_t x,
                         int64_t y) {
  char msg[160];
  if (x < 0)
    snprintf(msg, sizeof msg, "slice bounds out of range [%s%lld%s", pre,
             (long long)x, neg_tail);
  else
    snprintf(msg, sizeof msg, "slice bounds out of range [%s%lld%s%lld%s",
             pre, (long long)x, mid, (long long)y, post);
  return bounds_error(vm, NULL, msg);
}

NatStatus vm_assert_error(VM *vm, const char *msg) {
  return vm_panic(vm, NULL,
                  error_value(vm, vm->prog->rt_type_assertion_error, msg));
}

NatStatus vm_throw(VM *vm, Goroutine *g, const char *msg) {
  (void)g;
  if (vm->pending == PEND_THROW || vm->pending == PEND_EXIT)
    return NAT_RAISED;
  vm->pending = PEND_THROW;
  free(vm->pend_msg);
  vm->pend_msg = xstrdup(msg);
  return NAT_RAISED;
}

NatStatus vm_exit(VM *vm, int code) {
  if (vm->pending == PEND_THROW || vm->pending == PEND_EXIT)
    return NAT_RAISED;
  vm->pending = PEND_EXIT;
  vm->pend_code = code;
  return NAT_RAISED;
}

NatStatus vm_goexit(VM *vm, Goroutine *g) {
  (void)g;
  if (vm->pending != PEND_NONE) return NAT_RAISED;
  vm->pending = PEND_GOEXIT;
  vm->pend_val = (Value){{0}, NULL};
  vm->pend_segv = false;
  return NAT_RAISED;
}

static NatStatus nat_goexit(VM *vm, Goroutine *g, Value *args, Value *res) {
  (void)args, (void)res;
  return vm_goexit(vm, g);
}

const NativeEntry natives_vm[] = {
    {"runtime.Goexit", nat_goexit},
    {NULL, NULL},
};
