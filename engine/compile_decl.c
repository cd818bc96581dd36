/* compile_decl.c - the emit layer, frames and function bodies.
 *
 * Frame layout (shared with the VM, see compile.h): parameter slots
 * (receiver first), result slots, then locals handed out in declaration
 * order and never reused (frames stay small; reuse would need liveness).
 * Variables that are captured or whose address is taken live in heap
 * boxes: their slot holds the box pointer.
 *
 * Design: every emit function applies the instruction's stack effect to
 * FnState.depth, so maxstack falls out of code generation.  Statements
 * leave the depth where they found it; jumps inside expressions (&&, ||)
 * are balanced by construction, and the few places that jump with extra
 * values (range over a map) restore the depth with set_depth(). */
#include "engine/compile_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* Stack effect of op with operands a, b (calls are handled by emit_call;
 * SELECT by its caller). */
static int effect(Opcode op, int64_t a, int64_t b) {
  switch (op) {
  case OP_CONST: case OP_INT: case OP_NIL: case OP_ZERO: case OP_DUP:
  case OP_LOCAL: case OP_GLOBAL: case OP_BOXGET: case OP_UPREF:
  case OP_UPGET: case OP_GLOBALREF: case OP_RECOVER: case OP_FUNCVAL:
  case OP_NEW: case OP_MAPINDEX2: case OP_RECV2: case OP_ASSERT2:
  case OP_ASSERTI2:
    return op == OP_MAPINDEX2 ? 0 : 1;
  case OP_DUP2: return 2;
  case OP_MAPNEXT: return 3;
  case OP_POP: case OP_SETLOCAL: case OP_SETGLOBAL: case OP_BOXSET:
  case OP_UPSET: case OP_JMPF: case OP_JMPT: case OP_PANIC: case OP_CLOSE:
  case OP_AINDEX: case OP_SINDEX: case OP_STRINDEX: case OP_AINDEXADDR:
  case OP_SINDEXADDR: case OP_MAPINDEX: case OP_MAKESLICE: case OP_APPENDS:
  case OP_COPYSL: case OP_CONCAT: case OP_COPYINTO:
    return -1;
  case OP_STOREREF: case OP_SETFIELD: case OP_MAPDELETE: case OP_SEND:
    return -2;
  case OP_ASETINDEX: case OP_SSETINDEX: case OP_MAPSET: return -3;
  case OP_POPN: case OP_APPEND: case OP_PRINT: return (int)-a;
  case OP_CONCATN: return (int)(1 - a);
  case OP_CLOSURE: case OP_SLICELIT: case OP_ARRAYLIT: case OP_STRUCTLIT:
    return (int)(1 - (op == OP_CLOSURE ? b : b));
  case OP_MAPLIT: return (int)(1 - 2 * b);
  case OP_DEFER: case OP_GO: return (int)(-a - 1);
  case OP_SLICE:
    return -(int)((b & 1) + ((b >> 1) & 1) + ((b >> 2) & 1));
  default: break;
  }
  if (op >= OP_IADD && op <= OP_IREM) return -1;
  if (op >= OP_UDIV && op <= OP_UREM) return -1;
  if (op >= OP_AND && op <= OP_ANDNOT) return -1;
  if (op == OP_SHL || op == OP_SHR || op == OP_USHR) return -1;
  if (op >= OP_FADD && op <= OP_FDIV) return -1;
  if (op >= OP_IEQ && op <= OP_NE) return -1;
  return 0;
}

static void put(FnState *fs, uint32_t w) {
  if (fs->ncode == fs->capcode) {
    fs->capcode = fs->capcode ? 2 * fs->capcode : 64;
    fs->code = xrealloc(fs->code, sizeof *fs->code * (size_t)fs->capcode);
    fs->lines = xrealloc(fs->lines, sizeof *fs->lines * (size_t)fs->capcode);
  }
  fs->code[fs->ncode] = w;
  fs->lines[fs->ncode++] = fs->line;
}

