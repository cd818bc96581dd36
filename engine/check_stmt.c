/* check_stmt.c - function bodies and statements: scopes, assignments,
 * control flow, labels, "declared but not used" and "missing return".
 *
 * Decision: every statement that opens a block gets its own Scope, stored
 * on the node (ast.h `scope`), and the scope is checked for unused
 * variables when it closes; so the compiler can allocate slots from the
 * same scopes the checker used. */
#include <stdlib.h>
#include <string.h>

#include "engine/check_int.h"

static Type *invalid(Checker *c) { return types_basic(c->u, TY_INVALID); }
static Type *tbool(Checker *c) { return types_basic(c->u, TY_BOOL); }

static void stmt(Checker *c, Node *n);

static Scope *open_scope(Checker *c, Node *owner) {
  c->scope = scope_new(c->a, c->scope, c->func);
  if (owner) owner->scope = c->scope;
  return c->scope;
}

static void close_scope(Checker *c) {
  chk_unused(c, c->scope);
  c->scope = c->scope->parent;
}

void chk_unused(Checker *c, Scope *s) {
  for (int i = 0; i < s->cap; i++) {
    Sym *x = s->syms[i];
    /* A variable whose type failed (undefined: T) is not reported
     * again, as in Go. */
    if (x && x->kind == SYM_VAR && !x->used && !x->param && !x->global &&
        !(x->type && x->type->kind == TY_INVALID))
      CHK_ERR(c, x->pos, "%s declared but not used", x->name);
  }
}

void chk_block_stmts(Checker *c, NodeList *l) {
  for (int i = 0; i < l->len; i++) stmt(c, l->items[i]);
}

static Sym *new_local(Checker *c, Node *id, Type *t) {
  Sym *s = sym_new(c->a, SYM_VAR, id->name, t, id->pos);
  s->pkg = c->pkg;
  s->decl = id;
  s->func = c->func;
  id->sym = s;
  id->mode = EM_VAR;
  id->type = t;
  return s;
}

/* ---- assignments ------------------------------------------------------- */

/* An assignment's left side: does not count as a use of a variable. */
static void lhs_expr(Checker *c, Node *x) {
  Node *u = ast_unparen(x);
  if (u->kind == N_IDENT && strcmp(u->name, "_") == 0) {
    x->mode = EM_VAR;
    x->type = NULL;
    return;
  }
  if (u->kind == N_IDENT) {
    Sym *s = chk_lookup(c, u->name);
    if (s && s->kind == SYM_VAR) {
      bool used = s->used;
      chk_expr(c, x);
      s->used = used;
      return;
    }
  }
  chk_expr(c, x);
}

static bool assignable_lhs(Checker *c, Node *x) {
  if (x->mode == EM_NONE) return false;
  if (x->mode == EM_VAR || x->mode == EM_MAPINDEX) return true;
  Node *u = ast_unparen(x);
  if (u->kind == N_SELECTOR && u->sel && u->sel->kind == SEL_FIELD &&
      ast_unparen(u->a)->mode == EM_MAPINDEX) {
    CHK_ERR(c, chk_pos(x), "cannot assign to struct field %s in map",
            chk_exprstr(c, x));
    return false;
  }
  CHK_ERR(c, chk_pos(x), "cannot assign to %s", chk_operand(c, x));
  return false;
}

/* x = v for one pair (v already checked). */
static void assign_pair(Checker *c, Node *x, Node *v, const char *ctx) {
  if (x->mode == EM_VAR && !x->type) { /* blank */
    if (v->mode == EM_NONE) return;
    if (v->type && v->type->kind == TY_UNTYPED_NIL)
      CHK_ERR(c, chk_pos(v), "use of untyped nil in %s", ctx);
    else chk_default_in(c, v, ctx);
    return;
  }
  if (assignable_lhs(c, x)) chk_assign(c, v, x->type, ctx);
}

static void mismatch(Checker *c, Node *n, int nl, Node *v, int nr) {
  Node *f = ast_unparen(v);
  if (nr == 1 && f->kind == N_CALL && f->mode != EM_NONE)
    CHK_ERR(c, chk_pos(v), "assignment mismatch: %d variable%s but %s "
                           "returns %d value%s", nl, nl > 1 ? "s" : "",
            chk_exprstr(c, f->a),
            f->mode == EM_TUPLE ? f->type->nresults : 1,
            f->mode == EM_TUPLE && f->type->nresults > 1 ? "s" : "");
  else
    CHK_ERR(c, chk_pos(v), "assignment mismatch: %d variable%s but %d "
                           "value%s", nl, nl > 1 ? "s" : "", nr,
            nr > 1 ? "s" : "");
  (void)n;
}

