/* compile_expr.c - expressions: operands, selectors, indexing, operators,
 * literals, addresses.  Calls, builtins and conversions are in
 * compile_call.c.
 *
 * Main design decision: struct and array values are references to
 * aggregates at run time, so reading one (cx_expr) never copies; the copy
 * Go's value semantics require is made where the value is stored or
 * passed (cx_value, cx_to), and only when the value is not already fresh
 * (a literal or a call result). */
#include "engine/compile_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* ---- constants --------------------------------------------------------- */

static Type *const_default(Comp *c, const ConstVal *cv) {
  switch (cv->kind) {
  case CV_BOOL: return types_basic(c->u, TY_BOOL);
  case CV_FLOAT: return types_basic(c->u, TY_FLOAT64);
  case CV_STRING: return types_basic(c->u, TY_STRING);
  case CV_NIL: return types_basic(c->u, TY_UNTYPED_NIL);
  default: return types_basic(c->u, TY_INT);
  }
}

static double cv_float(const ConstVal *cv) {
  if (cv->kind == CV_FLOAT) return cv->f;
  if (cv->is_big_u) return (double)cv->u;
  return (double)cv->i;
}

static void emit_toiface(FnState *fs, Type *t) {
  comp_need_rt(fs->c, t);
  emit_type(fs, OP_TOIFACE, t);
}

/* Pushes constant cv as a value of type t. */
void cx_const(FnState *fs, const ConstVal *cv, Type *t) {
  if (!t || type_is_untyped(t)) t = t ? type_default(fs->c->u, t) : NULL;
  if (!t || type_is_interface(t)) {
    Type *d = const_default(fs->c, cv);
    if (cv->kind == CV_NIL || cv->kind == CV_NONE) {
      emit(fs, OP_NIL);
      return;
    }
    cx_const(fs, cv, d);
    if (t) emit_toiface(fs, d);
    return;
  }
  Value v = {{0}, NULL};
  if (cv->kind == CV_STRING) {
    if (cv->slen == 0) emit(fs, OP_NIL);
    else emit_const(fs, prog_string(fs->c->p, cv->s, cv->slen));
  } else if (cv->kind == CV_NIL || cv->kind == CV_NONE) {
    emit(fs, OP_NIL);
  } else if (cv->kind == CV_BOOL) {
    emit_int(fs, cv->b);
  } else if (type_is_float(t)) {
    v.as.f = cv_float(cv);
    if (type_under(t)->kind == TY_FLOAT32) v.as.f = (double)(float)v.as.f;
    emit_const(fs, v);
  } else if (cv->kind == CV_FLOAT) {
    emit_int(fs, (int64_t)cv->f);
  } else if (cv->is_big_u) {
    v.as.u = cv->u;
    emit_const(fs, v);
  } else {
    emit_int(fs, cv->i);
  }
}

/* ---- helpers ----------------------------------------------------------- */

/* WRAP after arithmetic on a sized integer type. */
static void wrap(FnState *fs, Type *t) {
  TypeKind k = type_under(t)->kind;
  if ((k >= TY_INT8 && k <= TY_INT32) || (k >= TY_UINT8 && k <= TY_UINT32))
    emit1(fs, OP_WRAP, k);
}

void cx_wrap(FnState *fs, Type *t) { wrap(fs, t); }

/* A value that no variable shares: needs no COPY before being stored. */
static bool fresh(Node *n) {
  n = ast_unparen(n);
  switch (n->kind) {
  case N_COMPOSITE: case N_FUNCLIT: case N_BINARY: return true;
  case N_UNARY: return n->op == T_ARROW || n->op != T_AND;
  case N_CALL:
    if (n->call == CALL_CONV || (n->a && n->a->mode == EM_TYPE))
      return n->list.len == 1 && fresh(n->list.items[0]);
    return true;
  default: return n->mode == EM_CONST;
  }
}

void cx_value(FnState *fs, Node *n) {
  cx_expr(fs, n);
  if (n->type && is_agg(n->type) && !fresh(n)) emit_type(fs, OP_COPY, n->type);
}

static bool is_nil_type(Type *t) {
  return t && t->kind == TY_UNTYPED_NIL;
}

/* [v of type from] -> [v as a value of type to]: interface conversion. */
void cx_convert_top(FnState *fs, Type *from, Type *to) {
  if (!to || !from || !type_is_interface(to) || type_is_interface(from))
    return;
  if (is_nil_type(from)) return;
  if (type_is_untyped(from)) from = type_default(fs->c->u, from);
  emit_toiface(fs, from);
}

