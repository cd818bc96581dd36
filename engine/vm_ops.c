/* vm_ops.c - the instructions with more logic than fits in a dispatch
 * case: slicing and append (with Go's growth and size classes, since
 * learners print cap()), strings and runes, maps, type assertions.
 *
 * Helpers that can fail raise through vm_err.c (vm->pending) and return
 * false; the dispatch loop then unwinds.  Those taking Value **spp pop
 * their operands and push their result themselves. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/chan.h"
#include "engine/lex.h"
#include "engine/map.h"
#include "engine/sched.h"
#include "engine/types.h"
#include "engine/vm_int.h"

/* --- Go's sizes, for append's capacity growth ----------------------------- */

static int64_t go_align(Type *t);

static int64_t go_size(Type *t) {
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_BOOL: case TY_INT8: case TY_UINT8: return 1;
  case TY_INT16: case TY_UINT16: return 2;
  case TY_INT32: case TY_UINT32: case TY_FLOAT32: return 4;
  case TY_STRING: case TY_INTERFACE: return 16;
  case TY_SLICE: return 24;
  case TY_ARRAY: return u->len * go_size(u->elem);
  case TY_STRUCT: {
    int64_t off = 0, al = 1;
    for (int i = 0; i < u->nfields; i++) {
      int64_t a = go_align(u->fields[i].type);
      if (a > al) al = a;
      off = (off + a - 1) / a * a + go_size(u->fields[i].type);
    }
    return (off + al - 1) / al * al;
  }
  default: return 8;
  }
}

static int64_t go_align(Type *t) {
  Type *u = type_under(t);
  if (u->kind == TY_ARRAY) return go_align(u->elem);
  if (u->kind == TY_STRUCT) {
    int64_t al = 1;
    for (int i = 0; i < u->nfields; i++) {
      int64_t a = go_align(u->fields[i].type);
      if (a > al) al = a;
    }
    return al;
  }
  int64_t s = go_size(t);
  return s >= 8 ? 8 : s;
}

static const int size_classes[] = {
    8,     16,    24,    32,    48,    64,    80,    96,    112,   128,
    144,   160,   176,   192,   208,   224,   240,   256,   288,   320,
    352,   384,   416,   448,   480,   512,   576,   640,   704,   768,
    896,   1024,  1152,  1280,  1408,  1536,  1792,  2048,  2304,  2688,
    3072,  3200,  3456,  4096,  4864,  5376,  6144,  6528,  6784,  6912,
    8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384, 18432,
    19072, 20480, 21760, 24576, 27264, 28672, 32768};

static int64_t roundupsize(int64_t size) {
  if (size <= 32768) {
    for (size_t i = 0; i < sizeof size_classes / sizeof *size_classes; i++)
      if (size <= size_classes[i]) return size_classes[i];
  }
  return (size + 8191) / 8192 * 8192;
}

/* Go 1.19's growslice: the new capacity for needing `need` elements. */
static int64_t grow_cap(Type *elem, int64_t old, int64_t need) {
  int64_t cap = old, dbl = old + old;
  if (need > dbl) {
    cap = need;
  } else if (old < 256) {
    cap = dbl;
  } else {
    while (0 < cap && cap < need) cap += (cap + 3 * 256) / 4;
    if (cap <= 0) cap = need;
  }
  int64_t es = elem ? go_size(elem) : 8;
  if (es == 0) return need;
  return roundupsize(cap * es) / es;
}

/* --- slices --------------------------------------------------------------- */

static Value slice_value(VM *vm, AggObj *arr, int64_t off, int64_t len,
                         int64_t cap) {
  SliceObj *s = (SliceObj *)heap_alloc(&vm->heap, OBJ_SLICE, sizeof *s);
  s->arr = arr;
  s->off = off;
  s->len = len;
  s->cap = cap;
  Value v = {{0}, NULL};
  v.as.p = s;
  return v;
}

/* Go's checks in Go's order (cmd/compile ssagen): the last index against
 * the capacity (length for strings and arrays), then each index against
 * the next. */
static bool slice_check(VM *vm, bool three, bool by_len, int64_t lo,
                        int64_t hi, int64_t max, int64_t cap) {
  const char *with = by_len ? "] with length " : "] with capacity ";
  if (three) {
    if ((uint64_t)max > (uint64_t)cap)
      return vm_slice_error(vm, "::", with, "", "]", max, cap), false;
    if ((uint64_t)hi > (uint64_t)max)
      return vm_slice_error(vm, ":", ":", "]", ":]", hi, max), false;
    if ((uint64_t)lo > (uint64_t)hi)
      return vm_slice_error(vm, "", ":", ":]", "::]", lo, hi), false;
    return true;
  }
  if ((uint64_t)hi > (uint64_t)cap)
    return vm_slice_error(vm, ":", with, "", "]", hi, cap), false;
  if ((uint64_t)lo > (uint64_t)hi)
    return vm_slice_error(vm, "", ":", "]", ":]", lo, hi), false;
  return true;
}

