/* compile_stmt.c - statements: assignments, declarations, control flow,
 * loops and range, switches, select, go/defer, return.
 *
 * Main design decision: every statement leaves the operand stack as it
 * found it; values that must survive across jumps (a switch tag, a range
 * counter, select results) go to hidden local slots, never stay on the
 * stack, so break/continue/return can jump anywhere without unwinding. */
#include "engine/compile_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static bool is_blank(Node *n) {
  n = ast_unparen(n);
  return n->kind == N_IDENT && n->name && strcmp(n->name, "_") == 0;
}

/* ---- assignment targets ------------------------------------------------ */

typedef enum LvKind {
  LV_BLANK, LV_VAR, LV_FIELD, LV_ARRAY, LV_SLICE, LV_MAP, LV_DEREF
} LvKind;

typedef struct Lv {
  LvKind kind;
  Sym *sym;
  int field;
  Type *type; /* map type for LV_MAP */
} Lv;

/* Pushes what the store needs before the value: the aggregate, index,
 * map and key, or pointer. */
static Lv lv_prefix(FnState *fs, Node *n) {
  Lv lv = {LV_VAR, NULL, 0, NULL};
  n = ast_unparen(n);
  if (is_blank(n)) {
    lv.kind = LV_BLANK;
  } else if (n->kind == N_IDENT || (n->kind == N_SELECTOR && n->sel &&
                                    n->sel->kind == SEL_PKG)) {
    lv.sym = n->sym;
  } else if (n->kind == N_SELECTOR) {
    lv.kind = LV_FIELD;
    lv.field = cx_field_holder(fs, n);
  } else if (n->kind == N_STAR) {
    lv.kind = LV_DEREF;
    cx_expr(fs, n->a);
  } else if (n->kind == N_INDEX) {
    Type *t = type_under(n->a->type);
    cx_expr(fs, n->a);
    if (t->kind == TY_MAP) {
      lv.kind = LV_MAP;
      lv.type = n->a->type;
      cx_to(fs, n->b, t->key);
      return lv;
    }
    lv.kind = t->kind == TY_SLICE ? LV_SLICE : LV_ARRAY;
    if (t->kind == TY_POINTER) emit(fs, OP_LOADREF);
    cx_expr(fs, n->b);
  } else {
    comp_error(fs->c, n->pos, "panicroom: cannot assign to this expression");
    lv.kind = LV_BLANK;
  }
  return lv;
}

static void lv_store(FnState *fs, const Lv *lv) {
  switch (lv->kind) {
  case LV_BLANK: emit(fs, OP_POP); break;
  case LV_VAR: var_store(fs, lv->sym); break;
  case LV_FIELD: emit1(fs, OP_SETFIELD, lv->field); break;
  case LV_ARRAY: emit(fs, OP_ASETINDEX); break;
  case LV_SLICE: emit(fs, OP_SSETINDEX); break;
  case LV_MAP: emit_type(fs, OP_MAPSET, lv->type); break;
  case LV_DEREF: emit(fs, OP_STOREREF); break;
  }
}

/* For op= : pushes the current value, keeping the prefix. */
static void lv_load(FnState *fs, const Lv *lv) {
  switch (lv->kind) {
  case LV_VAR: var_load(fs, lv->sym); break;
  case LV_FIELD:
    emit(fs, OP_DUP);
    emit1(fs, OP_FIELD, lv->field);
    break;
  case LV_ARRAY: emit(fs, OP_DUP2); emit(fs, OP_AINDEX); break;
  case LV_SLICE: emit(fs, OP_DUP2); emit(fs, OP_SINDEX); break;
  case LV_MAP: emit(fs, OP_DUP2); emit_type(fs, OP_MAPINDEX, lv->type); break;
  case LV_DEREF: emit(fs, OP_DUP); emit(fs, OP_LOADREF); break;
  default: emit(fs, OP_NIL);
  }
}

/* Go assigns a struct or array INTO the variable, so a pointer into it
 * (q := &s.f) sees the new value: the value's parts are copied into the
 * existing aggregate (COPYINTO) instead of replacing it.  Only where such
 * a pointer can exist: boxed and global variables, fields, elements,
 * dereferences (a plain local's storage is never shared). */
static bool agg_in_place(const Lv *lv, Type *t) {
  TypeKind k = t ? type_under(t)->kind : TY_INVALID;
  if (k != TY_STRUCT && k != TY_ARRAY) return false;
  switch (lv->kind) {
  case LV_FIELD: case LV_ARRAY: case LV_SLICE: case LV_DEREF: return true;
  case LV_VAR:
    return lv->sym && (lv->sym->global || lv->sym->captured ||
                       lv->sym->addrtaken);
  default: return false;
  }
}

/* [prefix..] -> []: stores the value held in slot tmp through lv.  The
 * load of the current aggregate is no access for --race: Go only
 * writes here. */
