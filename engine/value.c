/* value.c - the VM heap and the operations every module needs on Values:
 * zero values, value-semantics copies, Go's == and map hashing.
 *
 * Main decision: everything is driven by the static Type (types.h).  A
 * Value carries a dynamic type only inside interface slots, so zeroing,
 * copying, comparing and hashing walk the Type and recurse into struct
 * fields and array elements; interfaces recurse with their dynamic type.
 * The heap is a plain list of objects freed all at once (no GC). */
#include "engine/value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/types.h"
#include "engine/vm.h"

/* --- heap ----------------------------------------------------------------- */

void heap_init(Heap *h, size_t limit) {
  h->objects = NULL;
  h->bytes = 0;
  h->limit = limit;
  h->over = false;
}

void heap_fini(Heap *h) {
  Obj *o = h->objects;
  while (o) {
    Obj *next = o->next;
    if (o->finalize) o->finalize(o);
    free(o);
    o = next;
  }
  h->objects = NULL;
  h->bytes = 0;
}

void heap_account(Heap *h, int64_t size) {
  if (size < 0 && (size_t)-size > h->bytes)
    h->bytes = 0;
  else
    h->bytes += (size_t)size;
  if (h->limit && h->bytes > h->limit) h->over = true;
}

Obj *heap_alloc(Heap *h, ObjKind kind, size_t size) {
  Obj *o = xcalloc(1, size);
  o->kind = kind;
  o->next = h->objects;
  h->objects = o;
  heap_account(h, (int64_t)size);
  return o;
}

/* --- strings and aggregates ----------------------------------------------- */

Value val_str(struct VM *vm, const char *s, size_t len) {
  Value v = {{0}, NULL};
  if (len == 0) return v;
  StrObj *o = (StrObj *)heap_alloc(vm_heap(vm), OBJ_STRING,
                                   sizeof(StrObj) + len + 1);
  o->len = (int64_t)len;
  memcpy(o->data, s, len);
  o->data[len] = '\0';
  v.as.p = o;
  return v;
}

AggObj *val_agg_new(struct VM *vm, int64_t n) {
  AggObj *a = (AggObj *)heap_alloc(vm_heap(vm), OBJ_AGG,
                                   sizeof(AggObj) + (size_t)n * sizeof(Value));
  a->n = n;
  return a;
}

/* Whether values of t need an object of their own (struct/array). */
static bool is_agg(Type *t) {
  if (!t) return false;
  TypeKind k = type_under(t)->kind;
  return k == TY_STRUCT || k == TY_ARRAY;
}

Value val_zero(struct VM *vm, struct Type *t) {
  Value v = {{0}, NULL};
  if (!is_agg(t)) return v;
  Type *u = type_under(t);
  if (u->kind == TY_STRUCT) {
    AggObj *a = val_agg_new(vm, u->nfields);
    for (int i = 0; i < u->nfields; i++)
      a->v[i] = val_zero(vm, u->fields[i].type);
    v.as.p = a;
  } else {
    AggObj *a = val_agg_new(vm, u->len);
    if (is_agg(u->elem))
      for (int64_t i = 0; i < u->len; i++) a->v[i] = val_zero(vm, u->elem);
    v.as.p = a;
  }
  return v;
}

Value val_copy(struct VM *vm, struct Type *t, Value v) {
  if (!is_agg(t) || !v.as.p) return v;
  Type *u = type_under(t);
  AggObj *src = v.as.p;
  AggObj *dst = val_agg_new(vm, src->n);
  if (u->kind == TY_STRUCT) {
    for (int64_t i = 0; i < src->n; i++)
      dst->v[i] = val_copy(vm, u->fields[i].type, src->v[i]);
  } else if (is_agg(u->elem)) {
    for (int64_t i = 0; i < src->n; i++)
      dst->v[i] = val_copy(vm, u->elem, src->v[i]);
  } else {
    memcpy(dst->v, src->v, (size_t)src->n * sizeof(Value));
  }
  Value r = v;
  r.as.p = dst;
  return r;
}

void val_copy_into(struct Type *t, Value dst, Value src) {
  AggObj *d = dst.as.p, *s = src.as.p;
  if (!d || !s || d == s || !is_agg(t)) return;
  Type *u = type_under(t);
  for (int64_t i = 0; i < s->n && i < d->n; i++) {
    Type *et = u->kind == TY_STRUCT ? u->fields[i].type : u->elem;
    if (is_agg(et) && d->v[i].as.p)
      val_copy_into(et, d->v[i], s->v[i]);
    else
      d->v[i] = s->v[i];
  }
}

