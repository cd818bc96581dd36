/* types.c - Go types, the universe scope, interning, assignability,
 * method sets and selector lookup.  See types.h.
 *
 * Main design decision: every composite type is interned in one open-
 * addressing hash table keyed by its shallow structure.  Because the
 * component types are themselves interned, comparing two candidates needs
 * only pointer comparisons of their parts, so "identical types" is `==`
 * everywhere else in the engine.  Named types are never interned: each
 * declaration is its own type, as in Go. */
#include "engine/types.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct Universe {
  Arena arena;
  Scope *scope;
  Type *basic[TY_UNTYPED_NIL + 1];
  Type *error;
  Type *any;
  Type **tab; /* intern table (owned, xmalloc) */
  size_t cap, count;
};

/* ---- hashing and interning --------------------------------------------- */

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; s && *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

static uint64_t hash_ptr(const void *p) { return (uint64_t)(uintptr_t)p; }

static uint64_t type_hash(const Type *t) {
  uint64_t h = mix(0, (uint64_t)t->kind);
  h = mix(h, hash_ptr(t->elem));
  h = mix(h, hash_ptr(t->key));
  h = mix(h, (uint64_t)t->len);
  h = mix(h, (uint64_t)t->dir);
  h = mix(h, (uint64_t)t->variadic);
  for (int i = 0; i < t->nparams; i++) h = mix(h, hash_ptr(t->params[i]));
  h = mix(h, 77);
  for (int i = 0; i < t->nresults; i++) h = mix(h, hash_ptr(t->results[i]));
  for (int i = 0; i < t->nfields; i++) {
    h = mix(h, hash_str(t->fields[i].name));
    h = mix(h, hash_ptr(t->fields[i].type) + t->fields[i].embedded);
  }
  for (int i = 0; i < t->nimethods; i++) {
    h = mix(h, hash_str(t->imethods[i].name));
    h = mix(h, hash_ptr(t->imethods[i].sig));
  }
  return h;
}