static void adjust(FnState *fs, int d) {
  fs->depth += d;
  if (fs->depth < 0) fs->depth = 0; /* after unreachable code */
  if (fs->depth > fs->maxdepth) fs->maxdepth = fs->depth;
}

void set_depth(FnState *fs, int depth) { adjust(fs, depth - fs->depth); }

/* Instructions whose memory access the race detector checks: the VM's
 * RACE handler (vm_race.c) knows where each one reads or writes. */
static bool race_access_op(Opcode op) {
  switch (op) {
  case OP_GLOBAL: case OP_SETGLOBAL: case OP_BOXGET: case OP_BOXSET:
  case OP_UPGET: case OP_UPSET: case OP_LOADREF: case OP_STOREREF:
  case OP_FIELD: case OP_SETFIELD: case OP_AINDEX: case OP_SINDEX:
  case OP_ASETINDEX: case OP_SSETINDEX: case OP_MAPINDEX:
  case OP_MAPINDEX2: case OP_MAPSET: case OP_MAPDELETE: case OP_MAPITER:
  case OP_MAPNEXT:
    return true;
  default: return false;
  }
}

/* With CompileOptions.race, a RACE word goes in front of each access of
 * the learner's code.  Jump targets taken with here() before the emit
 * land on it; the returned position stays the instruction's own. */
static void race_mark(FnState *fs, Opcode op) {
  if (fs->c->race && !fs->fn->prelude && race_access_op(op))
    put(fs, (uint32_t)OP_RACE);
}

int emit(FnState *fs, Opcode op) {
  race_mark(fs, op);
  int at = fs->ncode;
  put(fs, (uint32_t)op);
  adjust(fs, effect(op, 0, 0));
  return at;
}

int emit1(FnState *fs, Opcode op, int64_t a) {
  race_mark(fs, op);
  int at = fs->ncode;
  put(fs, (uint32_t)op);
  put(fs, (uint32_t)a);
  adjust(fs, effect(op, a, 0));
  return at;
}

int emit2(FnState *fs, Opcode op, int64_t a, int64_t b) {
  int at = fs->ncode;
  put(fs, (uint32_t)op);
  put(fs, (uint32_t)a);
  put(fs, (uint32_t)b);
  adjust(fs, effect(op, a, b));
  return at;
}

void emit_word(FnState *fs, uint32_t w) { put(fs, w); }

void emit_call(FnState *fs, Opcode op, int64_t a, int nargs, int nres) {
  /* Once.Do's fast path reads o.done without a lock; under --race the
   * call acquires what the first Do released (vm_race.c), as Go's atomic
   * load of done does. */
  if (fs->c->race && !fs->fn->prelude && op == OP_CALLF &&
      strcmp(fs->c->p->funcs[a]->name, "sync.(*Once).Do") == 0)
    put(fs, (uint32_t)OP_RACE);
  put(fs, (uint32_t)op);
  put(fs, (uint32_t)a);
  if (op != OP_CALL) put(fs, (uint32_t)nargs);
  /* results land where the arguments (and CALL's function) were */
  adjust(fs, -(nargs + (op == OP_CALL)) + nres);
}

void emit_const(FnState *fs, Value v) {
  emit1(fs, OP_CONST, prog_add_const(fs->c->p, &fs->c->capconsts, v));
}

void emit_int(FnState *fs, int64_t v) {
  if (v >= INT32_MIN && v <= INT32_MAX) {
    emit1(fs, OP_INT, (int64_t)(int32_t)v);
    return;
  }
  Value k = {{0}, NULL};
  k.as.i = v;
  emit_const(fs, k);
}

int type_ix(FnState *fs, Type *t) {
  return prog_type_index(fs->c->p, &fs->c->captypes, t);
}

void emit_type(FnState *fs, Opcode op, Type *t) {
  emit1(fs, op, type_ix(fs, t));
}