static void store_lv(FnState *fs, const Lv *lv, Type *t, int tmp) {
  bool in_place = agg_in_place(lv, t);
  if (in_place) {
    bool race = fs->c->race;
    fs->c->race = false;
    lv_load(fs, lv);
    fs->c->race = race;
  }
  emit1(fs, OP_LOCAL, tmp);
  if (in_place) emit_type(fs, OP_COPYINTO, t);
  lv_store(fs, lv);
}

/* [v] -> []: stores into lhs (v already converted for it). */
void cs_store_to(FnState *fs, Node *lhs) {
  Node *u = ast_unparen(lhs);
  if (is_blank(u)) {
    emit(fs, OP_POP);
    return;
  }
  Lv var = {LV_VAR, u->sym, 0, NULL};
  if (u->kind == N_IDENT && !agg_in_place(&var, u->type)) {
    var_store(fs, u->sym);
    return;
  }
  int tmp = new_slot(fs);
  emit1(fs, OP_SETLOCAL, tmp);
  Lv lv = u->kind == N_IDENT ? var : lv_prefix(fs, u);
  store_lv(fs, &lv, u->type, tmp);
}

/* Is this `x` of `x := v` a new variable (not a redeclared one)? */
static bool defines(Node *lhs) {
  Sym *s = ast_unparen(lhs)->sym;
  return s && !s->global && s->slot < 0;
}

/* [v] -> []: := or = into lhs. */
static void store_or_declare(FnState *fs, Node *lhs, bool define) {
  if (define && !is_blank(lhs) && defines(lhs))
    var_declare(fs, ast_unparen(lhs)->sym);
  else cs_store_to(fs, lhs);
}

/* Go assigns in two phases: the operands of index expressions and
 * pointer indirections on the left are evaluated before the right-hand
 * sides.  A saved target: its kind and the hidden slots of its prefix. */
typedef struct Saved {
  Lv lv;
  int base, width;
} Saved;

static int lv_width(LvKind k) {
  switch (k) {
  case LV_FIELD: case LV_DEREF: return 1;
  case LV_ARRAY: case LV_SLICE: case LV_MAP: return 2;
  default: return 0;
  }
}

static Saved *save_targets(FnState *fs, Node **lhs, int n) {
  Saved *sv = xcalloc((size_t)n + 1, sizeof *sv);
  for (int i = 0; i < n; i++) {
    Node *u = ast_unparen(lhs[i]);
    if (is_blank(u) || u->kind == N_IDENT) continue;
    sv[i].lv = lv_prefix(fs, u);
    sv[i].width = lv_width(sv[i].lv.kind);
    sv[i].base = fs->nlocals;
    fs->nlocals += sv[i].width;
    for (int k = sv[i].width - 1; k >= 0; k--)
      emit1(fs, OP_SETLOCAL, sv[i].base + k);
  }
  return sv;
}

/* [v] -> [] into a target saved by save_targets. */
static void store_saved(FnState *fs, const Saved *sv, Node *lhs,
                        bool define) {
  Node *u = ast_unparen(lhs);
  if (is_blank(u) || u->kind == N_IDENT) {
    store_or_declare(fs, lhs, define);
    return;
  }
  int tmp = new_slot(fs);
  emit1(fs, OP_SETLOCAL, tmp);
  for (int k = 0; k < sv->width; k++) emit1(fs, OP_LOCAL, sv->base + k);
  store_lv(fs, &sv->lv, u->type, tmp);
}

/* n values of types ts are on the stack; assigns them to the saved
 * targets lhs[0..n-1]. */
static void assign_values(FnState *fs, Node **lhs, Saved *sv, Type **ts,
                          int n, bool define) {
  int base = fs->nlocals;
  fs->nlocals += n;
  for (int i = n - 1; i >= 0; i--) emit1(fs, OP_SETLOCAL, base + i);
  for (int i = 0; i < n; i++) {
    if (is_blank(lhs[i])) continue;
    emit1(fs, OP_LOCAL, base + i);
    cx_convert_top(fs, ts[i], ast_unparen(lhs[i])->type);
    store_saved(fs, &sv[i], lhs[i], define);
  }
  free(sv);
}

/* a, b = f() / v, ok = m[k] / x.(T) / <-c. */
static void assign_multi(FnState *fs, NodeList *lhs, Node *rhs, bool define) {
  Type *ts[2];
  Type **types = ts;
  Saved *sv;
  if (rhs->mode == EM_TUPLE) { /* the call runs before index operands */
    cx_call(fs, rhs);
    types = rhs->type->results;
    sv = save_targets(fs, lhs->items, lhs->len);
  } else {
    sv = save_targets(fs, lhs->items, lhs->len);
    cx_commaok(fs, rhs);
    ts[0] = ast_unparen(rhs)->type;
    ts[1] = types_basic(fs->c->u, TY_BOOL);
  }
  assign_values(fs, lhs->items, sv, types, lhs->len, define);
}

