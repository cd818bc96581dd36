/* check_decl.c - type expressions, signatures, method declarations and
 * const/var specs (package-level and local).  See check_int.h.
 *
 * Decision: a named type's underlying type is computed when its TYPESPEC is
 * resolved (lazily, check.c); a reference to a named type that is still
 * being declared yields the Named pointer with no underlying type yet, which
 * is fine behind a pointer, slice, map, chan or func, and is reported as
 * "invalid recursive type" when the type would contain itself. */
#include <stdlib.h>
#include <string.h>

#include "engine/check_int.h"

static Type *invalid(Checker *c) { return types_basic(c->u, TY_INVALID); }

static Type *set_type(Node *n, Type *t) {
  n->mode = t->kind == TY_INVALID ? EM_NONE : EM_TYPE;
  n->type = t;
  return t;
}

static Type *ident_type(Checker *c, Node *n) {
  Sym *s = chk_lookup(c, n->name);
  if (!s) {
    chk_undefined(c, n->pos, n->name);
    return invalid(c);
  }
  n->sym = s;
  s->used = true;
  if (s->kind != SYM_TYPE) {
    chk_expr(c, n);
    if (n->mode != EM_NONE)
      CHK_ERR(c, n->pos, "%s is not a type", chk_operand(c, n));
    return invalid(c);
  }
  if (s->global) chk_resolve_global(c, s);
  return s->type ? s->type : invalid(c);
}

static Type *qualified_type(Checker *c, Node *n) {
  Node *x = ast_unparen(n->a);
  Sym *ps = x->kind == N_IDENT ? chk_lookup(c, x->name) : NULL;
  if (!ps || ps->kind != SYM_PKG) {
    chk_expr(c, n);
    if (n->mode != EM_NONE)
      CHK_ERR(c, chk_pos(n), "%s is not a type", chk_exprstr(c, n));
    return invalid(c);
  }
  ps->used = true;
  x->sym = ps;
  x->mode = EM_PKG;
  Sym *s = scope_lookup_local(ps->imported->scope, n->name);
  if (!s || !(n->name[0] >= 'A' && n->name[0] <= 'Z')) {
    CHK_ERR(c, n->pos, "undefined: %s.%s", x->name, n->name);
    return invalid(c);
  }
  if (s->kind != SYM_TYPE) {
    CHK_ERR(c, n->pos, "%s.%s is not a type", x->name, n->name);
    return invalid(c);
  }
  n->sel = arena_alloc(c->a, sizeof *n->sel);
  n->sel->kind = SEL_PKG;
  return s->type;
}

static Type *array_type(Checker *c, Node *n) {
  Type *elem = chk_type(c, n->b);
  if (!n->a) return types_slice(c->u, elem);
  if (n->a->kind == N_ELLIPSIS) {
    CHK_ERR(c, n->a->pos,
            "invalid use of [...] array (outside a composite literal)");
    return invalid(c);
  }
  chk_expr(c, n->a);
  if (n->a->mode == EM_NONE) return invalid(c);
  if (n->a->mode != EM_CONST) {
    CHK_ERR(c, chk_pos(n->a), "invalid array length %s",
            chk_exprstr(c, n->a));
    return invalid(c);
  }
  ConstVal v;
  if (!type_representable(&n->a->cv, types_basic(c->u, TY_INT), &v) ||
      v.i < 0) {
    CHK_ERR(c, chk_pos(n->a), "invalid array length %s",
            chk_exprstr(c, n->a));
    return invalid(c);
  }
  if (elem->kind == TY_INVALID) return elem;
  return types_array(c->u, elem, v.i);
}

static const char *field_name(Node *t) {
  t = ast_unparen(t);
  if (t->kind == N_STAR) t = ast_unparen(t->a);
  if (t->kind == N_IDENT || t->kind == N_SELECTOR) return t->name;
  return "?";
}

static Type *struct_type(Checker *c, Node *n) {
  int cap = 0;
  for (int i = 0; i < n->list.len; i++) {
    int k = n->list.items[i]->list.len;
    cap += k ? k : 1;
  }
  Field *fs = arena_alloc(c->a, sizeof *fs * (size_t)(cap ? cap : 1));
  int nf = 0;
  for (int i = 0; i < n->list.len; i++) {
    Node *f = n->list.items[i];
    Type *t = chk_type(c, f->a);
    if (f->list.len == 0) {
      fs[nf++] = (Field){field_name(f->a), t, true, f->pos};
      continue;
    }
    for (int j = 0; j < f->list.len; j++) {
      Node *id = f->list.items[j];
      for (int k = 0; k < nf; k++)
        if (strcmp(fs[k].name, id->name) == 0 && strcmp(id->name, "_"))
          CHK_ERR(c, id->pos, "%s redeclared", id->name);
      fs[nf++] = (Field){id->name, t, false, id->pos};
    }
  }
  return types_struct(c->u, fs, nf);
}

