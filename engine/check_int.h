/* check_int.h - private interface between the checker's files.
 *
 * check.c       packages, imports, package-level declarations, init order
 * check_decl.c  type expressions, signatures, methods, const/var specs
 * check_expr.c  expressions, constants, conversions, calls, builtins
 * check_stmt.c  statements, function bodies, labels, terminating analysis
 *
 * The one design decision shared by all of them: the expression node IS
 * the operand.  Where go/types passes an Operand around, we check a node
 * and read back its mode/type/cv (ast.h "filled by the checker"), so the
 * compiler sees exactly what the checker concluded. */
#ifndef PANICROOM_ENGINE_CHECK_INT_H
#define PANICROOM_ENGINE_CHECK_INT_H

#include "engine/check.h"

/* State of a package-level object during lazy resolution. */
typedef enum GState { G_TODO = 0, G_BUSY, G_DONE } GState;

/* What the checker knows about one package-level object. */
typedef struct Global {
  Sym *sym;
  Node *spec;   /* VALUESPEC, TYPESPEC or FUNCDECL */
  int index;    /* VALUESPEC: position of the name in spec->list */
  GState state;
  Sym **deps;   /* package-level vars and funcs referenced (for init order) */
  int ndeps, capdeps;
} Global;

/* Shared by the checkers of all packages of one program. */
typedef struct CheckShared {
  CheckLoader loader;
  void *loader_ctx;
  Diags *main_diags;  /* where prelude errors are forwarded */
  Package **pkgs;     /* finished, dependencies first */
  int npkgs, cappkgs;
  const char **busy;  /* paths being loaded (import cycle guard) */
  int nbusy;
} CheckShared;

/* Refused imports remembered per file; a file has a handful of imports,
 * and past this limit the uses are merely reported again. */
#define CHK_MAX_CUT_IMPORTS 8

typedef struct Checker {
  Universe *u;
  Arena *a;
  CheckShared *sh;
  Diags *diags;       /* the current package's */
  Package *pkg;
  Scope *file_scope;  /* imports; parent: pkg->scope */
  Scope *scope;
  Node *func;         /* FUNCDECL or FUNCLIT being checked, NULL at package */
  Type *sig;          /* its signature */
  Global *cur;        /* package-level object being checked (deps) */
  const ConstVal *iota; /* inside a const spec */
  /* package-level objects of the current package: an open-addressing
   * table keyed by Sym pointer, and the var specs in source order */
  Global **gtab;
  int ngtab, capgtab;
  Node **varspecs;
  int nvarspecs, capvarspecs;
  Node **funcs;       /* FUNCDECLs and method decls whose bodies to check */
  int nfuncs, capfuncs;
  /* statement context */
  int loop_depth;     /* for continue */
  int break_depth;    /* for break (loops, switch, select) */
  Node **labels;      /* LABELED nodes of the current function */
  int nlabels;
  Node **active;      /* enclosing labeled statements (break/continue L) */
  int nactive, capactive;
  bool fallthrough_ok; /* checking the last statement of a switch case */
  /* local names of imports refused as outside the subset (reflect,
   * unsafe): already reported, so their uses are not "undefined" too */
  const char *cut_imports[CHK_MAX_CUT_IMPORTS];
  int ncut_imports;
} Checker;

/* check.c */
Global *chk_global(Checker *c, Sym *s);
void chk_dep(Checker *c, Sym *s);
void chk_resolve_global(Checker *c, Sym *s);
Sym *chk_lookup(Checker *c, const char *name);

/* check_decl.c */
Type *chk_type(Checker *c, Node *n);          /* type expression */
Type *chk_signature(Checker *c, Node *ftype, Node *recv, bool declare,
                    Scope *scope);
void chk_typespec(Checker *c, Node *spec);
void chk_method_decl(Checker *c, Node *fd);
void chk_const_spec(Checker *c, Node *spec, Scope *into, bool global);
void chk_var_spec(Checker *c, Node *spec, Scope *into, bool global);
Sym *chk_declare(Checker *c, Scope *s, Sym *sym, Node *at);

/* check_expr.c */
void chk_expr(Checker *c, Node *n);              /* any expression */
void chk_expr_hint(Checker *c, Node *n, Type *hint); /* composite elision */
bool chk_value(Checker *c, Node *n);             /* single value required */
void chk_multi(Checker *c, Node *n);             /* tuple allowed */
void chk_convert_untyped(Checker *c, Node *n, Type *target);
void chk_default(Checker *c, Node *n);           /* untyped -> default */
/* The same for a value stored in a variable (x := 1 << 70): a constant
 * the default type cannot hold is an error, "... in CONTEXT (overflows)". */
void chk_default_in(Checker *c, Node *n, const char *context);
bool chk_assign(Checker *c, Node *n, Type *t, const char *context);
void chk_call(Checker *c, Node *n, bool stmt);
void chk_composite(Checker *c, Node *n, Type *hint);
const char *chk_operand(Checker *c, Node *n);   /* "x (variable of type int)" */
const char *chk_exprstr(Checker *c, Node *n);
const char *chk_typestr(Checker *c, Type *t);
void chk_invalid(Node *n);
void chk_mark_addr(Checker *c, Node *n);
Type *chk_tuple_at(Node *n, int i);

/* check_stmt.c */
void chk_func_body(Checker *c, Node *fn, Type *sig, Node *body);
void chk_block_stmts(Checker *c, NodeList *l);
void chk_unused(Checker *c, Scope *s);

/* A private node flag: a BINARY built for x op= v, printed that way. */
#define CHK_NF_OPASSIGN (1 << 12)

/* shared helpers */
#define CHK_ERR(c, pos, ...) diag_error((c)->diags, (pos), __VA_ARGS__)
/* "undefined: name", unless name is outside the subset and was or is
 * reported as such (a refused import; complex128, real, ...). */
void chk_undefined(Checker *c, Pos pos, const char *name);
Pos chk_pos(Node *n); /* leftmost position of an expression */

#endif