static bool same_str(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static bool is_exported(const char *name) {
  return name && name[0] >= 'A' && name[0] <= 'Z';
}

static bool same_types(Type **a, Type **b, int n) {
  for (int i = 0; i < n; i++)
    if (a[i] != b[i]) return false;
  return true;
}

static bool same_fields(const Type *a, const Type *b) {
  for (int i = 0; i < a->nfields; i++) {
    const Field *x = &a->fields[i], *y = &b->fields[i];
    if (x->type != y->type || x->embedded != y->embedded ||
        !same_str(x->name, y->name))
      return false;
  }
  return true;
}

static bool same_imethods(const Type *a, const Type *b) {
  for (int i = 0; i < a->nimethods; i++) {
    const IMethod *x = &a->imethods[i], *y = &b->imethods[i];
    if (x->sig != y->sig || !same_str(x->name, y->name)) return false;
    if (!is_exported(x->name) && x->pkg != y->pkg) return false;
  }
  return true;
}

/* Shallow structural equality: the parts are already interned. */
static bool type_same(const Type *a, const Type *b) {
  if (a->kind != b->kind || a->elem != b->elem || a->key != b->key ||
      a->len != b->len || a->dir != b->dir || a->variadic != b->variadic ||
      a->nparams != b->nparams || a->nresults != b->nresults ||
      a->nfields != b->nfields || a->nimethods != b->nimethods)
    return false;
  return same_types(a->params, b->params, a->nparams) &&
         same_types(a->results, b->results, a->nresults) &&
         same_fields(a, b) && same_imethods(a, b);
}

static void tab_grow(Universe *u) {
  size_t ncap = u->cap ? 2 * u->cap : 256;
  Type **nt = xcalloc(ncap, sizeof *nt);
  for (size_t i = 0; i < u->cap; i++) {
    Type *t = u->tab[i];
    if (!t) continue;
    size_t j = type_hash(t) & (ncap - 1);
    while (nt[j]) j = (j + 1) & (ncap - 1);
    nt[j] = t;
  }
  free(u->tab);
  u->tab = nt;
  u->cap = ncap;
}

static void *arena_dup(Arena *a, const void *p, size_t size) {
  void *q = arena_alloc(a, size);
  if (size) memcpy(q, p, size);
  return q;
}

/* Returns the interned type equal to *key, copying key (and its arrays)
 * into the arena the first time. */
static Type *intern(Universe *u, const Type *key) {
  if (2 * (u->count + 1) > u->cap) tab_grow(u);
  size_t j = type_hash(key) & (u->cap - 1);
  for (; u->tab[j]; j = (j + 1) & (u->cap - 1))
    if (type_same(u->tab[j], key)) return u->tab[j];
  Arena *a = &u->arena;
  Type *t = arena_dup(a, key, sizeof *t);
  t->params = arena_dup(a, key->params, sizeof(Type *) * key->nparams);
  t->results = arena_dup(a, key->results, sizeof(Type *) * key->nresults);
  t->fields = arena_dup(a, key->fields, sizeof(Field) * key->nfields);
  t->imethods = arena_dup(a, key->imethods, sizeof(IMethod) * key->nimethods);
  t->under = t;
  t->id = -1;
  u->tab[j] = t;
  u->count++;
  return t;
}

static Type key_of(TypeKind k) {
  Type t;
  memset(&t, 0, sizeof t);
  t.kind = k;
  return t;
}

Type *types_pointer(Universe *u, Type *elem) {
  Type k = key_of(TY_POINTER);
  k.elem = elem;
  return intern(u, &k);
}

Type *types_slice(Universe *u, Type *elem) {
  Type k = key_of(TY_SLICE);
  k.elem = elem;
  return intern(u, &k);
}

Type *types_array(Universe *u, Type *elem, int64_t len) {
  Type k = key_of(TY_ARRAY);
  k.elem = elem;
  k.len = len;
  return intern(u, &k);
}

Type *types_map(Universe *u, Type *key, Type *elem) {
  Type k = key_of(TY_MAP);
  k.key = key;
  k.elem = elem;
  return intern(u, &k);
}

Type *types_chan(Universe *u, Type *elem, ChanDir dir) {
  Type k = key_of(TY_CHAN);
  k.elem = elem;
  k.dir = dir;
  return intern(u, &k);
}

Type *types_func(Universe *u, Type **params, int nparams, Type **results,
                 int nresults, bool variadic) {
  Type k = key_of(TY_FUNC);
  k.params = params;
  k.nparams = nparams;
  k.results = results;
  k.nresults = nresults;
  k.variadic = variadic;
  return intern(u, &k);
}

Type *types_tuple(Universe *u, Type **elems, int n) {
  Type k = key_of(TY_TUPLE);
  k.results = elems;
  k.nresults = n;
  return intern(u, &k);
}

Type *types_struct(Universe *u, Field *fields, int nfields) {
  Type k = key_of(TY_STRUCT);
  k.fields = fields;
  k.nfields = nfields;
  return intern(u, &k);
}

static int imethod_cmp(const void *x, const void *y) {
  return strcmp(((const IMethod *)x)->name, ((const IMethod *)y)->name);
}

Type *types_interface(Universe *u, IMethod *methods, int n) {
  IMethod *sorted = xmalloc(sizeof *sorted * (size_t)(n ? n : 1));
  if (n) memcpy(sorted, methods, sizeof *sorted * (size_t)n);
  qsort(sorted, (size_t)n, sizeof *sorted, imethod_cmp);
  Type k = key_of(TY_INTERFACE);
  k.imethods = sorted;
  k.nimethods = n;
  Type *t = intern(u, &k);
  free(sorted);
  return t;
}

Type *types_named(Universe *u, const char *name, Package *pkg, Sym *obj) {
  Type *t = arena_alloc(&u->arena, sizeof *t);
  t->kind = TY_NAMED;
  t->name = name;
  t->pkg = pkg;
  t->obj = obj;
  t->id = -1;
  return t;
}

void types_set_under(Type *named, Type *under) {
  named->under = under ? type_under(under) : NULL;
}

/* ---- the universe ------------------------------------------------------ */

static const char *const basic_names[TY_UNTYPED_NIL + 1] = {
    [TY_INVALID] = "invalid type",  [TY_BOOL] = "bool",
    [TY_INT] = "int",               [TY_INT8] = "int8",
    [TY_INT16] = "int16",           [TY_INT32] = "int32",
    [TY_INT64] = "int64",           [TY_UINT] = "uint",
    [TY_UINT8] = "uint8",           [TY_UINT16] = "uint16",
    [TY_UINT32] = "uint32",         [TY_UINT64] = "uint64",
    [TY_UINTPTR] = "uintptr",       [TY_FLOAT32] = "float32",
    [TY_FLOAT64] = "float64",       [TY_STRING] = "string",
    [TY_UNSAFEPTR] = "unsafe.Pointer",
    [TY_UNTYPED_BOOL] = "untyped bool", [TY_UNTYPED_INT] = "untyped int",
    [TY_UNTYPED_RUNE] = "untyped rune", [TY_UNTYPED_FLOAT] = "untyped float",
    [TY_UNTYPED_STRING] = "untyped string",
    [TY_UNTYPED_NIL] = "untyped nil",
};

static Sym *declare(Universe *u, SymKind k, const char *name, Type *t) {
  Pos p = {0, 0};
  Sym *s = sym_new(&u->arena, k, name, t, p);
  s->global = true;
  scope_insert(&u->arena, u->scope, s);
  return s;
}

static void make_basics(Universe *u) {
  for (int k = 0; k <= TY_UNTYPED_NIL; k++) {
    Type *t = arena_alloc(&u->arena, sizeof *t);
    t->kind = (TypeKind)k;
    t->name = basic_names[k];
    t->under = t;
    t->id = -1;
    u->basic[k] = t;
    if (k >= TY_BOOL && k <= TY_STRING) declare(u, SYM_TYPE, t->name, t);
  }
  declare(u, SYM_TYPE, "byte", u->basic[TY_UINT8]);
  declare(u, SYM_TYPE, "rune", u->basic[TY_INT32]);
}

static void make_error(Universe *u) {
  Type *str = u->basic[TY_STRING];
  Type *sig = types_func(u, NULL, 0, &str, 1, false);
  IMethod m = {"Error", sig, NULL};
  Sym *obj = declare(u, SYM_TYPE, "error", NULL);
  u->error = types_named(u, "error", NULL, obj);
  types_set_under(u->error, types_interface(u, &m, 1));
  obj->type = u->error;
  u->any = types_interface(u, NULL, 0);
  declare(u, SYM_TYPE, "any", u->any);
}

static void make_consts(Universe *u) {
  Sym *t = declare(u, SYM_CONST, "true", u->basic[TY_UNTYPED_BOOL]);
  t->cv.kind = CV_BOOL;
  t->cv.b = true;
  Sym *f = declare(u, SYM_CONST, "false", u->basic[TY_UNTYPED_BOOL]);
  f->cv.kind = CV_BOOL;
  Sym *i = declare(u, SYM_CONST, "iota", u->basic[TY_UNTYPED_INT]);
  i->cv.kind = CV_INT;
  Sym *n = declare(u, SYM_NIL, "nil", u->basic[TY_UNTYPED_NIL]);
  n->cv.kind = CV_NIL;
  static const char *const names[] = {
#define X(id, name) name,
      BUILTINS(X)
#undef X
  };
  for (int b = 0; b < BI__COUNT; b++) {
    Sym *s = declare(u, SYM_BUILTIN, names[b], NULL);
    s->builtin = (BuiltinId)b;
  }
}

Universe *types_new_universe(void) {
  Universe *u = xcalloc(1, sizeof *u);
  arena_init(&u->arena);
  u->scope = scope_new(&u->arena, NULL, NULL);
  make_basics(u);
  make_error(u);
  make_consts(u);
  return u;
}

void types_free_universe(Universe *u) {
  if (!u) return;
  arena_fini(&u->arena);
  free(u->tab);
  free(u);
}

Arena *types_arena(Universe *u) { return &u->arena; }
Scope *types_universe_scope(Universe *u) { return u->scope; }

Type *types_basic(Universe *u, TypeKind k) {
  return k <= TY_UNTYPED_NIL ? u->basic[k] : u->basic[TY_INVALID];
}
Type *types_error(Universe *u) { return u->error; }
Type *types_any(Universe *u) { return u->any; }

/* ---- queries ----------------------------------------------------------- */

bool type_is_integer(Type *t) {
  TypeKind k = type_under(t)->kind;
  return (k >= TY_INT && k <= TY_UINTPTR) || k == TY_UNTYPED_INT ||
         k == TY_UNTYPED_RUNE;
}

bool type_is_unsigned(Type *t) {
  TypeKind k = type_under(t)->kind;
  return k >= TY_UINT && k <= TY_UINTPTR;
}

bool type_is_float(Type *t) {
  TypeKind k = type_under(t)->kind;
  return k == TY_FLOAT32 || k == TY_FLOAT64 || k == TY_UNTYPED_FLOAT;
}

bool type_is_numeric(Type *t) { return type_is_integer(t) || type_is_float(t); }

bool type_is_string(Type *t) {
  TypeKind k = type_under(t)->kind;
  return k == TY_STRING || k == TY_UNTYPED_STRING;
}

bool type_is_boolean(Type *t) {
  TypeKind k = type_under(t)->kind;
  return k == TY_BOOL || k == TY_UNTYPED_BOOL;
}

bool type_is_untyped(Type *t) {
  return t->kind >= TY_UNTYPED_BOOL && t->kind <= TY_UNTYPED_NIL;
}

bool type_is_interface(Type *t) {
  return type_under(t)->kind == TY_INTERFACE;
}

bool type_comparable(Type *t) {
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_SLICE:
  case TY_MAP:
  case TY_FUNC:
  case TY_INVALID:
  case TY_TUPLE:
    return false;
  case TY_ARRAY:
    return type_comparable(u->elem);
  case TY_STRUCT:
    for (int i = 0; i < u->nfields; i++)
      if (!type_comparable(u->fields[i].type)) return false;
    return true;
  default:
    return true;
  }
}