bool vm_op_slice(VM *vm, Value **spp, int kind, int flags) {
  Value *sp = *spp;
  int nidx = (flags & 1) + ((flags >> 1) & 1) + ((flags >> 2) & 1);
  Value *idx = sp - nidx, x = sp[-nidx - 1];
  int k = 0;
  int64_t lo = (flags & 1) ? idx[k++].as.i : 0;
  bool has_hi = flags & 2, has_max = flags & 4;
  int64_t hi_v = has_hi ? idx[k++].as.i : 0;
  int64_t max_v = has_max ? idx[k++].as.i : 0;
  AggObj *arr = NULL;
  int64_t off = 0, len, cap;
  if (kind == 1) {
    len = cap = val_str_len(x);
  } else if (kind == 0) {
    SliceObj *s = x.as.p;
    len = s ? s->len : 0;
    cap = s ? s->cap : 0;
    arr = s ? s->arr : NULL;
    off = s ? s->off : 0;
  } else {
    if (kind == 3 && !x.as.ref) return vm_nil_deref(vm, NULL), false;
    arr = kind == 3 ? x.as.ref->as.p : x.as.p;
    len = cap = arr->n;
  }
  int64_t hi = has_hi ? hi_v : len, max = has_max ? max_v : cap;
  if (!slice_check(vm, has_max, kind != 0, lo, hi, max, cap)) return false;
  Value r;
  if (kind == 1)
    r = val_str(vm, val_str_data(x) + lo, (size_t)(hi - lo));
  else if (!arr)
    r = (Value){{0}, NULL}; /* slicing a nil slice to [0:0] stays nil */
  else
    r = slice_value(vm, arr, off + lo, hi - lo, max - lo);
  sp -= nidx + 1;
  *sp++ = r;
  *spp = sp;
  return true;
}

/* Room for `add` more elements after s's length: in place when the
 * capacity allows (sharing the array, as Go does), else a new array. */
static Value grow(VM *vm, Type *st, Value s, int64_t add) {
  SliceObj *o = s.as.p;
  int64_t len = o ? o->len : 0, cap = o ? o->cap : 0;
  if (len + add <= cap) return slice_value(vm, o->arr, o->off, len + add, cap);
  Type *elem = st ? type_under(st)->elem : NULL;
  int64_t ncap = grow_cap(elem, cap, len + add);
  Value n = val_slice_new(vm, st, len + add, ncap);
  SliceObj *no = n.as.p;
  if (len) memcpy(no->arr->v, o->arr->v + o->off, (size_t)len * sizeof(Value));
  return n;
}

bool vm_op_append(VM *vm, Value **spp, Type *t, int n) {
  Value *sp = *spp, *vals = sp - n, s = sp[-n - 1];
  if (n > 0) {
    int64_t len = val_slice_len(s);
    s = grow(vm, t, s, n);
    memcpy(val_slice_at(s, len), vals, (size_t)n * sizeof(Value));
  }
  sp -= n + 1;
  *sp++ = s;
  *spp = sp;
  return true;
}

bool vm_op_appends(VM *vm, Value **spp, Type *t, int is_str) {
  Value *sp = *spp, s = sp[-2], x = sp[-1];
  int64_t add = is_str ? val_str_len(x) : val_slice_len(x);
  if (add > 0) {
    int64_t len = val_slice_len(s);
    s = grow(vm, t, s, add);
    Value *dst = val_slice_at(s, len);
    if (is_str) {
      const unsigned char *b = (const unsigned char *)val_str_data(x);
      for (int64_t i = 0; i < add; i++) dst[i] = (Value){{.i = b[i]}, NULL};
    } else {
      memmove(dst, val_slice_at(x, 0), (size_t)add * sizeof(Value));
    }
  }
  sp -= 2;
  *sp++ = s;
  *spp = sp;
  return true;
}

void vm_op_copysl(Value **spp, int is_str) {
  Value *sp = *spp, dst = sp[-2], src = sp[-1];
  int64_t n = val_slice_len(dst);
  int64_t m = is_str ? val_str_len(src) : val_slice_len(src);
  if (m < n) n = m;
  if (n > 0) {
    Value *d = val_slice_at(dst, 0);
    if (is_str) {
      const unsigned char *b = (const unsigned char *)val_str_data(src);
      for (int64_t i = 0; i < n; i++) d[i] = (Value){{.i = b[i]}, NULL};
    } else {
      memmove(d, val_slice_at(src, 0), (size_t)n * sizeof(Value));
    }
  }
  sp -= 2;
  *sp++ = (Value){{.i = n}, NULL};
  *spp = sp;
}

