/* check_call.c - calls, conversions, builtins and composite literals.
 *
 * Decision: argument lists are checked in one place (args()) for calls of
 * functions, methods and interface methods alike, including the forms
 * f(g()) (a tuple spread over the parameters) and f(xs...), so the
 * "have (...) want (...)" messages come out the same way for all of them,
 * as types2 prints them. */
#include <stdlib.h>
#include <string.h>

#include "engine/check_const.h"
#include "engine/check_int.h"

static Type *invalid(Checker *c) { return types_basic(c->u, TY_INVALID); }

static void set_invalid(Checker *c, Node *n) {
  n->mode = EM_NONE;
  n->type = invalid(c);
}

/* ---- argument lists ---------------------------------------------------- */

/* types2 prints untyped numeric constants as "number" in have lists. */
static void have_type(Checker *c, Type *t, Buf *b) {
  if (!t) return;
  switch (t->kind) {
  case TY_UNTYPED_INT:
  case TY_UNTYPED_RUNE:
  case TY_UNTYPED_FLOAT: buf_puts(b, "number"); return;
  case TY_UNTYPED_NIL: buf_puts(b, "nil"); return;
  case TY_UNTYPED_BOOL: buf_puts(b, "bool"); return;
  case TY_UNTYPED_STRING: buf_puts(b, "string"); return;
  default: type_write(t, c->pkg, b);
  }
}

static const char *have_want(Checker *c, Type **have, int nh, Type *sig) {
  Buf b = BUF_INIT;
  buf_puts(&b, "\n\thave (");
  for (int i = 0; i < nh; i++) {
    if (i) buf_puts(&b, ", ");
    have_type(c, have[i], &b);
  }
  buf_puts(&b, ")\n\twant (");
  for (int i = 0; i < sig->nparams; i++) {
    if (i) buf_puts(&b, ", ");
    if (sig->variadic && i == sig->nparams - 1) {
      buf_puts(&b, "...");
      type_write(sig->params[i]->elem, c->pkg, &b);
    } else {
      type_write(sig->params[i], c->pkg, &b);
    }
  }
  buf_putc(&b, ')');
  const char *s = arena_strndup(c->a, b.data, b.len);
  buf_fini(&b);
  return s;
}

/* The parameter type for argument i (variadic: the element type). */
static Type *param_at(Type *sig, int i, bool spread) {
  if (sig->variadic && i >= sig->nparams - 1)
    return spread ? sig->params[sig->nparams - 1]
                  : sig->params[sig->nparams - 1]->elem;
  return sig->params[i];
}

static bool count_ok(Checker *c, Node *call, Type *sig, Type **have, int nh,
                     const char *fname, Node *last, Node *tuple) {
  int np = sig->nparams;
  bool spread = call->flags & NF_ELLIPSIS;
  bool ok = sig->variadic && !spread ? nh >= np - 1 : nh == np;
  if (ok) return true;
  bool many = nh > np;
  Pos at = chk_pos(call);
  if (many && call->list.len > np) at = chk_pos(call->list.items[np]);
  else if (!many && last) at = chk_pos(last);
  if (tuple) at = chk_pos(tuple);
  CHK_ERR(c, at, "%s arguments in call to %s%s",
          many ? "too many" : "not enough", fname, have_want(c, have, nh, sig));
  return false;
}

static void args_tuple(Checker *c, Node *call, Type *sig, Node *arg,
                       const char *fname) {
  Type *tt = arg->type;
  if (!count_ok(c, call, sig, tt->results, tt->nresults, fname, arg, arg)) return;
  for (int i = 0; i < tt->nresults; i++) {
    Type *p = param_at(sig, i, false);
    if (!type_assignable(c->u, tt->results[i], NULL, p))
      CHK_ERR(c, chk_pos(arg), "cannot use %s (value of type %s) as type %s "
                               "in argument to %s", chk_exprstr(c, arg),
              chk_typestr(c, tt->results[i]), chk_typestr(c, p), fname);
  }
}