/* The types of the right side of a 2-to-1 or n-to-1 assignment. */
static Type **multi_rhs(Checker *c, Node *n, int nl, Node *v) {
  chk_multi(c, v);
  if (v->mode == EM_NONE) return NULL;
  Type **ts = arena_alloc(c->a, sizeof *ts * (size_t)nl);
  if (v->mode == EM_TUPLE && v->type->nresults == nl) {
    for (int i = 0; i < nl; i++) ts[i] = v->type->results[i];
    return ts;
  }
  if (nl == 2 && (v->mode == EM_MAPINDEX || v->mode == EM_COMMAOK)) {
    ts[0] = v->type;
    ts[1] = tbool(c);
    return ts;
  }
  mismatch(c, n, nl, v, v->mode == EM_TUPLE ? v->type->nresults : 1);
  return NULL;
}

static void assign_multi(Checker *c, Node *n) {
  int nl = n->list.len;
  for (int i = 0; i < nl; i++) lhs_expr(c, n->list.items[i]);
  Type **ts = multi_rhs(c, n, nl, n->list2.items[0]);
  if (!ts) return;
  for (int i = 0; i < nl; i++) {
    Node *x = n->list.items[i];
    if (x->mode == EM_VAR && !x->type) continue;
    if (!assignable_lhs(c, x) || ts[i]->kind == TY_INVALID) continue;
    if (!type_assignable(c->u, ts[i], NULL, x->type))
      CHK_ERR(c, chk_pos(n->list2.items[0]), "cannot use %s value as type %s "
                                             "in assignment",
              chk_typestr(c, ts[i]), chk_typestr(c, x->type));
  }
}

static void op_assign(Checker *c, Node *n) {
  Node *x = n->list.items[0], *v = n->list2.items[0];
  Node bin;
  memset(&bin, 0, sizeof bin);
  bin.kind = N_BINARY;
  bin.op = (TokKind)(n->op - T_ADD_ASSIGN + T_ADD);
  bin.a = x;
  bin.b = v;
  bin.pos = x->pos;
  bin.flags = CHK_NF_OPASSIGN; /* print as q += v */
  chk_expr(c, &bin);
  if (bin.mode == EM_NONE || !assignable_lhs(c, x)) return;
  if (v->mode != EM_NONE && type_is_untyped(v->type))
    chk_convert_untyped(c, v, x->type);
}

/* x, y := values: at least one new variable (non-blank) on the left. */
static void define(Checker *c, Node *n) {
  int nl = n->list.len, nr = n->list2.len;
  Type **ts = NULL;
  if (nr == 1 && nl > 1) {
    ts = multi_rhs(c, n, nl, n->list2.items[0]);
  } else if (nl == nr) {
    ts = arena_alloc(c->a, sizeof *ts * (size_t)nl);
    for (int i = 0; i < nr; i++) {
      Node *v = n->list2.items[i];
      chk_multi(c, v);
      if (v->mode == EM_TUPLE) {
        mismatch(c, n, nl, v, nr);
        v->mode = EM_NONE;
      }
      ts[i] = v->mode != EM_NONE ? v->type : NULL;
    }
  } else {
    for (int i = 0; i < nr; i++) chk_multi(c, n->list2.items[i]);
    mismatch(c, n, nl, n->list2.items[0], nr);
  }
  bool any_new = false;
  Sym **news = arena_alloc(c->a, sizeof *news * (size_t)nl);
  for (int i = 0; i < nl; i++) {
    Node *id = n->list.items[i];
    Node *v = nl == nr ? n->list2.items[i] : NULL;
    if (id->kind != N_IDENT) {
      CHK_ERR(c, chk_pos(id), "non-name %s on left side of :=",
              chk_exprstr(c, id));
      continue;
    }
    Type *t = ts && ts[i] ? ts[i] : invalid(c);
    if (strcmp(id->name, "_") == 0) {
      if (v) assign_pair(c, id, v, "assignment");
      id->mode = EM_VAR;
      continue;
    }
    Sym *old = scope_lookup_local(c->scope, id->name);
    if (old && old->kind == SYM_VAR) {
      bool used = old->used;
      chk_expr(c, id);
      old->used = used;
      if (v) chk_assign(c, v, old->type, "assignment");
      continue;
    }
    for (int k = 0; k < i; k++)
      if (news[k] && strcmp(news[k]->name, id->name) == 0)
        CHK_ERR(c, id->pos, "%s repeated on left side of :=", id->name);
    if (v && v->mode != EM_NONE && v->type->kind == TY_UNTYPED_NIL) {
      CHK_ERR(c, chk_pos(v), "use of untyped nil in assignment");
      t = invalid(c);
    } else if (v) {
      chk_default_in(c, v, "assignment");
      t = v->mode == EM_NONE ? invalid(c) : v->type;
    }
    news[i] = new_local(c, id, t);
    any_new = true;
  }
  if (!any_new) CHK_ERR(c, n->end, "no new variables on left side of :=");
  for (int i = 0; i < nl; i++)
    if (news[i]) chk_declare(c, c->scope, news[i], n->list.items[i]);
}