int here(const FnState *fs) { return fs->ncode; }

/* at: the instruction's pc; its first operand is the jump target. */
void patch(FnState *fs, int at, int target) {
  fs->code[at + 1] = (uint32_t)target;
}

void patch_push(PatchList *pl, int at) {
  if (pl->len == pl->cap) {
    pl->cap = pl->cap ? 2 * pl->cap : 8;
    pl->at = xrealloc(pl->at, sizeof *pl->at * (size_t)pl->cap);
  }
  pl->at[pl->len++] = at;
}

void patch_all(FnState *fs, PatchList *pl, int target) {
  for (int i = 0; i < pl->len; i++) patch(fs, pl->at[i], target);
  free(pl->at);
  memset(pl, 0, sizeof *pl);
}

int new_slot(FnState *fs) { return fs->nlocals++; }

bool sym_boxed(const Sym *s) { return s->captured || s->addrtaken; }

bool is_agg(Type *t) {
  TypeKind k = type_under(t)->kind;
  return k == TY_STRUCT || k == TY_ARRAY;
}

void fs_init(FnState *fs, Comp *c, FnState *parent, Func *fn, Node *decl,
             Type *sig) {
  memset(fs, 0, sizeof *fs);
  fs->c = c;
  fs->parent = parent;
  fs->fn = fn;
  fs->decl = decl;
  fs->sig = sig ? type_under(sig) : NULL;
  fs->line = fn->pos.line;
}

/* Moves the code into the Func. */
void fs_finish(FnState *fs) {
  Func *f = fs->fn;
  f->code = fs->code;
  f->lines = fs->lines;
  f->ncode = fs->ncode;
  f->nlocals = fs->nlocals;
  f->maxstack = fs->maxdepth + 1;
  f->nupvals = fs->nupvals;
  free(fs->upvals);
  free(fs->rets.at);
  fs->code = NULL;
  fs->lines = NULL;
}

/* ---- variables --------------------------------------------------------- */

/* Index of s among fs's upvalues, adding it on first use. */
static int upval_index(FnState *fs, Sym *s) {
  for (int i = 0; i < fs->nupvals; i++)
    if (fs->upvals[i] == s) return i;
  if (fs->nupvals == fs->capupvals) {
    fs->capupvals = fs->capupvals ? 2 * fs->capupvals : 8;
    fs->upvals = xrealloc(fs->upvals,
                          sizeof *fs->upvals * (size_t)fs->capupvals);
  }
  fs->upvals[fs->nupvals] = s;
  return fs->nupvals++;
}

/* A variable belongs to fs if fs declared it (Sym.func), or if it has no
 * owner recorded and got its slot here. */
static bool is_upval(FnState *fs, Sym *s) {
  return !s->global && s->func && fs->decl && s->func != fs->decl;
}

void var_load(FnState *fs, Sym *s) {
  if (s->global) emit1(fs, OP_GLOBAL, s->slot);
  else if (is_upval(fs, s)) emit1(fs, OP_UPGET, upval_index(fs, s));
  else if (sym_boxed(s)) emit1(fs, OP_BOXGET, s->slot);
  else emit1(fs, OP_LOCAL, s->slot);
}

void var_store(FnState *fs, Sym *s) {
  if (s->global) emit1(fs, OP_SETGLOBAL, s->slot);
  else if (is_upval(fs, s)) emit1(fs, OP_UPSET, upval_index(fs, s));
  else if (sym_boxed(s)) emit1(fs, OP_BOXSET, s->slot);
  else emit1(fs, OP_SETLOCAL, s->slot);
}

/* A pointer to the variable.  An unboxed local (the checker did not mark
 * it) gets a box around its current value: right for structs and arrays,
 * whose slot holds a reference to the shared aggregate. */
