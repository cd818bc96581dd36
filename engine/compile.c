/* compile.c - the compiler's driver: a Func for every declaration, global
 * slots, the entry function, generated wrappers and the run-time method
 * tables (compile.h).
 *
 * Main design decision: Funcs for all declared functions are created
 * before any body is compiled, so calls (and recursion) refer to a Func
 * index that already exists; wrappers are generated on demand and cached,
 * and method tables are built last, once every type that meets an
 * interface is known. */
#include "engine/compile_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"

void comp_error(Comp *c, Pos pos, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  diag_error(c->diags, pos, "%s", msg);
  c->failed = true;
}

/* A formatted string in the universe's arena (lives as long as the
 * Program). */
const char *comp_strf(Comp *c, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n >= sizeof buf) n = (int)sizeof buf - 1;
  return arena_strndup(c->arena, buf, (size_t)n);
}

void comp_need_rt(Comp *c, Type *t) {
  for (int i = 0; i < c->nrttypes; i++)
    if (c->rttypes[i] == t) return;
  if (c->nrttypes == c->caprttypes) {
    c->caprttypes = c->caprttypes ? 2 * c->caprttypes : 32;
    c->rttypes = xrealloc(c->rttypes,
                          sizeof *c->rttypes * (size_t)c->caprttypes);
  }
  c->rttypes[c->nrttypes++] = t;
}

void comp_finish_func(Comp *c, FnState *fs) {
  (void)c;
  fs_finish(fs);
}

static Func *add_func(Comp *c, const char *name, Pos pos) {
  Func *f = prog_new_func(name, c->file, pos);
  f->prelude = c->pkg && c->pkg->prelude;
  prog_add_func(c->p, &c->capfuncs, f);
  return f;
}

/* A function the checker knows but we never created (a checker/compiler
 * mismatch): report it and return a stub, so compilation can go on. */
Func *comp_func_of(Comp *c, Sym *s) {
  if (s->code) return s->code;
  comp_error(c, s->pos, "panicroom: internal: no code for %s", s->name);
  Func *f = add_func(c, s->name, s->pos);
  FnState fs;
  fs_init(&fs, c, NULL, f, NULL, NULL);
  emit(&fs, OP_RET);
  fs_finish(&fs);
  s->code = f;
  return f;
}

/* ---- wrappers ---------------------------------------------------------- */

enum { WK_BOUND, WK_ICALL, WK_METHOD, WK_BUILTIN };

static Func *wrap_find(Comp *c, int kind, const void *a, const void *b) {
  for (int i = 0; i < c->nwraps; i++)
    if (c->wraps[i].kind == kind && c->wraps[i].a == a && c->wraps[i].b == b)
      return c->wraps[i].fn;
  return NULL;
}

static void wrap_add(Comp *c, int kind, const void *a, const void *b,
                     Func *f) {
  if (c->nwraps == c->capwraps) {
    c->capwraps = c->capwraps ? 2 * c->capwraps : 16;
    c->wraps = xrealloc(c->wraps, sizeof *c->wraps * (size_t)c->capwraps);
  }
  c->wraps[c->nwraps++] = (WrapKey){kind, a, b, f};
}

/* A generated Func with nparams parameters of which the last np come
 * from sig; its frame starts with the parameters and results. */
static Func *wrapper_new(Comp *c, FnState *fs, const char *name, Type *sig,
                         int extra) {
  Func *f = add_func(c, name, (Pos){0, 0});
  f->wrapper = true;
  f->type = sig;
  Type *s = type_under(sig);
  f->nparams = extra + s->nparams;
  f->nresults = s->nresults;
  fs_init(fs, c, NULL, f, NULL, sig);
  fs->nlocals = f->nparams + f->nresults;
  return f;
}

/* After the call in a wrapper: results to the result slots, RET. */
static void wrapper_ret(FnState *fs) {
  for (int i = fs->fn->nresults - 1; i >= 0; i--)
    emit1(fs, OP_SETLOCAL, fs->fn->nparams + i);
  emit(fs, OP_RET);
  fs_finish(fs);
}

static int name_const(Comp *c, const char *name) {
  return prog_add_const(c->p, &c->capconsts,
                        prog_string(c->p, name, strlen(name)));
}