/* Appends m unless a method of that name is already there. */
static void add_imethod(IMethod **ms, int *n, int *cap, IMethod m) {
  for (int i = 0; i < *n; i++)
    if (strcmp((*ms)[i].name, m.name) == 0) return;
  if (*n == *cap) {
    *cap = *cap ? 2 * *cap : 8;
    *ms = xrealloc(*ms, sizeof **ms * (size_t)*cap);
  }
  (*ms)[(*n)++] = m;
}

static Type *interface_type(Checker *c, Node *n) {
  IMethod *ms = NULL;
  int nm = 0, cap = 0;
  for (int i = 0; i < n->list.len; i++) {
    Node *f = n->list.items[i];
    if (f->list.len == 1 && f->a && f->a->kind == N_FUNCTYPE) {
      Type *sig = chk_signature(c, f->a, NULL, false, NULL);
      IMethod m = {f->list.items[0]->name, sig, c->pkg};
      add_imethod(&ms, &nm, &cap, m);
      continue;
    }
    Type *e = chk_type(c, f->a);
    if (e->kind == TY_INVALID) continue;
    Type *eu = type_under(e);
    if (!eu || eu->kind != TY_INTERFACE) {
      CHK_ERR(c, chk_pos(f->a), "panicroom: type constraints are not "
                                "supported");
      continue;
    }
    for (int k = 0; k < eu->nimethods; k++)
      add_imethod(&ms, &nm, &cap, eu->imethods[k]);
  }
  Type *t = types_interface(c->u, ms, nm);
  free(ms);
  return t;
}

static Type *chan_type(Checker *c, Node *n) {
  Type *e = chk_type(c, n->a);
  ChanDir d = (n->flags & NF_SEND_ONLY)   ? CHAN_SEND
              : (n->flags & NF_RECV_ONLY) ? CHAN_RECV
                                          : CHAN_BOTH;
  return e->kind == TY_INVALID ? e : types_chan(c->u, e, d);
}

static Type *map_type(Checker *c, Node *n) {
  Type *k = chk_type(c, n->a), *v = chk_type(c, n->b);
  if (k->kind == TY_INVALID || v->kind == TY_INVALID) return invalid(c);
  /* a key still being declared is checked when it is complete: accept */
  if (type_under(k) && !type_comparable(k)) {
    CHK_ERR(c, chk_pos(n->a), "invalid map key type %s",
            chk_typestr(c, k));
    return invalid(c);
  }
  return types_map(c->u, k, v);
}

static Type *type_of_kind(Checker *c, Node *n) {
  switch (n->kind) {
  case N_IDENT: return ident_type(c, n);
  case N_SELECTOR: return qualified_type(c, n);
  case N_PAREN: return chk_type(c, n->a);
  case N_STAR: {
    Type *e = chk_type(c, n->a);
    return e->kind == TY_INVALID ? e : types_pointer(c->u, e);
  }
  case N_ARRAYTYPE: return array_type(c, n);
  case N_MAPTYPE: return map_type(c, n);
  case N_CHANTYPE: return chan_type(c, n);
  case N_FUNCTYPE: return chk_signature(c, n, NULL, false, NULL);
  case N_STRUCTTYPE: return struct_type(c, n);
  case N_INTERFACETYPE: return interface_type(c, n);
  case N_INDEX:
    CHK_ERR(c, chk_pos(n), "panicroom: generics are not supported");
    return invalid(c);
  case N_ELLIPSIS:
    CHK_ERR(c, n->pos, "invalid use of ...");
    return invalid(c);
  case N_BAD: return invalid(c);
  default:
    chk_expr(c, n);
    if (n->mode != EM_NONE)
      CHK_ERR(c, chk_pos(n), "%s is not a type", chk_exprstr(c, n));
    return invalid(c);
  }
}

Type *chk_type(Checker *c, Node *n) {
  if (!n) return invalid(c);
  return set_type(n, type_of_kind(c, n));
}

/* ---- signatures -------------------------------------------------------- */