static Type *lhs_type(Node *lhs) {
  Node *u = ast_unparen(lhs);
  if (is_blank(u)) return NULL;
  return u->sym && u->kind == N_IDENT ? u->sym->type : u->type;
}

/* ASSIGN: op, list=lhs, list2=rhs. */
static void cs_assign(FnState *fs, Node *n) {
  bool define = n->op == T_DEFINE;
  NodeList *l = &n->list, *r = &n->list2;
  if (n->op != T_ASSIGN && !define) {
    TokKind op = (TokKind)(T_ADD + (n->op - T_ADD_ASSIGN));
    Lv lv = lv_prefix(fs, l->items[0]);
    lv_load(fs, &lv);
    Type *t = l->items[0]->type;
    if (op == T_SHL || op == T_SHR) cx_expr(fs, r->items[0]);
    else cx_to(fs, r->items[0], t);
    cx_arith(fs, t, op, r->items[0]->type);
    lv_store(fs, &lv);
    return;
  }
  if (l->len > 1 && r->len == 1) {
    assign_multi(fs, l, r->items[0], define);
    return;
  }
  if (l->len == 1) {
    Node *lhs = l->items[0];
    if (define && defines(lhs)) {
      cx_to(fs, r->items[0], lhs_type(lhs));
      var_declare(fs, ast_unparen(lhs)->sym);
      return;
    }
    Lv lv = lv_prefix(fs, lhs);
    cx_to(fs, r->items[0], lhs_type(lhs));
    if (agg_in_place(&lv, lhs_type(lhs))) {
      int tmp = new_slot(fs);
      emit1(fs, OP_SETLOCAL, tmp);
      store_lv(fs, &lv, lhs_type(lhs), tmp);
    } else {
      lv_store(fs, &lv);
    }
    return;
  }
  /* parallel assignment: all right-hand sides first */
  Type **ts = xmalloc(sizeof *ts * (size_t)l->len);
  Saved *sv = save_targets(fs, l->items, l->len);
  for (int i = 0; i < l->len; i++) {
    ts[i] = lhs_type(l->items[i]);
    cx_to(fs, r->items[i], ts[i]);
  }
  assign_values(fs, l->items, sv, ts, l->len, define);
  free(ts);
}

static void cs_incdec(FnState *fs, Node *n) {
  Lv lv = lv_prefix(fs, n->a);
  lv_load(fs, &lv);
  Type *t = n->a->type;
  ConstVal one = {0};
  one.kind = CV_INT;
  one.i = 1;
  cx_const(fs, &one, t);
  cx_arith(fs, t, n->op == T_INC ? T_ADD : T_SUB, t);
  lv_store(fs, &lv);
}

/* VALUESPEC: list=names, a=type|NULL, list2=values. */
void cs_var_spec(FnState *fs, Node *spec) {
  NodeList *names = &spec->list, *vals = &spec->list2;
  for (int i = 0; i < vals->len; i++) cx_hoist(fs, vals->items[i], false);
  if (vals->len == 0) {
    for (int i = 0; i < names->len; i++) {
      Sym *s = names->items[i]->sym;
      var_zero(fs, s ? s->type : NULL);
      var_declare(fs, s);
    }
  } else if (vals->len == 1 && names->len > 1) {
    assign_multi(fs, names, vals->items[0], true);
  } else {
    for (int i = 0; i < names->len && i < vals->len; i++) {
      Sym *s = names->items[i]->sym;
      cx_to(fs, vals->items[i], s ? s->type : NULL);
      var_declare(fs, s);
    }
  }
}

/* ---- return ------------------------------------------------------------ */

/* The symbol of result i (named results), or NULL. */
static Sym *result_sym(FnState *fs, int i) {
  Node *d = fs->decl;
  if (!d) return NULL;
  Node *ft = d->kind == N_FUNCLIT ? d->a : d->b;
  for (int f = 0; f < ft->list2.len; f++) {
    NodeList *names = &ft->list2.items[f]->list;
    if (names->len == 0) return NULL;
    if (i < names->len) return names->items[i]->sym;
    i -= names->len;
  }
  return NULL;
}

static void store_result(FnState *fs, int i) {
  Sym *s = result_sym(fs, i);
  if (s && s->slot >= 0 && sym_boxed(s)) emit1(fs, OP_BOXSET, s->slot);
  else emit1(fs, OP_SETLOCAL, fs->fn->nparams + i);
}