bool type_ordered(Type *t) { return type_is_numeric(t) || type_is_string(t); }

int type_int_bits(Type *t) {
  switch (type_under(t)->kind) {
  case TY_INT8:
  case TY_UINT8:
    return 8;
  case TY_INT16:
  case TY_UINT16:
    return 16;
  case TY_INT32:
  case TY_UINT32:
    return 32;
  default:
    return 64;
  }
}

Type *type_default(Universe *u, Type *t) {
  switch (t->kind) {
  case TY_UNTYPED_BOOL: return u->basic[TY_BOOL];
  case TY_UNTYPED_INT: return u->basic[TY_INT];
  case TY_UNTYPED_RUNE: return u->basic[TY_INT32];
  case TY_UNTYPED_FLOAT: return u->basic[TY_FLOAT64];
  case TY_UNTYPED_STRING: return u->basic[TY_STRING];
  default: return t;
  }
}

/* ---- constants: representability -------------------------------------- */

static bool int_fits(const ConstVal *cv, Type *t) {
  int bits = type_int_bits(t);
  if (cv->is_big_u && cv->u == 0) return false; /* wider than 64 bits */
  if (type_is_unsigned(t)) {
    if (cv->is_big_u) return bits == 64;
    if (cv->i < 0) return false;
    return bits == 64 || (uint64_t)cv->i < (1ULL << bits);
  }
  if (cv->is_big_u) return false;
  if (bits == 64) return true;
  int64_t lim = (int64_t)1 << (bits - 1);
  return cv->i >= -lim && cv->i < lim;
}