static void push_params(FnState *fs, int from, int n) {
  for (int i = 0; i < n; i++) emit1(fs, OP_LOCAL, from + i);
}

/* x.M as a value: a closure whose upvalue 0 is a box holding the
 * receiver as the method takes it (pointer, copy, or interface). */
Func *comp_wrapper_bound(Comp *c, Node *n, bool iface) {
  const void *key = iface ? (const void *)n->name
                          : (const void *)n->sel->method;
  Func *f = wrap_find(c, WK_BOUND, key, n->type);
  if (f) return f;
  FnState fs;
  f = wrapper_new(c, &fs, comp_strf(c, "%s-fm", iface ? n->name
                                    : comp_func_of(c, n->sel->method)->name),
                  n->type, 0);
  Type *sig = type_under(n->type);
  emit1(&fs, OP_UPGET, 0);
  if (!iface && !n->sel->ptr_recv) {
    /* each call gets its own copy of the bound value receiver */
    Type *rt = type_sel_type(n->a->type, n->sel, false);
    if (type_under(rt)->kind == TY_POINTER) rt = type_under(rt)->elem;
    if (is_agg(rt)) emit_type(&fs, OP_COPY, rt);
  }
  push_params(&fs, 0, sig->nparams);
  if (iface)
    emit_call(&fs, OP_CALLI, name_const(c, n->name), sig->nparams + 1,
              sig->nresults);
  else
    emit_call(&fs, OP_CALLF, comp_func_of(c, n->sel->method)->index,
              sig->nparams + 1, sig->nresults);
  wrapper_ret(&fs);
  wrap_add(c, WK_BOUND, key, n->type, f);
  return f;
}

/* func(recv I, args...) { return recv.M(args...) } for go/defer of an
 * interface method call and for method expressions I.M. */
Func *comp_wrapper_iface_call(Comp *c, Type *iface, const char *name,
                              Type *sig) {
  (void)iface;
  const char *key = comp_strf(c, "%s", name);
  for (int i = 0; i < c->nwraps; i++)
    if (c->wraps[i].kind == WK_ICALL && c->wraps[i].b == sig &&
        strcmp(c->wraps[i].a, name) == 0)
      return c->wraps[i].fn;
  FnState fs;
  Type *s = type_under(sig);
  bool expr = iface && s->nparams > 0; /* I.M: receiver is in sig */
  Func *f = wrapper_new(c, &fs, comp_strf(c, "%s-fm", name), sig,
                        expr ? 0 : 1);
  push_params(&fs, 0, f->nparams);
  emit_call(&fs, OP_CALLI, name_const(c, name), f->nparams, s->nresults);
  wrapper_ret(&fs);
  wrap_add(c, WK_ICALL, key, sig, f);
  return f;
}

/* Receiver of type recv in slot 0 -> what method sel needs, for tables
 * and method expressions (the receiver's own copy is never mutated). */
static void wrapper_recv(FnState *fs, Type *recv, const Selection *sel,
                         bool value_method) {
  emit1(fs, OP_LOCAL, 0);
  bool rptr = type_under(recv)->kind == TY_POINTER;
  Type *end = recv;
  if (!value_method && sel->kind == SEL_METHOD) {
    Type *probe = recv;
    for (int i = 0; i < sel->npath; i++) {
      Type *s = type_under(probe);
      if (s->kind == TY_POINTER) s = type_under(s->elem);
      probe = s->fields[sel->index[i]].type;
    }
    if (type_under(probe)->kind != TY_POINTER) {
      if (!rptr) emit(fs, OP_BOXNEW);
      cx_walk_addr(fs, rptr ? type_under(recv)->elem : recv, sel,
                   sel->npath);
      return;
    }
  }
  end = cx_walk_value(fs, recv, sel, sel->npath);
  if (!value_method) return;
  if (type_under(end)->kind == TY_POINTER) {
    emit(fs, OP_LOADREF);
    end = type_under(end)->elem;
  }
  if (is_agg(end)) emit_type(fs, OP_COPY, end);
}

/* A Func taking a receiver of exactly type recv, then m's parameters,
 * that calls method `name` found by sel. */
