/* compile_int.h - private interface between the compiler's files.
 *
 * compile.c       driver: Funcs for every declaration, globals, the entry
 *                 function, run-time method tables and wrappers
 * compile_decl.c  function bodies: frames, slots, boxes, closures, the
 *                 emit layer (code words, lines, stack depth)
 * compile_expr.c  expressions, calls, builtins, conversions, literals
 * compile_stmt.c  statements, assignments, loops, switches, select
 *
 * Main design decision: code generation is single-pass and stack-based;
 * the one piece of state per function is an FnState, and the compiler
 * tracks the operand-stack depth of every emitted instruction itself (from
 * opcodes.def's stack effects) so Func.maxstack is exact, not guessed. */
#ifndef PANICROOM_ENGINE_COMPILE_INT_H
#define PANICROOM_ENGINE_COMPILE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "engine/compile.h"

/* A growable list of code positions to patch (break/continue/return). */
typedef struct PatchList {
  int *at;
  int len, cap;
} PatchList;

/* A statement that break (and for loops continue) can leave. */
typedef struct Target {
  const char *label;  /* the statement's label, or NULL */
  bool loop;          /* continue allowed */
  PatchList breaks;
  PatchList conts;
  struct Target *outer;
} Target;

typedef struct Comp Comp;

/* One function being compiled. */
typedef struct FnState {
  Comp *c;
  struct FnState *parent; /* enclosing function of a function literal */
  Func *fn;
  Node *decl;             /* FUNCDECL/FUNCLIT, NULL for generated code */
  Type *sig;              /* TY_FUNC (underlying) */
  uint32_t *code;
  int32_t *lines;
  int ncode, capcode;
  int line;               /* source line given to emitted words */
  int depth, maxdepth;    /* operand stack depth above the locals */
  int nlocals;
  Sym **upvals;           /* captured variables, by upvalue index */
  int nupvals, capupvals;
  Target *targets;        /* innermost first */
  bool has_defer;
  PatchList rets;         /* JMPs to the epilogue */
  int nlits;              /* function literals so far (func1, func2...) */
  const char *label;      /* label of the statement being compiled */
} FnState;

/* Cache entry for generated wrappers: (kind, func or name, type). */
typedef struct WrapKey {
  int kind;
  const void *a;
  const void *b;
  Func *fn;
} WrapKey;

struct Comp {
  Universe *u;
  Arena *arena;      /* the universe's: names and strings live there */
  Program *p;
  Diags *diags;
  Package *pkg;      /* package being compiled */
  const char *file;  /* its file name for Func.file */
  int capfuncs, capconsts, captypes;
  Type **rttypes;    /* types that need run-time method tables */
  int nrttypes, caprttypes;
  WrapKey *wraps;
  int nwraps, capwraps;
  int nglob_lits;    /* "main.glob..funcN" closures */
  bool failed;       /* a panicroom bug was reported */
  bool race;         /* emit RACE annotations (CompileOptions) */
};

/* --- program.c: building a Program --- */
int prog_add_func(Program *p, int *cap, Func *f);
int prog_add_const(Program *p, int *cap, Value v);
int prog_type_index(Program *p, int *cap, Type *t);
Value prog_string(Program *p, const char *s, size_t len);
Func *prog_new_func(const char *name, const char *file, Pos pos);

/* --- compile_decl.c: emit layer and frames --- */
int emit(FnState *fs, Opcode op);
int emit1(FnState *fs, Opcode op, int64_t a);
int emit2(FnState *fs, Opcode op, int64_t a, int64_t b);
void emit_word(FnState *fs, uint32_t w);
/* Calls: the stack effect depends on the callee's result count. */
void emit_call(FnState *fs, Opcode op, int64_t a, int nargs, int nres);
void emit_const(FnState *fs, Value v);
void emit_int(FnState *fs, int64_t v);
void emit_type(FnState *fs, Opcode op, Type *t);
int here(const FnState *fs);
void patch(FnState *fs, int at, int target);
void patch_all(FnState *fs, PatchList *pl, int target);
void patch_push(PatchList *pl, int at);
void set_depth(FnState *fs, int depth);
int type_ix(FnState *fs, Type *t);
int new_slot(FnState *fs);
void fs_init(FnState *fs, Comp *c, FnState *parent, Func *fn, Node *decl,
             Type *sig);
void fs_finish(FnState *fs);
bool sym_boxed(const Sym *s);
bool is_agg(Type *t);
/* Compiles a FUNCDECL body or FUNCLIT into fn. */
int compile_body(Comp *c, FnState *parent, Func *fn, Node *decl,
                 Sym ***ups);
/* Variables: loads, stores, addresses, declarations. */
void var_load(FnState *fs, Sym *s);
void var_store(FnState *fs, Sym *s);
void var_addr(FnState *fs, Sym *s);
void var_declare(FnState *fs, Sym *s); /* [v] -> []: new variable = v */
void var_zero(FnState *fs, Type *t);   /* [] -> [zero of t] */
const char *lit_name(FnState *fs);
void ret_emit(FnState *fs);

/* --- compile_expr.c --- */
void cx_expr(FnState *fs, Node *n);            /* one value (or a tuple) */
void cx_value(FnState *fs, Node *n);           /* with COPY if needed */
void cx_to(FnState *fs, Node *n, Type *dst);   /* copy + interface conv */
void cx_convert_top(FnState *fs, Type *from, Type *to);
void cx_addr(FnState *fs, Node *n);            /* pointer to n */
void cx_cond(FnState *fs, Node *n);
void cx_commaok(FnState *fs, Node *n);         /* [v ok] */
int cx_call(FnState *fs, Node *n);             /* returns results pushed */
void cx_const(FnState *fs, const ConstVal *cv, Type *t);
void cx_eq(FnState *fs, Type *t, bool ne);     /* [a b] -> [a==b] */
Type *cx_sig(Node *fun);
int cx_go_defer_args(FnState *fs, Node *call);
void cx_hoist(FnState *fs, Node *n, bool root);
void cx_funclit(FnState *fs, Node *n);
Type *cx_recv_path(FnState *fs, Node *x, const Selection *sel, bool addr);
void cx_wrap(FnState *fs, Type *t);
Type *cx_walk_value(FnState *fs, Type *cur, const Selection *sel, int n);
Type *cx_walk_addr(FnState *fs, Type *cur, const Selection *sel, int n);
void cx_arith(FnState *fs, Type *t, TokKind op, Type *ct);
int cx_field_holder(FnState *fs, Node *sel_node); /* [] -> [agg], field */

/* --- compile_stmt.c --- */
void cs_block(FnState *fs, Node *block);
void cs_stmt(FnState *fs, Node *n);
void cs_store_to(FnState *fs, Node *lhs);      /* [v] -> [] */
void cs_var_spec(FnState *fs, Node *spec);

/* --- compile.c --- */
void comp_error(Comp *c, Pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void comp_need_rt(Comp *c, Type *t);           /* converted to iface */
Func *comp_func_of(Comp *c, Sym *fsym);
Func *comp_wrapper_ptr_value(Comp *c, Func *m, Type *recv);
Func *comp_wrapper_bound(Comp *c, Node *sel_node, bool iface);
Func *comp_wrapper_iface_call(Comp *c, Type *iface, const char *name,
                              Type *sig);
Func *comp_wrapper_builtin(Comp *c, Node *call);
void comp_finish_func(Comp *c, FnState *fs);
const char *comp_strf(Comp *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