static void assign(Checker *c, Node *n) {
  if (n->op == T_DEFINE) { define(c, n); return; }
  if (n->op != T_ASSIGN) { op_assign(c, n); return; }
  int nl = n->list.len, nr = n->list2.len;
  if (nr == 1 && nl > 1) { assign_multi(c, n); return; }
  for (int i = 0; i < nl; i++) lhs_expr(c, n->list.items[i]);
  if (nl != nr) {
    for (int i = 0; i < nr; i++) chk_multi(c, n->list2.items[i]);
    { mismatch(c, n, nl, n->list2.items[0], nr); return; }
  }
  for (int i = 0; i < nr; i++) {
    Node *x = n->list.items[i], *v = n->list2.items[i];
    if (v->kind == N_COMPOSITE) chk_expr_hint(c, v, x->type);
    else chk_multi(c, v);
    if (v->mode == EM_TUPLE) {
      mismatch(c, n, nl, v, nr);
      continue;
    }
    if (v->mode != EM_NONE) assign_pair(c, x, v, "assignment");
    else if (x->mode != EM_NONE && x->type) assignable_lhs(c, x);
  }
}

/* ---- simple statements ------------------------------------------------- */

static void expr_stmt(Checker *c, Node *n) {
  Node *x = n->a, *u = ast_unparen(x);
  if (u->kind == N_CALL) {
    chk_expr(c, x);
    if (u->call == CALL_CONV || (u->call == CALL_BUILTIN &&
                                 u->mode != EM_NOVALUE && u->mode != EM_NONE &&
                                 u->a->sym->builtin != BI_RECOVER &&
                                 u->a->sym->builtin != BI_COPY))
      CHK_ERR(c, chk_pos(x), "%s is not used", chk_operand(c, x));
    return;
  }
  chk_expr(c, x);
  if (u->kind == N_UNARY && u->op == T_ARROW) return;
  if (x->mode != EM_NONE)
    CHK_ERR(c, chk_pos(x), "%s is not used", chk_operand(c, x));
}

static void send(Checker *c, Node *n) {
  chk_expr(c, n->a);
  chk_expr(c, n->b);
  bool ok = chk_value(c, n->a), okv = chk_value(c, n->b);
  if (!ok || !okv) return;
  Type *u = type_under(n->a->type);
  if (u->kind != TY_CHAN) {
    CHK_ERR(c, n->pos, "invalid operation: cannot send to non-channel %s",
            chk_operand(c, n->a));
    return;
  }
  if (u->dir == CHAN_RECV) {
    CHK_ERR(c, n->pos, "invalid operation: cannot send to receive-only "
                       "channel %s", chk_operand(c, n->a));
    return;
  }
  chk_assign(c, n->b, u->elem, "send");
}

/* x++ reads x, so it counts as a use (as in types2). */
static void incdec(Checker *c, Node *n) {
  chk_expr(c, n->a);
  Node *x = n->a;
  if (x->mode == EM_NONE) return;
  if (!type_is_numeric(x->type)) {
    CHK_ERR(c, chk_pos(x), "invalid operation: %s%s (non-numeric type %s)",
            chk_exprstr(c, x), tok_spelling(n->op), chk_typestr(c, x->type));
    return;
  }
  assignable_lhs(c, x);
}

static void go_defer(Checker *c, Node *n) {
  const char *what = n->kind == N_GO ? "go" : "defer";
  Node *x = n->a, *u = ast_unparen(x);
  if (u->kind != N_CALL) {
    CHK_ERR(c, chk_pos(x), "expression in %s must be function call", what);
    chk_expr(c, x);
    return;
  }
  if (u != x) CHK_ERR(c, chk_pos(x), "expression in %s must not be "
                                     "parenthesized", what);
  chk_expr(c, x);
  if (u->call == CALL_CONV || (u->call == CALL_BUILTIN &&
                               u->mode == EM_VALUE &&
                               u->a->sym->builtin != BI_RECOVER &&
                               u->a->sym->builtin != BI_COPY))
    CHK_ERR(c, chk_pos(x), "%s discards result of %s", what,
            chk_exprstr(c, x));
}

static const char *have_list(Checker *c, NodeList *l) {
  Buf b = BUF_INIT;
  buf_putc(&b, '(');
  for (int i = 0; i < l->len; i++) {
    Type *t = l->items[i]->type;
    if (i) buf_puts(&b, ", ");
    if (!t) continue;
    if (t->kind == TY_UNTYPED_INT || t->kind == TY_UNTYPED_FLOAT ||
        t->kind == TY_UNTYPED_RUNE)
      buf_puts(&b, "number");
    else if (type_is_untyped(t))
      buf_puts(&b, t->kind == TY_UNTYPED_NIL ? "nil" : t->name + 8);
    else type_write(t, c->pkg, &b);
  }
  buf_putc(&b, ')');
  const char *s = arena_strndup(c->a, b.data, b.len);
  buf_fini(&b);
  return s;
}