/* RETURN: list=results. */
static void cs_return(FnState *fs, Node *n) {
  Type *sig = fs->sig;
  int nr = n->list.len;
  if (nr == 1 && sig->nresults > 1) {
    Node *call = n->list.items[0];
    cx_call(fs, call);
    Type *tup = call->type;
    int base = fs->nlocals;
    fs->nlocals += sig->nresults;
    for (int i = sig->nresults - 1; i >= 0; i--)
      emit1(fs, OP_SETLOCAL, base + i);
    for (int i = 0; i < sig->nresults; i++) {
      emit1(fs, OP_LOCAL, base + i);
      cx_convert_top(fs, tup->results[i], sig->results[i]);
    }
    nr = sig->nresults;
  } else {
    for (int i = 0; i < nr; i++)
      cx_to(fs, n->list.items[i], sig->results[i]);
  }
  for (int i = nr - 1; i >= 0; i--) store_result(fs, i);
  ret_emit(fs);
}

/* ---- break / continue -------------------------------------------------- */

static void push_target(FnState *fs, Target *t, bool loop) {
  memset(t, 0, sizeof *t);
  t->label = fs->label;
  fs->label = NULL;
  t->loop = loop;
  t->outer = fs->targets;
  fs->targets = t;
}

static void pop_target(FnState *fs, Target *t, int brk, int cont) {
  patch_all(fs, &t->breaks, brk);
  patch_all(fs, &t->conts, cont);
  fs->targets = t->outer;
}

/* BRANCH: op=break|continue|fallthrough, name=label. */
static void cs_branch(FnState *fs, Node *n) {
  if (n->op == T_FALLTHROUGH) return; /* the switch lays bodies in order */
  bool cont = n->op == T_CONTINUE;
  for (Target *t = fs->targets; t; t = t->outer) {
    if (n->name ? !(t->label && strcmp(t->label, n->name) == 0)
                : (cont && !t->loop))
      continue;
    patch_push(cont ? &t->conts : &t->breaks, emit1(fs, OP_JMP, 0));
    return;
  }
  comp_error(fs->c, n->pos, "panicroom: branch target not found");
}

/* ---- if / for ---------------------------------------------------------- */

/* IF: a=init, b=cond, c=then, d=else. */
static void cs_if(FnState *fs, Node *n) {
  if (n->a) cs_stmt(fs, n->a);
  cx_hoist(fs, n->b, false);
  cx_cond(fs, n->b);
  int jelse = emit1(fs, OP_JMPF, 0);
  cs_block(fs, n->c);
  if (!n->d) {
    patch(fs, jelse, here(fs));
    return;
  }
  int jend = emit1(fs, OP_JMP, 0);
  patch(fs, jelse, here(fs));
  cs_stmt(fs, n->d);
  patch(fs, jend, here(fs));
}

/* Go 1.22: a boxed loop variable gets a new box per iteration, holding
 * the value the previous iteration ended with. */
static void rebox_loopvars(FnState *fs, Node *init) {
  if (!init || init->kind != N_ASSIGN || init->op != T_DEFINE) return;
  for (int i = 0; i < init->list.len; i++) {
    Sym *s = ast_unparen(init->list.items[i])->sym;
    if (!s || s->slot < 0 || !sym_boxed(s) || s->global) continue;
    emit1(fs, OP_LOCAL, s->slot);
    emit(fs, OP_LOADREF);
    emit(fs, OP_BOXNEW);
    emit1(fs, OP_SETLOCAL, s->slot);
  }
}

/* FOR: a=init, b=cond, c=post, d=body. */
static void cs_for(FnState *fs, Node *n) {
  Target t;
  if (n->a) cs_stmt(fs, n->a);
  push_target(fs, &t, true);
  int top = here(fs), jexit = -1;
  if (n->b) {
    cx_hoist(fs, n->b, false);
    cx_cond(fs, n->b);
    jexit = emit1(fs, OP_JMPF, 0);
  }
  cs_block(fs, n->d);
  int cont = here(fs);
  rebox_loopvars(fs, n->a);
  if (n->c) cs_stmt(fs, n->c);
  emit1(fs, OP_JMP, top);
  if (jexit >= 0) patch(fs, jexit, here(fs));
  pop_target(fs, &t, here(fs), cont);
}

/* ---- range ------------------------------------------------------------- */

/* [v] -> []: the key or value variable of one iteration. */
static void range_set(FnState *fs, Node *lhs, bool define, Type *vt) {
  if (!lhs || is_blank(lhs)) {
    emit(fs, OP_POP);
    return;
  }
  cx_convert_top(fs, vt, lhs_type(lhs));
  if (define) var_declare(fs, ast_unparen(lhs)->sym);
  else cs_store_to(fs, lhs);
}

static int hidden(FnState *fs) { return new_slot(fs); }

static void incr(FnState *fs, int slot) {
  emit1(fs, OP_LOCAL, slot);
  emit_int(fs, 1);
  emit(fs, OP_IADD);
  emit1(fs, OP_SETLOCAL, slot);
}

/* Hidden slots of an indexed range: the operand, its length, the index,
 * and for strings the next index and the decoded rune. */
typedef struct RangeSlots {
  int xs, len, i, nx, r;
  bool str, isint;
} RangeSlots;