static void args(Checker *c, Node *call, Type *sig, const char *fname) {
  NodeList *l = &call->list;
  bool spread = call->flags & NF_ELLIPSIS;
  if (l->len == 1 && !spread) {
    chk_multi(c, l->items[0]);
    if (l->items[0]->mode == EM_TUPLE)
      { args_tuple(c, call, sig, l->items[0], fname); return; }
  }
  Type **have = arena_alloc(c->a, sizeof *have * (size_t)(l->len + 1));
  bool all = true;
  for (int i = 0; i < l->len; i++) {
    Node *a = l->items[i];
    if (!(l->len == 1 && !spread)) {
      Type *hint = i < sig->nparams || sig->variadic
                       ? param_at(sig, i < sig->nparams ? i : sig->nparams - 1,
                                  spread)
                       : NULL;
      chk_expr_hint(c, a, hint);
      chk_value(c, a);
    }
    have[i] = a->type;
    if (a->mode == EM_NONE) all = false;
  }
  if (spread && !sig->variadic) {
    CHK_ERR(c, chk_pos(call), "cannot use ... in call to non-variadic %s",
            fname);
    return;
  }
  if (!all) return;
  if (!count_ok(c, call, sig, have, l->len, fname,
                l->len ? l->items[l->len - 1] : NULL, NULL))
    return;
  char ctx[256];
  snprintf(ctx, sizeof ctx, "argument to %s", fname);
  for (int i = 0; i < l->len; i++)
    chk_assign(c, l->items[i], param_at(sig, i, spread), ctx);
}

static void set_results(Checker *c, Node *n, Type *sig) {
  if (sig->nresults == 0) {
    n->mode = EM_NOVALUE;
    n->type = types_tuple(c->u, NULL, 0);
  } else if (sig->nresults == 1) {
    n->mode = EM_VALUE;
    n->type = sig->results[0];
  } else {
    n->mode = EM_TUPLE;
    n->type = types_tuple(c->u, sig->results, sig->nresults);
  }
}

/* ---- conversions ------------------------------------------------------- */

static bool convertible(Checker *c, Type *v, Type *t) {
  if (type_assignable(c->u, v, NULL, t)) return true;
  Type *vu = type_under(v), *tu = type_under(t);
  if (vu == tu) return true;
  if (vu->kind == TY_POINTER && tu->kind == TY_POINTER &&
      type_under(vu->elem) == type_under(tu->elem))
    return true;
  if (type_is_numeric(vu) && type_is_numeric(tu)) return true;
  if (type_is_string(tu)) {
    if (type_is_integer(vu)) return true;
    if (vu->kind == TY_SLICE) {
      TypeKind k = type_under(vu->elem)->kind;
      return k == TY_UINT8 || k == TY_INT32;
    }
  }
  if (type_is_string(vu) && tu->kind == TY_SLICE) {
    TypeKind k = type_under(tu->elem)->kind;
    return k == TY_UINT8 || k == TY_INT32;
  }
  return false;
}

static void const_conversion(Checker *c, Node *n, Node *x, Type *t) {
  ConstVal v;
  if (type_is_string(t) && type_is_integer(x->type) && x->cv.kind == CV_INT) {
    Buf b = BUF_INIT;
    CstInt r = cst_int(&x->cv);
    cst_utf8(&b, r < 0 || r > 0x10FFFF ? 0xFFFD : (uint32_t)r);
    cst_string(c->a, "``", 2, &v);
    char *s = arena_alloc(c->a, b.len + 1);
    memcpy(s, b.data, b.len);
    v.s = s;
    v.slen = b.len;
    buf_fini(&b);
  } else if (!type_representable(&x->cv, t, &v)) {
    /* Go 1.19 says no more than this; 1.20 adds " (truncated)". */
    CHK_ERR(c, chk_pos(x), "cannot convert %s to type %s",
            chk_operand(c, x), chk_typestr(c, t));
    { set_invalid(c, n); return; }
  }
  if (type_is_untyped(x->type)) {
    Type *d = type_is_numeric(t) || type_is_string(t) || type_is_boolean(t)
                  ? t
                  : type_default(c->u, x->type);
    x->type = d;
    type_representable(&x->cv, d, &x->cv);
  }
  n->mode = EM_CONST;
  n->cv = v;
  n->type = t;
}

static bool basic_like(Type *t) {
  TypeKind k = type_under(t)->kind;
  return k >= TY_BOOL && k <= TY_STRING;
}