static void return_count(Checker *c, Node *n, Type *sig) {
  int nr = n->list.len;
  for (int i = 0; i < nr; i++) {
    chk_expr(c, n->list.items[i]);
    if (n->list.items[i]->mode == EM_NONE) return;
  }
  Type *want = types_tuple(c->u, sig->results, sig->nresults);
  Pos at = nr ? chk_pos(n->list.items[nr < sig->nresults ? nr - 1
                                       : sig->nresults]) : n->pos;
  if (nr > sig->nresults && nr) at = chk_pos(n->list.items[0]);
  CHK_ERR(c, at, "%s return values\n\thave %s\n\twant %s",
          nr > sig->nresults ? "too many" : "not enough",
          have_list(c, &n->list), chk_typestr(c, want));
}

static void return_stmt(Checker *c, Node *n) {
  Type *sig = c->sig;
  int nr = n->list.len;
  if (nr == 0) {
    if (sig->nresults == 0) return;
    Node *ft = c->func->kind == N_FUNCDECL ? c->func->b : c->func->a;
    NodeList *res = &ft->list2;
    if (res->len && res->items[0]->list.len) return; /* named results */
    { return_count(c, n, sig); return; }
  }
  if (nr == 1 && sig->nresults > 1) {
    Node *v = n->list.items[0];
    chk_multi(c, v);
    if (v->mode == EM_NONE) return;
    if (v->mode == EM_TUPLE && v->type->nresults == sig->nresults) {
      for (int i = 0; i < sig->nresults; i++)
        if (!type_assignable(c->u, v->type->results[i], NULL,
                             sig->results[i]))
          CHK_ERR(c, chk_pos(v), "cannot use %s value as type %s in return "
                                 "statement", chk_typestr(c, v->type->results[i]),
                  chk_typestr(c, sig->results[i]));
      return;
    }
  }
  if (nr != sig->nresults) { return_count(c, n, sig); return; }
  for (int i = 0; i < nr; i++) {
    Node *v = n->list.items[i];
    chk_expr_hint(c, v, sig->results[i]);
    if (chk_value(c, v)) chk_assign(c, v, sig->results[i], "return statement");
  }
}

/* ---- labels and branches ----------------------------------------------- */

static Node *find_label(Checker *c, const char *name) {
  for (int i = 0; i < c->nlabels; i++)
    if (strcmp(c->labels[i]->name, name) == 0) return c->labels[i];
  return NULL;
}

static void collect_labels(Checker *c, Node *n) {
  if (!n || n->kind == N_FUNCLIT) return;
  if (n->kind == N_LABELED) {
    Node *old = find_label(c, n->name);
    if (old) {
      CHK_ERR(c, n->pos, "label %s already defined\n\t%s:%d:%d: previous "
                         "definition", n->name, c->diags->file,
              old->pos.line, old->pos.col);
    } else {
      c->labels = xrealloc(c->labels,
                           sizeof *c->labels * (size_t)(c->nlabels + 1));
      c->labels[c->nlabels++] = n;
      Sym *s = sym_new(c->a, SYM_LABEL, n->name, NULL, n->pos);
      s->func = c->func;
      n->sym = s;
    }
  }
  Node *kids[4] = {n->a, n->b, n->c, n->d};
  for (int i = 0; i < 4; i++)
    if (kids[i] && kids[i]->kind >= N_DECLSTMT) collect_labels(c, kids[i]);
  for (int i = 0; i < n->list.len; i++) collect_labels(c, n->list.items[i]);
  for (int i = 0; i < n->list2.len; i++) collect_labels(c, n->list2.items[i]);
}

static Node *active_label(Checker *c, const char *name) {
  for (int i = c->nactive - 1; i >= 0; i--)
    if (strcmp(c->active[i]->name, name) == 0) return c->active[i];
  return NULL;
}

static bool is_loop(Node *s) { return s->kind == N_FOR || s->kind == N_RANGE; }

static void branch(Checker *c, Node *n) {
  if (n->op == T_GOTO) {
    Node *l = n->name ? find_label(c, n->name) : NULL;
    if (l && l->sym) l->sym->used = true;
    CHK_ERR(c, n->pos, "panicroom: goto is not supported");
    return;
  }
  if (n->op == T_FALLTHROUGH) {
    if (!c->fallthrough_ok)
      CHK_ERR(c, n->pos, "fallthrough statement out of place");
    return;
  }
  bool brk = n->op == T_BREAK;
  if (n->name) {
    Node *l = find_label(c, n->name);
    Node *act = active_label(c, n->name);
    if (l && l->sym) {
      l->sym->used = true;
      n->sym = l->sym;
    }
    if (!l) CHK_ERR(c, n->pos, "%s label not defined: %s",
                    brk ? "break" : "continue", n->name);
    else if (!act || (!brk && !is_loop(act->a)))
      CHK_ERR(c, n->pos, "invalid %s label %s", brk ? "break" : "continue",
              n->name);
    return;
  }
  if (brk && c->break_depth == 0)
    CHK_ERR(c, n->pos, "break is not in a loop, switch, or select");
  else if (!brk && c->loop_depth == 0)
    CHK_ERR(c, n->pos, "continue is not in a loop");
}