static Sym *param_sym(Checker *c, Node *id, Type *t, Scope *scope,
                      bool result) {
  Sym *s = sym_new(c->a, SYM_VAR, id->name, t, id->pos);
  s->param = true;
  s->result = result;
  s->used = true;
  s->pkg = c->pkg;
  s->decl = id;
  s->func = c->func;
  id->sym = s;
  if (scope) chk_declare(c, scope, s, id);
  return s;
}

/* Types of a FIELD list; declares the names when scope != NULL. */
static Type **field_types(Checker *c, NodeList *l, int *n, bool *variadic,
                          Scope *scope, bool result) {
  int cap = 0;
  for (int i = 0; i < l->len; i++)
    cap += l->items[i]->list.len ? l->items[i]->list.len : 1;
  Type **ts = arena_alloc(c->a, sizeof *ts * (size_t)(cap ? cap : 1));
  *n = 0;
  for (int i = 0; i < l->len; i++) {
    Node *f = l->items[i];
    Type *t;
    if (f->a && f->a->kind == N_ELLIPSIS) {
      if (result || i != l->len - 1 || f->list.len > 1)
        CHK_ERR(c, f->a->pos,
                "can only use ... with final parameter in list");
      else if (variadic)
        *variadic = true;
      t = types_slice(c->u, chk_type(c, f->a->a));
      set_type(f->a, t);
    } else {
      t = chk_type(c, f->a);
    }
    if (f->list.len == 0) ts[(*n)++] = t;
    for (int j = 0; j < f->list.len; j++) {
      ts[(*n)++] = t;
      if (scope) param_sym(c, f->list.items[j], t, scope, result);
    }
  }
  return ts;
}

Type *chk_signature(Checker *c, Node *ftype, Node *recv, bool declare,
                    Scope *scope) {
  Scope *sc = declare ? scope : NULL;
  if (recv && sc) {
    int n;
    NodeList one = {&recv, 1};
    field_types(c, &one, &n, NULL, sc, false);
  }
  int np, nr;
  bool variadic = false;
  Type **ps = field_types(c, &ftype->list, &np, &variadic, sc, false);
  Type **rs = field_types(c, &ftype->list2, &nr, NULL, sc, true);
  for (int i = 0; i < np; i++)
    if (ps[i]->kind == TY_INVALID) return set_type(ftype, ps[i]);
  for (int i = 0; i < nr; i++)
    if (rs[i]->kind == TY_INVALID) return set_type(ftype, rs[i]);
  return set_type(ftype, types_func(c->u, ps, np, rs, nr, variadic));
}

/* ---- type declarations ------------------------------------------------- */

/* Does t contain named directly (not behind a pointer, slice, ...)? */
static bool contains(Type *t, Type *named, int depth) {
  if (!t || depth > 64) return false;
  if (t == named) return true;
  if (t->kind == TY_NAMED) return contains(t->under, named, depth + 1);
  if (t->kind == TY_ARRAY) return contains(t->elem, named, depth + 1);
  if (t->kind == TY_STRUCT)
    for (int i = 0; i < t->nfields; i++)
      if (contains(t->fields[i].type, named, depth + 1)) return true;
  return false;
}

static void recursive_error(Checker *c, Node *spec) {
  const char *f = c->diags->file;
  CHK_ERR(c, spec->pos,
          "invalid recursive type %s\n\t%s:%d:%d: %s refers to\n\t%s:%d:%d: %s",
          spec->name, f, spec->pos.line, spec->pos.col, spec->name, f,
          spec->pos.line, spec->pos.col, spec->name);
}

void chk_typespec(Checker *c, Node *spec) {
  Sym *s = spec->sym;
  if (spec->flags & NF_ALIAS) {
    s->type = chk_type(c, spec->a);
    return;
  }
  Type *named = s->type;
  Type *rhs = chk_type(c, spec->a);
  if (rhs->kind == TY_INVALID) {
    types_set_under(named, rhs);
    return;
  }
  if (!type_under(rhs) || contains(type_under(rhs), named, 0)) {
    recursive_error(c, spec);
    types_set_under(named, invalid(c));
    return;
  }
  types_set_under(named, rhs);
}

/* ---- methods ----------------------------------------------------------- */

static Type *recv_base(Checker *c, Node *fd, bool *ptr) {
  Node *t = ast_unparen(fd->a->a);
  *ptr = false;
  if (t->kind == N_STAR) {
    *ptr = true;
    t = ast_unparen(t->a);
  }
  Type *base = chk_type(c, t);
  if (base->kind == TY_INVALID) return NULL;
  if (base->kind != TY_NAMED || base->pkg != c->pkg) {
    CHK_ERR(c, chk_pos(t), "cannot define new methods on non-local type %s",
            chk_typestr(c, base));
    return NULL;
  }
  TypeKind uk = type_under(base)->kind;
  if (uk == TY_POINTER || uk == TY_INTERFACE) {
    CHK_ERR(c, chk_pos(t), "invalid receiver type %s (pointer or interface "
                           "type)", base->name);
    return NULL;
  }
  return base;
}