static void conversion(Checker *c, Node *n, Type *t) {
  n->call = CALL_CONV;
  if (n->list.len != 1) {
    CHK_ERR(c, chk_pos(n), "%s arguments in conversion to %s",
            n->list.len ? "too many" : "missing", chk_typestr(c, t));
    { set_invalid(c, n); return; }
  }
  Node *x = n->list.items[0];
  chk_expr_hint(c, x, t);
  if (!chk_value(c, x) || t->kind == TY_INVALID) { set_invalid(c, n); return; }
  if (x->mode == EM_CONST && basic_like(t))
    { const_conversion(c, n, x, t); return; }
  if (type_is_untyped(x->type)) {
    if (x->type->kind == TY_UNTYPED_NIL) {
      if (!type_assignable(c->u, x->type, NULL, t)) {
        CHK_ERR(c, chk_pos(x), "cannot convert nil to type %s",
                chk_typestr(c, t));
        { set_invalid(c, n); return; }
      }
      x->type = t;
    } else if (type_is_string(x->type) && !type_is_interface(t)) {
      x->type = types_basic(c->u, TY_STRING);
    } else {
      chk_default(c, x);
    }
  }
  if (!convertible(c, x->type, t)) {
    CHK_ERR(c, chk_pos(x), "cannot convert %s to type %s",
            chk_operand(c, x), chk_typestr(c, t));
    { set_invalid(c, n); return; }
  }
  n->mode = EM_VALUE;
  n->type = t;
}

/* ---- builtins ---------------------------------------------------------- */

static bool nargs(Checker *c, Node *n, const char *name, int min, int max) {
  (void)name;
  int k = n->list.len;
  if (k >= min && (max < 0 || k <= max)) return true;
  CHK_ERR(c, chk_pos(n), "invalid operation: %s arguments for %s (expected "
                         "%d, found %d)",
          k < min ? "not enough" : "too many", chk_exprstr(c, n),
          k < min ? min : max, k);
  set_invalid(c, n);
  return false;
}

static bool arg_value(Checker *c, Node *n, int i) {
  chk_expr(c, n->list.items[i]);
  return chk_value(c, n->list.items[i]);
}

static void bi_len_cap(Checker *c, Node *n, bool is_len) {
  const char *name = is_len ? "len" : "cap";
  if (!nargs(c, n, name, 1, 1) || !arg_value(c, n, 0))
    { set_invalid(c, n); return; }
  Node *x = n->list.items[0];
  Type *u = type_under(x->type);
  if (u->kind == TY_POINTER && type_under(u->elem)->kind == TY_ARRAY)
    u = type_under(u->elem);
  bool ok = u->kind == TY_ARRAY || u->kind == TY_SLICE || u->kind == TY_CHAN ||
            (is_len && (type_is_string(u) || u->kind == TY_MAP));
  if (!ok) {
    CHK_ERR(c, chk_pos(x), "invalid argument: %s for %s", chk_operand(c, x),
            name);
    { set_invalid(c, n); return; }
  }
  n->type = types_basic(c->u, TY_INT);
  n->mode = EM_VALUE;
  if (u->kind == TY_ARRAY || (type_is_string(u) && x->mode == EM_CONST)) {
    n->mode = EM_CONST;
    memset(&n->cv, 0, sizeof n->cv);
    n->cv.kind = CV_INT;
    n->cv.i = u->kind == TY_ARRAY ? u->len : (int64_t)x->cv.slen;
  }
  if (type_is_untyped(x->type)) chk_default(c, x);
}

static void bi_append(Checker *c, Node *n) {
  if (!nargs(c, n, "append", 1, -1) || !arg_value(c, n, 0))
    { set_invalid(c, n); return; }
  Node *s = n->list.items[0];
  if (type_under(s->type)->kind != TY_SLICE) {
    for (int i = 1; i < n->list.len; i++) chk_expr(c, n->list.items[i]);
    CHK_ERR(c, chk_pos(s), "first argument to append must be a slice; have "
                           "%s", chk_operand(c, s));
    { set_invalid(c, n); return; }
  }
  Type *elem = type_under(s->type)->elem;
  n->mode = EM_VALUE;
  n->type = s->type;
  if (n->flags & NF_ELLIPSIS) {
    if (!nargs(c, n, "append", 2, 2) || !arg_value(c, n, 1))
      { set_invalid(c, n); return; }
    Node *x = n->list.items[1];
    if (type_is_string(x->type) && type_under(elem)->kind == TY_UINT8) {
      chk_default(c, x);
      return;
    }
    chk_assign(c, x, types_slice(c->u, elem), "argument to append");
    return;
  }
  for (int i = 1; i < n->list.len; i++) {
    Node *x = n->list.items[i];
    chk_expr_hint(c, x, elem);
    if (chk_value(c, x)) chk_assign(c, x, elem, "argument to append");
  }
}