static Func *method_wrapper(Comp *c, Type *recv, const char *name,
                            const Selection *sel, Type *sig) {
  Func *f = wrap_find(c, WK_METHOD, recv, name);
  if (f) return f;
  FnState fs;
  const char *rs = type_string(c->arena, recv, NULL);
  f = wrapper_new(c, &fs, comp_strf(c, "%s.%s", rs, name), sig, 1);
  Type *s = type_under(sig);
  bool iface = sel->kind == SEL_IFACEMETHOD;
  wrapper_recv(&fs, recv, sel, !iface && !sel->ptr_recv);
  push_params(&fs, 1, s->nparams);
  if (iface)
    emit_call(&fs, OP_CALLI, name_const(c, name), s->nparams + 1,
              s->nresults);
  else
    emit_call(&fs, OP_CALLF, comp_func_of(c, sel->method)->index,
              s->nparams + 1, s->nresults);
  wrapper_ret(&fs);
  wrap_add(c, WK_METHOD, recv, name, f);
  return f;
}

/* Method expression (*T).M for a value method, or a promoted one. */
Func *comp_wrapper_ptr_value(Comp *c, Func *m, Type *recv) {
  const char *name = strrchr(m->name, '.');
  name = name ? name + 1 : m->name;
  Selection sel;
  bool amb;
  if (!type_lookup(c->u, recv, name, &sel, c->arena, &amb)) return m;
  return method_wrapper(c, recv, name, &sel, m->type);
}

/* go/defer of a builtin: a Func whose parameters are the evaluated
 * arguments. */
Func *comp_wrapper_builtin(Comp *c, Node *call) {
  Node *fun = ast_unparen(call->a);
  BuiltinId id = fun->sym ? fun->sym->builtin : BI_CLOSE;
  Func *f = add_func(c, comp_strf(c, "%s.%s", c->pkg->path, fun->name),
                     call->pos);
  f->wrapper = true;
  int n = call->list.len;
  f->nparams = n;
  FnState fs;
  fs_init(&fs, c, NULL, f, NULL, NULL);
  fs.nlocals = n;
  push_params(&fs, 0, n);
  switch (id) {
  case BI_CLOSE: emit(&fs, OP_CLOSE); break;
  case BI_PANIC: emit(&fs, OP_PANIC); break;
  case BI_DELETE: emit_type(&fs, OP_MAPDELETE, call->list.items[0]->type);
    break;
  case BI_RECOVER: emit(&fs, OP_RECOVER); emit(&fs, OP_POP); break;
  case BI_PRINT: case BI_PRINTLN:
    emit2(&fs, OP_PRINT, n, id == BI_PRINTLN);
    for (int i = 0; i < n; i++) {
      Type *t = call->list.items[i]->type;
      if (type_is_untyped(t)) t = type_default(c->u, t);
      emit_word(&fs, (uint32_t)type_ix(&fs, t));
    }
    break;
  default:
    if (n) emit1(&fs, OP_POPN, n);
  }
  emit(&fs, OP_RET);
  fs_finish(&fs);
  return f;
}

/* ---- run-time method tables -------------------------------------------- */

typedef struct Names {
  const char **v;
  int n, cap;
} Names;

static void names_add(Names *ns, const char *s) {
  for (int i = 0; i < ns->n; i++)
    if (strcmp(ns->v[i], s) == 0) return;
  if (ns->n == ns->cap) {
    ns->cap = ns->cap ? 2 * ns->cap : 16;
    ns->v = xrealloc(ns->v, sizeof *ns->v * (size_t)ns->cap);
  }
  ns->v[ns->n++] = s;
}

/* Every method name reachable from t through embedding (a superset of
 * the method set; type_lookup decides). */
static void collect_names(Type *t, Names *ns, int depth) {
  if (!t || depth > 8) return;
  if (type_under(t) && type_under(t)->kind == TY_POINTER) t = t->kind ==
      TY_NAMED ? t : t->elem;
  if (t->kind == TY_NAMED)
    for (int i = 0; i < t->nmethods; i++) names_add(ns, t->methods[i].name);
  Type *u = type_under(t);
  if (!u) return;
  if (u->kind == TY_INTERFACE && depth > 0)
    for (int i = 0; i < u->nimethods; i++) names_add(ns, u->imethods[i].name);
  if (u->kind != TY_STRUCT) return;
  for (int i = 0; i < u->nfields; i++)
    if (u->fields[i].embedded) collect_names(u->fields[i].type, ns, depth + 1);
}