/* Pushes n as a value for a destination of type dst (assignment,
 * argument, element): copies aggregates, converts to interfaces, and
 * takes the address of an elided &T{} literal. */
void cx_to(FnState *fs, Node *n, Type *dst) {
  if (!dst) {
    cx_value(fs, n);
    return;
  }
  Type *t = n->type;
  if (type_is_interface(dst) && t && !type_is_interface(t)) {
    if (n->mode == EM_CONST && !is_nil_type(t)) {
      Type *d = type_is_untyped(t) ? type_default(fs->c->u, t) : t;
      cx_const(fs, &n->cv, d);
      emit_toiface(fs, d);
      return;
    }
    cx_expr(fs, n);
    cx_convert_top(fs, t, dst);
    return;
  }
  if (n->mode == EM_CONST) {
    cx_const(fs, &n->cv, type_is_untyped(t) ? dst : t);
    return;
  }
  cx_value(fs, n);
  Node *u = ast_unparen(n);
  if (u->kind == N_COMPOSITE && type_under(dst)->kind == TY_POINTER && t &&
      type_under(t)->kind != TY_POINTER)
    emit(fs, OP_BOXNEW);
}

/* ---- selectors and paths ----------------------------------------------- */

/* [value of type cur] -> [value at the end of steps 0..n-1 of sel]. */
Type *cx_walk_value(FnState *fs, Type *cur, const Selection *sel, int n) {
  for (int i = 0; i < n; i++) {
    Type *s = type_under(cur);
    if (s->kind == TY_POINTER) {
      emit(fs, OP_LOADREF);
      s = type_under(s->elem);
    }
    emit1(fs, OP_FIELD, sel->index[i]);
    cur = s->fields[sel->index[i]].type;
  }
  return cur;
}

/* [pointer to a slot holding a cur] -> [pointer to the slot at the end of
 * steps 0..n-1]. */
Type *cx_walk_addr(FnState *fs, Type *cur, const Selection *sel, int n) {
  for (int i = 0; i < n; i++) {
    Type *s = type_under(cur);
    if (s->kind == TY_POINTER) {
      emit(fs, OP_LOADREF);
      s = type_under(s->elem);
    }
    emit1(fs, OP_FIELDADDR, sel->index[i]);
    cur = s->fields[sel->index[i]].type;
  }
  return cur;
}

/* Pushes a pointer to the slot holding x, or x itself when x is a
 * pointer; returns the type held by that slot. */
static Type *addr_start(FnState *fs, Node *x) {
  Type *t = x->type;
  if (type_under(t)->kind == TY_POINTER) {
    cx_expr(fs, x);
    return type_under(t)->elem;
  }
  cx_addr(fs, x);
  return t;
}

static Type *path_end_type(Type *cur, const Selection *sel, int n) {
  for (int i = 0; i < n; i++) {
    Type *s = type_under(cur);
    if (s->kind == TY_POINTER) s = type_under(s->elem);
    cur = s->fields[sel->index[i]].type;
  }
  return cur;
}

/* x.M receiver: pushes what the method takes (a pointer for pointer
 * methods, a copy for value methods, the interface for interface
 * methods).  Returns the type pushed. */
Type *cx_recv_path(FnState *fs, Node *x, const Selection *sel, bool addr) {
  Type *end = path_end_type(x->type, sel, sel->npath);
  bool endptr = type_under(end)->kind == TY_POINTER;
  if ((sel->ptr_recv || addr) && !endptr && sel->kind == SEL_METHOD) {
    if (sel->npath == 0 && type_under(x->type)->kind != TY_POINTER) {
      cx_addr(fs, x);
      return end;
    }
    Type *cur = addr_start(fs, x);
    cx_walk_addr(fs, cur, sel, sel->npath);
    return end;
  }
  cx_expr(fs, x);
  cx_walk_value(fs, x->type, sel, sel->npath);
  if (sel->kind != SEL_METHOD || sel->ptr_recv) return end;
  if (endptr) {
    emit(fs, OP_LOADREF);
    end = type_under(end)->elem;
  }
  if (is_agg(end)) emit_type(fs, OP_COPY, end);
  return end;
}