/* A float constant's exact value: f plus the rest that check_const.c
 * (cst_set_ld) keeps in the u field, times 2^i (i is 0 within float64's
 * range). */
static long double float_value(const ConstVal *v) {
  double lo;
  memcpy(&lo, &v->u, sizeof lo);
  return ldexpl((long double)v->f + lo, (int)v->i);
}

/* A float constant becoming integer type t's value: exact or nothing. */
static bool float_to_int(ConstVal *v) {
  long double x = float_value(v);
  if (x != truncl(x) || x >= 9.3e18L || x < -9.3e18L) return false;
  v->kind = CV_INT;
  v->i = (int64_t)x;
  v->u = 0;
  return true;
}

/* A constant becoming float type t (untyped float when t is): typed ones
 * are rounded to t's precision, as Go rounds them; overflow fails. */
static bool to_float(ConstVal *v, Type *u) {
  if (v->kind == CV_INT) {
    long double x = v->is_big_u ? (v->u == 0 ? (long double)v->f
                                             : (long double)v->u)
                                : (long double)v->i;
    v->kind = CV_FLOAT;
    v->is_big_u = false;
    v->i = 0;
    v->f = (double)x;
    double lo = (double)(x - v->f);
    memcpy(&v->u, &lo, sizeof lo);
  }
  if (v->kind != CV_FLOAT) return false;
  if (type_is_untyped(u)) return true;
  long double x = float_value(v);
  if (u->kind == TY_FLOAT32) {
    if (x > 3.4028234663852886e38L || x < -3.4028234663852886e38L)
      return false;
    v->f = (double)(float)x;
  } else {
    v->f = (double)x;
    if (!isfinite(v->f)) return false;
  }
  v->i = 0;
  v->u = 0;
  return true;
}

bool type_representable(const ConstVal *cv, Type *t, ConstVal *out) {
  Type *u = type_under(t);
  ConstVal v = *cv;
  if (u->kind == TY_INVALID) return true;
  if (type_is_integer(u)) {
    if (v.kind == CV_FLOAT && !float_to_int(&v)) return false;
    if (v.kind != CV_INT) return false;
    if (type_is_untyped(u)) goto ok;
    if (!int_fits(&v, u)) return false;
  } else if (type_is_float(u)) {
    if (!to_float(&v, u)) return false;
  } else if (type_is_string(u)) {
    if (v.kind != CV_STRING) return false;
  } else if (type_is_boolean(u)) {
    if (v.kind != CV_BOOL) return false;
  } else {
    return false;
  }
ok:
  if (out) *out = v;
  return true;
}