/* The Func implementing name for dynamic type t, or NULL if name is not
 * in t's method set. */
static Func *rt_entry(Comp *c, Type *t, const char *name) {
  Selection sel;
  bool amb = false;
  if (!type_lookup(c->u, t, name, &sel, c->arena, &amb) || amb) return NULL;
  if (sel.kind == SEL_IFACEMETHOD) {
    Type *holder = type_sel_type(t, &sel, false);
    IMethod *im = &type_under(holder)->imethods[sel.imethod];
    return method_wrapper(c, t, name, &sel, im->sig);
  }
  if (sel.kind != SEL_METHOD) return NULL;
  if (sel.ptr_recv && !type_path_has_pointer(t, &sel)) return NULL;
  bool tptr = type_under(t)->kind == TY_POINTER;
  if (sel.npath == 0 && sel.ptr_recv == tptr && (tptr || !is_agg(t)))
    return comp_func_of(c, sel.method);
  return method_wrapper(c, t, name, &sel, sel.method->type);
}

static int rt_cmp(const void *a, const void *b) {
  return strcmp(((const RtMethod *)a)->name, ((const RtMethod *)b)->name);
}

static void build_rtmethods(Comp *c, Type *t) {
  if (!t || t->rtmethods || type_is_interface(t)) return;
  if (t->kind != TY_NAMED && type_under(t)->kind != TY_POINTER &&
      type_under(t)->kind != TY_STRUCT)
    return;
  Names ns = {0};
  collect_names(t, &ns, 0);
  RtMethod *rm = arena_alloc(c->arena, sizeof *rm * (size_t)(ns.n + 1));
  int n = 0;
  for (int i = 0; i < ns.n; i++) {
    Func *f = rt_entry(c, t, ns.v[i]);
    if (f) rm[n++] = (RtMethod){ns.v[i], f};
  }
  free(ns.v);
  qsort(rm, (size_t)n, sizeof *rm, rt_cmp);
  t->rtmethods = rm;
  t->nrtmethods = n;
}

/* Named types with methods, from every package scope: T and *T. */
static void need_named(Comp *c, Package *pkg) {
  Scope *s = pkg->scope;
  for (int i = 0; s && i < s->cap; i++) {
    Sym *y = s->syms[i];
    if (!y || y->kind != SYM_TYPE || !y->type) continue;
    Type *t = y->type;
    if (t->kind != TY_NAMED || t->nmethods == 0) continue;
    comp_need_rt(c, t);
    comp_need_rt(c, types_pointer(c->u, t));
  }
}

static Type *runtime_type(Comp *c, Package *rt, const char *name, bool ptr) {
  if (!rt || !rt->scope) return NULL;
  Sym *s = scope_lookup_local(rt->scope, name);
  if (!s || s->kind != SYM_TYPE) return NULL;
  Type *t = ptr ? types_pointer(c->u, s->type) : s->type;
  comp_need_rt(c, t);
  return t;
}

static void build_tables(Comp *c, const CheckResult *cr) {
  Program *p = c->p;
  for (int i = 0; i < cr->npkgs; i++) need_named(c, cr->pkgs[i]);
  p->rt_error_string = runtime_type(c, cr->runtime, "errorString", false);
  p->rt_plain_error = runtime_type(c, cr->runtime, "plainError", false);
  p->rt_bounds_error = runtime_type(c, cr->runtime, "boundsError", false);
  p->rt_type_assertion_error =
      runtime_type(c, cr->runtime, "TypeAssertionError", true);
  for (int i = 0; i < c->nrttypes; i++) {
    build_rtmethods(c, c->rttypes[i]);
    prog_type_index(p, &c->captypes, c->rttypes[i]);
  }
  for (int i = 0; i < p->ntypes; i++)
    if (!p->types[i]->str)
      p->types[i]->str = type_string(c->arena, p->types[i], NULL);
}

/* ---- declarations ------------------------------------------------------ */

static const char *prelude_file(Comp *c, Package *pkg) {
  const char *base = strrchr(pkg->path, '/');
  return comp_strf(c, "$PRELUDE/%s.go", base ? base + 1 : pkg->path);
}