static void cx_selector(FnState *fs, Node *n) {
  Selection *sel = n->sel;
  Sym *s = n->sym;
  if (!sel || sel->kind == SEL_PKG) {
    if (s && s->kind == SYM_VAR) var_load(fs, s);
    else if (s && s->kind == SYM_FUNC)
      emit1(fs, OP_FUNCVAL, comp_func_of(fs->c, s)->index);
    else if (s && s->kind == SYM_CONST) cx_const(fs, &s->cv, n->type);
    else comp_error(fs->c, n->pos, "panicroom: cannot compile selector %s",
                    n->name);
    return;
  }
  if (sel->kind == SEL_FIELD) {
    cx_expr(fs, n->a);
    cx_walk_value(fs, n->a->type, sel, sel->npath);
    return;
  }
  if (sel->kind == SEL_METHODEXPR) {
    Func *m = comp_func_of(fs->c, sel->method);
    Type *recv = n->a->type;
    bool recv_ptr = type_under(recv)->kind == TY_POINTER;
    if (type_is_interface(recv)) {
      m = comp_wrapper_iface_call(fs->c, recv, n->name, n->type);
    } else if (recv_ptr != sel->ptr_recv || sel->npath) {
      m = comp_wrapper_ptr_value(fs->c, m, recv);
    }
    emit1(fs, OP_FUNCVAL, m->index);
    return;
  }
  /* a method value: the receiver is evaluated now and bound */
  bool iface = sel->kind == SEL_IFACEMETHOD;
  cx_recv_path(fs, n->a, sel, false);
  emit(fs, OP_BOXNEW);
  emit2(fs, OP_CLOSURE, comp_wrapper_bound(fs->c, n, iface)->index, 1);
}

/* ---- indexing, slicing, assertions ------------------------------------- */

/* Pushes the aggregate an array index works on: the array itself (not a
 * copy) or the array a pointer points to. */
static void array_operand(FnState *fs, Node *a) {
  cx_expr(fs, a);
  if (type_under(a->type)->kind == TY_POINTER) emit(fs, OP_LOADREF);
}

static void cx_index(FnState *fs, Node *n) {
  Type *t = type_under(n->a->type);
  switch (t->kind) {
  case TY_MAP:
    cx_expr(fs, n->a);
    cx_to(fs, n->b, t->key);
    emit_type(fs, OP_MAPINDEX, n->a->type);
    return;
  case TY_SLICE:
    cx_expr(fs, n->a);
    cx_expr(fs, n->b);
    emit(fs, OP_SINDEX);
    return;
  case TY_STRING: case TY_UNTYPED_STRING:
    cx_expr(fs, n->a);
    cx_expr(fs, n->b);
    emit(fs, OP_STRINDEX);
    return;
  default:
    array_operand(fs, n->a);
    cx_expr(fs, n->b);
    emit(fs, OP_AINDEX);
  }
}

static void cx_slice(FnState *fs, Node *n) {
  Type *t = type_under(n->a->type);
  int kind = t->kind == TY_SLICE ? 0 : t->kind == TY_ARRAY ? 2
           : t->kind == TY_POINTER ? 3 : 1;
  int flags = (n->b ? 1 : 0) | (n->c ? 2 : 0) | (n->d ? 4 : 0);
  cx_expr(fs, n->a);
  if (n->b) cx_expr(fs, n->b);
  if (n->c) cx_expr(fs, n->c);
  if (n->d) cx_expr(fs, n->d);
  emit2(fs, OP_SLICE, kind, flags);
}

static void cx_assert(FnState *fs, Node *n) {
  cx_expr(fs, n->a);
  Type *t = n->type;
  if (type_is_interface(t))
    emit2(fs, OP_ASSERTI, type_ix(fs, t), type_ix(fs, n->a->type));
  else emit2(fs, OP_ASSERT, type_ix(fs, t), type_ix(fs, n->a->type));
}

/* v, ok forms: m[k], x.(T), <-c.  Pushes [v ok]. */
void cx_commaok(FnState *fs, Node *n) {
  n = ast_unparen(n);
  Type *vt = n->type;
  if (n->kind == N_INDEX) {
    cx_expr(fs, n->a);
    cx_to(fs, n->b, type_under(n->a->type)->key);
    emit_type(fs, OP_MAPINDEX2, n->a->type);
  } else if (n->kind == N_TYPEASSERT) {
    cx_expr(fs, n->a);
    emit_type(fs, type_is_interface(vt) ? OP_ASSERTI2 : OP_ASSERT2, vt);
  } else {
    cx_expr(fs, n->a);
    emit(fs, OP_RECV2);
    return;
  }
  if (vt && is_agg(vt)) {
    emit(fs, OP_SWAP);
    emit_type(fs, OP_COPY, vt);
    emit(fs, OP_SWAP);
  }
}