static void labeled(Checker *c, Node *n) {
  Node *s = n->a;
  bool target = s && (is_loop(s) || s->kind == N_SWITCH ||
                      s->kind == N_TYPESWITCH || s->kind == N_SELECT);
  if (target) {
    if (c->nactive == c->capactive) {
      c->capactive = c->capactive ? 2 * c->capactive : 8;
      c->active = xrealloc(c->active, sizeof *c->active * (size_t)c->capactive);
    }
    c->active[c->nactive++] = n;
  }
  if (s) stmt(c, s);
  if (target) c->nactive--;
}

/* ---- control flow ------------------------------------------------------ */

static void condition(Checker *c, Node *x, const char *what) {
  chk_expr(c, x);
  if (!chk_value(c, x)) return;
  if (!type_is_boolean(x->type)) {
    CHK_ERR(c, chk_pos(x), "non-boolean condition in %s statement", what);
    return;
  }
  chk_default(c, x);
}

static void block(Checker *c, Node *b) {
  if (!b) return;
  open_scope(c, b);
  chk_block_stmts(c, &b->list);
  close_scope(c);
}

static void if_stmt(Checker *c, Node *n) {
  open_scope(c, n);
  if (n->a) stmt(c, n->a);
  if (n->b) condition(c, n->b, "if");
  block(c, n->c);
  if (n->d) stmt(c, n->d);
  close_scope(c);
}

static void mark_loopvars(Scope *s) {
  for (int i = 0; i < s->cap; i++)
    if (s->syms[i] && s->syms[i]->kind == SYM_VAR) s->syms[i]->loopvar = true;
}

static void loop_body(Checker *c, Node *body) {
  c->loop_depth++;
  c->break_depth++;
  block(c, body);
  c->loop_depth--;
  c->break_depth--;
}

static void for_stmt(Checker *c, Node *n) {
  open_scope(c, n);
  if (n->a) stmt(c, n->a);
  mark_loopvars(c->scope);
  if (n->b) condition(c, n->b, "for");
  if (n->c) stmt(c, n->c);
  loop_body(c, n->d);
  close_scope(c);
}

/* Key and value types of `range x` (nil key: not rangeable). */
static bool range_types(Checker *c, Node *x, Type **k, Type **v) {
  Type *u = type_under(x->type);
  Type *tint = types_basic(c->u, TY_INT);
  *v = NULL;
  if (u->kind == TY_POINTER && type_under(u->elem)->kind == TY_ARRAY)
    u = type_under(u->elem);
  if (type_is_string(u)) {
    chk_default(c, x);
    *k = tint;
    *v = types_basic(c->u, TY_INT32);
  } else if (u->kind == TY_ARRAY || u->kind == TY_SLICE) {
    *k = tint;
    *v = u->elem;
  } else if (u->kind == TY_MAP) {
    *k = u->key;
    *v = u->elem;
  } else if (u->kind == TY_CHAN && u->dir != CHAN_SEND) {
    *k = u->elem;
  } else if (type_is_integer(u)) {
    chk_default(c, x);
    *k = x->type;
  } else {
    return false;
  }
  return true;
}

static void range_var(Checker *c, Node *n, Node *id, Type *t) {
  if (!id) return;
  if (n->op == T_DEFINE) {
    if (id->kind != N_IDENT) {
      CHK_ERR(c, chk_pos(id), "non-name %s on left side of :=",
              chk_exprstr(c, id));
      return;
    }
    if (strcmp(id->name, "_") == 0) return;
    Sym *s = new_local(c, id, t);
    s->loopvar = true;
    chk_declare(c, c->scope, s, id);
    return;
  }
  lhs_expr(c, id);
  if (id->mode == EM_VAR && !id->type) return;
  if (assignable_lhs(c, id) && t && !type_assignable(c->u, t, NULL, id->type))
    CHK_ERR(c, chk_pos(id), "cannot use %s (value of type %s) as type %s in "
                            "assignment", chk_exprstr(c, id),
            chk_typestr(c, t), chk_typestr(c, id->type));
}

static void range_stmt(Checker *c, Node *n) {
  open_scope(c, n);
  Node *x = n->c;
  chk_expr(c, x);
  Type *k = invalid(c), *v = invalid(c);
  if (chk_value(c, x) && !range_types(c, x, &k, &v)) {
    CHK_ERR(c, chk_pos(x), "cannot range over %s", chk_operand(c, x));
    k = v = invalid(c);
  } else if (x->mode != EM_NONE && !v && n->b) {
    CHK_ERR(c, chk_pos(n->b), "range over %s permits only one iteration "
                              "variable", chk_operand(c, x));
    v = invalid(c);
  }
  range_var(c, n, n->a, k);
  range_var(c, n, n->b, v);
  loop_body(c, n->d);
  close_scope(c);
}