static void attach(Checker *c, Type *base, Node *fd, bool ptr) {
  for (int i = 0; i < base->nmethods; i++)
    if (strcmp(base->methods[i].name, fd->name) == 0) {
      Sym *o = base->methods[i].func;
      CHK_ERR(c, fd->pos, "%s.%s redeclared in this block\n\t%s:%d:%d: "
                          "other declaration of %s",
              base->name, fd->name, c->diags->file, o->pos.line, o->pos.col,
              fd->name);
      return;
    }
  Type *u = type_under(base);
  for (int i = 0; u->kind == TY_STRUCT && i < u->nfields; i++)
    if (strcmp(u->fields[i].name, fd->name) == 0) {
      CHK_ERR(c, fd->pos, "field and method with the same name %s\n\t"
                          "%s:%d:%d: other declaration of %s",
              fd->name, c->diags->file, u->fields[i].pos.line,
              u->fields[i].pos.col, fd->name);
      return;
    }
  Method *ms = arena_alloc(c->a, sizeof *ms * (size_t)(base->nmethods + 1));
  if (base->nmethods)
    memcpy(ms, base->methods, sizeof *ms * (size_t)base->nmethods);
  ms[base->nmethods] = (Method){fd->name, fd->sym, ptr};
  base->methods = ms;
  base->nmethods++;
}

void chk_method_decl(Checker *c, Node *fd) {
  Sym *s = fd->sym;
  Node *saved = c->func;
  c->func = fd;
  s->type = chk_signature(c, fd->b, NULL, false, NULL);
  c->func = saved;
  if (s->type->kind == TY_INVALID) s->type = NULL;
  if (!fd->a) return;
  bool ptr;
  Type *base = recv_base(c, fd, &ptr);
  if (base && s->type && strcmp(fd->name, "_") != 0) attach(c, base, fd, ptr);
}

/* ---- const and var specs ----------------------------------------------- */

static Sym *local_sym(Checker *c, SymKind k, Node *id, Type *t) {
  Sym *s = sym_new(c->a, k, id->name, t, id->pos);
  s->pkg = c->pkg;
  s->decl = id;
  s->func = c->func;
  id->sym = s;
  return s;
}

static void const_value(Checker *c, Node *spec, Type *t, Node *v, Sym *s) {
  chk_expr(c, v);
  if (v->mode == EM_NONE) {
    s->type = invalid(c);
    return;
  }
  if (v->mode != EM_CONST) {
    CHK_ERR(c, chk_pos(v), "%s is not constant", chk_operand(c, v));
    s->type = invalid(c);
    return;
  }
  if (t && !chk_assign(c, v, t, "constant declaration")) {
    s->type = invalid(c);
    return;
  }
  (void)spec;
  s->type = v->type;
  s->cv = v->cv;
}

void chk_const_spec(Checker *c, Node *spec, Scope *into, bool global) {
  ConstVal iota = {.kind = CV_INT, .i = spec->iota};
  const ConstVal *saved = c->iota;
  c->iota = &iota;
  Type *t = spec->a ? chk_type(c, spec->a) : NULL;
  int nn = spec->list.len, nv = spec->list2.len;
  for (int i = 0; i < nn; i++) {
    Node *id = spec->list.items[i];
    Sym *s = global ? id->sym : local_sym(c, SYM_CONST, id, NULL);
    if (global) chk_global(c, s)->state = G_BUSY;
    if (i < nv) {
      const_value(c, spec, t, spec->list2.items[i], s);
      if (global) chk_global(c, s)->state = G_DONE;
    } else {
      if (i == nv)
        CHK_ERR(c, id->pos, nv ? "missing init expr for const declaration"
                               : "missing init expr for const declaration");
      s->type = invalid(c);
    }
  }
  if (nv > nn)
    CHK_ERR(c, chk_pos(spec->list2.items[nn]), "extra init expr");
  c->iota = saved;
  for (int i = 0; into && i < nn; i++) {
    Node *id = spec->list.items[i];
    id->sym->used = true; /* unused constants are fine in Go */
    chk_declare(c, into, id->sym, id);
  }
}