Value val_slice_new(struct VM *vm, struct Type *slice_type, int64_t len,
                    int64_t cap) {
  Type *elem = slice_type ? type_under(slice_type)->elem : NULL;
  AggObj *arr = val_agg_new(vm, cap);
  if (is_agg(elem))
    for (int64_t i = 0; i < cap; i++) arr->v[i] = val_zero(vm, elem);
  SliceObj *s = (SliceObj *)heap_alloc(vm_heap(vm), OBJ_SLICE, sizeof *s);
  s->arr = arr;
  s->off = 0;
  s->len = len;
  s->cap = cap;
  Value v = {{0}, NULL};
  v.as.p = s;
  return v;
}

/* --- equality ------------------------------------------------------------- */

static bool str_equal(Value a, Value b) {
  int64_t n = val_str_len(a);
  return n == val_str_len(b) &&
         memcmp(val_str_data(a), val_str_data(b), (size_t)n) == 0;
}

static bool agg_equal(Type *u, Value a, Value b, Type **bad) {
  AggObj *x = a.as.p, *y = b.as.p;
  if (x == y) return true;
  if (!x || !y) return false;
  for (int64_t i = 0; i < x->n; i++) {
    Type *ft = u->kind == TY_STRUCT ? u->fields[i].type : u->elem;
    if (u->kind == TY_STRUCT && strcmp(u->fields[i].name, "_") == 0)
      continue; /* blank fields take no part in == */
    if (!val_equal(ft, x->v[i], y->v[i], bad)) return false;
  }
  return true;
}

bool val_equal(struct Type *t, Value a, Value b, struct Type **bad_type) {
  if (!t) return a.as.u == b.as.u;
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_FLOAT32:
  case TY_FLOAT64: return a.as.f == b.as.f;
  case TY_STRING: return str_equal(a, b);
  case TY_STRUCT:
  case TY_ARRAY: return agg_equal(u, a, b, bad_type);
  case TY_INTERFACE: {
    Type *dyn = a.t;
    if (dyn != b.t) return false; /* no panic: types differ */
    if (!dyn) return true;
    if (!type_comparable(dyn)) {
      if (bad_type) *bad_type = dyn;
      return false;
    }
    a.t = b.t = NULL;
    return val_equal(dyn, a, b, bad_type);
  }
  default: return a.as.u == b.as.u;
  }
}

/* --- hashing -------------------------------------------------------------- */

#define FNV_PRIME UINT64_C(0x100000001b3)

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * FNV_PRIME;
  return h;
}

static uint64_t fnv64(uint64_t h, uint64_t x) { return fnv(h, &x, sizeof x); }

static uint64_t hash_float(uint64_t h, double f) {
  if (f == 0) f = 0; /* -0 and +0 are equal keys */
  uint64_t bits;
  memcpy(&bits, &f, sizeof bits);
  return fnv64(h, bits);
}

static uint64_t hash_agg(Type *u, Value v, uint64_t h, Type **bad) {
  AggObj *a = v.as.p;
  if (!a) return h;
  for (int64_t i = 0; i < a->n; i++) {
    if (u->kind == TY_STRUCT && strcmp(u->fields[i].name, "_") == 0)
      continue;
    Type *ft = u->kind == TY_STRUCT ? u->fields[i].type : u->elem;
    h = val_hash(ft, a->v[i], h, bad);
  }
  return h;
}

uint64_t val_hash(struct Type *t, Value v, uint64_t seed,
                  struct Type **bad_type) {
  uint64_t h = seed ^ UINT64_C(0xcbf29ce484222325);
  if (!t) return fnv64(h, v.as.u);
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_FLOAT32:
  case TY_FLOAT64: return hash_float(h, v.as.f);
  case TY_STRING:
    return fnv(fnv64(h, (uint64_t)val_str_len(v)), val_str_data(v),
               (size_t)val_str_len(v));
  case TY_STRUCT:
  case TY_ARRAY: return hash_agg(u, v, h, bad_type);
  case TY_INTERFACE: {
    Type *dyn = v.t;
    if (!dyn) return h;
    if (!type_comparable(dyn)) {
      if (bad_type) *bad_type = dyn;
      return h;
    }
    v.t = NULL;
    return val_hash(dyn, v, fnv64(h, (uint64_t)(uintptr_t)dyn), bad_type);
  }
  default: return fnv64(h, v.as.u);
  }
}