/* Evaluates the range operand once and sets up the counter. */
static void range_setup(FnState *fs, Node *n, Type *xt, RangeSlots *rs) {
  Type *u = type_under(xt);
  rs->xs = hidden(fs);
  rs->len = hidden(fs);
  rs->i = hidden(fs);
  rs->str = type_is_string(xt);
  rs->isint = type_is_integer(xt);
  if (u->kind == TY_ARRAY && n->b) cx_value(fs, n->c); /* over a copy */
  else cx_expr(fs, n->c);
  if (u->kind == TY_POINTER) emit(fs, OP_LOADREF);
  emit1(fs, OP_SETLOCAL, rs->xs);
  emit1(fs, OP_LOCAL, rs->xs);
  if (!rs->isint)
    emit1(fs, OP_LEN, rs->str ? TY_STRING
                              : u->kind == TY_POINTER ? TY_ARRAY : u->kind);
  emit1(fs, OP_SETLOCAL, rs->len);
  emit_int(fs, 0);
  emit1(fs, OP_SETLOCAL, rs->i);
}

/* The key and value variables of one iteration. */
static void range_vars(FnState *fs, Node *n, Type *xt, RangeSlots *rs) {
  Type *u = type_under(xt);
  bool define = n->op == T_DEFINE;
  if (rs->str) {
    rs->nx = hidden(fs);
    rs->r = hidden(fs);
    emit1(fs, OP_LOCAL, rs->xs);
    emit1(fs, OP_LOCAL, rs->i);
    emit(fs, OP_STRNEXT);
    emit1(fs, OP_SETLOCAL, rs->r);
    emit1(fs, OP_SETLOCAL, rs->nx);
  }
  if (n->a) {
    emit1(fs, OP_LOCAL, rs->i);
    range_set(fs, n->a, define,
              rs->isint ? xt : types_basic(fs->c->u, TY_INT));
  }
  if (!n->b) return;
  if (rs->str) {
    emit1(fs, OP_LOCAL, rs->r);
    range_set(fs, n->b, define, types_basic(fs->c->u, TY_INT32));
    return;
  }
  Type *et = type_under(u->kind == TY_POINTER ? u->elem : u)->elem;
  emit1(fs, OP_LOCAL, rs->xs);
  emit1(fs, OP_LOCAL, rs->i);
  emit(fs, u->kind == TY_SLICE ? OP_SINDEX : OP_AINDEX);
  if (is_agg(et)) emit_type(fs, OP_COPY, et);
  range_set(fs, n->b, define, et);
}

/* Range over int, slice, array, pointer to array and string: a counter
 * in a hidden slot; strings advance by the decoded rune's width. */
static void range_indexed(FnState *fs, Node *n, Type *xt) {
  RangeSlots rs = {0};
  range_setup(fs, n, xt, &rs);
  Target t;
  push_target(fs, &t, true);
  int top = here(fs);
  emit1(fs, OP_LOCAL, rs.i);
  emit1(fs, OP_LOCAL, rs.len);
  emit(fs, OP_ILT);
  int jexit = emit1(fs, OP_JMPF, 0);
  range_vars(fs, n, xt, &rs);
  cs_block(fs, n->d);
  int cont = here(fs);
  if (rs.str) {
    emit1(fs, OP_LOCAL, rs.nx);
    emit1(fs, OP_SETLOCAL, rs.i);
  } else {
    incr(fs, rs.i);
  }
  emit1(fs, OP_JMP, top);
  patch(fs, jexit, here(fs));
  pop_target(fs, &t, here(fs), cont);
}

static void range_map(FnState *fs, Node *n, Type *mt) {
  bool define = n->op == T_DEFINE;
  int it = hidden(fs);
  cx_expr(fs, n->c);
  emit_type(fs, OP_MAPITER, mt);
  emit1(fs, OP_SETLOCAL, it);
  Target t;
  push_target(fs, &t, true);
  int top = here(fs);
  emit1(fs, OP_LOCAL, it);
  emit(fs, OP_MAPNEXT);
  int jbody = emit1(fs, OP_JMPT, 0);
  int d = fs->depth;
  emit1(fs, OP_POPN, 3);
  int jexit = emit1(fs, OP_JMP, 0);
  set_depth(fs, d);
  patch(fs, jbody, here(fs));
  Type *et = type_under(mt)->elem;
  if (n->b && is_agg(et)) emit_type(fs, OP_COPY, et);
  range_set(fs, n->b, define, et);
  range_set(fs, n->a, define, type_under(mt)->key);
  emit(fs, OP_POP);
  cs_block(fs, n->d);
  emit1(fs, OP_JMP, top);
  patch(fs, jexit, here(fs));
  pop_target(fs, &t, here(fs), top);
}

