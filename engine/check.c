/* check.c - the checker's driver: packages, imports, package-level
 * declarations and Go's initialization order.  See check.h and the file map
 * in check_int.h.
 *
 * Design: package-level objects are resolved lazily.  All declarations are
 * first entered into the package scope with no type; the first use of an
 * object (or the final sweep in source order) checks its declaration, and a
 * G_BUSY mark catches cycles.  This is how Go lets `var a = b; var b = 1`
 * and methods declared before their type work without a second parser
 * pass.  References from initialisers and function bodies to package-level
 * vars and funcs are recorded per object, which gives the dependency order
 * the spec requires for variable initialization. */
#include "engine/check.h"

#include <stdlib.h>
#include <string.h>

#include "engine/check_int.h"
#include "engine/parse.h"
#include "engine/prelude.h"

/* ---- package-level objects ------------------------------------------- */

static size_t ptr_hash(const void *p, int cap) {
  uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ULL;
  return (size_t)(h >> 20) & (size_t)(cap - 1);
}

static void gtab_grow(Checker *c) {
  int ncap = c->capgtab ? 2 * c->capgtab : 64;
  Global **nt = arena_alloc(c->a, sizeof *nt * (size_t)ncap);
  for (int i = 0; i < c->capgtab; i++) {
    Global *g = c->gtab[i];
    if (!g) continue;
    size_t j = ptr_hash(g->sym, ncap);
    while (nt[j]) j = (j + 1) & (size_t)(ncap - 1);
    nt[j] = g;
  }
  c->gtab = nt;
  c->capgtab = ncap;
}

Global *chk_global(Checker *c, Sym *s) {
  if (!c->capgtab) return NULL;
  size_t j = ptr_hash(s, c->capgtab);
  for (; c->gtab[j]; j = (j + 1) & (size_t)(c->capgtab - 1))
    if (c->gtab[j]->sym == s) return c->gtab[j];
  return NULL;
}

static Global *add_global(Checker *c, Sym *s, Node *spec, int index) {
  if (2 * (c->ngtab + 1) > c->capgtab) gtab_grow(c);
  Global *g = arena_alloc(c->a, sizeof *g);
  g->sym = s;
  g->spec = spec;
  g->index = index;
  size_t j = ptr_hash(s, c->capgtab);
  while (c->gtab[j]) j = (j + 1) & (size_t)(c->capgtab - 1);
  c->gtab[j] = g;
  c->ngtab++;
  return g;
}

/* Records that the object being checked refers to s (init order). */
void chk_dep(Checker *c, Sym *s) {
  if (!c->cur || !s->global || s->pkg != c->pkg) return;
  if (s->kind != SYM_VAR && s->kind != SYM_FUNC) return;
  Global *g = c->cur;
  for (int i = 0; i < g->ndeps; i++)
    if (g->deps[i] == s) return;
  if (g->ndeps == g->capdeps) {
    int ncap = g->capdeps ? 2 * g->capdeps : 4;
    Sym **nd = arena_alloc(c->a, sizeof *nd * (size_t)ncap);
    if (g->ndeps) memcpy(nd, g->deps, sizeof *nd * (size_t)g->ndeps);
    g->deps = nd;
    g->capdeps = ncap;
  }
  g->deps[g->ndeps++] = s;
}

Sym *chk_lookup(Checker *c, const char *name) {
  return scope_lookup(c->scope, name);
}

/* Go names the chain; we know its two ends (s, and the object whose
 * initialiser refers back to it), which is the whole chain in the usual
 * a -> b -> a case. */
static void init_loop(Checker *c, Sym *s) {
  const char *f = c->diags->file;
  Sym *o = c->cur ? c->cur->sym : s;
  Buf b = BUF_INIT;
  buf_printf(&b, "initialization loop for %s\n\t%s:%d:%d: %s refers to",
             s->name, f, s->pos.line, s->pos.col, s->name);
  if (o != s)
    buf_printf(&b, "\n\t%s:%d:%d: %s refers to", f, o->pos.line, o->pos.col,
               o->name);
  buf_printf(&b, "\n\t%s:%d:%d: %s", f, s->pos.line, s->pos.col, s->name);
  CHK_ERR(c, s->pos, "%s", b.data);
  buf_fini(&b);
}

