/* vm.c - the VM object and the bytecode dispatch loop (vm.h).
 *
 * Main decision: the loop keeps the running frame's code pointer, slots
 * and operand stack pointer in C locals and writes them back (SAVE) only
 * around anything that may change frames or move the goroutine's stack:
 * calls, returns, natives, channel operations, raises.  Those return a
 * Step saying what to do next, and the loop reloads (LOAD).  One switch,
 * each case a few lines; bigger instructions call vm_ops.c.
 *
 * A blocking instruction (SEND, RECV, SELECT) that parks leaves its
 * operands on the stack and its frame's pc AT the instruction; when the
 * goroutine runs again the same instruction executes with g->park.woken
 * set and completes from what the waker left (native.h's protocol). */
#include "engine/vm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/os.h"
#include "engine/chan.h"
#include "engine/fmt.h"
#include "engine/map.h"
#include "engine/sched.h"
#include "engine/trace.h"
#include "engine/types.h"
#include "engine/vm_int.h"

/* --- the VM object -------------------------------------------------------- */

VM *vm_new(Program *prog, const VMOptions *opts) {
  VM *vm = xcalloc(1, sizeof *vm);
  vm->prog = prog;
  if (opts) vm->opts = *opts;
  heap_init(&vm->heap, vm->opts.mem_limit);
  vm->sched = sched_new(vm, vm->opts.seed, vm->opts.strategy);
  sched_configure(vm->sched, vm->opts.pct_depth, vm->opts.pct_steps,
                  vm->opts.replay, vm->opts.nreplay, vm->opts.record);
  if (vm->opts.trace) trace_attach(vm->opts.trace, vm);
  vm->globals = xcalloc((size_t)prog->nglobals + 1, sizeof(Value));
  for (int i = 0; i < prog->nglobals; i++)
    if (prog->global_types)
      vm->globals[i] = val_zero(vm, prog->global_types[i]);
  vm->funcvals = xcalloc((size_t)prog->nfuncs + 1, sizeof(Closure *));
  vm->end_msg = xstrdup("");
  vm_race_init(vm);
  vm_leak_init(vm);
  return vm;
}

void vm_free(VM *vm) {
  if (!vm) return;
  vm_race_fini(vm);
  vm_leak_fini(vm);
  /* The heap first: channels' finalizers walk their wait queues, which
   * hold Sudogs embedded in goroutines still blocked. */
  heap_fini(&vm->heap);
  for (Goroutine *g = sched_all(vm->sched), *next; g; g = next) {
    next = g->alllink;
    vm_gor_free_stacks(g);
    free(g);
  }
  sched_free(vm->sched);
  free(vm->globals);
  free(vm->funcvals);
  free(vm->pend_msg);
  free(vm->end_msg);
  free(vm);
}

VMEnd vm_end(const VM *vm) { return vm->end; }
const char *vm_end_message(const VM *vm) { return vm->end_msg; }
Sched *vm_sched(VM *vm) { return vm->sched; }
const VMOptions *vm_options(const VM *vm) { return &vm->opts; }
struct Trace *vm_trace(const VM *vm) { return vm->opts.trace; }
Heap *vm_heap(VM *vm) { return &vm->heap; }
Program *vm_program(VM *vm) { return vm->prog; }
int64_t vm_steps(const VM *vm) { return vm->steps; }
int vm_goroutines(const VM *vm) { return vm->ngs; }
int vm_races(const VM *vm) { return vm->races; }
int vm_leaks(const VM *vm) { return vm->leaks; }

int vm_args(VM *vm, char ***argv) {
  *argv = vm->opts.argv;
  return vm->opts.argc;
}

void vm_write(VM *vm, int fd, const char *p, size_t n) {
  if (vm->settling) return; /* main has returned: Go would print no more */
  if (vm->opts.write)
    vm->opts.write(vm->opts.write_ctx, fd, p, n);
  else
    (void)os_write_all(fd, p, n);
}

/* FUNCVAL: one shared Closure per function. */
static Closure *funcval(VM *vm, int f) {
  if (!vm->funcvals[f]) {
    Closure *c = (Closure *)heap_alloc(&vm->heap, OBJ_CLOSURE, sizeof *c);
    c->fn = vm->prog->funcs[f];
    vm->funcvals[f] = c;
  }
  return vm->funcvals[f];
}