/* Go's maxAlloc on 64-bit Linux. */
#define GO_MAX_ALLOC (INT64_C(1) << 48)

bool vm_op_makeslice(VM *vm, Value **spp, Type *t) {
  Value *sp = *spp;
  int64_t len = sp[-2].as.i, cap = sp[-1].as.i;
  int64_t es = go_size(type_under(t)->elem);
  if (es == 0) es = 1;
  if (len < 0 || len > GO_MAX_ALLOC / es)
    return vm_runtime_error(vm, NULL, "makeslice: len out of range"), false;
  if (cap < len || cap > GO_MAX_ALLOC / es)
    return vm_runtime_error(vm, NULL, "makeslice: cap out of range"), false;
  Value r = {{0}, NULL};
  size_t bytes = (size_t)cap * sizeof(Value);
  if ((vm->heap.limit && vm->heap.bytes + bytes > vm->heap.limit) ||
      bytes > ((size_t)1 << 36))
    vm->heap.over = true; /* do not even try: the run ends out of memory */
  else
    r = val_slice_new(vm, t, len, cap);
  sp -= 2;
  *sp++ = r;
  *spp = sp;
  return true;
}

/* --- strings -------------------------------------------------------------- */

Value vm_op_concat(VM *vm, const Value *v, int n) {
  size_t total = 0;
  int nonempty = 0, last = 0;
  for (int i = 0; i < n; i++)
    if (val_str_len(v[i])) total += (size_t)val_str_len(v[i]), nonempty++,
                                    last = i;
  if (nonempty <= 1) return nonempty ? v[last] : (Value){{0}, NULL};
  char *buf = xmalloc(total);
  size_t at = 0;
  for (int i = 0; i < n; i++) {
    memcpy(buf + at, val_str_data(v[i]), (size_t)val_str_len(v[i]));
    at += (size_t)val_str_len(v[i]);
  }
  Value r = val_str(vm, buf, total);
  free(buf);
  return r;
}

int vm_op_strcmp(Value a, Value b) {
  int64_t la = val_str_len(a), lb = val_str_len(b);
  int c = memcmp(val_str_data(a), val_str_data(b),
                 (size_t)(la < lb ? la : lb));
  if (c) return c;
  return la < lb ? -1 : la > lb;
}

/* string(rune(r)) for any integer r: out of range is U+FFFD. */
static int utf8_put(int64_t r, char *b) {
  return lex_utf8_encode(r < 0 || r > 0x10FFFF ? 0xFFFD : (int32_t)r, b);
}

/* Decodes one rune as Go does: invalid or short input is U+FFFD, width 1. */
static int utf8_get(const unsigned char *s, int64_t n, int32_t *r) {
  *r = 0xFFFD;
  if (n <= 0) return 0;
  unsigned c = s[0];
  if (c < 0x80) return *r = (int32_t)c, 1;
  int w = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (w == 0 || c > 0xF4 || n < w) return 1;
  int32_t v = (int32_t)(c & (0x7F >> w));
  for (int i = 1; i < w; i++) {
    if ((s[i] & 0xC0) != 0x80) return 1;
    v = (v << 6) | (s[i] & 0x3F);
  }
  static const int32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < min[w] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 1;
  *r = v;
  return w;
}

Value vm_op_rune2str(VM *vm, int64_t r) {
  char b[4];
  return val_str(vm, b, (size_t)utf8_put(r, b));
}

Value vm_op_bytes2str(VM *vm, Value s) {
  int64_t n = val_slice_len(s);
  if (n == 0) return (Value){{0}, NULL};
  char *b = xmalloc((size_t)n);
  Value *e = val_slice_at(s, 0);
  for (int64_t i = 0; i < n; i++) b[i] = (char)e[i].as.i;
  Value r = val_str(vm, b, (size_t)n);
  free(b);
  return r;
}

Value vm_op_str2bytes(VM *vm, Value s, Type *t) {
  int64_t n = val_str_len(s);
  Value r = val_slice_new(vm, t, n, n);
  const unsigned char *b = (const unsigned char *)val_str_data(s);
  for (int64_t i = 0; i < n; i++) val_slice_at(r, i)->as.i = b[i];
  return r;
}