/* The types the names of `var a, b = rhs` get from one multi-value rhs. */
static bool var_multi(Checker *c, Node *spec, Type *t, Type **ts) {
  int nn = spec->list.len;
  Node *v = spec->list2.items[0];
  chk_multi(c, v);
  if (v->mode == EM_NONE) return false;
  if (v->mode == EM_TUPLE && v->type->nresults == nn) {
    for (int i = 0; i < nn; i++) ts[i] = v->type->results[i];
  } else if (nn == 2 && (v->mode == EM_MAPINDEX || v->mode == EM_COMMAOK)) {
    ts[0] = v->type;
    ts[1] = types_basic(c->u, TY_BOOL);
  } else {
    int have = v->mode == EM_TUPLE ? v->type->nresults : 1;
    Node *f = ast_unparen(v);
    if (f->kind == N_CALL)
      CHK_ERR(c, chk_pos(v), "assignment mismatch: %d variable%s but %s "
                             "returns %d value%s",
              nn, nn > 1 ? "s" : "", chk_exprstr(c, f->a), have,
              have > 1 ? "s" : "");
    else
      CHK_ERR(c, chk_pos(v), "assignment mismatch: %d variables but %d value",
              nn, have);
    return false;
  }
  for (int i = 0; t && i < nn; i++)
    if (!type_assignable(c->u, ts[i], NULL, t)) {
      CHK_ERR(c, chk_pos(v), "cannot use %s value as %s value in "
                             "assignment", chk_typestr(c, ts[i]),
              chk_typestr(c, t));
      return false;
    }
  return true;
}

static void var_values(Checker *c, Node *spec, Type *t, Type **ts) {
  int nn = spec->list.len, nv = spec->list2.len;
  if (nv == 0) {
    for (int i = 0; i < nn; i++) ts[i] = t;
    return;
  }
  if (nv == 1 && nn > 1) {
    if (!var_multi(c, spec, t, ts))
      for (int i = 0; i < nn; i++) ts[i] = invalid(c);
    return;
  }
  if (nv != nn) {
    for (int i = 0; i < nv; i++) chk_multi(c, spec->list2.items[i]);
    CHK_ERR(c, chk_pos(spec->list.items[0]),
            "assignment mismatch: %d variable%s but %d value%s", nn,
            nn > 1 ? "s" : "", nv, nv > 1 ? "s" : "");
    for (int i = 0; i < nn; i++) ts[i] = invalid(c);
    return;
  }
  for (int i = 0; i < nn; i++) {
    Node *v = spec->list2.items[i];
    ts[i] = t ? t : invalid(c);
    if (v->kind == N_COMPOSITE) chk_expr_hint(c, v, t);
    else chk_multi(c, v);
    if (v->mode == EM_TUPLE) {
      CHK_ERR(c, chk_pos(v), "assignment mismatch: %d variable%s but %s "
                             "returns %d values", nn, nn > 1 ? "s" : "",
              chk_exprstr(c, ast_unparen(v)->a), v->type->nresults);
      continue;
    }
    if (v->mode == EM_NONE) continue;
    if (t) { /* the declared type stands even if the value is wrong */
      chk_assign(c, v, t, "variable declaration");
      ts[i] = t;
      continue;
    }
    if (v->type->kind == TY_UNTYPED_NIL) {
      CHK_ERR(c, chk_pos(v), "use of untyped nil in variable declaration");
      continue;
    }
    chk_default_in(c, v, "variable declaration");
    ts[i] = v->type;
  }
}

void chk_var_spec(Checker *c, Node *spec, Scope *into, bool global) {
  Type *t = spec->a ? chk_type(c, spec->a) : NULL;
  if (t && t->kind == TY_INVALID) t = NULL;
  int nn = spec->list.len;
  Type **ts = arena_alloc(c->a, sizeof *ts * (size_t)(nn ? nn : 1));
  if (global)
    for (int i = 0; i < nn; i++)
      chk_global(c, spec->list.items[i]->sym)->state = G_BUSY;
  var_values(c, spec, t, ts);
  if (global)
    for (int i = 0; i < nn; i++)
      chk_global(c, spec->list.items[i]->sym)->state = G_DONE;
  for (int i = 0; i < nn; i++) {
    Node *id = spec->list.items[i];
    Type *ty = ts[i] ? ts[i] : invalid(c);
    if (global) {
      id->sym->type = ty;
      continue;
    }
    Sym *s = local_sym(c, SYM_VAR, id, ty);
    if (into) chk_declare(c, into, s, id);
  }
}