/* Go's symbol: "main.f", "main.T.M", "main.(*T).M", "main.init.0". */
static const char *func_name(Comp *c, Node *fd, int *ninit) {
  const char *pkg = c->pkg->path;
  if (!fd->a) {
    if (strcmp(fd->name, "init") == 0)
      return comp_strf(c, "%s.init.%d", pkg, (*ninit)++);
    return comp_strf(c, "%s.%s", pkg, fd->name);
  }
  Node *te = fd->a->a ? ast_unparen(fd->a->a) : NULL;
  bool ptr = te && te->kind == N_STAR;
  Node *base = ptr ? ast_unparen(te->a) : te;
  const char *tn = base && base->name ? base->name : "?";
  if (ptr) return comp_strf(c, "%s.(*%s).%s", pkg, tn, fd->name);
  return comp_strf(c, "%s.%s.%s", pkg, tn, fd->name);
}

static int sig_slots(Node *fields) {
  int n = 0;
  for (int i = 0; i < fields->list.len; i++)
    n += fields->list.items[i]->list.len ? fields->list.items[i]->list.len
                                         : 1;
  return n;
}

/* Creates the Func of a FUNCDECL; binds body-less ones to natives. */
static void declare_func(Comp *c, Node *fd, int *ninit) {
  Func *f = add_func(c, func_name(c, fd, ninit), fd->pos);
  f->file = c->file;
  f->type = fd->sym ? fd->sym->type : fd->b->type;
  if (fd->sym) fd->sym->code = f;
  fd->aux = f->index;
  if (fd->c) return;
  f->nparams = (fd->a ? 1 : 0) + sig_slots(fd->b);
  f->nresults = 0;
  for (int i = 0; i < fd->b->list2.len; i++)
    f->nresults += fd->b->list2.items[i]->list.len
                       ? fd->b->list2.items[i]->list.len : 1;
  f->nlocals = f->nparams + f->nresults;
  f->native = native_lookup(f->name);
  if (!f->native)
    comp_error(c, fd->pos, "panicroom: missing native %s (%s:%d)", f->name,
               f->file, fd->pos.line);
}

static void set_pkg(Comp *c, Package *pkg, const char *main_file) {
  c->pkg = pkg;
  c->file = pkg->prelude ? prelude_file(c, pkg) : main_file;
}

static void declare_all(Comp *c, const CheckResult *cr, const char *mf) {
  for (int i = 0; i < cr->npkgs; i++) {
    Package *pkg = cr->pkgs[i];
    set_pkg(c, pkg, mf);
    int ninit = 0;
    for (int f = 0; f < pkg->nfiles; f++) {
      NodeList *decls = &pkg->files[f]->list;
      for (int d = 0; d < decls->len; d++)
        if (decls->items[d]->kind == N_FUNCDECL)
          declare_func(c, decls->items[d], &ninit);
    }
  }
}

static void add_global(Comp *c, Sym *s) {
  Program *p = c->p;
  if (!s || s->slot >= 0) return;
  s->slot = p->nglobals++;
  p->global_types = xrealloc(p->global_types,
                             sizeof *p->global_types * (size_t)p->nglobals);
  p->global_types[s->slot] = s->type;
}

static void assign_globals(Comp *c, const CheckResult *cr) {
  for (int i = 0; i < cr->npkgs; i++) {
    Package *pkg = cr->pkgs[i];
    for (int v = 0; v < pkg->nvar_order; v++) {
      NodeList *names = &pkg->var_order[v]->list;
      for (int k = 0; k < names->len; k++) {
        Sym *s = names->items[k]->sym;
        if (s && s->name && strcmp(s->name, "_") != 0) add_global(c, s);
      }
    }
  }
}

static void compile_bodies(Comp *c, const CheckResult *cr, const char *mf) {
  for (int i = 0; i < cr->npkgs; i++) {
    Package *pkg = cr->pkgs[i];
    set_pkg(c, pkg, mf);
    for (int f = 0; f < pkg->nfiles; f++) {
      NodeList *decls = &pkg->files[f]->list;
      for (int d = 0; d < decls->len; d++) {
        Node *fd = decls->items[d];
        if (fd->kind == N_FUNCDECL && fd->c)
          compile_body(c, NULL, c->p->funcs[fd->aux], fd, NULL);
      }
    }
  }
}