static void bi_make(Checker *c, Node *n) {
  if (!nargs(c, n, "make", 1, 3)) return;
  Type *t = chk_type(c, n->list.items[0]);
  if (t->kind == TY_INVALID) { set_invalid(c, n); return; }
  TypeKind k = type_under(t)->kind;
  if (k != TY_SLICE && k != TY_MAP && k != TY_CHAN) {
    CHK_ERR(c, chk_pos(n->list.items[0]), "invalid argument: cannot make %s; "
                                          "type must be slice, map, or "
                                          "channel", chk_exprstr(c, n->list.items[0]));
    { set_invalid(c, n); return; }
  }
  if (k == TY_SLICE && n->list.len < 2) {
    CHK_ERR(c, chk_pos(n), "invalid operation: %s expects 2 or 3 arguments; "
                           "found 1", chk_exprstr(c, n));
    { set_invalid(c, n); return; }
  }
  for (int i = 1; i < n->list.len; i++) {
    Node *x = n->list.items[i];
    chk_expr(c, x);
    if (!chk_value(c, x)) continue;
    if (type_is_untyped(x->type)) chk_convert_untyped(c, x,
                                                      types_basic(c->u, TY_INT));
    if (x->mode != EM_NONE && !type_is_integer(x->type))
      CHK_ERR(c, chk_pos(x), "cannot convert %s to type int",
              chk_operand(c, x));
    else if (x->mode == EM_CONST && x->cv.i < 0)
      CHK_ERR(c, chk_pos(x), "invalid argument: index %s must not be "
                             "negative", chk_operand(c, x));
  }
  n->mode = EM_VALUE;
  n->type = t;
}

static void bi_new(Checker *c, Node *n) {
  if (!nargs(c, n, "new", 1, 1)) return;
  Node *x = n->list.items[0];
  chk_expr(c, x);
  if (x->mode == EM_NONE) { set_invalid(c, n); return; }
  if (x->mode != EM_TYPE) {
    CHK_ERR(c, chk_pos(x), "%s is not a type", chk_exprstr(c, x));
    { set_invalid(c, n); return; }
  }
  n->mode = EM_VALUE;
  n->type = types_pointer(c->u, x->type);
}

static void bi_close(Checker *c, Node *n) {
  n->mode = EM_NOVALUE;
  n->type = types_tuple(c->u, NULL, 0);
  if (!nargs(c, n, "close", 1, 1) || !arg_value(c, n, 0)) return;
  Node *x = n->list.items[0];
  Type *u = type_under(x->type);
  if (u->kind != TY_CHAN) {
    CHK_ERR(c, chk_pos(x), "invalid operation: cannot close non-channel %s",
            chk_operand(c, x));
  } else if (u->dir == CHAN_RECV) {
    CHK_ERR(c, chk_pos(x), "invalid operation: cannot close receive-only "
                           "channel %s", chk_operand(c, x));
  }
}

static void bi_delete(Checker *c, Node *n) {
  n->mode = EM_NOVALUE;
  n->type = types_tuple(c->u, NULL, 0);
  if (!nargs(c, n, "delete", 2, 2) || !arg_value(c, n, 0)) return;
  Node *m = n->list.items[0];
  if (type_under(m->type)->kind != TY_MAP) {
    CHK_ERR(c, chk_pos(m), "invalid argument: %s is not a map",
            chk_operand(c, m));
    return;
  }
  if (arg_value(c, n, 1))
    chk_assign(c, n->list.items[1], type_under(m->type)->key,
               "argument to delete");
}