/* ---- assignability and method sets ------------------------------------- */

/* Predeclared and defined types are "named" in the spec's sense. */
static bool is_named(Type *t) {
  return t->kind == TY_NAMED || (t->kind >= TY_BOOL && t->kind <= TY_STRING);
}

static bool nil_ok(Type *t) {
  switch (type_under(t)->kind) {
  case TY_POINTER:
  case TY_FUNC:
  case TY_SLICE:
  case TY_MAP:
  case TY_CHAN:
  case TY_INTERFACE:
  case TY_UNSAFEPTR:
    return true;
  default:
    return false;
  }
}

static bool untyped_assignable(Universe *u, Type *v, const ConstVal *cv,
                               Type *t) {
  if (v->kind == TY_UNTYPED_NIL) return nil_ok(t);
  if (type_is_interface(t))
    return type_under(t)->nimethods == 0 ||
           type_implements(type_default(u, v), t, NULL, NULL);
  if (cv && cv->kind != CV_NONE) return type_representable(cv, t, NULL);
  switch (v->kind) {
  case TY_UNTYPED_BOOL: return type_is_boolean(t);
  case TY_UNTYPED_INT:
  case TY_UNTYPED_RUNE: return type_is_numeric(t);
  case TY_UNTYPED_FLOAT: return type_is_float(t);
  case TY_UNTYPED_STRING: return type_is_string(t);
  default: return false;
  }
}

bool type_assignable(Universe *u, Type *v, const ConstVal *cv, Type *t) {
  if (v == t || v->kind == TY_INVALID || t->kind == TY_INVALID) return true;
  if (type_is_untyped(v)) return untyped_assignable(u, v, cv, t);
  Type *vu = type_under(v), *tu = type_under(t);
  if (vu == tu && (!is_named(v) || !is_named(t)) &&
      vu->kind != TY_INTERFACE)
    return true;
  if (vu == tu && vu->kind == TY_INTERFACE && (!is_named(v) || !is_named(t)))
    return true;
  if (tu->kind == TY_INTERFACE && type_implements(v, t, NULL, NULL))
    return true;
  if (vu->kind == TY_CHAN && vu->dir == CHAN_BOTH && tu->kind == TY_CHAN &&
      vu->elem == tu->elem && (!is_named(v) || !is_named(t)))
    return true;
  return false;
}

static IMethod *find_imethod(Type *iface, const char *name, int *index) {
  Type *u = type_under(iface);
  for (int i = 0; i < u->nimethods; i++)
    if (strcmp(u->imethods[i].name, name) == 0) {
      if (index) *index = i;
      return &u->imethods[i];
    }
  return NULL;
}

/* See types.h. */
bool type_path_has_pointer(Type *t, const Selection *sel) {
  if (type_under(t)->kind == TY_POINTER) return true;
  Type *cur = t;
  for (int i = 0; i < sel->npath; i++) {
    Type *s = type_under(cur);
    if (s->kind == TY_POINTER) s = type_under(s->elem);
    cur = s->fields[sel->index[i]].type;
    if (type_under(cur)->kind == TY_POINTER) return true;
  }
  return false;
}

/* Lookups never intern, so no universe is needed (type_lookup ignores
 * it). */
static bool method_matches(Type *t, IMethod *m, bool *ptr_only) {
  Selection sel;
  Arena tmp;
  arena_init(&tmp);
  bool amb = false, ok = false;
  *ptr_only = false;
  if (type_lookup(NULL, t, m->name, &sel, &tmp, &amb)) {
    if (sel.kind == SEL_IFACEMETHOD) {
      Type *holder = type_sel_type(t, &sel, true);
      IMethod *im = find_imethod(holder, m->name, NULL);
      ok = im && im->sig == m->sig;
    } else if (sel.kind == SEL_METHOD && sel.method->type == m->sig) {
      ok = !sel.ptr_recv || type_path_has_pointer(t, &sel);
      *ptr_only = !ok;
    }
  }
  arena_fini(&tmp);
  return ok;
}