/* ---- the entry function ------------------------------------------------ */

/* [v] -> []: a package-level variable of a VALUESPEC name. */
static void global_store(FnState *fs, Node *name) {
  Sym *s = name->sym;
  if (!s || s->slot < 0) emit(fs, OP_POP);
  else emit1(fs, OP_SETGLOBAL, s->slot);
}

static void init_spec(FnState *fs, Node *spec) {
  NodeList *names = &spec->list, *vals = &spec->list2;
  if (vals->len == 0) return;
  for (int i = 0; i < vals->len; i++)
    cx_hoist(fs, vals->items[i], false);
  if (vals->len == 1 && names->len > 1) {
    Node *v = vals->items[0];
    int k = v->mode == EM_TUPLE ? cx_call(fs, v) : (cx_commaok(fs, v), 2);
    for (int i = k - 1; i >= 0; i--) global_store(fs, names->items[i]);
    return;
  }
  for (int i = 0; i < names->len && i < vals->len; i++) {
    Sym *s = names->items[i]->sym;
    cx_to(fs, vals->items[i], s ? s->type : NULL);
    global_store(fs, names->items[i]);
  }
}

static void init_package(Comp *c, FnState *fs, Package *pkg) {
  for (int v = 0; v < pkg->nvar_order; v++) {
    NodeList *names = &pkg->var_order[v]->list;
    for (int k = 0; k < names->len; k++) {
      Sym *s = names->items[k]->sym;
      if (!s || s->slot < 0 || !is_agg(s->type)) continue;
      emit_type(fs, OP_ZERO, s->type);
      emit1(fs, OP_SETGLOBAL, s->slot);
    }
  }
  for (int v = 0; v < pkg->nvar_order; v++) {
    bool seen = false;
    for (int w = 0; w < v; w++) seen |= pkg->var_order[w] == pkg->var_order[v];
    if (!seen) init_spec(fs, pkg->var_order[v]);
  }
  for (int i = 0; i < pkg->ninits; i++)
    emit_call(fs, OP_CALLF, comp_func_of(c, pkg->inits[i])->index, 0, 0);
}

static void build_entry(Comp *c, const CheckResult *cr, const char *mf) {
  Func *e = add_func(c, "runtime.main", (Pos){0, 0});
  e->prelude = true;
  e->wrapper = true; /* Go's tracebacks do not show runtime.main */
  c->p->entry = e;
  FnState fs;
  fs_init(&fs, c, NULL, e, NULL, NULL);
  for (int i = 0; i < cr->npkgs; i++) {
    set_pkg(c, cr->pkgs[i], mf);
    c->nglob_lits = 0;
    init_package(c, &fs, cr->pkgs[i]);
  }
  Sym *m = cr->main && cr->main->scope
               ? scope_lookup_local(cr->main->scope, "main") : NULL;
  if (m && m->kind == SYM_FUNC)
    emit_call(&fs, OP_CALLF, comp_func_of(c, m)->index, 0, 0);
  else comp_error(c, (Pos){1, 1}, "function main is undeclared in the main package");
  emit(&fs, OP_RET);
  fs_finish(&fs);
}

Program *compile_program(Universe *u, const CheckResult *cr, Diags *diags) {
  return compile_program_opts(u, cr, diags, NULL);
}

Program *compile_program_opts(Universe *u, const CheckResult *cr,
                              Diags *diags, const CompileOptions *opts) {
  Program *p = xcalloc(1, sizeof *p);
  p->universe = u;
  heap_init(&p->heap, 0);
  p->main_file = diags->file;
  Comp c;
  memset(&c, 0, sizeof c);
  c.u = u;
  c.arena = types_arena(u);
  c.p = p;
  c.diags = diags;
  c.race = opts && opts->race;
  declare_all(&c, cr, diags->file);
  assign_globals(&c, cr);
  compile_bodies(&c, cr, diags->file);
  build_entry(&c, cr, diags->file);
  build_tables(&c, cr);
  free(c.rttypes);
  free(c.wraps);
  if (c.failed) {
    program_free(p);
    return NULL;
  }
  return p;
}