static void case_body(Checker *c, Node *cl, bool last, bool allow_ft) {
  open_scope(c, cl);
  c->break_depth++;
  NodeList *l = &cl->list2;
  for (int i = 0; i < l->len; i++) {
    Node *s = l->items[i];
    bool ft = s->kind == N_BRANCH && s->op == T_FALLTHROUGH;
    if (ft && i == l->len - 1 && allow_ft && last) {
      CHK_ERR(c, s->pos, "cannot fallthrough final case in switch");
      continue;
    }
    c->fallthrough_ok = allow_ft && i == l->len - 1;
    stmt(c, s);
    c->fallthrough_ok = false;
  }
  c->break_depth--;
  close_scope(c);
}

static void case_expr(Checker *c, Node *tag, Node *e) {
  chk_expr(c, e);
  if (!chk_value(c, e)) return;
  if (!tag) {
    if (!type_is_boolean(e->type))
      CHK_ERR(c, chk_pos(e), "invalid case %s in switch (mismatched types %s "
                             "and bool)", chk_exprstr(c, e),
              chk_typestr(c, e->type));
    else chk_default(c, e);
    return;
  }
  if (tag->mode == EM_NONE) return;
  if (type_is_untyped(e->type) &&
      (e->mode != EM_CONST || type_representable(&e->cv, tag->type, NULL) ||
       type_is_interface(tag->type) || e->type->kind == TY_UNTYPED_NIL)) {
    chk_assign(c, e, tag->type, "switch case");
    return;
  }
  if (!type_assignable(c->u, e->type, &e->cv, tag->type) &&
      !type_assignable(c->u, tag->type, NULL, e->type))
    CHK_ERR(c, chk_pos(e), "invalid case %s in switch on %s (mismatched "
                           "types %s and %s)", chk_exprstr(c, e),
            chk_exprstr(c, tag), chk_typestr(c, e->type),
            chk_typestr(c, tag->type));
}

static void switch_stmt(Checker *c, Node *n) {
  open_scope(c, n);
  if (n->a) stmt(c, n->a);
  Node *tag = n->b;
  if (tag) {
    chk_expr(c, tag);
    if (chk_value(c, tag)) chk_default(c, tag);
  }
  Node *dflt = NULL;
  for (int i = 0; i < n->list.len; i++) {
    Node *cl = n->list.items[i];
    if (cl->list.len == 0) {
      if (dflt) CHK_ERR(c, cl->pos, "multiple defaults in switch");
      dflt = cl;
    }
    for (int j = 0; j < cl->list.len; j++) case_expr(c, tag, cl->list.items[j]);
    case_body(c, cl, i == n->list.len - 1, true);
  }
  close_scope(c);
}

/* One clause of a type switch; returns the clause's symbol if any. */
static Type *ts_case_type(Checker *c, Node *x, Node *e) {
  Node *u = ast_unparen(e);
  if (u->kind == N_IDENT && strcmp(u->name, "nil") == 0 &&
      chk_lookup(c, "nil")->kind == SYM_NIL) {
    u->sym = chk_lookup(c, "nil");
    e->mode = u->mode = EM_VALUE;
    e->type = u->type = types_basic(c->u, TY_UNTYPED_NIL);
    return e->type;
  }
  Type *t = chk_type(c, e);
  const char *miss;
  bool ptr;
  if (t->kind != TY_INVALID && x->mode != EM_NONE && !type_is_interface(t) &&
      !type_implements(t, x->type, &miss, &ptr))
    CHK_ERR(c, chk_pos(e), "impossible type switch case: %s cannot have "
                           "dynamic type %s (%s%s%s)", chk_operand(c, x),
            chk_typestr(c, t), ptr ? "" : "missing ", miss,
            ptr ? " method has pointer receiver" : " method");
  return t;
}

static void typeswitch_clause(Checker *c, Node *x, Node *cl, Node *lhs,
                              bool last, bool *used) {
  Type *single = NULL;
  for (int j = 0; j < cl->list.len; j++) {
    Type *t = ts_case_type(c, x, cl->list.items[j]);
    single = cl->list.len == 1 && t->kind != TY_UNTYPED_NIL ? t : NULL;
  }
  open_scope(c, cl);
  if (lhs) {
    Type *vt = single ? single : x->type ? x->type : invalid(c);
    Sym *s = sym_new(c->a, SYM_VAR, lhs->name, vt, lhs->pos);
    s->pkg = c->pkg;
    s->decl = lhs;
    s->func = c->func;
    cl->sym = s;
    scope_insert(c->a, c->scope, s);
  }
  c->break_depth++;
  chk_block_stmts(c, &cl->list2);
  c->break_depth--;
  if (cl->sym && cl->sym->used) *used = true;
  if (cl->sym) cl->sym->used = true; /* reported once, below */
  (void)last;
  close_scope(c);
}