void var_addr(FnState *fs, Sym *s) {
  if (s->global) emit1(fs, OP_GLOBALREF, s->slot);
  else if (is_upval(fs, s)) emit1(fs, OP_UPREF, upval_index(fs, s));
  else if (sym_boxed(s)) emit1(fs, OP_LOCAL, s->slot);
  else {
    emit1(fs, OP_LOCAL, s->slot);
    emit(fs, OP_BOXNEW);
  }
}

/* [v] -> []: declares s (a new slot on first sight) holding v; a boxed
 * variable gets a fresh box each time the declaration runs. */
void var_declare(FnState *fs, Sym *s) {
  if (!s || !s->name || strcmp(s->name, "_") == 0) {
    emit(fs, OP_POP);
    return;
  }
  if (s->slot < 0) s->slot = new_slot(fs);
  if (!s->func && fs->decl) s->func = fs->decl;
  if (sym_boxed(s)) emit(fs, OP_BOXNEW);
  emit1(fs, OP_SETLOCAL, s->slot);
}

void var_zero(FnState *fs, Type *t) {
  if (is_agg(t)) emit_type(fs, OP_ZERO, t);
  else emit(fs, OP_NIL);
}

/* "main.main.func1", "main.main.func1.1": Go numbers literals per
 * enclosing named function, and nested ones below their parent. */
const char *lit_name(FnState *fs) {
  if (!fs->decl) /* package-level initialisers */
    return comp_strf(fs->c, "%s.glob..func%d", fs->c->pkg->path,
                     ++fs->c->nglob_lits);
  int k = ++fs->nlits;
  if (fs->decl && fs->decl->kind == N_FUNCLIT)
    return comp_strf(fs->c, "%s.%d", fs->fn->name, k);
  return comp_strf(fs->c, "%s.func%d", fs->fn->name, k);
}

/* ---- function bodies --------------------------------------------------- */

/* Parameter and result symbols of a FUNCTYPE's FIELD list, in order;
 * unnamed ones get a slot but no symbol. */
static void bind_fields(FnState *fs, NodeList *fields, bool results) {
  for (int i = 0; i < fields->len; i++) {
    Node *f = fields->items[i];
    if (f->list.len == 0) {
      new_slot(fs);
      continue;
    }
    for (int j = 0; j < f->list.len; j++) {
      Sym *s = f->list.items[j]->sym;
      int slot = new_slot(fs);
      if (!s) continue;
      s->slot = slot;
      s->func = fs->decl;
      (void)results;
    }
  }
}

/* Boxes captured/address-taken parameters; zeroes aggregate results and
 * boxes named results that need it. */
static void prologue(FnState *fs, Node *ftype, Node *recv) {
  Type *sig = fs->sig;
  int first_res = fs->fn->nparams;
  for (int i = 0; i < sig->nresults; i++) {
    if (!is_agg(sig->results[i])) continue;
    emit_type(fs, OP_ZERO, sig->results[i]);
    emit1(fs, OP_SETLOCAL, first_res + i);
  }
  NodeList *lists[2] = {&ftype->list, &ftype->list2};
  for (int l = 0; l < 2; l++) {
    NodeList *fl = lists[l];
    for (int i = 0; fl && i < fl->len; i++)
      for (int j = 0; j < fl->items[i]->list.len; j++) {
        Sym *s = fl->items[i]->list.items[j]->sym;
        if (!s || s->slot < 0 || !sym_boxed(s)) continue;
        emit1(fs, OP_LOCAL, s->slot);
        emit(fs, OP_BOXNEW);
        emit1(fs, OP_SETLOCAL, s->slot);
      }
  }
  if (recv && recv->list.len) {
    Sym *s = recv->list.items[0]->sym;
    if (s && sym_boxed(s)) {
      emit1(fs, OP_LOCAL, s->slot);
      emit(fs, OP_BOXNEW);
      emit1(fs, OP_SETLOCAL, s->slot);
    }
  }
}