Value vm_op_runes2str(VM *vm, Value s) {
  int64_t n = val_slice_len(s);
  char *b = xmalloc((size_t)n * 4 + 1);
  size_t at = 0;
  for (int64_t i = 0; i < n; i++)
    at += (size_t)utf8_put(val_slice_at(s, i)->as.i, b + at);
  Value r = val_str(vm, b, at);
  free(b);
  return r;
}

Value vm_op_str2runes(VM *vm, Value s, Type *t) {
  const unsigned char *b = (const unsigned char *)val_str_data(s);
  int64_t n = val_str_len(s), count = 0;
  int32_t r;
  for (int64_t i = 0; i < n; count++) i += utf8_get(b + i, n - i, &r);
  Value out = val_slice_new(vm, t, count, count);
  int64_t k = 0;
  for (int64_t i = 0; i < n; k++) {
    i += utf8_get(b + i, n - i, &r);
    val_slice_at(out, k)->as.i = r;
  }
  return out;
}

/* [s i] -> [next_i rune] */
void vm_op_strnext(Value *sp) {
  int64_t i = sp[-1].as.i;
  int32_t r;
  int w = utf8_get((const unsigned char *)val_str_data(sp[-2]) + i,
                   val_str_len(sp[-2]) - i, &r);
  sp[-2] = (Value){{.i = i + w}, NULL};
  sp[-1] = (Value){{.i = r}, NULL};
}

/* --- maps ----------------------------------------------------------------- */

static bool bad_key(VM *vm, Type *bad) {
  Buf tmp = BUF_INIT;
  vm_runtime_error(vm, NULL, "hash of unhashable type %s",
                   vm_type_name(bad, &tmp));
  buf_fini(&tmp);
  return false;
}

/* [m k] -> [v] or [v ok] */
bool vm_op_mapindex(VM *vm, Value *sp, Type *mt, bool two) {
  Type *u = type_under(mt), *bad = NULL;
  Value *slot = NULL;
  MapObj *m = sp[-2].as.p;
  /* Go's mapaccess checks hashWriting only in a non-empty map. */
  if (map_len(m) && map_writing(m))
    return vm_throw(vm, NULL, "concurrent map read and map write"), false;
  if (m)
    slot = map_find(m, sp[-1], &bad);
  else
    val_hash(u->key, sp[-1], 0, &bad); /* Go hashes for a nil map too */
  if (bad) return bad_key(vm, bad);
  sp[-2] = slot ? *slot : val_zero(vm, u->elem);
  if (two) sp[-1] = (Value){{.i = slot != NULL}, NULL};
  return true;
}

bool vm_op_mapset(VM *vm, Value m, Value k, Value v, Type *mt) {
  (void)mt;
  if (!m.as.p)
    return vm_panic_plain(vm, NULL, "assignment to entry in nil map"), false;
  Type *bad = NULL;
  map_set(vm, m.as.p, k, v, &bad);
  return bad ? bad_key(vm, bad) : true;
}

/* The switch point of a map write, between setting hashWriting and the
 * write itself.  Under STRAT_GO a goroutine is switched only when its
 * quantum ends (Go's asynchronous preemption), so only a write that lands
 * exactly there is split; under the exploring strategies it is one of
 * the chooser's scheduling points (sched_point), so a racy program shows
 * Go's fatal error under some seed and its replay token reproduces it. */
static bool map_switch(VM *vm, Goroutine *g, int64_t left) {
  if (left < 0) return false; /* a nested call from C cannot yield */
  if (sched_strategy(vm->sched) == STRAT_GO) return left == 0;
  return sched_point(vm->sched, g);
}

static void map_write_now(VM *vm, MapObj *m, const Value *ops, bool del) {
  Type *bad = NULL;
  if (del)
    map_delete(m, ops[1], &bad);
  else
    map_set(vm, m, ops[1], ops[2], &bad);
  map_set_writing(m, NULL);
}

/* MAPSET [m k v] / MAPDELETE [m k] as Go's mapassign and mapdelete: the
 * checks, hashWriting set, a possible switch (MAP_SWITCH: the caller
 * yields and runs the instruction again), then the write.  A goroutine
 * that finds another's hashWriting dies "concurrent map writes".  left is
 * the dispatch loop's remaining quantum, negative in a nested call. */