/* ---- operators --------------------------------------------------------- */

/* [a b] -> [a == b] (or !=) for operands of type t. */
void cx_eq(FnState *fs, Type *t, bool ne) {
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_FLOAT32: case TY_FLOAT64: case TY_UNTYPED_FLOAT:
    emit(fs, ne ? OP_FNE : OP_FEQ);
    return;
  case TY_STRING: case TY_UNTYPED_STRING:
    emit(fs, ne ? OP_SNE : OP_SEQ);
    return;
  case TY_STRUCT: case TY_ARRAY: case TY_INTERFACE:
    emit_type(fs, ne ? OP_NE : OP_EQ, t);
    return;
  default:
    emit(fs, ne ? OP_INE : OP_IEQ);
  }
}

/* < <= > >= : index 0..3 from the first opcode of the family. */
static void cx_order(FnState *fs, Type *t, TokKind op) {
  int k = op == T_LSS ? 0 : op == T_LEQ ? 1 : op == T_GTR ? 2 : 3;
  Opcode base = OP_ILT;
  if (type_is_float(t)) base = OP_FLT;
  else if (type_is_string(t)) base = OP_SLT;
  else if (type_is_unsigned(t)) base = OP_ULT;
  emit(fs, (Opcode)(base + k));
}

static void cx_compare(FnState *fs, Node *n) {
  Node *a = n->a, *b = n->b;
  Type *ta = a->type, *tb = b->type;
  Type *t = ta;
  if (is_nil_type(ta) || (type_is_untyped(ta) && !is_nil_type(tb))) t = tb;
  if (type_is_interface(tb) && !type_is_interface(ta) && !is_nil_type(ta))
    t = tb;
  if (type_is_untyped(t)) t = type_default(fs->c->u, t);
  cx_to(fs, a, t);
  cx_to(fs, b, t);
  if (n->op == T_EQL || n->op == T_NEQ) cx_eq(fs, t, n->op == T_NEQ);
  else cx_order(fs, t, n->op);
}

static void cx_logic(FnState *fs, Node *n) {
  cx_expr(fs, n->a);
  emit(fs, OP_DUP);
  int j = emit1(fs, n->op == T_LAND ? OP_JMPF : OP_JMPT, 0);
  emit(fs, OP_POP);
  cx_expr(fs, n->b);
  patch(fs, j, here(fs));
}

/* Arithmetic opcode for op on values of type t. */
static Opcode arith_op(Type *t, TokKind op) {
  bool f = type_is_float(t), u = type_is_unsigned(t);
  switch (op) {
  case T_ADD: return type_is_string(t) ? OP_CONCAT : f ? OP_FADD : OP_IADD;
  case T_SUB: return f ? OP_FSUB : OP_ISUB;
  case T_MUL: return f ? OP_FMUL : OP_IMUL;
  case T_QUO: return f ? OP_FDIV : u ? OP_UDIV : OP_IDIV;
  case T_REM: return u ? OP_UREM : OP_IREM;
  case T_AND: return OP_AND;
  case T_OR: return OP_OR;
  case T_XOR: return OP_XOR;
  case T_AND_NOT: return OP_ANDNOT;
  case T_SHL: return OP_SHL;
  case T_SHR: return u ? OP_USHR : OP_SHR;
  default: return OP_NOP;
  }
}

/* [a b] -> [a op b] for a result of type t (shift count of type ct). */
void cx_arith(FnState *fs, Type *t, TokKind op, Type *ct) {
  Opcode o = arith_op(t, op);
  if (o == OP_SHL || o == OP_SHR || o == OP_USHR)
    emit1(fs, o, ct && !type_is_unsigned(ct) && !type_is_untyped(ct));
  else emit(fs, o);
  if (type_is_float(t)) {
    if (type_under(t)->kind == TY_FLOAT32) emit(fs, OP_F32);
  } else if (o != OP_CONCAT) {
    wrap(fs, t);
  }
}

static void cx_binary(FnState *fs, Node *n) {
  switch (n->op) {
  case T_LAND: case T_LOR: cx_logic(fs, n); return;
  case T_EQL: case T_NEQ: case T_LSS: case T_LEQ: case T_GTR: case T_GEQ:
    cx_compare(fs, n);
    return;
  default: break;
  }
  Type *t = n->type;
  if (type_is_untyped(t)) t = type_default(fs->c->u, t);
  bool shift = n->op == T_SHL || n->op == T_SHR;
  cx_to(fs, n->a, t);
  if (shift) cx_expr(fs, n->b);
  else cx_to(fs, n->b, t);
  cx_arith(fs, t, n->op, n->b->type);
}