/* Before RET: named results that live in boxes are unboxed into their
 * slots, where the VM expects the values. */
static void unbox_results(FnState *fs) {
  Node *ft = fs->decl ? fs->decl->kind == N_FUNCLIT ? fs->decl->a
                                                    : fs->decl->b
                      : NULL;
  if (!ft) return;
  for (int i = 0; i < ft->list2.len; i++)
    for (int j = 0; j < ft->list2.items[i]->list.len; j++) {
      Sym *s = ft->list2.items[i]->list.items[j]->sym;
      if (!s || s->slot < 0 || !sym_boxed(s)) continue;
      emit1(fs, OP_LOCAL, s->slot);
      emit(fs, OP_LOADREF);
      emit1(fs, OP_SETLOCAL, s->slot);
    }
}

/* The end of a return path: to the epilogue, or unbox and RET. */
void ret_emit(FnState *fs) {
  if (fs->has_defer) {
    /* Deferred calls run here, at the return statement's line, where Go's
     * tracebacks place them; the shared epilogue's RUNDEFERS then finds
     * none left (it stays for resuming after a recover). */
    emit(fs, OP_RUNDEFERS);
    patch_push(&fs->rets, emit1(fs, OP_JMP, 0));
    return;
  }
  unbox_results(fs);
  emit(fs, OP_RET);
}

/* Whether the body contains a defer statement (not inside a literal). */
static bool has_defer(Node *n) {
  if (!n || n->kind == N_FUNCLIT) return false;
  if (n->kind == N_DEFER) return true;
  if (has_defer(n->a) || has_defer(n->b) || has_defer(n->c) ||
      has_defer(n->d))
    return true;
  for (int i = 0; i < n->list.len; i++)
    if (has_defer(n->list.items[i])) return true;
  for (int i = 0; i < n->list2.len; i++)
    if (has_defer(n->list2.items[i])) return true;
  return false;
}

static int count_slots(NodeList *fields) {
  int n = 0;
  for (int i = 0; i < fields->len; i++)
    n += fields->items[i]->list.len ? fields->items[i]->list.len : 1;
  return n;
}

/* FUNCDECL: name, a=receiver, b=FUNCTYPE, c=body; FUNCLIT: a=FUNCTYPE,
 * b=body.  Compiles the body into fn; for a literal, *ups receives the
 * captured variables (malloc'd, by upvalue index) and the count is
 * returned. */
int compile_body(Comp *c, FnState *parent, Func *fn, Node *decl,
                 Sym ***ups) {
  bool lit = decl->kind == N_FUNCLIT;
  Node *ftype = lit ? decl->a : decl->b;
  Node *body = lit ? decl->b : decl->c;
  Node *recv = lit ? NULL : decl->a;
  FnState fs;
  fs_init(&fs, c, parent, fn, decl, fn->type);
  if (recv) bind_fields(&fs, &(NodeList){&recv, 1}, false);
  bind_fields(&fs, &ftype->list, false);
  fn->nparams = fs.nlocals;
  fn->nresults = count_slots(&ftype->list2);
  bind_fields(&fs, &ftype->list2, true);
  fs.has_defer = has_defer(body);
  fs.line = body->pos.line;
  prologue(&fs, ftype, recv);
  cs_block(&fs, body);
  fs.line = body->end.line ? body->end.line : fs.line;
  if (fs.has_defer) {
    fn->epilogue_pc = here(&fs);
    patch_all(&fs, &fs.rets, here(&fs));
    emit(&fs, OP_RUNDEFERS);
  }
  unbox_results(&fs);
  emit(&fs, OP_RET);
  int nup = fs.nupvals;
  if (ups) {
    *ups = xmalloc(sizeof **ups * (size_t)(nup + 1));
    if (nup) memcpy(*ups, fs.upvals, sizeof **ups * (size_t)nup);
  }
  comp_finish_func(c, &fs);
  return nup;
}