static void bi_copy(Checker *c, Node *n) {
  n->mode = EM_VALUE;
  n->type = types_basic(c->u, TY_INT);
  if (!nargs(c, n, "copy", 2, 2)) return;
  bool a = arg_value(c, n, 0), b = arg_value(c, n, 1);
  if (!a || !b) { set_invalid(c, n); return; }
  Node *d = n->list.items[0], *s = n->list.items[1];
  Type *du = type_under(d->type), *su = type_under(s->type);
  bool ok = du->kind == TY_SLICE &&
            ((su->kind == TY_SLICE && type_under(su->elem) ==
                                          type_under(du->elem)) ||
             (type_is_string(su) && type_under(du->elem)->kind == TY_UINT8));
  if (!ok) {
    if (du->kind != TY_SLICE || (su->kind != TY_SLICE && !type_is_string(su)))
      CHK_ERR(c, chk_pos(n), "invalid argument: copy expects slice "
                             "arguments; found %s and %s",
              chk_operand(c, d), chk_operand(c, s));
    else
      CHK_ERR(c, chk_pos(n), "invalid argument: arguments to copy %s and %s "
                             "have different element types %s and %s",
              chk_operand(c, d), chk_operand(c, s),
              chk_typestr(c, du->elem), chk_typestr(c, su->elem));
    { set_invalid(c, n); return; }
  }
  if (type_is_untyped(s->type)) chk_default(c, s);
}

static void bi_panic_print(Checker *c, Node *n, BuiltinId id) {
  n->mode = EM_NOVALUE;
  n->type = types_tuple(c->u, NULL, 0);
  if (id == BI_PANIC && !nargs(c, n, "panic", 1, 1)) return;
  for (int i = 0; i < n->list.len; i++) {
    if (!arg_value(c, n, i)) continue;
    Node *x = n->list.items[i];
    if (id == BI_PANIC) chk_assign(c, x, types_any(c->u), "argument to panic");
    else if (x->type->kind == TY_UNTYPED_NIL)
      CHK_ERR(c, chk_pos(x), "use of untyped nil in argument to built-in %s",
              id == BI_PRINT ? "print" : "println");
    else chk_default(c, x);
  }
}

static void builtin(Checker *c, Node *n, BuiltinId id) {
  n->call = CALL_BUILTIN;
  if (n->flags & NF_ELLIPSIS && id != BI_APPEND) {
    CHK_ERR(c, chk_pos(n), "invalid operation: invalid use of ... with "
                           "built-in %s", chk_exprstr(c, n->a));
    { set_invalid(c, n); return; }
  }
  switch (id) {
  case BI_LEN: bi_len_cap(c, n, true); return;
  case BI_CAP: bi_len_cap(c, n, false); return;
  case BI_APPEND: bi_append(c, n); return;
  case BI_MAKE: bi_make(c, n); return;
  case BI_NEW: bi_new(c, n); return;
  case BI_CLOSE: bi_close(c, n); return;
  case BI_DELETE: bi_delete(c, n); return;
  case BI_COPY: bi_copy(c, n); return;
  case BI_PANIC:
  case BI_PRINT:
  case BI_PRINTLN: bi_panic_print(c, n, id); return;
  case BI_RECOVER:
    nargs(c, n, "recover", 0, 0);
    n->mode = EM_VALUE;
    n->type = types_any(c->u);
    return;
  default:
    CHK_ERR(c, chk_pos(n), "panicroom: complex numbers are not supported");
    { set_invalid(c, n); return; }
  }
}

/* ---- calls ------------------------------------------------------------- */

void chk_call(Checker *c, Node *n, bool stmt) {
  (void)stmt;
  Node *f = n->a;
  chk_expr(c, f);
  if (f->mode == EM_NONE) {
    for (int i = 0; i < n->list.len; i++) chk_expr(c, n->list.items[i]);
    { set_invalid(c, n); return; }
  }
  if (f->mode == EM_TYPE) { conversion(c, n, f->type); return; }
  Node *fu = ast_unparen(f);
  if (f->mode == EM_BUILTIN) { builtin(c, n, fu->sym->builtin); return; }
  if (!chk_value(c, f)) { set_invalid(c, n); return; }
  if (type_under(f->type)->kind != TY_FUNC) {
    CHK_ERR(c, chk_pos(n), "invalid operation: cannot call non-function %s",
            chk_operand(c, f));
    { set_invalid(c, n); return; }
  }
  Type *sig = type_under(f->type);
  n->call = CALL_FUNC;
  if (fu->kind == N_SELECTOR && fu->sel) {
    if (fu->sel->kind == SEL_METHOD) n->call = CALL_METHOD;
    else if (fu->sel->kind == SEL_IFACEMETHOD && fu->a->mode != EM_TYPE)
      n->call = CALL_IFACE;
  }
  args(c, n, sig, chk_exprstr(c, f));
  set_results(c, n, sig);
}