static Value closure_new(VM *vm, int f, const Value *ups, int n) {
  Closure *c = (Closure *)heap_alloc(&vm->heap, OBJ_CLOSURE,
                                     sizeof *c + (size_t)n * sizeof(Value *));
  c->fn = vm->prog->funcs[f];
  c->nup = n;
  for (int i = 0; i < n; i++) c->up[i] = ups[i].as.ref;
  Value v = {{0}, NULL};
  v.as.p = c;
  return v;
}

static Value box_new(VM *vm, Value init) {
  BoxObj *b = (BoxObj *)heap_alloc(&vm->heap, OBJ_BOX, sizeof *b);
  b->v = init;
  Value p = {{0}, NULL};
  p.as.ref = &b->v;
  return p;
}

static Value agg_lit(VM *vm, const Value *v, int n) {
  AggObj *a = val_agg_new(vm, n);
  memcpy(a->v, v, (size_t)n * sizeof(Value));
  Value r = {{0}, NULL};
  r.as.p = a;
  return r;
}

static Value slice_lit(VM *vm, Type *t, const Value *v, int n) {
  Value s = val_slice_new(vm, t, n, n);
  if (n) memcpy(val_slice_at(s, 0), v, (size_t)n * sizeof(Value));
  return s;
}

/* MAPLIT: false if a key was unhashable (raised). */
static bool map_lit(VM *vm, Type *t, Value *kv, int n, Value *out) {
  MapObj *m = map_new(vm, t, n);
  out->as.p = m;
  out->t = NULL;
  for (int i = 0; i < n; i++) {
    Value mv = {{0}, NULL};
    mv.as.p = m;
    if (!vm_op_mapset(vm, mv, kv[2 * i], kv[2 * i + 1], t)) return false;
  }
  return true;
}

static int64_t wrap(int64_t a, int kind) {
  switch (kind) {
  case TY_INT8: return (int8_t)a;
  case TY_INT16: return (int16_t)a;
  case TY_INT32: return (int32_t)a;
  case TY_UINT8: return (uint8_t)a;
  case TY_UINT16: return (uint16_t)a;
  case TY_UINT32: return (uint32_t)a;
  default: return a;
  }
}

static int64_t f2i(double f) {
  if (f != f) return INT64_MIN;
  if (f >= 9223372036854775807.0) return INT64_MAX;
  if (f <= -9223372036854775808.0) return INT64_MIN;
  return (int64_t)f;
}

static uint64_t f2u(double f) {
  if (f != f || f <= -1.0) return f < 0 ? (uint64_t)f2i(f) : 0;
  if (f >= 18446744073709551615.0) return UINT64_MAX;
  return (uint64_t)f;
}

static int64_t len_of(Value v, int kind) {
  switch (kind) {
  case TY_STRING: return val_str_len(v);
  case TY_SLICE: return val_slice_len(v);
  case TY_ARRAY: return v.as.p ? ((AggObj *)v.as.p)->n : 0;
  case TY_MAP: return map_len(v.as.p);
  case TY_CHAN: return chan_len(v.as.p);
  default: /* pointer to array: len of the array, even if nil */
    return v.as.ref && v.as.ref->as.p ? ((AggObj *)v.as.ref->as.p)->n : 0;
  }
}

static int64_t cap_of(Value v, int kind) {
  if (kind == TY_SLICE) return v.as.p ? ((SliceObj *)v.as.p)->cap : 0;
  if (kind == TY_CHAN) return chan_cap(v.as.p);
  return len_of(v, kind);
}

/* Go's shifts: counts >= 64 give 0 (or -1 for a negative a >> n). */
static int64_t shift(int op, int64_t a, uint64_t n) {
  if (op == OP_SHL) return n >= 64 ? 0 : (int64_t)((uint64_t)a << n);
  if (op == OP_SHR) return n >= 64 ? (a < 0 ? -1 : 0) : a >> n;
  return n >= 64 ? 0 : (int64_t)((uint64_t)a >> n);
}

/* --- channel instructions ------------------------------------------------- */