static void cx_unary(FnState *fs, Node *n) {
  Type *t = n->type;
  switch (n->op) {
  case T_AND: cx_addr(fs, n->a); return;
  case T_ARROW:
    cx_expr(fs, n->a);
    emit(fs, OP_RECV);
    return;
  case T_NOT:
    cx_expr(fs, n->a);
    emit(fs, OP_NOT);
    return;
  case T_SUB:
    cx_expr(fs, n->a);
    emit(fs, type_is_float(t) ? OP_FNEG : OP_INEG);
    if (!type_is_float(t)) wrap(fs, t);
    return;
  case T_XOR:
    cx_expr(fs, n->a);
    emit(fs, OP_BNOT);
    wrap(fs, t);
    return;
  default: cx_expr(fs, n->a);
  }
}

/* ---- composite literals ------------------------------------------------ */

static int field_index(Type *st, const char *name) {
  for (int i = 0; i < st->nfields; i++)
    if (st->fields[i].name && strcmp(st->fields[i].name, name) == 0)
      return i;
  return -1;
}

static void lit_struct(FnState *fs, Node *n, Type *t) {
  Type *st = type_under(t);
  Node **vals = xcalloc((size_t)st->nfields + 1, sizeof *vals);
  for (int i = 0; i < n->list.len; i++) {
    Node *e = n->list.items[i];
    if (e->kind == N_KEYVALUE) {
      int k = field_index(st, ast_unparen(e->a)->name);
      if (k >= 0) vals[k] = e->b;
    } else if (i < st->nfields) {
      vals[i] = e;
    }
  }
  for (int i = 0; i < st->nfields; i++) {
    if (vals[i]) cx_to(fs, vals[i], st->fields[i].type);
    else var_zero(fs, st->fields[i].type);
  }
  free(vals);
  emit2(fs, OP_STRUCTLIT, type_ix(fs, t), st->nfields);
}

static int64_t key_index(Node *e, int64_t next) {
  if (e->kind != N_KEYVALUE) return next;
  return e->a->cv.kind == CV_INT ? e->a->cv.i : next;
}

static void lit_array(FnState *fs, Node *n, Type *t) {
  Type *elem = type_under(t)->elem;
  emit_type(fs, OP_ZERO, t);
  int64_t idx = 0;
  for (int i = 0; i < n->list.len; i++) {
    Node *e = n->list.items[i];
    idx = key_index(e, idx);
    emit(fs, OP_DUP);
    emit_int(fs, idx);
    cx_to(fs, e->kind == N_KEYVALUE ? e->b : e, elem);
    emit(fs, OP_ASETINDEX);
    idx++;
  }
}

static void lit_slice(FnState *fs, Node *n, Type *t) {
  Type *elem = type_under(t)->elem;
  int64_t idx = 0, len = 0;
  for (int i = 0; i < n->list.len; i++) {
    idx = key_index(n->list.items[i], idx) + 1;
    if (idx > len) len = idx;
  }
  Node **at = xcalloc((size_t)len + 1, sizeof *at);
  idx = 0;
  for (int i = 0; i < n->list.len; i++) {
    Node *e = n->list.items[i];
    idx = key_index(e, idx);
    at[idx++] = e->kind == N_KEYVALUE ? e->b : e;
  }
  for (int64_t i = 0; i < len; i++) {
    if (at[i]) cx_to(fs, at[i], elem);
    else var_zero(fs, elem);
  }
  free(at);
  emit2(fs, OP_SLICELIT, type_ix(fs, t), len);
}

static void lit_map(FnState *fs, Node *n, Type *t) {
  Type *m = type_under(t);
  for (int i = 0; i < n->list.len; i++) {
    Node *e = n->list.items[i];
    cx_to(fs, e->a, m->key);
    cx_to(fs, e->b, m->elem);
  }
  emit2(fs, OP_MAPLIT, type_ix(fs, t), n->list.len);
}