/* Checks the declaration of a package-level object on first use, in the
 * package's context (whatever function we are in right now). */
void chk_resolve_global(Checker *c, Sym *s) {
  Global *g = chk_global(c, s);
  if (!g || g->state == G_DONE) return;
  if (g->state == G_BUSY) {
    if (s->kind == SYM_TYPE) return; /* reported by chk_typespec */
    init_loop(c, s);
    if (!s->type) s->type = types_basic(c->u, TY_INVALID);
    return;
  }
  Checker saved = *c;
  g->state = G_BUSY;
  c->scope = c->file_scope;
  c->func = NULL;
  c->sig = NULL;
  c->cur = g;
  c->iota = NULL;
  c->loop_depth = c->break_depth = 0;
  if (g->spec->kind == N_TYPESPEC) chk_typespec(c, g->spec);
  else if (s->kind == SYM_CONST) chk_const_spec(c, g->spec, NULL, true);
  else if (s->kind == SYM_VAR) chk_var_spec(c, g->spec, NULL, true);
  g->state = G_DONE;
  c->scope = saved.scope;
  c->func = saved.func;
  c->sig = saved.sig;
  c->cur = saved.cur;
  c->iota = saved.iota;
  c->loop_depth = saved.loop_depth;
  c->break_depth = saved.break_depth;
}

/* ---- collecting declarations ------------------------------------------ */

static bool is_blank(const char *name) { return strcmp(name, "_") == 0; }

Sym *chk_declare(Checker *c, Scope *s, Sym *sym, Node *at) {
  if (is_blank(sym->name)) return sym;
  Sym *old = scope_insert(c->a, s, sym);
  if (old != sym) {
    CHK_ERR(c, at ? at->pos : sym->pos,
            "%s redeclared in this block\n\t%s:%d:%d: other declaration of %s",
            sym->name, c->diags->file, old->pos.line, old->pos.col,
            sym->name);
  }
  return sym;
}

static Sym *new_global(Checker *c, SymKind k, Node *name_node) {
  Sym *s = sym_new(c->a, k, name_node->name, NULL, name_node->pos);
  s->global = true;
  s->pkg = c->pkg;
  s->decl = name_node;
  s->slot = -1;
  name_node->sym = s;
  return s;
}

static void collect_value_spec(Checker *c, Node *spec, SymKind k) {
  for (int i = 0; i < spec->list.len; i++) {
    Node *id = spec->list.items[i];
    Sym *s = new_global(c, k, id);
    add_global(c, s, spec, i);
    chk_declare(c, c->pkg->scope, s, id);
  }
  if (k == SYM_VAR && c->nvarspecs == c->capvarspecs) {
    c->capvarspecs = c->capvarspecs ? 2 * c->capvarspecs : 16;
    Node **nv = arena_alloc(c->a, sizeof *nv * (size_t)c->capvarspecs);
    if (c->nvarspecs) memcpy(nv, c->varspecs, sizeof *nv * (size_t)c->nvarspecs);
    c->varspecs = nv;
  }
  if (k == SYM_VAR) c->varspecs[c->nvarspecs++] = spec;
}

static void collect_type_spec(Checker *c, Node *spec) {
  Node id = {.kind = N_IDENT, .name = spec->name, .pos = spec->pos};
  Node *idp = arena_alloc(c->a, sizeof *idp);
  *idp = id;
  Sym *s = new_global(c, SYM_TYPE, idp);
  s->decl = spec;
  spec->sym = s;
  if (spec->list.len > 0)
    CHK_ERR(c, spec->pos, "panicroom: generics are not supported");
  if (!(spec->flags & NF_ALIAS))
    s->type = types_named(c->u, spec->name, c->pkg, s);
  add_global(c, s, spec, 0);
  chk_declare(c, c->pkg->scope, s, idp);
}