/* SELECT n d (+ n case words): [ch1 (v1) .. chn (vn)] -> [index v ok] */
static NatStatus op_select(VM *vm, Goroutine *g, const uint32_t *words,
                           int n, bool dflt, Value **spp) {
  int nops = 0;
  for (int i = 0; i < n; i++) nops += words[i] ? 2 : 1;
  Value *ops = *spp - nops;
  SelectCase buf[8];
  SelectCase *cs = n <= 8 ? buf : xmalloc((size_t)n * sizeof *cs);
  for (int i = 0, k = 0; i < n; i++) {
    cs[i].c = ops[k++].as.p;
    cs[i].send = words[i] != 0;
    cs[i].val = cs[i].send ? ops[k++] : (Value){{0}, NULL};
  }
  int chosen = -1;
  Value recv = {{0}, NULL};
  bool ok = false;
  NatStatus st = chan_select(vm, g, cs, n, dflt, &chosen, &recv, &ok);
  if (cs != buf) free(cs);
  if (st == NAT_OK) {
    ops[0] = (Value){{.i = chosen}, NULL};
    ops[1] = recv;
    ops[2] = (Value){{.i = ok}, NULL};
    *spp = ops + 3;
  }
  return st;
}

/* --- the dispatch loop ---------------------------------------------------- */

#define LOAD()                                                               \
  do {                                                                       \
    fr = &g->frames[g->nframes - 1];                                         \
    code = fr->fn->code;                                                     \
    ip = code + fr->pc;                                                      \
    slots = g->stack + fr->base;                                             \
    sp = g->stack + g->sp;                                                   \
  } while (0)
#define SAVE()                                                               \
  do {                                                                       \
    fr->pc = (uint32_t)(ip - code);                                          \
    g->sp = (int)(sp - g->stack);                                            \
  } while (0)
#define ARG(i) (ip[(i)])
#define SARG(i) ((int32_t)ip[(i)])
#define PUSH(v) (*sp++ = (v))
#define INTV(x) ((Value){{.i = (int64_t)(x)}, NULL})
#define BIN_I(expr)                                                          \
  do {                                                                       \
    int64_t b = sp[-1].as.i, a = sp[-2].as.i;                                \
    (void)a, (void)b;                                                        \
    sp--;                                                                    \
    sp[-1] = INTV(expr);                                                     \
  } while (0)
#define BIN_U(expr)                                                          \
  do {                                                                       \
    uint64_t b = sp[-1].as.u, a = sp[-2].as.u;                               \
    sp--;                                                                    \
    sp[-1] = INTV(expr);                                                     \
  } while (0)
#define BIN_F(expr)                                                          \
  do {                                                                       \
    double b = sp[-1].as.f, a = sp[-2].as.f;                                 \
    sp--;                                                                    \
    sp[-1].as.f = (expr);                                                    \
    sp[-1].t = NULL;                                                         \
  } while (0)
#define CMP_F(expr)                                                          \
  do {                                                                       \
    double b = sp[-1].as.f, a = sp[-2].as.f;                                 \
    sp--;                                                                    \
    sp[-1] = INTV(expr);                                                     \
  } while (0)
/* An instruction failed: vm->pending says how. */
#define RAISE()                                                              \
  do {                                                                       \
    SAVE();                                                                  \
    goto raised;                                                             \
  } while (0)
/* A Step from vm_call.c: reload on STEP_OK, else leave the fast path. */
#define STEP(expr)                                                           \
  do {                                                                       \
    step = (expr);                                                           \
    if (step != STEP_OK) goto slow;                                          \
    LOAD();                                                                  \
  } while (0)