static void range_chan(FnState *fs, Node *n, Type *ct) {
  int ch = hidden(fs);
  cx_expr(fs, n->c);
  emit1(fs, OP_SETLOCAL, ch);
  Target t;
  push_target(fs, &t, true);
  int top = here(fs);
  emit1(fs, OP_LOCAL, ch);
  emit(fs, OP_RECV2);
  int jbody = emit1(fs, OP_JMPT, 0);
  int d = fs->depth;
  emit(fs, OP_POP);
  int jexit = emit1(fs, OP_JMP, 0);
  set_depth(fs, d);
  patch(fs, jbody, here(fs));
  range_set(fs, n->a, n->op == T_DEFINE, type_under(ct)->elem);
  cs_block(fs, n->d);
  emit1(fs, OP_JMP, top);
  patch(fs, jexit, here(fs));
  pop_target(fs, &t, here(fs), top);
}

/* RANGE: a=key, b=value, op, c=expression, d=body. */
static void cs_range(FnState *fs, Node *n) {
  Type *xt = n->c->type;
  if (xt && type_is_untyped(xt)) xt = type_default(fs->c->u, xt);
  switch (type_under(xt)->kind) {
  case TY_MAP: range_map(fs, n, xt); return;
  case TY_CHAN: range_chan(fs, n, xt); return;
  default: range_indexed(fs, n, xt);
  }
}

/* ---- switch ------------------------------------------------------------ */

static bool ends_fallthrough(Node *clause) {
  NodeList *b = &clause->list2;
  return b->len && b->items[b->len - 1]->kind == N_BRANCH &&
         b->items[b->len - 1]->op == T_FALLTHROUGH;
}

/* [] -> [tag == e] */
static void case_test(FnState *fs, int tag, Type *tt, Node *e) {
  emit1(fs, OP_LOCAL, tag);
  Type *et = e->type;
  if (!type_is_interface(tt) && et && type_is_interface(et)) {
    cx_convert_top(fs, tt, et);
    cx_expr(fs, e);
    cx_eq(fs, et, false);
    return;
  }
  cx_to(fs, e, tt);
  cx_eq(fs, tt, false);
}

/* Emits the clause bodies in source order; jumps[i] lists the tests that
 * lead to clause i. */
static void switch_bodies(FnState *fs, NodeList *clauses, PatchList *jumps,
                          int jdefault, Target *t, Sym **vars, int tmp,
                          Type *ifacet) {
  int def = -1;
  for (int i = 0; i < clauses->len; i++) {
    Node *cl = clauses->items[i];
    if (cl->list.len == 0) def = i;
    patch_all(fs, &jumps[i], here(fs));
    if (def == i) patch(fs, jdefault, here(fs));
    if (vars && vars[i]) {
      emit1(fs, OP_LOCAL, tmp);
      Type *vt = vars[i]->type;
      if (cl->list.len == 1 && !type_is_interface(vt) &&
          ast_unparen(cl->list.items[0])->type == vt) {
        emit2(fs, OP_ASSERT, type_ix(fs, vt), type_ix(fs, ifacet));
        if (is_agg(vt)) emit_type(fs, OP_COPY, vt);
      }
      var_declare(fs, vars[i]);
    }
    for (int k = 0; k < cl->list2.len; k++) cs_stmt(fs, cl->list2.items[k]);
    if (!ends_fallthrough(cl)) patch_push(&t->breaks, emit1(fs, OP_JMP, 0));
  }
  if (def < 0) patch(fs, jdefault, here(fs));
}

/* SWITCH: a=init, b=tag|NULL, list=CASECLAUSE. */
static void cs_switch(FnState *fs, Node *n) {
  Target t;
  const char *label = fs->label;
  fs->label = NULL;
  if (n->a) cs_stmt(fs, n->a);
  int tag = -1;
  Type *tt = NULL;
  if (n->b) {
    tt = n->b->type;
    if (type_is_untyped(tt)) tt = type_default(fs->c->u, tt);
    tag = hidden(fs);
    cx_hoist(fs, n->b, false);
    cx_to(fs, n->b, tt);
    emit1(fs, OP_SETLOCAL, tag);
  }
  NodeList *cl = &n->list;
  PatchList *jumps = xcalloc((size_t)cl->len + 1, sizeof *jumps);
  for (int i = 0; i < cl->len; i++)
    for (int k = 0; k < cl->items[i]->list.len; k++) {
      Node *e = cl->items[i]->list.items[k];
      if (tag >= 0) case_test(fs, tag, tt, e);
      else cx_cond(fs, e);
      patch_push(&jumps[i], emit1(fs, OP_JMPT, 0));
    }
  int jdef = emit1(fs, OP_JMP, 0);
  fs->label = label;
  push_target(fs, &t, false);
  switch_bodies(fs, cl, jumps, jdef, &t, NULL, -1, NULL);
  free(jumps);
  pop_target(fs, &t, here(fs), here(fs));
}