static void push_func(Checker *c, Node *fd) {
  if (c->nfuncs == c->capfuncs) {
    c->capfuncs = c->capfuncs ? 2 * c->capfuncs : 16;
    Node **nf = arena_alloc(c->a, sizeof *nf * (size_t)c->capfuncs);
    if (c->nfuncs) memcpy(nf, c->funcs, sizeof *nf * (size_t)c->nfuncs);
    c->funcs = nf;
  }
  c->funcs[c->nfuncs++] = fd;
}

static void add_init(Checker *c, Sym *s) {
  Package *p = c->pkg;
  Sym **ni = arena_alloc(c->a, sizeof *ni * (size_t)(p->ninits + 1));
  if (p->ninits) memcpy(ni, p->inits, sizeof *ni * (size_t)p->ninits);
  ni[p->ninits++] = s;
  p->inits = ni;
}

static void collect_func(Checker *c, Node *fd) {
  Node *idp = arena_alloc(c->a, sizeof *idp);
  idp->kind = N_IDENT;
  idp->name = fd->name;
  idp->pos = fd->pos;
  Sym *s = new_global(c, SYM_FUNC, idp);
  s->decl = fd;
  fd->sym = s;
  if (fd->list.len > 0) {
    CHK_ERR(c, fd->pos, "panicroom: generics are not supported");
    /* One clear error is worth more than a cascade of "undefined: T":
     * check the function as if it took and did nothing. */
    fd->list.len = 0;
    fd->b->list.len = fd->b->list2.len = 0;
    if (fd->c) fd->c->list.len = 0;
  }
  if (!fd->c && !c->pkg->prelude)
    CHK_ERR(c, fd->pos, "missing function body");
  push_func(c, fd);
  add_global(c, s, fd, 0);
  if (fd->a) {
    s->is_method = true;
    return;
  }
  if (strcmp(fd->name, "init") == 0) {
    add_init(c, s);
    return;
  }
  if (strcmp(fd->name, "main") == 0 && strcmp(c->pkg->path, "main") == 0 &&
      (fd->b->list.len || fd->b->list2.len))
    CHK_ERR(c, fd->pos, "func main must have no arguments and no return "
                        "values");
  chk_declare(c, c->pkg->scope, s, idp);
}

static void collect(Checker *c, Node *file) {
  for (int i = 0; i < file->list.len; i++) {
    Node *d = file->list.items[i];
    if (d->kind == N_FUNCDECL) {
      collect_func(c, d);
      continue;
    }
    if (d->kind != N_GENDECL || d->op == T_IMPORT) continue;
    for (int j = 0; j < d->list.len; j++) {
      Node *spec = d->list.items[j];
      if (spec->kind == N_TYPESPEC) collect_type_spec(c, spec);
      else if (spec->kind == N_VALUESPEC)
        collect_value_spec(c, spec, d->op == T_CONST ? SYM_CONST : SYM_VAR);
    }
  }
}

/* ---- imports ----------------------------------------------------------- */

/* Names of the complex-number part of the universe, cut from the subset. */
static bool complex_name(const char *name) {
  static const char *const names[] = {"complex64", "complex128", "complex",
                                      "real", "imag"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(name, names[i]) == 0) return true;
  return false;
}

void chk_undefined(Checker *c, Pos pos, const char *name) {
  for (int i = 0; i < c->ncut_imports; i++)
    if (strcmp(c->cut_imports[i], name) == 0) return;
  if (complex_name(name))
    CHK_ERR(c, pos, "panicroom: complex numbers are not supported");
  else
    CHK_ERR(c, pos, "undefined: %s", name);
}

static Package *load_package(Checker *c, const char *path);

static bool unsupported_path(const char *path) {
  return strcmp(path, "unsafe") == 0 || strcmp(path, "reflect") == 0 ||
         strcmp(path, "C") == 0;
}