bool type_implements(Type *t, Type *iface, const char **missing,
                     bool *wrong_ptr) {
  Type *iu = type_under(iface);
  if (wrong_ptr) *wrong_ptr = false;
  if (t->kind == TY_INVALID || iu->kind != TY_INTERFACE) return true;
  bool is_iface = type_is_interface(t);
  for (int i = 0; i < iu->nimethods; i++) {
    IMethod *m = &iu->imethods[i];
    bool ok, ptr_only = false;
    if (is_iface) {
      IMethod *have = find_imethod(t, m->name, NULL);
      ok = have && have->sig == m->sig;
    } else {
      ok = method_matches(t, m, &ptr_only);
    }
    if (!ok) {
      if (missing) *missing = m->name;
      if (wrong_ptr) *wrong_ptr = ptr_only;
      return false;
    }
  }
  return true;
}

/* ---- selector lookup --------------------------------------------------- */

/* One candidate at the current depth of the breadth-first search. */
typedef struct Cand {
  Type *type; /* the embedded type (maybe a pointer) */
  int depth;
  int *index;
  bool *deref;
} Cand;

typedef struct Found {
  int count;
  Selection sel;
} Found;

static void found_set(Found *f, Arena *a, const Cand *c, SelKind kind) {
  f->count++;
  if (f->count > 1) return;
  Selection *s = &f->sel;
  memset(s, 0, sizeof *s);
  s->kind = kind;
  s->npath = c->depth;
  s->index = arena_dup(a, c->index, sizeof(int) * (size_t)c->depth);
  s->deref = arena_dup(a, c->deref, sizeof(bool) * (size_t)c->depth);
}

/* Looks for name directly in candidate c (methods, then fields). */
static void probe(Arena *a, const Cand *c, const char *name, Found *f,
                  int *field_idx) {
  Type *t = c->type;
  *field_idx = -1;
  if (t->kind == TY_POINTER && (t->elem->kind == TY_NAMED ||
                                t->elem->kind == TY_STRUCT))
    t = t->elem;
  if (t->kind == TY_NAMED) {
    for (int i = 0; i < t->nmethods; i++)
      if (strcmp(t->methods[i].name, name) == 0) {
        found_set(f, a, c, SEL_METHOD);
        f->sel.method = t->methods[i].func;
        f->sel.ptr_recv = t->methods[i].ptr_recv;
        return;
      }
  }
  Type *u = type_under(t);
  if (!u) return;
  int idx;
  if (u->kind == TY_INTERFACE && find_imethod(u, name, &idx)) {
    found_set(f, a, c, SEL_IFACEMETHOD);
    f->sel.imethod = idx;
    return;
  }
  if (u->kind != TY_STRUCT) return;
  for (int i = 0; i < u->nfields; i++)
    if (u->fields[i].name && strcmp(u->fields[i].name, name) == 0) {
      *field_idx = i;
      found_set(f, a, c, SEL_FIELD);
      return;
    }
}

typedef struct CandList {
  Cand *items;
  int len, cap;
} CandList;

static void cand_push(CandList *l, Cand c) {
  if (l->len == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 8;
    l->items = xrealloc(l->items, sizeof *l->items * (size_t)l->cap);
  }
  l->items[l->len++] = c;
}

/* Adds c's embedded fields to next, one level deeper. */
static void expand(Arena *tmp, const Cand *c, CandList *next, Type ***seen,
                   int *nseen) {
  Type *t = c->type;
  bool ptr = false;
  if (t->kind == TY_POINTER) {
    t = t->elem;
    ptr = true;
  }
  if (t->kind == TY_NAMED) {
    for (int i = 0; i < *nseen; i++)
      if ((*seen)[i] == t) return;
    *seen = xrealloc(*seen, sizeof **seen * (size_t)(*nseen + 1));
    (*seen)[(*nseen)++] = t;
  }
  Type *u = type_under(t);
  if (!u || u->kind != TY_STRUCT) return;
  for (int i = 0; i < u->nfields; i++) {
    if (!u->fields[i].embedded) continue;
    Cand n = {u->fields[i].type, c->depth + 1, NULL, NULL};
    n.index = arena_alloc(tmp, sizeof(int) * (size_t)n.depth);
    n.deref = arena_alloc(tmp, sizeof(bool) * (size_t)n.depth);
    if (c->depth) {
      memcpy(n.index, c->index, sizeof(int) * (size_t)c->depth);
      memcpy(n.deref, c->deref, sizeof(bool) * (size_t)c->depth);
    }
    n.index[c->depth] = i;
    n.deref[c->depth] = ptr;
    cand_push(next, n);
  }
}