static void typeswitch_stmt(Checker *c, Node *n) {
  open_scope(c, n);
  if (n->a) stmt(c, n->a);
  Node *g = n->b, *lhs = NULL, *ta;
  if (g->kind == N_ASSIGN) {
    lhs = g->list.items[0];
    ta = ast_unparen(g->list2.items[0]);
  } else {
    ta = ast_unparen(g->a);
  }
  Node *x = ta->a;
  chk_expr(c, x);
  if (chk_value(c, x) && !type_is_interface(x->type)) {
    CHK_ERR(c, chk_pos(x), "%s is not an interface", chk_operand(c, x));
    x->mode = EM_NONE;
  }
  ta->mode = x->mode == EM_NONE ? EM_NONE : EM_VALUE;
  ta->type = x->type;
  bool used = false, dflt = false;
  for (int i = 0; i < n->list.len; i++) {
    Node *cl = n->list.items[i];
    if (cl->list.len == 0 && dflt)
      CHK_ERR(c, cl->pos, "multiple defaults in switch");
    dflt |= cl->list.len == 0;
    typeswitch_clause(c, x, cl, lhs, i == n->list.len - 1, &used);
  }
  if (lhs && !used && strcmp(lhs->name, "_") != 0)
    CHK_ERR(c, lhs->pos, "%s declared but not used", lhs->name);
  close_scope(c);
}

static void comm_clause(Checker *c, Node *cl) {
  open_scope(c, cl);
  Node *s = cl->a;
  if (s) {
    Node *rx = NULL;
    if (s->kind == N_EXPRSTMT) rx = ast_unparen(s->a);
    else if (s->kind == N_ASSIGN && s->list2.len == 1)
      rx = ast_unparen(s->list2.items[0]);
    if (s->kind != N_SEND && !(rx && rx->kind == N_UNARY && rx->op == T_ARROW))
      CHK_ERR(c, s->pos, "select case must be receive, send or assign recv");
    else stmt(c, s);
  }
  c->break_depth++;
  chk_block_stmts(c, &cl->list2);
  c->break_depth--;
  close_scope(c);
}

static void select_stmt(Checker *c, Node *n) {
  bool dflt = false;
  for (int i = 0; i < n->list.len; i++) {
    Node *cl = n->list.items[i];
    if (!cl->a && dflt) CHK_ERR(c, cl->pos, "multiple defaults in select");
    dflt |= !cl->a;
    comm_clause(c, cl);
  }
}

/* ---- declarations in functions ----------------------------------------- */

static void local_type(Checker *c, Node *spec) {
  Node *id = arena_alloc(c->a, sizeof *id);
  id->kind = N_IDENT;
  id->name = spec->name;
  id->pos = spec->pos;
  Sym *s = sym_new(c->a, SYM_TYPE, spec->name, NULL, spec->pos);
  s->pkg = c->pkg;
  s->decl = spec;
  spec->sym = s;
  if (spec->list.len > 0)
    CHK_ERR(c, spec->pos, "panicroom: generics are not supported");
  if (!(spec->flags & NF_ALIAS)) {
    s->type = types_named(c->u, spec->name, c->pkg, s);
    chk_declare(c, c->scope, s, id);
    chk_typespec(c, spec);
    return;
  }
  chk_typespec(c, spec);
  chk_declare(c, c->scope, s, id);
}

static void decl_stmt(Checker *c, Node *n) {
  Node *d = n->a;
  for (int i = 0; d && i < d->list.len; i++) {
    Node *spec = d->list.items[i];
    if (d->op == T_CONST) chk_const_spec(c, spec, c->scope, false);
    else if (d->op == T_VAR) chk_var_spec(c, spec, c->scope, false);
    else if (d->op == T_TYPE) local_type(c, spec);
  }
}

static void stmt(Checker *c, Node *n) {
  if (!n) return;
  switch (n->kind) {
  case N_DECLSTMT: decl_stmt(c, n); return;
  case N_LABELED: labeled(c, n); return;
  case N_EXPRSTMT: expr_stmt(c, n); return;
  case N_SEND: send(c, n); return;
  case N_INCDEC: incdec(c, n); return;
  case N_ASSIGN: assign(c, n); return;
  case N_GO:
  case N_DEFER: go_defer(c, n); return;
  case N_RETURN: return_stmt(c, n); return;
  case N_BRANCH: branch(c, n); return;
  case N_BLOCK: block(c, n); return;
  case N_IF: if_stmt(c, n); return;
  case N_FOR: for_stmt(c, n); return;
  case N_RANGE: range_stmt(c, n); return;
  case N_SWITCH: switch_stmt(c, n); return;
  case N_TYPESWITCH: typeswitch_stmt(c, n); return;
  case N_SELECT: select_stmt(c, n); return;
  default: return;
  }
}