MapStep vm_op_mapwrite(VM *vm, Goroutine *g, const Value *ops, Type *mt,
                       bool del, int64_t left) {
  MapObj *m = ops[0].as.p;
  if (m && g->map_writing == m) { /* phase two, after the switch */
    g->map_writing = NULL;
    map_write_now(vm, m, ops, del);
    return MAP_DONE;
  }
  if (del && !map_len(m))
    return vm_op_mapdelete(vm, ops[0], ops[1], mt) ? MAP_DONE : MAP_RAISED;
  if (!m) return vm_op_mapset(vm, ops[0], ops[1], ops[2], mt), MAP_RAISED;
  if (map_writing(m))
    return vm_throw(vm, g, "concurrent map writes"), MAP_RAISED;
  Type *bad = NULL;
  if (!map_key_ok(m, ops[1], &bad)) return bad_key(vm, bad), MAP_RAISED;
  map_set_writing(m, g);
  if (map_switch(vm, g, left)) {
    g->map_writing = m;
    return MAP_SWITCH;
  }
  map_write_now(vm, m, ops, del);
  return MAP_DONE;
}

bool vm_op_mapdelete(VM *vm, Value m, Value k, Type *mt) {
  Type *bad = NULL;
  if (m.as.p)
    map_delete(m.as.p, k, &bad);
  else
    val_hash(type_under(mt)->key, k, 0, &bad);
  return bad ? bad_key(vm, bad) : true;
}

typedef struct IterObj {
  Obj h;
  MapIter it;
} IterObj;

Value vm_op_mapiter(VM *vm, Value m) {
  IterObj *o = (IterObj *)heap_alloc(&vm->heap, OBJ_OTHER, sizeof *o);
  map_iter_init(&o->it, m.as.p, sched_rand(vm->sched));
  Value v = {{0}, NULL};
  v.as.p = o;
  return v;
}

void *vm_op_iter_map(Value iter) {
  IterObj *o = iter.as.p;
  return o ? o->it.m : NULL;
}

/* [iter] -> [iter k v ok]; false if a write is in progress (raised). */
bool vm_op_mapnext(VM *vm, Value *sp) {
  IterObj *o = sp[-1].as.p;
  Value k = {{0}, NULL}, v = {{0}, NULL};
  if (map_writing(o->it.m))
    return vm_throw(vm, NULL, "concurrent map iteration and map write"),
           false;
  bool ok = map_iter_next(&o->it, &k, &v);
  sp[0] = k;
  sp[1] = v;
  sp[2] = (Value){{.i = ok}, NULL};
  return true;
}

/* --- interfaces ----------------------------------------------------------- */

/* [iface] -> [payload] (ASSERT, s = static type) or [payload ok]. */
bool vm_op_assert(VM *vm, Value *sp, Type *t, Type *s) {
  Value v = sp[-1];
  bool ok = v.t == t;
  if (!ok && s) {
    Buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT, msg = BUF_INIT;
    buf_printf(&msg, "interface conversion: %s is %s, not %s",
               vm_type_name(s, &a), v.t ? vm_type_name(v.t, &b) : "nil",
               vm_type_name(t, &c));
    vm_assert_error(vm, buf_cstr(&msg));
    buf_fini(&a), buf_fini(&b), buf_fini(&c), buf_fini(&msg);
    return false;
  }
  v.t = NULL;
  if (s) {
    sp[-1] = val_copy(vm, t, v);
  } else {
    sp[-1] = ok ? val_copy(vm, t, v) : val_zero(vm, t);
    sp[0] = (Value){{.i = ok}, NULL};
  }
  return true;
}

/* ASSERTI (s non-NULL: panics) / ASSERTI2 (pushes ok). */
bool vm_op_asserti(VM *vm, Value *sp, Type *t, bool two, Type *s) {
  (void)s;
  Value v = sp[-1];
  const char *missing = NULL;
  bool wrong_ptr = false;
  bool ok = v.t && type_implements(v.t, t, &missing, &wrong_ptr);
  if (two) {
    if (!ok) sp[-1] = (Value){{0}, NULL};
    sp[0] = (Value){{.i = ok}, NULL};
    return true;
  }
  if (ok) return true;
  Buf a = BUF_INIT, b = BUF_INIT, msg = BUF_INIT;
  if (!v.t)
    buf_printf(&msg, "interface conversion: interface is nil, not %s",
               vm_type_name(t, &b));
  else
    buf_printf(&msg, "interface conversion: %s is not %s: missing method %s",
               vm_type_name(v.t, &a), vm_type_name(t, &b),
               missing ? missing : "?");
  vm_assert_error(vm, buf_cstr(&msg));
  buf_fini(&a), buf_fini(&b), buf_fini(&msg);
  return false;
}

bool vm_op_istype(Value v, Type *t) {
  if (!t) return v.t == NULL;
  if (type_under(t)->kind == TY_INTERFACE)
    return v.t && type_implements(v.t, t, NULL, NULL);
  return v.t == t;
}