/* COMPOSITE: a=type|NULL, list=elements. */
static void cx_composite(FnState *fs, Node *n) {
  Type *t = n->type;
  bool ptr = type_under(t)->kind == TY_POINTER; /* elided &T in [] *T */
  if (ptr) t = type_under(t)->elem;
  switch (type_under(t)->kind) {
  case TY_STRUCT: lit_struct(fs, n, t); break;
  case TY_ARRAY: lit_array(fs, n, t); break;
  case TY_SLICE: lit_slice(fs, n, t); break;
  case TY_MAP: lit_map(fs, n, t); break;
  default:
    comp_error(fs->c, n->pos, "panicroom: unsupported composite literal");
    emit(fs, OP_NIL);
  }
  if (ptr) emit(fs, OP_BOXNEW);
}

/* ---- addresses --------------------------------------------------------- */

/* Pushes a pointer to the variable n denotes (&n). */
void cx_addr(FnState *fs, Node *n) {
  n = ast_unparen(n);
  if (n->kind == N_IDENT && n->sym && n->sym->kind == SYM_VAR) {
    var_addr(fs, n->sym);
  } else if (n->kind == N_SELECTOR && n->sel && n->sel->kind == SEL_FIELD) {
    cx_walk_addr(fs, addr_start(fs, n->a), n->sel, n->sel->npath);
  } else if (n->kind == N_SELECTOR && n->sym && n->sym->kind == SYM_VAR) {
    var_addr(fs, n->sym);
  } else if (n->kind == N_INDEX &&
             type_under(n->a->type)->kind != TY_MAP) {
    bool slice = type_under(n->a->type)->kind == TY_SLICE;
    if (slice) cx_expr(fs, n->a);
    else array_operand(fs, n->a);
    cx_expr(fs, n->b);
    emit(fs, slice ? OP_SINDEXADDR : OP_AINDEXADDR);
  } else if (n->kind == N_STAR) {
    cx_expr(fs, n->a);
    emit(fs, OP_NILCHECK);
  } else {
    /* &T{...} and receivers that are not variables: a new box */
    cx_value(fs, n);
    emit(fs, OP_BOXNEW);
  }
}

/* ---- the dispatcher ---------------------------------------------------- */

static void cx_ident(FnState *fs, Node *n) {
  Sym *s = n->sym;
  if (!s) {
    comp_error(fs->c, n->pos, "panicroom: unresolved name %s", n->name);
    emit(fs, OP_NIL);
    return;
  }
  switch (s->kind) {
  case SYM_VAR: var_load(fs, s); return;
  case SYM_FUNC:
    emit1(fs, OP_FUNCVAL, comp_func_of(fs->c, s)->index);
    return;
  case SYM_CONST: cx_const(fs, &s->cv, n->type); return;
  default: emit(fs, OP_NIL); return;
  }
}

static void cx_dispatch(FnState *fs, Node *n) {
  switch (n->kind) {
  case N_PAREN: cx_expr(fs, n->a); return;
  case N_IDENT: cx_ident(fs, n); return;
  case N_FUNCLIT: cx_funclit(fs, n); return;
  case N_COMPOSITE: cx_composite(fs, n); return;
  case N_SELECTOR: cx_selector(fs, n); return;
  case N_INDEX: cx_index(fs, n); return;
  case N_SLICE: cx_slice(fs, n); return;
  case N_TYPEASSERT: cx_assert(fs, n); return;
  case N_CALL: cx_call(fs, n); return;
  case N_STAR:
    cx_expr(fs, n->a);
    emit(fs, OP_LOADREF);
    return;
  case N_UNARY: cx_unary(fs, n); return;
  case N_BINARY: cx_binary(fs, n); return;
  default:
    comp_error(fs->c, n->pos, "panicroom: cannot compile %s expression",
               ast_kind_name(n->kind));
    emit(fs, OP_NIL);
  }
}

/* Pushes n's value (no copy); a multi-value call pushes all results. */
void cx_expr(FnState *fs, Node *n) {
  int saved = fs->line;
  if (n->pos.line > 0) fs->line = n->pos.line;
  if (n->mode == EM_CONST) cx_const(fs, &n->cv, n->type);
  else cx_dispatch(fs, n);
  fs->line = saved;
}

void cx_cond(FnState *fs, Node *n) { cx_expr(fs, n); }

/* x.f as an assignment target: pushes the aggregate holding f (no copy:
 * the store must reach the variable) and returns f's index. */
int cx_field_holder(FnState *fs, Node *n) {
  const Selection *sel = n->sel;
  cx_expr(fs, n->a);
  Type *cur = cx_walk_value(fs, n->a->type, sel, sel->npath - 1);
  if (type_under(cur)->kind == TY_POINTER) emit(fs, OP_LOADREF);
  return sel->index[sel->npath - 1];
}