static bool lookup_level(Arena *a, CandList *cur, const char *name,
                         Found *f) {
  for (int i = 0; i < cur->len; i++) {
    Cand *c = &cur->items[i];
    int fi;
    probe(a, c, name, f, &fi);
    if (fi >= 0 && f->count == 1 && f->sel.npath == c->depth &&
        f->sel.kind == SEL_FIELD) {
      /* a field is one more step on the path */
      Selection *s = &f->sel;
      int *ix = arena_alloc(a, sizeof(int) * (size_t)(s->npath + 1));
      bool *dr = arena_alloc(a, sizeof(bool) * (size_t)(s->npath + 1));
      if (s->npath) {
        memcpy(ix, s->index, sizeof(int) * (size_t)s->npath);
        memcpy(dr, s->deref, sizeof(bool) * (size_t)s->npath);
      }
      ix[s->npath] = fi;
      dr[s->npath] = c->type->kind == TY_POINTER;
      s->index = ix;
      s->deref = dr;
      s->npath++;
    }
  }
  return f->count > 0;
}

bool type_lookup(Universe *u, Type *t, const char *name, Selection *sel,
                 Arena *arena, bool *ambiguous) {
  (void)u;
  Arena tmp;
  arena_init(&tmp);
  CandList cur = {0}, next = {0};
  Type **seen = NULL;
  int nseen = 0;
  Found f = {0};
  *ambiguous = false;
  cand_push(&cur, (Cand){t, 0, NULL, NULL});
  /* An unnamed pointer to a non-named type has no fields or methods. */
  if (t->kind == TY_POINTER && t->elem->kind != TY_NAMED &&
      type_under(t->elem)->kind != TY_STRUCT)
    cur.len = 0;
  while (cur.len > 0 && !lookup_level(arena, &cur, name, &f)) {
    next.len = 0;
    for (int i = 0; i < cur.len; i++)
      expand(&tmp, &cur.items[i], &next, &seen, &nseen);
    CandList sw = cur;
    cur = next;
    next = sw;
  }
  free(cur.items);
  free(next.items);
  free(seen);
  arena_fini(&tmp);
  if (f.count > 1) *ambiguous = true;
  if (f.count != 1) return false;
  *sel = f.sel;
  return true;
}

/* The type at the end of sel's path; for a field, the field's type (or,
 * with holder, the type holding the selected member). */
Type *type_sel_type(Type *t, const Selection *sel, bool holder) {
  Type *cur = t;
  int n = sel->npath;
  if (sel->kind == SEL_FIELD && holder) n--;
  for (int i = 0; i < n; i++) {
    Type *s = type_under(cur);
    if (s->kind == TY_POINTER) s = type_under(s->elem);
    cur = s->fields[sel->index[i]].type;
  }
  return cur;
}

/* ---- type strings ------------------------------------------------------ */

static void write_list(Type **ts, int n, bool variadic, Package *rel,
                       Buf *out) {
  for (int i = 0; i < n; i++) {
    if (i) buf_puts(out, ", ");
    if (variadic && i == n - 1 && ts[i]->kind == TY_SLICE) {
      buf_puts(out, "...");
      type_write(ts[i]->elem, rel, out);
    } else {
      type_write(ts[i], rel, out);
    }
  }
}

static void write_sig(Type *t, Package *rel, Buf *out) {
  buf_putc(out, '(');
  write_list(t->params, t->nparams, t->variadic, rel, out);
  buf_putc(out, ')');
  if (t->nresults == 1) {
    buf_putc(out, ' ');
    type_write(t->results[0], rel, out);
  } else if (t->nresults > 1) {
    buf_puts(out, " (");
    write_list(t->results, t->nresults, false, rel, out);
    buf_putc(out, ')');
  }
}

/* The run-time spelling (rel == NULL) is reflect's "struct { A int }";
 * the compiler's (types2) is "struct{A int}". */
static void write_struct(Type *t, Package *rel, Buf *out) {
  const char *sp = rel ? "" : " ";
  if (t->nfields == 0) {
    buf_printf(out, "struct%s{}", sp);
    return;
  }
  buf_printf(out, "struct%s{%s", sp, sp);
  for (int i = 0; i < t->nfields; i++) {
    if (i) buf_puts(out, "; ");
    if (!t->fields[i].embedded) buf_printf(out, "%s ", t->fields[i].name);
    type_write(t->fields[i].type, rel, out);
  }
  buf_printf(out, "%s}", sp);
}

/* Empty: "interface {}" at run time; types2 says "any" (Go 1.19 prints
 * the predeclared any that way, and interning cannot tell interface{}
 * apart from any). */