ExecStop vm_exec(VM *vm, Goroutine *g, int64_t *budget, bool nested) {
  Program *prog = vm->prog;
  Value *consts = prog->consts;
  Type **types = prog->types;
  Frame *fr;
  const uint32_t *code, *ip;
  Value *slots, *sp;
  int64_t left = *budget;
  Step step = vm_resume(vm, g);
  if (step != STEP_OK) goto slow;
  LOAD();

  for (;;) {
    if (--left < 0) {
      SAVE();
      if (vm->heap.over || !nested) {
        *budget = 0;
        if (!vm->heap.over) return EXEC_QUANTUM;
        vm_end_other(vm, VM_END_OOM, NULL);
        return EXEC_END;
      }
      left = INT64_MAX / 2; /* nested calls run to their end */
    }
    uint32_t op = *ip++;
    switch ((Opcode)op) {
    case OP_NOP: break;
    case OP_CONST: PUSH(consts[ARG(0)]); ip++; break;
    case OP_INT: PUSH(INTV(SARG(0))); ip++; break;
    case OP_NIL: PUSH(((Value){{0}, NULL})); break;
    case OP_ZERO: PUSH(val_zero(vm, types[ARG(0)])); ip++; break;
    case OP_POP: sp--; break;
    case OP_POPN: sp -= ARG(0); ip++; break;
    case OP_DUP: sp[0] = sp[-1]; sp++; break;
    case OP_DUP2: sp[0] = sp[-2]; sp[1] = sp[-1]; sp += 2; break;
    case OP_SWAP: { Value t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; break; }
    case OP_COPY: sp[-1] = val_copy(vm, types[ARG(0)], sp[-1]); ip++; break;
    case OP_COPYINTO:
      sp--;
      if (sp[-1].as.p) val_copy_into(types[ARG(0)], sp[-1], sp[0]);
      else sp[-1] = sp[0];
      ip++;
      break;

    case OP_LOCAL: PUSH(slots[ARG(0)]); ip++; break;
    case OP_SETLOCAL: slots[ARG(0)] = *--sp; ip++; break;
    case OP_GLOBAL: PUSH(vm->globals[ARG(0)]); ip++; break;
    case OP_SETGLOBAL: vm->globals[ARG(0)] = *--sp; ip++; break;
    case OP_BOXNEW: sp[-1] = box_new(vm, sp[-1]); break;
    case OP_BOXGET: PUSH(*slots[ARG(0)].as.ref); ip++; break;
    case OP_BOXSET: *slots[ARG(0)].as.ref = *--sp; ip++; break;
    case OP_UPREF:
      sp->as.ref = fr->closure->up[ARG(0)];
      sp->t = NULL;
      sp++, ip++;
      break;
    case OP_UPGET: PUSH(*fr->closure->up[ARG(0)]); ip++; break;
    case OP_UPSET: *fr->closure->up[ARG(0)] = *--sp; ip++; break;
    case OP_GLOBALREF:
      sp->as.ref = &vm->globals[ARG(0)];
      sp->t = NULL;
      sp++, ip++;
      break;
    case OP_LOADREF:
      if (!sp[-1].as.ref) goto nilderef;
      sp[-1] = *sp[-1].as.ref;
      break;
    case OP_STOREREF:
      if (!sp[-2].as.ref) goto nilderef;
      *sp[-2].as.ref = sp[-1];
      sp -= 2;
      break;
    case OP_NILCHECK:
      if (!sp[-1].as.p) goto nilderef;
      break;

    case OP_IADD: BIN_U(a + b); break;
    case OP_ISUB: BIN_U(a - b); break;
    case OP_IMUL: BIN_U(a * b); break;
    case OP_IDIV:
      if (sp[-1].as.i == 0) goto divzero;
      BIN_I(b == -1 ? (int64_t)(0 - (uint64_t)a) : a / b);
      break;
    case OP_IREM:
      if (sp[-1].as.i == 0) goto divzero;
      BIN_I(b == -1 ? 0 : a % b);
      break;
    case OP_UDIV:
      if (sp[-1].as.u == 0) goto divzero;
      BIN_U(a / b);
      break;
    case OP_UREM:
      if (sp[-1].as.u == 0) goto divzero;
      BIN_U(a % b);
      break;
    case OP_INEG: sp[-1].as.u = 0 - sp[-1].as.u; break;
    case OP_AND: BIN_U(a & b); break;
    case OP_OR: BIN_U(a | b); break;
    case OP_XOR: BIN_U(a ^ b); break;
    case OP_ANDNOT: BIN_U(a & ~b); break;
    case OP_BNOT: sp[-1].as.u = ~sp[-1].as.u; break;
    case OP_SHL:
    case OP_SHR:
    case OP_USHR:
      if (ARG(0) && sp[-1].as.i < 0) {
        ip++;
        SAVE();
        vm_runtime_error(vm, g, "negative shift amount");
        goto raised;
      }
      sp[-2].as.i = shift((int)op, sp[-2].as.i, sp[-1].as.u);
      sp--, ip++;
      break;
    case OP_WRAP: sp[-1].as.i = wrap(sp[-1].as.i, (int)ARG(0)); ip++; break;

    case OP_FADD: BIN_F(a + b); break;
    case OP_FSUB: BIN_F(a - b); break;
    case OP_FMUL: BIN_F(a * b); break;
    case OP_FDIV: BIN_F(a / b); break;
    case OP_FNEG: sp[-1].as.f = -sp[-1].as.f; break;
    case OP_F32: sp[-1].as.f = (double)(float)sp[-1].as.f; break;

    case OP_CONCAT:
      sp[-2] = vm_op_concat(vm, sp - 2, 2);
      sp--;
      break;
    case OP_CONCATN: {
      int n = (int)ARG(0);
      sp[-n] = vm_op_concat(vm, sp - n, n);
      sp -= n - 1, ip++;
      break;
    }

    case OP_IEQ: BIN_U(a == b); break;
    case OP_INE: BIN_U(a != b); break;
    case OP_ILT: BIN_I(a < b); break;
    case OP_ILE: BIN_I(a <= b); break;
    case OP_IGT: BIN_I(a > b); break;
    case OP_IGE: BIN_I(a >= b); break;
    case OP_ULT: BIN_U(a < b); break;
    case OP_ULE: BIN_U(a <= b); break;
    case OP_UGT: BIN_U(a > b); break;
    case OP_UGE: BIN_U(a >= b); break;
    case OP_FEQ: CMP_F(a == b); break;
    case OP_FNE: CMP_F(a != b); break;
    case OP_FLT: CMP_F(a < b); break;
    case OP_FLE: CMP_F(a <= b); break;
    case OP_FGT: CMP_F(a > b); break;
    case OP_FGE: CMP_F(a >= b); break;
    case OP_SEQ:
    case OP_SNE: {
      bool eq = val_str_len(sp[-2]) == val_str_len(sp[-1]) &&
                vm_op_strcmp(sp[-2], sp[-1]) == 0;
      sp--;
      sp[-1] = INTV(op == OP_SEQ ? eq : !eq);
      break;
    }
    case OP_SLT: sp--; sp[-1] = INTV(vm_op_strcmp(sp[-1], sp[0]) < 0); break;
    case OP_SLE: sp--; sp[-1] = INTV(vm_op_strcmp(sp[-1], sp[0]) <= 0); break;
    case OP_SGT: sp--; sp[-1] = INTV(vm_op_strcmp(sp[-1], sp[0]) > 0); break;
    case OP_SGE: sp--; sp[-1] = INTV(vm_op_strcmp(sp[-1], sp[0]) >= 0); break;
    case OP_EQ:
    case OP_NE: {
      Type *bad = NULL;
      bool eq = val_equal(types[ARG(0)], sp[-2], sp[-1], &bad);
      ip++;
      if (bad) {
        Buf tmp = BUF_INIT;
        SAVE();
        vm_runtime_error(vm, g, "comparing uncomparable type %s",
                         vm_type_name(bad, &tmp));
        buf_fini(&tmp);
        goto raised;
      }
      sp--;
      sp[-1] = INTV(op == OP_EQ ? eq : !eq);
      break;
    }
    case OP_NOT: sp[-1] = INTV(!sp[-1].as.i); break;

    case OP_I2F: sp[-1].as.f = (double)sp[-1].as.i; break;
    case OP_U2F: sp[-1].as.f = (double)sp[-1].as.u; break;
    case OP_F2I: sp[-1].as.i = f2i(sp[-1].as.f); break;
    case OP_F2U: sp[-1].as.u = f2u(sp[-1].as.f); break;
    case OP_I2S: sp[-1] = vm_op_rune2str(vm, sp[-1].as.i); break;
    case OP_B2S: sp[-1] = vm_op_bytes2str(vm, sp[-1]); break;
    case OP_S2B: sp[-1] = vm_op_str2bytes(vm, sp[-1], types[ARG(0)]); ip++;
      break;
    case OP_R2S: sp[-1] = vm_op_runes2str(vm, sp[-1]); break;
    case OP_S2R: sp[-1] = vm_op_str2runes(vm, sp[-1], types[ARG(0)]); ip++;
      break;

    case OP_JMP:
      if (ARG(0) <= (uint32_t)(ip - code) && vm->heap.over) left = 0;
      ip = code + ARG(0);
      break;
    case OP_JMPF: ip = (--sp)->as.i ? ip + 1 : code + ARG(0); break;
    case OP_JMPT: ip = (--sp)->as.i ? code + ARG(0) : ip + 1; break;

    case OP_CALL: {
      int n = (int)ARG(0);
      Closure *cl = sp[-n - 1].as.p;
      ip++;
      if (!cl) goto nilderef_saved;
      SAVE();
      STEP(vm_invoke(vm, g, cl->fn, cl, g->sp - n, FRAME_RET_CLOSURE));
      break;
    }
    case OP_CALLF: {
      int n = (int)ARG(1);
      Func *f = prog->funcs[ARG(0)];
      ip += 2;
      SAVE();
      STEP(vm_invoke(vm, g, f, NULL, g->sp - n, 0));
      break;
    }
    case OP_CALLI: {
      int n = (int)ARG(1);
      Value *recv = sp - n;
      const char *name = val_str_data(consts[ARG(0)]);
      ip += 2;
      if (!recv->t) goto nilderef_saved;
      Func *m = vm_find_method(recv->t, name);
      if (!m) die("vm: dynamic type has no method %s", name);
      recv->t = NULL;
      SAVE();
      STEP(vm_invoke(vm, g, m, NULL, g->sp - n, 0));
      break;
    }
    case OP_RET:
      SAVE();
      STEP(vm_return(vm, g));
      break;
    case OP_RUNDEFERS:
      if (!fr->defers) break;
      SAVE();
      STEP(vm_rundefer(vm, g));
      break;
    case OP_DEFER:
      ip++;
      SAVE();
      vm_defer(vm, g, (int)ip[-1]);
      LOAD();
      break;
    case OP_GO:
      ip++;
      SAVE();
      STEP(vm_go(vm, g, (int)ip[-1], (uint32_t)(ip - code)));
      break;
    case OP_PANIC: {
      Value v = *--sp;
      SAVE();
      vm_panic(vm, g, v);
      goto raised;
    }
    case OP_RECOVER: PUSH(vm_recover(vm, g)); break;
    case OP_CLOSURE: {
      int n = (int)ARG(1);
      Value c = closure_new(vm, (int)ARG(0), sp - n, n);
      sp -= n;
      PUSH(c);
      ip += 2;
      break;
    }
    case OP_FUNCVAL:
      sp->as.p = funcval(vm, (int)ARG(0));
      sp->t = NULL;
      sp++, ip++;
      break;

    case OP_FIELD: sp[-1] = ((AggObj *)sp[-1].as.p)->v[ARG(0)]; ip++; break;
    case OP_FIELDADDR:
      if (!sp[-1].as.ref) goto nilderef_op1;
      sp[-1].as.ref = &((AggObj *)sp[-1].as.ref->as.p)->v[ARG(0)];
      ip++;
      break;
    case OP_SETFIELD:
      ((AggObj *)sp[-2].as.p)->v[ARG(0)] = sp[-1];
      sp -= 2, ip++;
      break;
    case OP_AINDEX:
    case OP_AINDEXADDR: {
      AggObj *a = sp[-2].as.p;
      int64_t i = sp[-1].as.i;
      if ((uint64_t)i >= (uint64_t)a->n) goto index_error;
      sp--;
      if (op == OP_AINDEX)
        sp[-1] = a->v[i];
      else
        sp[-1].as.ref = &a->v[i], sp[-1].t = NULL;
      break;
    }
    case OP_SINDEX:
    case OP_SINDEXADDR: {
      int64_t i = sp[-1].as.i, n = val_slice_len(sp[-2]);
      if ((uint64_t)i >= (uint64_t)n) goto index_error;
      Value *e = val_slice_at(sp[-2], i);
      sp--;
      if (op == OP_SINDEX)
        sp[-1] = *e;
      else
        sp[-1].as.ref = e, sp[-1].t = NULL;
      break;
    }
    case OP_STRINDEX: {
      int64_t i = sp[-1].as.i, n = val_str_len(sp[-2]);
      if ((uint64_t)i >= (uint64_t)n) goto index_error;
      sp--;
      sp[-1] = INTV((unsigned char)val_str_data(sp[-1])[i]);
      break;
    }
    case OP_ASETINDEX: {
      AggObj *a = sp[-3].as.p;
      int64_t i = sp[-2].as.i;
      if ((uint64_t)i >= (uint64_t)a->n) goto set_index_error;
      a->v[i] = sp[-1];
      sp -= 3;
      break;
    }
    case OP_SSETINDEX: {
      int64_t i = sp[-2].as.i, n = val_slice_len(sp[-3]);
      if ((uint64_t)i >= (uint64_t)n) goto set_index_error;
      *val_slice_at(sp[-3], i) = sp[-1];
      sp -= 3;
      break;
    }
    case OP_MAPINDEX:
    case OP_MAPINDEX2:
      ip++;
      if (!vm_op_mapindex(vm, sp, types[ip[-1]], op == OP_MAPINDEX2)) RAISE();
      if (op == OP_MAPINDEX) sp--;
      break;
    case OP_MAPSET:
    case OP_MAPDELETE: {
      int n = op == OP_MAPSET ? 3 : 2;
      ip++;
      MapStep ms = vm_op_mapwrite(vm, g, sp - n, types[ip[-1]],
                                  op == OP_MAPDELETE, nested ? -1 : left);
      if (ms == MAP_RAISED) RAISE();
      if (ms == MAP_SWITCH) {
        SAVE();
        fr->pc = (uint32_t)(ip - 2 - code); /* phase two runs on resume */
        *budget = 0;
        return EXEC_QUANTUM;
      }
      sp -= n;
      break;
    }
    case OP_SLICE:
      ip += 2;
      if (!vm_op_slice(vm, &sp, (int)ip[-2], (int)ip[-1])) RAISE();
      break;
    case OP_LEN: sp[-1] = INTV(len_of(sp[-1], (int)ARG(0))); ip++; break;
    case OP_CAP: sp[-1] = INTV(cap_of(sp[-1], (int)ARG(0))); ip++; break;
    case OP_MAKESLICE:
      ip++;
      if (!vm_op_makeslice(vm, &sp, types[ip[-1]])) RAISE();
      if (vm->heap.over) left = 0;
      break;
    case OP_MAKEMAP:
      sp[-1].as.p = map_new(vm, types[ARG(0)], sp[-1].as.i);
      sp[-1].t = NULL;
      ip++;
      break;
    case OP_MAKECHAN:
      ip++;
      if (sp[-1].as.i < 0) {
        SAVE();
        vm_panic_plain(vm, g, "makechan: size out of range");
        goto raised;
      }
      SAVE(); /* the trace's chan_make reports this line */
      sp[-1].as.p = chan_new(vm, types[ip[-1]], sp[-1].as.i);
      sp[-1].t = NULL;
      if (vm->leak_sites)
        vm_leak_note(vm, sp[-1].as.p, fr->fn, (uint32_t)(ip - 2 - code));
      break;
    case OP_NEW: PUSH(box_new(vm, val_zero(vm, types[ARG(0)]))); ip++; break;
    case OP_SLICELIT: {
      int n = (int)ARG(1);
      Value s = slice_lit(vm, types[ARG(0)], sp - n, n);
      sp -= n;
      PUSH(s);
      ip += 2;
      break;
    }
    case OP_ARRAYLIT:
    case OP_STRUCTLIT: {
      int n = (int)ARG(1);
      Value a = agg_lit(vm, sp - n, n);
      sp -= n;
      PUSH(a);
      ip += 2;
      break;
    }
    case OP_MAPLIT: {
      int n = (int)ARG(1);
      Value m;
      ip += 2;
      if (!map_lit(vm, types[ip[-2]], sp - 2 * n, n, &m)) RAISE();
      sp -= 2 * n;
      PUSH(m);
      break;
    }
    case OP_APPEND:
      ip += 2;
      vm_op_append(vm, &sp, types[ip[-2]], (int)ip[-1]);
      break;
    case OP_APPENDS:
      ip += 2;
      vm_op_appends(vm, &sp, types[ip[-2]], (int)ip[-1]);
      break;
    case OP_COPYSL: vm_op_copysl(&sp, (int)ARG(0)); ip++; break;
    case OP_MAPITER: sp[-1] = vm_op_mapiter(vm, sp[-1]); ip++; break;
    case OP_MAPNEXT:
      if (!vm_op_mapnext(vm, sp)) RAISE();
      sp += 3;
      break;
    case OP_STRNEXT: vm_op_strnext(sp); break;

    case OP_SEND:
    case OP_RECV:
    case OP_RECV2:
    case OP_CLOSE:
    case OP_SELECT: {
      const uint32_t *start = ip - 1;
      NatStatus st;
      if (op == OP_SELECT) {
        int n = (int)ARG(0);
        bool d = ARG(1) != 0;
        ip += 2 + n;
        SAVE();
        st = op_select(vm, g, start + 3, n, d, &sp);
      } else {
        SAVE();
        if (op == OP_SEND) {
          st = chan_send(vm, g, sp[-2].as.p, sp[-1]);
          if (st == NAT_OK) sp -= 2;
        } else if (op == OP_CLOSE) {
          st = chan_close(vm, g, sp[-1].as.p);
          if (st == NAT_OK) sp--;
        } else {
          bool ok = false;
          st = chan_recv(vm, g, sp[-1].as.p, &sp[-1], &ok);
          if (st == NAT_OK && op == OP_RECV2) PUSH(INTV(ok));
        }
      }
      if (st == NAT_OK) {
        g->park.woken = false;
        /* A scheduling point under the exploring strategies (sched.h). */
        if (vm->opts.strategy != STRAT_GO && sched_point(vm->sched, g)) {
          SAVE();
          *budget = left;
          return EXEC_YIELD;
        }
        break;
      }
      if (st == NAT_RAISED) goto raised;
      SAVE();
      fr->pc = (uint32_t)(start - code); /* run it again when woken */
      *budget = left;
      return EXEC_BLOCK;
    }

    case OP_TOIFACE: {
      Type *t = types[ARG(0)];
      sp[-1] = val_copy(vm, t, sp[-1]);
      sp[-1].t = t;
      ip++;
      break;
    }
    case OP_ASSERT:
      ip += 2;
      if (!vm_op_assert(vm, sp, types[ip[-2]], types[ip[-1]])) RAISE();
      break;
    case OP_ASSERT2:
      ip++;
      vm_op_assert(vm, sp, types[ip[-1]], NULL);
      sp++;
      break;
    case OP_ASSERTI:
      ip += 2;
      if (!vm_op_asserti(vm, sp, types[ip[-2]], false, types[ip[-1]]))
        RAISE();
      break;
    case OP_ASSERTI2:
      ip++;
      vm_op_asserti(vm, sp, types[ip[-1]], true, NULL);
      sp++;
      break;
    case OP_ISTYPE: {
      uint32_t t = ARG(0);
      sp[-1] = INTV(vm_op_istype(sp[-1], t == 0xFFFFFFFFu ? NULL : types[t]));
      ip++;
      break;
    }

    case OP_PRINT: {
      int n = (int)ARG(0), nl = (int)ARG(1);
      Type *tb[16];
      Type **ts = n <= 16 ? tb : xmalloc((size_t)n * sizeof *ts);
      for (int i = 0; i < n; i++) ts[i] = types[ARG(2 + i)];
      ip += 2 + n;
      SAVE();
      fmt_builtin_print(vm, sp - n, ts, n, nl);
      if (ts != tb) free(ts);
      sp -= n;
      break;
    }

    case OP_RACE: /* only in code compiled for --race */
      vm_race_op(vm, g, fr, ip, sp, slots);
      break;

    default:
      die("vm: bad opcode %u in %s at pc %ld", op, fr->fn->name,
          (long)(ip - code - 1));
    }
    continue;

  nilderef_op1:
    ip++;
  nilderef_saved:
    SAVE();
    vm_nil_deref(vm, g);
    goto raised;
  nilderef:
    SAVE();
    vm_nil_deref(vm, g);
    goto raised;
  divzero:
    SAVE();
    vm_runtime_error(vm, g, "integer divide by zero");
    goto raised;
  index_error:
    SAVE();
    vm_index_error(vm, g, sp[-1].as.i, op == OP_STRINDEX ? val_str_len(sp[-2])
                                       : op == OP_SINDEX || op == OP_SINDEXADDR
                                           ? val_slice_len(sp[-2])
                                           : ((AggObj *)sp[-2].as.p)->n);
    goto raised;
  set_index_error:
    SAVE();
    vm_index_error(vm, g, sp[-2].as.i,
                   op == OP_SSETINDEX ? val_slice_len(sp[-3])
                                      : ((AggObj *)sp[-3].as.p)->n);
    goto raised;
  raised:
    step = STEP_RAISED;
  slow:
    /* Frames or the stack changed under a call, return or raise: follow
     * the steps until the goroutine can run on or must stop. */
    for (;;) {
      switch (step) {
      case STEP_OK: break;
      case STEP_RAISED: step = vm_raise(vm, g); continue;
      case STEP_UNWIND: step = vm_unwind(vm, g); continue;
      case STEP_BLOCK: *budget = left; return EXEC_BLOCK;
      case STEP_YIELD: *budget = left; return EXEC_YIELD;
      case STEP_GEXIT: *budget = left; return EXEC_GEXIT;
      case STEP_END: *budget = left; return EXEC_END;
      case STEP_NESTED: *budget = left; return EXEC_NESTED_RET;
      case STEP_NESTED_PANIC: *budget = left; return EXEC_NESTED_PANIC;
      }
      break;
    }
    if (vm->ended) {
      *budget = left;
      return EXEC_END;
    }
    LOAD();
  }
}