/* TYPESWITCH: a=init, b=guard, list=CASECLAUSE (types). */
static void cs_typeswitch(FnState *fs, Node *n) {
  Target t;
  const char *label = fs->label;
  fs->label = NULL;
  if (n->a) cs_stmt(fs, n->a);
  Node *g = n->b;
  Node *ta = g->kind == N_ASSIGN ? g->list2.items[0] : g->a;
  ta = ast_unparen(ta);
  int tmp = hidden(fs);
  cx_expr(fs, ta->a);
  emit1(fs, OP_SETLOCAL, tmp);
  NodeList *cl = &n->list;
  PatchList *jumps = xcalloc((size_t)cl->len + 1, sizeof *jumps);
  Sym **vars = xcalloc((size_t)cl->len + 1, sizeof *vars);
  for (int i = 0; i < cl->len; i++) {
    vars[i] = cl->items[i]->sym;
    for (int k = 0; k < cl->items[i]->list.len; k++) {
      Node *e = ast_unparen(cl->items[i]->list.items[k]);
      emit1(fs, OP_LOCAL, tmp);
      bool isnil = e->type && e->type->kind == TY_UNTYPED_NIL;
      emit1(fs, OP_ISTYPE, isnil ? 0xFFFFFFFFu : (uint32_t)type_ix(fs, e->type));
      patch_push(&jumps[i], emit1(fs, OP_JMPT, 0));
    }
  }
  int jdef = emit1(fs, OP_JMP, 0);
  fs->label = label;
  push_target(fs, &t, false);
  switch_bodies(fs, cl, jumps, jdef, &t, vars, tmp, ta->a->type);
  free(jumps);
  free(vars);
  pop_target(fs, &t, here(fs), here(fs));
}

/* ---- select ------------------------------------------------------------ */

/* The channel operation of a COMMCLAUSE: SEND, or the <-c inside
 * EXPRSTMT/ASSIGN. */
static Node *comm_recv(Node *comm) {
  Node *e = comm->kind == N_ASSIGN ? comm->list2.items[0] : comm->a;
  return ast_unparen(e);
}

/* Pushes the channel (and value) of each case; returns the case count. */
static int select_operands(FnState *fs, NodeList *cl, bool *has_default,
                           int *nsend) {
  int n = 0;
  for (int i = 0; i < cl->len; i++) {
    Node *comm = cl->items[i]->a;
    if (!comm) {
      *has_default = true;
      continue;
    }
    n++;
    if (comm->kind == N_SEND) {
      cx_expr(fs, comm->a);
      cx_to(fs, comm->b, type_under(comm->a->type)->elem);
      (*nsend)++;
    } else {
      cx_expr(fs, comm_recv(comm)->a);
    }
  }
  return n;
}

/* The received value and ok of a receive clause with assignment. */
static void select_assign(FnState *fs, Node *comm, int v, int ok) {
  if (comm->kind != N_ASSIGN) return;
  bool define = comm->op == T_DEFINE;
  Type *et = type_under(comm_recv(comm)->a->type)->elem;
  for (int k = 0; k < comm->list.len && k < 2; k++) {
    Node *lhs = comm->list.items[k];
    if (is_blank(lhs)) continue;
    emit1(fs, OP_LOCAL, k == 0 ? v : ok);
    if (k == 0) cx_convert_top(fs, et, lhs_type(lhs));
    if (define) var_declare(fs, ast_unparen(lhs)->sym);
    else cs_store_to(fs, lhs);
  }
}

/* SELECT: list=COMMCLAUSE. */
static void cs_select(FnState *fs, Node *n) {
  NodeList *cl = &n->list;
  bool has_def = false;
  int nsend = 0, d0 = fs->depth;
  int ncase = select_operands(fs, cl, &has_def, &nsend);
  /* Go compiles a select with one channel case as that operation (a
   * non-blocking one with default), so its traceback line is the case's,
   * not the select keyword's. */
  int line = fs->line;
  for (int i = 0; ncase == 1 && i < cl->len; i++)
    if (cl->items[i]->a) fs->line = cl->items[i]->a->pos.line;
  emit2(fs, OP_SELECT, ncase, has_def);
  for (int i = 0; i < cl->len; i++)
    if (cl->items[i]->a) emit_word(fs, cl->items[i]->a->kind == N_SEND);
  fs->line = line;
  set_depth(fs, d0 + 3);
  int idx = hidden(fs), v = hidden(fs), ok = hidden(fs);
  emit1(fs, OP_SETLOCAL, ok);
  emit1(fs, OP_SETLOCAL, v);
  emit1(fs, OP_SETLOCAL, idx);
  int *jumps = xcalloc((size_t)cl->len + 1, sizeof *jumps);
  for (int i = 0, k = 0; i < cl->len; i++) {
    emit1(fs, OP_LOCAL, idx);
    emit_int(fs, cl->items[i]->a ? k++ : -1);
    emit(fs, OP_IEQ);
    jumps[i] = emit1(fs, OP_JMPT, 0);
  }
  Target t;
  push_target(fs, &t, false);
  patch_push(&t.breaks, emit1(fs, OP_JMP, 0));
  for (int i = 0; i < cl->len; i++) {
    Node *c = cl->items[i];
    patch(fs, jumps[i], here(fs));
    if (c->a) select_assign(fs, c->a, v, ok);
    for (int k = 0; k < c->list2.len; k++) cs_stmt(fs, c->list2.items[k]);
    patch_push(&t.breaks, emit1(fs, OP_JMP, 0));
  }
  free(jumps);
  pop_target(fs, &t, here(fs), here(fs));
}

