/* compile_call.c - calls, builtins, conversions, function literals, and
 * the operands of go/defer statements.
 *
 * Main design decision: a method is an ordinary Func whose first
 * parameter is the receiver, so a method call, a go statement on a method
 * and a deferred method call all push the receiver as argument 0 and call
 * the Func directly; no bound closure is needed except for method values
 * (x.M not called), which get a small generated wrapper. */
#include "engine/compile_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* The signature of the function a CALL calls (underlying TY_FUNC). */
Type *cx_sig(Node *fun) {
  Type *t = fun->type;
  return t ? type_under(t) : NULL;
}

static Sym *static_func(Node *fun) {
  fun = ast_unparen(fun);
  Sym *s = fun->sym;
  if (fun->kind == N_IDENT && s && s->kind == SYM_FUNC) return s;
  if (fun->kind == N_SELECTOR && (!fun->sel || fun->sel->kind == SEL_PKG) &&
      s && s->kind == SYM_FUNC)
    return s;
  return NULL;
}

/* f(g()) where g returns several values: the results go to temporaries,
 * then each is converted for its parameter. */
static int args_spread(FnState *fs, Node *arg, Type *sig) {
  Type *tup = arg->type;
  int n = cx_call(fs, arg);
  int base = fs->nlocals;
  fs->nlocals += n;
  for (int i = n - 1; i >= 0; i--) emit1(fs, OP_SETLOCAL, base + i);
  int np = sig->nparams, fixed = sig->variadic ? np - 1 : np;
  for (int i = 0; i < n && i < fixed; i++) {
    emit1(fs, OP_LOCAL, base + i);
    cx_convert_top(fs, tup->results[i], sig->params[i]);
  }
  if (!sig->variadic) return np;
  Type *st = sig->params[np - 1];
  for (int i = fixed; i < n; i++) {
    emit1(fs, OP_LOCAL, base + i);
    cx_convert_top(fs, tup->results[i], type_under(st)->elem);
  }
  if (n - fixed <= 0) emit(fs, OP_NIL);
  else emit2(fs, OP_SLICELIT, type_ix(fs, st), n - fixed);
  return np;
}

/* Pushes the arguments of call for sig; returns how many were pushed. */
static int cx_args(FnState *fs, Node *call, Type *sig) {
  NodeList *args = &call->list;
  int np = sig->nparams;
  if (args->len == 1 && args->items[0]->mode == EM_TUPLE)
    return args_spread(fs, args->items[0], sig);
  bool pack = sig->variadic && !(call->flags & NF_ELLIPSIS);
  int fixed = pack ? np - 1 : np;
  for (int i = 0; i < fixed && i < args->len; i++)
    cx_to(fs, args->items[i], sig->params[i]);
  if (!pack) return np;
  Type *st = sig->params[np - 1];
  int k = args->len - fixed;
  for (int i = fixed; i < args->len; i++)
    cx_to(fs, args->items[i], type_under(st)->elem);
  if (k <= 0) emit(fs, OP_NIL);
  else emit2(fs, OP_SLICELIT, type_ix(fs, st), k);
  return np;
}

static int method_name_const(FnState *fs, const char *name) {
  return prog_add_const(fs->c->p, &fs->c->capconsts,
                        prog_string(fs->c->p, name, strlen(name)));
}

static int call_method(FnState *fs, Node *n, Node *fun, Type *sig) {
  Selection *sel = fun->sel;
  int nres = sig->nresults;
  if (sel->kind == SEL_METHODEXPR) {
    cx_expr(fs, fun);
    int na = cx_args(fs, n, sig);
    emit_call(fs, OP_CALL, na, na, nres);
    return nres;
  }
  cx_recv_path(fs, fun->a, sel, false);
  int na = cx_args(fs, n, sig);
  if (sel->kind == SEL_IFACEMETHOD) {
    emit_call(fs, OP_CALLI, method_name_const(fs, fun->name), na + 1, nres);
    return nres;
  }
  Func *m = comp_func_of(fs->c, sel->method);
  emit_call(fs, OP_CALLF, m->index, na + 1, nres);
  return nres;
}