/* ---- terminating statements (spec "Terminating statements") ------------ */

static bool terminating(Node *n, const char *label);

/* Is there a break that leaves s (unlabeled inside s, or labeled L)? */
static bool has_break(Node *n, const char *label, bool nested) {
  if (!n || n->kind == N_FUNCLIT) return false;
  if (n->kind == N_BRANCH && n->op == T_BREAK)
    return n->name ? (label && strcmp(n->name, label) == 0) : !nested;
  bool inner = nested || n->kind == N_FOR || n->kind == N_RANGE ||
               n->kind == N_SWITCH || n->kind == N_TYPESWITCH ||
               n->kind == N_SELECT;
  Node *kids[4] = {n->a, n->b, n->c, n->d};
  for (int i = 0; i < 4; i++)
    if (kids[i] && kids[i]->kind >= N_DECLSTMT &&
        has_break(kids[i], label, inner))
      return true;
  for (int i = 0; i < n->list.len; i++)
    if (has_break(n->list.items[i], label, inner)) return true;
  for (int i = 0; i < n->list2.len; i++)
    if (has_break(n->list2.items[i], label, inner)) return true;
  return false;
}

static bool last_terminating(NodeList *l) {
  int i = l->len - 1;
  while (i >= 0 && l->items[i]->kind == N_EMPTY) i--;
  return i >= 0 && terminating(l->items[i], NULL);
}

static bool body_has_break(Node *n, const char *label) {
  for (int i = 0; i < n->list.len; i++)
    if (has_break(n->list.items[i], label, false)) return true;
  return false;
}

static bool clauses_terminate(Node *n, const char *label, bool need_default) {
  bool dflt = false;
  for (int i = 0; i < n->list.len; i++) {
    Node *cl = n->list.items[i];
    if (cl->kind == N_CASECLAUSE ? cl->list.len == 0 : cl->a == NULL)
      dflt = true;
    NodeList *body = &cl->list2;
    for (int j = 0; j < body->len; j++)
      if (has_break(body->items[j], label, false)) return false;
    Node *lastst = body->len ? body->items[body->len - 1] : NULL;
    bool ft = lastst && lastst->kind == N_BRANCH &&
              lastst->op == T_FALLTHROUGH;
    if (!ft && !last_terminating(body)) return false;
  }
  (void)body_has_break;
  return dflt || !need_default;
}

static bool terminating(Node *n, const char *label) {
  switch (n->kind) {
  case N_RETURN: return true;
  case N_BRANCH: return n->op == T_GOTO;
  case N_EXPRSTMT: {
    Node *x = ast_unparen(n->a);
    return x->kind == N_CALL && x->call == CALL_BUILTIN && x->a->sym &&
           x->a->sym->builtin == BI_PANIC;
  }
  case N_BLOCK: return last_terminating(&n->list);
  case N_IF:
    return n->d && terminating(n->c, NULL) && terminating(n->d, NULL);
  case N_FOR:
    return !n->b && !has_break(n->d, label, false);
  case N_LABELED: return n->a && terminating(n->a, n->name);
  case N_SWITCH:
  case N_TYPESWITCH: return clauses_terminate(n, label, true);
  case N_SELECT: return clauses_terminate(n, label, false);
  default: return false;
  }
}

/* ---- function bodies --------------------------------------------------- */

void chk_func_body(Checker *c, Node *fn, Type *sig, Node *body) {
  Checker saved = *c;
  c->func = fn;
  c->sig = sig;
  c->loop_depth = c->break_depth = 0;
  c->labels = NULL;
  c->nlabels = 0;
  c->active = NULL;
  c->nactive = c->capactive = 0;
  c->fallthrough_ok = false;
  Scope *s = open_scope(c, fn->kind == N_FUNCLIT ? fn : NULL);
  body->scope = s;
  if (fn->kind == N_FUNCDECL) {
    fn->scope = s;
    chk_signature(c, fn->b, fn->a, true, s);
  } else {
    chk_signature(c, fn->a, NULL, true, s);
  }
  collect_labels(c, body);
  chk_block_stmts(c, &body->list);
  if (sig->nresults > 0 && !last_terminating(&body->list))
    CHK_ERR(c, body->end, "missing return");
  for (int i = 0; i < c->nlabels; i++)
    if (c->labels[i]->sym && !c->labels[i]->sym->used)
      CHK_ERR(c, c->labels[i]->pos, "label %s defined and not used",
              c->labels[i]->name);
  close_scope(c);
  free(c->labels);
  free(c->active);
  c->func = saved.func;
  c->sig = saved.sig;
  c->scope = saved.scope;
  c->loop_depth = saved.loop_depth;
  c->break_depth = saved.break_depth;
  c->labels = saved.labels;
  c->nlabels = saved.nlabels;
  c->active = saved.active;
  c->nactive = saved.nactive;
  c->capactive = saved.capactive;
  c->fallthrough_ok = saved.fallthrough_ok;
}