static void write_iface(Type *t, Package *rel, Buf *out) {
  const char *sp = rel ? "" : " ";
  if (t->nimethods == 0) {
    buf_puts(out, rel ? "any" : "interface {}");
    return;
  }
  buf_printf(out, "interface%s{%s", sp, sp);
  for (int i = 0; i < t->nimethods; i++) {
    if (i) buf_puts(out, "; ");
    buf_puts(out, t->imethods[i].name);
    write_sig(t->imethods[i].sig, rel, out);
  }
  buf_printf(out, "%s}", sp);
}

static void write_chan(Type *t, Package *rel, Buf *out) {
  buf_puts(out, t->dir == CHAN_SEND ? "chan<- "
                : t->dir == CHAN_RECV ? "<-chan "
                                      : "chan ");
  bool paren = t->dir == CHAN_BOTH && t->elem->kind == TY_CHAN &&
               t->elem->dir == CHAN_RECV;
  if (paren) buf_putc(out, '(');
  type_write(t->elem, rel, out);
  if (paren) buf_putc(out, ')');
}

void type_write(Type *t, Package *rel, Buf *out) {
  if (!t) {
    buf_puts(out, "<nil>");
    return;
  }
  switch (t->kind) {
  case TY_NAMED:
    if (t->pkg && t->pkg != rel) buf_printf(out, "%s.", t->pkg->name);
    buf_puts(out, t->name);
    return;
  case TY_ARRAY:
    buf_printf(out, "[%lld]", (long long)t->len);
    type_write(t->elem, rel, out);
    return;
  case TY_SLICE:
    buf_puts(out, "[]");
    type_write(t->elem, rel, out);
    return;
  case TY_POINTER:
    buf_putc(out, '*');
    type_write(t->elem, rel, out);
    return;
  case TY_MAP:
    buf_puts(out, "map[");
    type_write(t->key, rel, out);
    buf_putc(out, ']');
    type_write(t->elem, rel, out);
    return;
  case TY_CHAN: write_chan(t, rel, out); return;
  case TY_FUNC:
    buf_puts(out, "func");
    write_sig(t, rel, out);
    return;
  case TY_STRUCT: write_struct(t, rel, out); return;
  case TY_INTERFACE: write_iface(t, rel, out); return;
  case TY_TUPLE:
    buf_putc(out, '(');
    write_list(t->results, t->nresults, false, rel, out);
    buf_putc(out, ')');
    return;
  default:
    buf_puts(out, t->name ? t->name : "?");
    return;
  }
}

const char *type_string(Arena *a, Type *t, Package *rel) {
  Buf b = BUF_INIT;
  type_write(t, rel, &b);
  char *s = arena_strndup(a, buf_cstr(&b), b.len);
  buf_fini(&b);
  return s;
}

/* ---- scopes ------------------------------------------------------------ */

Scope *scope_new(Arena *a, Scope *parent, Node *func) {
  Scope *s = arena_alloc(a, sizeof *s);
  s->parent = parent;
  s->func = func;
  return s;
}

Sym *scope_lookup_local(Scope *s, const char *name) {
  if (!s->cap) return NULL;
  size_t j = hash_str(name) & (size_t)(s->cap - 1);
  for (; s->syms[j]; j = (j + 1) & (size_t)(s->cap - 1))
    if (strcmp(s->syms[j]->name, name) == 0) return s->syms[j];
  return NULL;
}

Sym *scope_lookup(Scope *s, const char *name) {
  for (; s; s = s->parent) {
    Sym *x = scope_lookup_local(s, name);
    if (x) return x;
  }
  return NULL;
}

static void scope_put(Scope *s, Sym *sym) {
  size_t j = hash_str(sym->name) & (size_t)(s->cap - 1);
  while (s->syms[j]) j = (j + 1) & (size_t)(s->cap - 1);
  s->syms[j] = sym;
}

Sym *scope_insert(Arena *a, Scope *s, Sym *sym) {
  Sym *old = scope_lookup_local(s, sym->name);
  if (old) return old;
  if (2 * (s->nsyms + 1) > s->cap) {
    Sym **olds = s->syms;
    int oldcap = s->cap;
    s->cap = s->cap ? 2 * s->cap : 8;
    s->syms = arena_alloc(a, sizeof *s->syms * (size_t)s->cap);
    for (int i = 0; i < oldcap; i++)
      if (olds[i]) scope_put(s, olds[i]);
  }
  scope_put(s, sym);
  s->nsyms++;
  return sym;
}

Sym *sym_new(Arena *a, SymKind kind, const char *name, Type *type, Pos pos) {
  Sym *s = arena_alloc(a, sizeof *s);
  s->kind = kind;
  s->name = name;
  s->type = type;
  s->pos = pos;
  s->slot = -1;
  return s;
}