/* ---- builtins ---------------------------------------------------------- */

static Type *arg_type(FnState *fs, Node *a) {
  Type *t = a->type;
  return t && type_is_untyped(t) ? type_default(fs->c->u, t) : t;
}

/* print/println: [] -> []. */
static void bi_print(FnState *fs, Node *n, bool nl) {
  int k = n->list.len;
  for (int i = 0; i < k; i++)
    cx_to(fs, n->list.items[i], arg_type(fs, n->list.items[i]));
  emit2(fs, OP_PRINT, k, nl);
  for (int i = 0; i < k; i++)
    emit_word(fs, (uint32_t)type_ix(fs, arg_type(fs, n->list.items[i])));
}

static int lenkind(Type *t) {
  TypeKind k = type_under(t)->kind;
  return k == TY_UNTYPED_STRING ? TY_STRING : k;
}

static void bi_make(FnState *fs, Node *n) {
  Type *t = n->list.items[0]->type;
  NodeList *a = &n->list;
  switch (type_under(t)->kind) {
  case TY_SLICE:
    cx_expr(fs, a->items[1]);
    if (a->len > 2) cx_expr(fs, a->items[2]);
    else emit(fs, OP_DUP);
    emit_type(fs, OP_MAKESLICE, t);
    return;
  case TY_MAP:
    if (a->len > 1) cx_expr(fs, a->items[1]);
    else emit_int(fs, 0);
    emit_type(fs, OP_MAKEMAP, t);
    return;
  default:
    if (a->len > 1) cx_expr(fs, a->items[1]);
    else emit_int(fs, 0);
    emit_type(fs, OP_MAKECHAN, t);
  }
}

static void bi_append(FnState *fs, Node *n) {
  NodeList *a = &n->list;
  Type *st = n->type;
  cx_expr(fs, a->items[0]);
  if (n->flags & NF_ELLIPSIS) {
    cx_expr(fs, a->items[1]);
    emit2(fs, OP_APPENDS, type_ix(fs, st),
          type_is_string(a->items[1]->type));
    return;
  }
  for (int i = 1; i < a->len; i++)
    cx_to(fs, a->items[i], type_under(st)->elem);
  if (a->len > 1) emit2(fs, OP_APPEND, type_ix(fs, st), a->len - 1);
}

/* Returns the number of values pushed. */
static int cx_builtin(FnState *fs, Node *n, BuiltinId id) {
  NodeList *a = &n->list;
  switch (id) {
  case BI_LEN: case BI_CAP:
    cx_expr(fs, a->items[0]);
    emit1(fs, id == BI_LEN ? OP_LEN : OP_CAP, lenkind(a->items[0]->type));
    return 1;
  case BI_APPEND: bi_append(fs, n); return 1;
  case BI_COPY:
    cx_expr(fs, a->items[0]);
    cx_expr(fs, a->items[1]);
    emit1(fs, OP_COPYSL, type_is_string(a->items[1]->type));
    return 1;
  case BI_DELETE:
    cx_expr(fs, a->items[0]);
    cx_to(fs, a->items[1], type_under(a->items[0]->type)->key);
    emit_type(fs, OP_MAPDELETE, a->items[0]->type);
    return 0;
  case BI_MAKE: bi_make(fs, n); return 1;
  case BI_NEW: emit_type(fs, OP_NEW, a->items[0]->type); return 1;
  case BI_PANIC:
    cx_to(fs, a->items[0], types_any(fs->c->u));
    emit(fs, OP_PANIC);
    return 0;
  case BI_RECOVER: emit(fs, OP_RECOVER); return 1;
  case BI_PRINT: case BI_PRINTLN: bi_print(fs, n, id == BI_PRINTLN); return 0;
  case BI_CLOSE:
    cx_expr(fs, a->items[0]);
    emit(fs, OP_CLOSE);
    return 0;
  default:
    comp_error(fs->c, n->pos, "panicroom: complex numbers are not supported");
    return 0;
  }
}

/* ---- conversions ------------------------------------------------------- */