static void import_spec(Checker *c, Node *spec) {
  const char *path = spec->lit ? spec->lit : "";
  Package *p = unsupported_path(path) ? NULL : load_package(c, path);
  if (!p) {
    if (strcmp(path, "C") == 0)
      CHK_ERR(c, spec->pos, "panicroom: cgo is not supported");
    else
      CHK_ERR(c, spec->pos, "panicroom: package %s is not supported", path);
    const char *slash = strrchr(path, '/');
    if (c->ncut_imports < CHK_MAX_CUT_IMPORTS)
      c->cut_imports[c->ncut_imports++] =
          spec->name ? spec->name : slash ? slash + 1 : path;
    return;
  }
  const char *local = spec->name ? spec->name : p->name;
  if (strcmp(local, "_") == 0) return;
  if (strcmp(local, ".") == 0) {
    CHK_ERR(c, spec->pos, "panicroom: dot imports are not supported");
    return;
  }
  Sym *s = sym_new(c->a, SYM_PKG, local, NULL, spec->pos);
  s->imported = p;
  s->pkg = c->pkg;
  s->decl = spec;
  spec->sym = s;
  chk_declare(c, c->file_scope, s, spec);
}

static void check_imports(Checker *c, Node *file) {
  for (int i = 0; i < file->list.len; i++) {
    Node *d = file->list.items[i];
    if (d->kind != N_GENDECL || d->op != T_IMPORT) continue;
    for (int j = 0; j < d->list.len; j++)
      if (d->list.items[j]->kind == N_IMPORTSPEC)
        import_spec(c, d->list.items[j]);
  }
}

static void unused_imports(Checker *c, Node *file) {
  for (int i = 0; i < file->list.len; i++) {
    Node *d = file->list.items[i];
    if (d->kind != N_GENDECL || d->op != T_IMPORT) continue;
    for (int j = 0; j < d->list.len; j++) {
      Node *spec = d->list.items[j];
      Sym *s = spec->sym;
      if (!s || s->used) continue;
      if (spec->name && strcmp(spec->name, s->imported->name) != 0)
        CHK_ERR(c, spec->pos, "\"%s\" imported as %s and not used",
                s->imported->path, spec->name);
      else
        CHK_ERR(c, spec->pos, "imported and not used: \"%s\"",
                s->imported->path);
    }
  }
}

/* ---- initialization order ---------------------------------------------- */

/* Adds to out every package-level var that `deps` reach, looking through
 * functions (spec "Package initialization"). */
static void var_deps(Checker *c, Global *g, Sym ***out, int *n, int *cap,
                     Global ***seen, int *nseen) {
  for (int i = 0; i < *nseen; i++)
    if ((*seen)[i] == g) return;
  *seen = xrealloc(*seen, sizeof **seen * (size_t)(*nseen + 1));
  (*seen)[(*nseen)++] = g;
  for (int i = 0; i < g->ndeps; i++) {
    Sym *d = g->deps[i];
    if (d->kind == SYM_VAR) {
      if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 8;
        *out = xrealloc(*out, sizeof **out * (size_t)*cap);
      }
      (*out)[(*n)++] = d;
      continue;
    }
    Global *dg = chk_global(c, d);
    if (dg) var_deps(c, dg, out, n, cap, seen, nseen);
  }
}

static bool spec_ready(Checker *c, Node *spec, const bool *done) {
  Sym **deps = NULL;
  Global **seen = NULL;
  int n = 0, cap = 0, nseen = 0;
  for (int i = 0; i < spec->list.len; i++) {
    Global *g = chk_global(c, spec->list.items[i]->sym);
    if (g) var_deps(c, g, &deps, &n, &cap, &seen, &nseen);
  }
  bool ok = true;
  for (int i = 0; i < n && ok; i++) {
    Global *g = chk_global(c, deps[i]);
    if (!g || g->spec == spec) continue;
    for (int k = 0; k < c->nvarspecs; k++)
      if (c->varspecs[k] == g->spec && !done[k]) ok = false;
  }
  free(deps);
  free(seen);
  return ok;
}

/* Repeatedly takes the earliest var spec in source order whose
 * dependencies are initialized; a cycle falls back to source order. */