/* ---- composite literals ------------------------------------------------ */

static void elem_value(Checker *c, Node *v, Type *t, const char *ctx) {
  chk_expr_hint(c, v, t);
  if (chk_value(c, v)) chk_assign(c, v, t, ctx);
}

static int field_index(Type *st, const char *name) {
  for (int i = 0; i < st->nfields; i++)
    if (strcmp(st->fields[i].name, name) == 0) return i;
  return -1;
}

static void struct_keyed(Checker *c, Node *n, Type *st, Type *t) {
  bool *seen = arena_alloc(c->a, (size_t)st->nfields + 1);
  for (int i = 0; i < n->list.len; i++) {
    Node *kv = n->list.items[i];
    if (kv->kind != N_KEYVALUE) {
      CHK_ERR(c, chk_pos(kv), "mixture of field:value and value elements in "
                              "struct literal");
      chk_expr(c, kv);
      continue;
    }
    Node *k = kv->a;
    int fi = k->kind == N_IDENT ? field_index(st, k->name) : -1;
    if (fi < 0) {
      CHK_ERR(c, chk_pos(k), "unknown field %s in struct literal of type %s",
              k->kind == N_IDENT ? k->name : chk_exprstr(c, k),
              chk_typestr(c, t));
      chk_expr(c, kv->b);
      continue;
    }
    if (seen[fi])
      CHK_ERR(c, chk_pos(k), "duplicate field name %s in struct literal",
              k->name);
    seen[fi] = true;
    kv->type = st->fields[fi].type;
    k->type = st->fields[fi].type;
    elem_value(c, kv->b, st->fields[fi].type, "struct literal");
  }
}

static void struct_lit(Checker *c, Node *n, Type *t) {
  Type *st = type_under(t);
  if (n->list.len == 0) return;
  if (n->list.items[0]->kind == N_KEYVALUE) { struct_keyed(c, n, st, t); return; }
  for (int i = 0; i < n->list.len; i++) {
    Node *v = n->list.items[i];
    if (v->kind == N_KEYVALUE) {
      CHK_ERR(c, chk_pos(v), "mixture of field:value and value elements in "
                             "struct literal");
      continue;
    }
    if (i >= st->nfields) {
      CHK_ERR(c, chk_pos(v), "too many values in %s", chk_exprstr(c, n));
      chk_expr(c, v);
      return;
    }
    elem_value(c, v, st->fields[i].type, "struct literal");
  }
  if (n->list.len < st->nfields) {
    Pos p = n->end.line ? n->end : chk_pos(n->list.items[n->list.len - 1]);
    CHK_ERR(c, p, "too few values in %s", chk_exprstr(c, n));
  }
}

/* Whether index idx was already given by one of the first i elements
 * (Go: "duplicate index 0 in array or slice literal"). */
static bool seen_index(const int64_t *seen, int i, int64_t idx) {
  for (int j = 0; j < i; j++)
    if (seen[j] == idx) return true;
  return false;
}

/* The constant index of element e (KEYVALUE), or -1 after an error. */
static int64_t elem_index(Checker *c, Node *e) {
  chk_expr(c, e->a);
  if (e->a->mode != EM_CONST || !type_is_integer(e->a->type) ||
      e->a->cv.i < 0) {
    if (e->a->mode != EM_NONE)
      CHK_ERR(c, chk_pos(e->a), "index %s must be integer constant",
              chk_exprstr(c, e->a));
    return -1;
  }
  chk_convert_untyped(c, e->a, types_basic(c->u, TY_INT));
  return e->a->cv.i;
}