static void conv_string(FnState *fs, Type *from, Type *to) {
  Type *fu = type_under(from), *tu = type_under(to);
  if (tu->kind == TY_STRING && type_is_integer(from)) emit(fs, OP_I2S);
  else if (tu->kind == TY_STRING && fu->kind == TY_SLICE)
    emit(fs, type_under(fu->elem)->kind == TY_UINT8 ? OP_B2S : OP_R2S);
  else if (tu->kind == TY_SLICE && type_is_string(from))
    emit_type(fs, type_under(tu->elem)->kind == TY_UINT8 ? OP_S2B : OP_S2R,
              to);
}

/* T(x) */
static void cx_conversion(FnState *fs, Node *n) {
  Type *to = n->type;
  Node *x = n->list.items[0];
  Type *from = arg_type(fs, x);
  if (type_is_interface(to)) {
    cx_to(fs, x, to);
    return;
  }
  if (x->mode == EM_CONST) cx_const(fs, &x->cv, from);
  else cx_expr(fs, x);
  bool fi = type_is_integer(from), ff = type_is_float(from);
  bool ti = type_is_integer(to), tf = type_is_float(to);
  if (fi && ti) {
    cx_wrap(fs, to);
  } else if (fi && tf) {
    emit(fs, type_is_unsigned(from) ? OP_U2F : OP_I2F);
    if (type_under(to)->kind == TY_FLOAT32) emit(fs, OP_F32);
  } else if (ff && ti) {
    emit(fs, type_is_unsigned(to) ? OP_F2U : OP_F2I);
    cx_wrap(fs, to);
  } else if (ff && tf) {
    if (type_under(to)->kind == TY_FLOAT32) emit(fs, OP_F32);
  } else {
    conv_string(fs, from, to);
  }
}

/* ---- calls ------------------------------------------------------------- */

/* CALL: a=function or type, list=args.  Returns the values pushed. */
int cx_call(FnState *fs, Node *n) {
  if (n->aux > 0) { /* evaluated early by cx_hoist */
    emit1(fs, OP_LOCAL, n->aux - 1);
    return 1;
  }
  int saved = fs->line;
  if (n->pos.line > 0) fs->line = n->pos.line;
  Node *fun = ast_unparen(n->a);
  int res = 0;
  if (fun->mode == EM_TYPE || n->call == CALL_CONV) {
    cx_conversion(fs, n);
    res = 1;
  } else if (fun->mode == EM_BUILTIN || n->call == CALL_BUILTIN) {
    res = cx_builtin(fs, n, fun->sym ? fun->sym->builtin : BI_LEN);
  } else {
    Type *sig = cx_sig(fun);
    Sym *s = static_func(fun);
    if (fun->kind == N_SELECTOR && fun->sel && fun->sel->kind != SEL_PKG &&
        fun->sel->kind != SEL_FIELD) {
      res = call_method(fs, n, fun, sig);
    } else if (s) {
      Func *f = comp_func_of(fs->c, s);
      int na = cx_args(fs, n, sig);
      emit_call(fs, OP_CALLF, f->index, na, sig->nresults);
      res = sig->nresults;
    } else {
      cx_expr(fs, fun);
      int na = cx_args(fs, n, sig);
      emit_call(fs, OP_CALL, na, na, sig->nresults);
      res = sig->nresults;
    }
  }
  fs->line = saved;
  return res;
}

/* ---- go and defer ------------------------------------------------------ */