/* ---- the dispatcher ---------------------------------------------------- */

static void cs_exprstmt(FnState *fs, Node *e) {
  Node *u = ast_unparen(e);
  int k = 1;
  if (u->kind == N_CALL) k = cx_call(fs, u);
  else cx_expr(fs, u);
  if (k == 1) emit(fs, OP_POP);
  else if (k > 1) emit1(fs, OP_POPN, k);
}

static void cs_decl(FnState *fs, Node *g) {
  if (g->op != T_VAR) return;
  for (int i = 0; i < g->list.len; i++) cs_var_spec(fs, g->list.items[i]);
}

static void cs_go_defer(FnState *fs, Node *n) {
  int k = cx_go_defer_args(fs, n->a);
  emit1(fs, n->kind == N_GO ? OP_GO : OP_DEFER, k);
}

static void cs_send(FnState *fs, Node *n) {
  cx_expr(fs, n->a);
  cx_to(fs, n->b, type_under(n->a->type)->elem);
  emit(fs, OP_SEND);
}

static void cs_labeled(FnState *fs, Node *n) {
  fs->label = n->name;
  Node *a = n->a;
  if (a && (a->kind == N_FOR || a->kind == N_RANGE || a->kind == N_SWITCH ||
            a->kind == N_TYPESWITCH || a->kind == N_SELECT)) {
    cs_stmt(fs, a);
    return;
  }
  /* a labeled block: only break with the label can leave it */
  Target t;
  push_target(fs, &t, false);
  if (a) cs_stmt(fs, a);
  pop_target(fs, &t, here(fs), here(fs));
}

static void hoist_all(FnState *fs, NodeList *l) {
  for (int i = 0; i < l->len; i++) cx_hoist(fs, l->items[i], false);
}

/* Calls inside a simple statement run before its other operands are
 * read, as gc orders them (cx_hoist). */
static void hoist_stmt(FnState *fs, Node *n) {
  switch (n->kind) {
  case N_EXPRSTMT: cx_hoist(fs, n->a, true); break;
  case N_GO: case N_DEFER: cx_hoist(fs, n->a, true); break;
  case N_SEND: cx_hoist(fs, n->a, false); cx_hoist(fs, n->b, false); break;
  case N_INCDEC: cx_hoist(fs, n->a, false); break;
  case N_RETURN: hoist_all(fs, &n->list); break;
  case N_ASSIGN:
    for (int i = 0; i < n->list.len; i++)
      cx_hoist(fs, n->list.items[i], true);
    hoist_all(fs, &n->list2);
    break;
  default: break;
  }
}

void cs_stmt(FnState *fs, Node *n) {
  if (!n) return;
  if (n->pos.line > 0) fs->line = n->pos.line;
  hoist_stmt(fs, n);
  switch (n->kind) {
  case N_EMPTY: break;
  case N_EXPRSTMT: cs_exprstmt(fs, n->a); break;
  case N_DECLSTMT: cs_decl(fs, n->a); break;
  case N_ASSIGN: cs_assign(fs, n); break;
  case N_INCDEC: cs_incdec(fs, n); break;
  case N_SEND: cs_send(fs, n); break;
  case N_GO: case N_DEFER: cs_go_defer(fs, n); break;
  case N_RETURN: cs_return(fs, n); break;
  case N_BRANCH: cs_branch(fs, n); break;
  case N_BLOCK: cs_block(fs, n); break;
  case N_IF: cs_if(fs, n); break;
  case N_FOR: cs_for(fs, n); break;
  case N_RANGE: cs_range(fs, n); break;
  case N_SWITCH: cs_switch(fs, n); break;
  case N_TYPESWITCH: cs_typeswitch(fs, n); break;
  case N_SELECT: cs_select(fs, n); break;
  case N_LABELED: cs_labeled(fs, n); break;
  default:
    comp_error(fs->c, n->pos, "panicroom: cannot compile %s statement",
               ast_kind_name(n->kind));
  }
}

/* BLOCK: list=statements. */
void cs_block(FnState *fs, Node *block) {
  if (!block) return;
  for (int i = 0; i < block->list.len; i++) cs_stmt(fs, block->list.items[i]);
}