/* Array/slice elements; returns the length (max index + 1). */
static int64_t array_elems(Checker *c, Node *n, Type *elem, int64_t len) {
  int64_t idx = 0, max = 0;
  int64_t *seen = xmalloc(((size_t)n->list.len + 1) * sizeof *seen);
  for (int i = 0; i < n->list.len; i++) {
    Node *e = n->list.items[i];
    Node *v = e;
    if (e->kind == N_KEYVALUE) {
      v = e->b;
      int64_t k = elem_index(c, e);
      if (k >= 0) idx = k;
    }
    seen[i] = idx;
    if (len >= 0 && idx >= len)
      CHK_ERR(c, chk_pos(v), "index %lld is out of bounds (>= %lld)",
              (long long)idx, (long long)len);
    else if (seen_index(seen, i, idx))
      CHK_ERR(c, e->kind == N_KEYVALUE ? e->end : chk_pos(v), /* the colon */
              "duplicate index %lld in array or slice literal",
              (long long)idx);
    elem_value(c, v, elem, "array or slice literal");
    idx++;
    if (idx > max) max = idx;
  }
  free(seen);
  return max;
}

static void map_lit(Checker *c, Node *n, Type *mt) {
  for (int i = 0; i < n->list.len; i++) {
    Node *e = n->list.items[i];
    if (e->kind != N_KEYVALUE) {
      CHK_ERR(c, chk_pos(e), "missing key in map literal");
      chk_expr(c, e);
      continue;
    }
    elem_value(c, e->a, mt->key, "map literal");
    for (int j = 0; j < i && e->a->mode == EM_CONST; j++) {
      Node *o = n->list.items[j];
      if (o->kind == N_KEYVALUE && o->a->mode == EM_CONST &&
          o->a->type == e->a->type && o->a->cv.kind == e->a->cv.kind &&
          cst_compare(T_EQL, &o->a->cv, &e->a->cv)) {
        CHK_ERR(c, chk_pos(e->a), "duplicate key %s in map literal",
                chk_exprstr(c, e->a));
        break;
      }
    }
    elem_value(c, e->b, mt->elem, "map literal");
  }
}

/* The literal's type: written, or elided (from the enclosing literal's
 * element type; for an element type *T the literal is &T{...}, and its
 * node type is *T so the compiler allocates and takes the address). */
static Type *lit_type(Checker *c, Node *n, Type *hint, bool *open_len) {
  *open_len = false;
  if (n->a) {
    Node *ta = n->a;
    if (ta->kind == N_ARRAYTYPE && ta->a && ta->a->kind == N_ELLIPSIS) {
      Type *e = chk_type(c, ta->b);
      *open_len = true;
      return e->kind == TY_INVALID ? e : types_array(c->u, e, 0);
    }
    return chk_type(c, ta);
  }
  if (!hint) {
    CHK_ERR(c, n->pos, "invalid composite literal type: missing type");
    return invalid(c);
  }
  return hint;
}

void chk_composite(Checker *c, Node *n, Type *hint) {
  bool open_len;
  Type *t = lit_type(c, n, hint, &open_len);
  if (t->kind == TY_INVALID) {
    for (int i = 0; i < n->list.len; i++) {
      Node *e = n->list.items[i];
      chk_expr(c, e->kind == N_KEYVALUE ? e->b : e);
    }
    { set_invalid(c, n); return; }
  }
  Type *lt = t;
  if (!n->a && type_under(t)->kind == TY_POINTER) lt = type_under(t)->elem;
  Type *u = type_under(lt);
  n->mode = EM_VALUE;
  n->type = t;
  switch (u->kind) {
  case TY_STRUCT: struct_lit(c, n, lt); return;
  case TY_ARRAY: {
    int64_t len = array_elems(c, n, u->elem, open_len ? -1 : u->len);
    if (open_len) n->type = types_array(c->u, u->elem, len);
    return;
  }
  case TY_SLICE: array_elems(c, n, u->elem, -1); return;
  case TY_MAP: map_lit(c, n, u); return;
  default:
    CHK_ERR(c, chk_pos(n), "invalid composite literal type %s",
            chk_typestr(c, t));
    { set_invalid(c, n); return; }
  }
}