/* Pushes [fn a1..an] for `go call` / `defer call`; returns n. */
int cx_go_defer_args(FnState *fs, Node *call) {
  Node *fun = ast_unparen(call->a);
  if (fun->mode == EM_BUILTIN || call->call == CALL_BUILTIN) {
    Func *w = comp_wrapper_builtin(fs->c, call);
    emit1(fs, OP_FUNCVAL, w->index);
    for (int i = 0; i < call->list.len; i++) {
      Node *a = call->list.items[i];
      bool panic_arg = fun->sym && fun->sym->builtin == BI_PANIC;
      cx_to(fs, a, panic_arg ? types_any(fs->c->u) : arg_type(fs, a));
    }
    return call->list.len;
  }
  Type *sig = cx_sig(fun);
  Selection *sel = fun->kind == N_SELECTOR ? fun->sel : NULL;
  if (sel && (sel->kind == SEL_METHOD || sel->kind == SEL_IFACEMETHOD)) {
    Func *m = sel->kind == SEL_METHOD
                  ? comp_func_of(fs->c, sel->method)
                  : comp_wrapper_iface_call(fs->c, NULL, fun->name, sig);
    emit1(fs, OP_FUNCVAL, m->index);
    cx_recv_path(fs, fun->a, sel, false);
    return 1 + cx_args(fs, call, sig);
  }
  Sym *s = static_func(fun);
  if (s) emit1(fs, OP_FUNCVAL, comp_func_of(fs->c, s)->index);
  else cx_expr(fs, fun);
  return cx_args(fs, call, sig);
}

/* FUNCLIT: a=FUNCTYPE, b=body.  [] -> [closure]. */
void cx_funclit(FnState *fs, Node *n) {
  Comp *c = fs->c;
  Func *f = prog_new_func(lit_name(fs), c->file, n->pos);
  f->type = n->type;
  f->prelude = c->pkg && c->pkg->prelude;
  prog_add_func(c->p, &c->capfuncs, f);
  Sym **ups = NULL;
  int nup = compile_body(c, fs, f, n, &ups);
  for (int i = 0; i < nup; i++) var_addr(fs, ups[i]);
  free(ups);
  if (nup == 0) emit1(fs, OP_FUNCVAL, f->index);
  else emit2(fs, OP_CLOSURE, f->index, nup);
}

/* ---- evaluation order -------------------------------------------------- */

static bool is_user_call(Node *n) {
  if (n->kind != N_CALL || n->mode == EM_TUPLE || n->mode == EM_NOVALUE)
    return false;
  Node *fun = ast_unparen(n->a);
  return fun->mode != EM_TYPE && fun->mode != EM_BUILTIN &&
         n->call != CALL_CONV && n->call != CALL_BUILTIN;
}

static void hoist_list(FnState *fs, NodeList *l) {
  for (int i = 0; i < l->len; i++) cx_hoist(fs, l->items[i], false);
}

/* gc evaluates every function call of a statement first, in order, into
 * temporaries, and reads plain operands afterwards: in `x + f()` f runs
 * before x is read, and `a[i] = g()` indexes with i as g left it.  This
 * walk does the same: each call below n (n itself too unless root) is
 * compiled now into a hidden slot, and Node.aux remembers the slot for
 * cx_call.  Not into function literals, nor into the right operand of
 * && and ||, which may not run. */
void cx_hoist(FnState *fs, Node *n, bool root) {
  if (!n || n->mode == EM_TYPE || n->mode == EM_CONST || n->aux > 0) return;
  switch (n->kind) {
  case N_FUNCLIT: return;
  case N_BINARY:
    cx_hoist(fs, n->a, false);
    if (n->op != T_LAND && n->op != T_LOR) cx_hoist(fs, n->b, false);
    return;
  case N_KEYVALUE:
    cx_hoist(fs, n->a, false);
    cx_hoist(fs, n->b, false);
    return;
  case N_CALL:
    cx_hoist(fs, n->a, false);
    hoist_list(fs, &n->list);
    if (root || !is_user_call(n)) return;
    cx_call(fs, n);
    n->aux = new_slot(fs) + 1;
    emit1(fs, OP_SETLOCAL, n->aux - 1);
    return;
  case N_SELECTOR: case N_PAREN: case N_STAR: case N_UNARY:
  case N_TYPEASSERT:
    cx_hoist(fs, n->a, false);
    return;
  case N_INDEX: case N_SLICE:
    cx_hoist(fs, n->a, false);
    cx_hoist(fs, n->b, false);
    cx_hoist(fs, n->c, false);
    cx_hoist(fs, n->d, false);
    return;
  case N_COMPOSITE: hoist_list(fs, &n->list); return;
  default: return;
  }
}