static void var_order(Checker *c) {
  int n = c->nvarspecs;
  Package *p = c->pkg;
  bool *done = xcalloc((size_t)(n ? n : 1), sizeof *done);
  p->var_order = arena_alloc(c->a, sizeof(Node *) * (size_t)(n ? n : 1));
  p->nvar_order = 0;
  while (p->nvar_order < n) {
    int pick = -1;
    for (int k = 0; k < n && pick < 0; k++)
      if (!done[k] && spec_ready(c, c->varspecs[k], done)) pick = k;
    for (int k = 0; k < n && pick < 0; k++)
      if (!done[k]) pick = k;
    done[pick] = true;
    p->var_order[p->nvar_order++] = c->varspecs[pick];
  }
  free(done);
}

/* ---- checking one package ---------------------------------------------- */

static void resolve_all(Checker *c, Node *file) {
  for (int i = 0; i < file->list.len; i++) {
    Node *d = file->list.items[i];
    if (d->kind != N_GENDECL || d->op != T_TYPE) continue;
    for (int j = 0; j < d->list.len; j++)
      if (d->list.items[j]->sym) chk_resolve_global(c, d->list.items[j]->sym);
  }
  for (int i = 0; i < c->nfuncs; i++) chk_method_decl(c, c->funcs[i]);
  for (int i = 0; i < file->list.len; i++) {
    Node *d = file->list.items[i];
    if (d->kind != N_GENDECL || (d->op != T_CONST && d->op != T_VAR))
      continue;
    for (int j = 0; j < d->list.len; j++) {
      Node *spec = d->list.items[j];
      for (int k = 0; spec->kind == N_VALUESPEC && k < spec->list.len; k++)
        chk_resolve_global(c, spec->list.items[k]->sym);
    }
  }
}

static void check_bodies(Checker *c) {
  for (int i = 0; i < c->nfuncs; i++) {
    Node *fd = c->funcs[i];
    if (!fd->c || !fd->sym || !fd->sym->type) continue;
    c->cur = chk_global(c, fd->sym);
    c->scope = c->file_scope;
    chk_func_body(c, fd, fd->sym->type, fd->c);
    c->cur = NULL;
  }
}

static void check_main_func(Checker *c, Node *file) {
  if (strcmp(c->pkg->path, "main") != 0) return;
  Sym *m = scope_lookup_local(c->pkg->scope, "main");
  if (!m || m->kind != SYM_FUNC) {
    Pos p = file->pos;
    CHK_ERR(c, p, "function main is undeclared in the main package");
  }
}

static void check_file(Checker *c, Node *file) {
  c->pkg->files = arena_alloc(c->a, sizeof(Node *));
  c->pkg->files[0] = file;
  c->pkg->nfiles = 1;
  check_imports(c, file);
  collect(c, file);
  resolve_all(c, file);
  check_bodies(c);
  unused_imports(c, file);
  check_main_func(c, file);
  var_order(c);
}

static Package *new_package(Checker *c, const char *path, Node *file,
                            bool prelude) {
  Package *p = arena_alloc(c->a, sizeof *p);
  p->path = arena_strndup(c->a, path, strlen(path));
  p->name = file->name ? file->name : p->path;
  p->prelude = prelude;
  p->scope = scope_new(c->a, types_universe_scope(c->u), NULL);
  return p;
}

static void finish_package(CheckShared *sh, Arena *a, Package *p) {
  if (sh->npkgs == sh->cappkgs) {
    sh->cappkgs = sh->cappkgs ? 2 * sh->cappkgs : 8;
    Package **np = arena_alloc(a, sizeof *np * (size_t)sh->cappkgs);
    if (sh->npkgs) memcpy(np, sh->pkgs, sizeof *np * (size_t)sh->npkgs);
    sh->pkgs = np;
  }
  sh->pkgs[sh->npkgs++] = p;
}

static void check_package(Universe *u, CheckShared *sh, Package *p,
                          Node *file, Diags *d) {
  Checker c;
  memset(&c, 0, sizeof c);
  c.u = u;
  c.a = types_arena(u);
  c.sh = sh;
  c.diags = d;
  c.pkg = p;
  c.file_scope = scope_new(c.a, p->scope, NULL);
  c.scope = c.file_scope;
  check_file(&c, file);
  finish_package(sh, c.a, p);
}

/* Prelude errors are panicroom bugs: forwarded with their file name. */
static void forward_diags(CheckShared *sh, Diags *pd) {
  for (int i = 0; i < pd->len; i++) {
    Pos zero = {0, 0};
    diag_error(sh->main_diags, zero, "panicroom bug: %s:%d:%d: %s", pd->file,
               pd->items[i].pos.line, pd->items[i].pos.col,
               pd->items[i].msg);
  }
}

static Package *find_done(CheckShared *sh, const char *path) {
  for (int i = 0; i < sh->npkgs; i++)
    if (strcmp(sh->pkgs[i]->path, path) == 0) return sh->pkgs[i];
  return NULL;
}

static Package *load_package(Checker *c, const char *path) {
  CheckShared *sh = c->sh;
  Package *done = find_done(sh, path);
  if (done) return done;
  for (int i = 0; i < sh->nbusy; i++)
    if (strcmp(sh->busy[i], path) == 0) return NULL; /* import cycle */
  const char *src;
  size_t len;
  if (!sh->loader || !sh->loader(sh->loader_ctx, path, &src, &len))
    return NULL;
  size_t plen = strlen(path);
  char *fname = arena_alloc(c->a, plen + 16);
  memcpy(fname, "$PRELUDE/", 9);
  memcpy(fname + 9, path, plen);
  memcpy(fname + 9 + plen, ".go", 4);
  Diags pd;
  diag_init(&pd, fname);
  Node *file = parse_file(c->a, fname, src, len, &pd);
  Package *p = new_package(c, path, file, true);
  sh->busy = xrealloc(sh->busy, sizeof *sh->busy * (size_t)(sh->nbusy + 1));
  sh->busy[sh->nbusy++] = path;
  check_package(c->u, sh, p, file, &pd);
  sh->nbusy--;
  forward_diags(sh, &pd);
  diag_fini(&pd);
  return p;
}

/* ---- entry points ------------------------------------------------------ */

/* The prelude file of import path P is P with '/' as '.', plus ".go". */
static bool prelude_loader(void *ctx, const char *path, const char **src,
                           size_t *len) {
  (void)ctx;
  char name[256];
  size_t n = strlen(path);
  if (n + 4 > sizeof name) return false;
  for (size_t i = 0; i < n; i++) name[i] = path[i] == '/' ? '.' : path[i];
  memcpy(name + n, ".go", 4);
  for (int i = 0; i < prelude_nfiles; i++)
    if (strcmp(prelude_files[i].name, name) == 0) {
      *src = prelude_files[i].src;
      *len = prelude_files[i].len;
      return true;
    }
  return false;
}

bool check_program_with_loader(Universe *u, Node *main_file, Diags *diags,
                               CheckResult *out, CheckLoader loader,
                               void *ctx) {
  CheckShared sh;
  memset(&sh, 0, sizeof sh);
  sh.loader = loader;
  sh.loader_ctx = ctx;
  sh.main_diags = diags;
  memset(out, 0, sizeof *out);
  Checker boot;
  memset(&boot, 0, sizeof boot);
  boot.u = u;
  boot.a = types_arena(u);
  boot.sh = &sh;
  out->runtime = load_package(&boot, "runtime");
  Package *m = new_package(&boot, "main", main_file, false);
  m->name = "main";
  /* go build accepts a package foo and builds nothing; we run only main. */
  if (main_file->name && main_file->name[0] &&
      strcmp(main_file->name, "main") != 0)
    diag_error(diags, main_file->pos,
               "panicroom: packages other than main are not supported");
  check_package(u, &sh, m, main_file, diags);
  free(sh.busy);
  out->pkgs = sh.pkgs;
  out->npkgs = sh.npkgs;
  out->main = m;
  return !diag_any(diags);
}

bool check_program(Universe *u, Node *main_file, Diags *diags,
                   CheckResult *out) {
  return check_program_with_loader(u, main_file, diags, out, prelude_loader,
                                   NULL);
}
