/* test_vm.c - unit tests for the VM (engine/vm*.c): hand-assembled
 * Programs run to the end, asserting on the captured stdout/stderr and
 * the exit status.  Runs on the real scheduler, channels, fmt and
 * traceback; only the Program is built by hand (a tiny assembler below),
 * so a compiler bug cannot hide or fake a VM bug. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "engine/program.h"
#include "engine/types.h"
#include "engine/vm.h"

/* Operand counts straight from the one list, so the test does not depend
 * on program.c. */
static const int8_t nops[] = {
#define OPCODE(name, operands, doc) operands,
#include "engine/opcodes.def"
#undef OPCODE
};

enum { MAXF = 16, MAXK = 16 };

typedef struct Asm {
  Universe *u;
  Program prog;
  Func *funcs[MAXF];
  Value consts[MAXK];
  Type *types[MAXK];
  Buf out, err;
  VM *vm;
} Asm;

/* Type indices used by the tests. */
enum { TI_INT = 0, TI_STRING, TI_CHAN, TI_SLICE, TI_ANY, TI_INT8 };

static void capture(void *ctx, int fd, const char *p, size_t n) {
  Asm *a = ctx;
  buf_append(fd == 1 ? &a->out : &a->err, p, n);
}

static int setup(void **state) {
  Asm *a = xcalloc(1, sizeof *a);
  a->u = types_new_universe();
  a->prog.universe = a->u;
  a->prog.funcs = a->funcs;
  a->prog.consts = a->consts;
  a->prog.types = a->types;
  a->types[TI_INT] = types_basic(a->u, TY_INT);
  a->types[TI_STRING] = types_basic(a->u, TY_STRING);
  a->types[TI_CHAN] = types_chan(a->u, a->types[TI_INT], CHAN_BOTH);
  a->types[TI_SLICE] = types_slice(a->u, a->types[TI_INT]);
  a->types[TI_ANY] = types_any(a->u);
  a->types[TI_INT8] = types_basic(a->u, TY_INT8);
  a->prog.ntypes = 6;
  heap_init(&a->prog.heap, 0);
  *state = a;
  return 0;
}

static int teardown(void **state) {
  Asm *a = *state;
  vm_free(a->vm);
  for (int i = 0; i < a->prog.nfuncs; i++) {
    free(a->funcs[i]->code);
    free(a->funcs[i]->lines);
    free(a->funcs[i]);
  }
  heap_fini(&a->prog.heap);
  types_free_universe(a->u);
  buf_fini(&a->out);
  buf_fini(&a->err);
  free(a);
  return 0;
}

static Func *fn_new(Asm *a, const char *name, int np, int nr, int nl) {
  Func *f = xcalloc(1, sizeof *f);
  f->name = name;
  f->file = "prog.go";
  f->nparams = np;
  f->nresults = nr;
  f->nlocals = nl;
  f->maxstack = 8;
  f->epilogue_pc = -1;
  a->funcs[a->prog.nfuncs++] = f;
  return f;
}

static int fidx(Asm *a, Func *f) {
  for (int i = 0; i < a->prog.nfuncs; i++)
    if (a->funcs[i] == f) return i;
  return -1;
}

/* Appends one word; its line is 10 + the instruction count, so tracebacks
 * have something to print. */
static int word(Func *f, uint32_t w) {
  f->code = xrealloc(f->code, (size_t)(f->ncode + 1) * sizeof *f->code);
  f->lines = xrealloc(f->lines, (size_t)(f->ncode + 1) * sizeof *f->lines);
  f->code[f->ncode] = w;
  f->lines[f->ncode] = 10;
  return f->ncode++;
}

/* E(f, OP_X, operands...): one instruction; returns its pc. */
static int E(Func *f, Opcode op, ...) {
  int pc = word(f, (uint32_t)op);
  va_list ap;
  va_start(ap, op);
  for (int i = 0; i < nops[op]; i++) word(f, (uint32_t)va_arg(ap, int));
  va_end(ap);
  return pc;
}

static int K_str(Asm *a, const char *s) {
  int k = a->prog.nconsts++;
  size_t n = strlen(s);
  StrObj *o = (StrObj *)heap_alloc(&a->prog.heap, OBJ_STRING,
                                   sizeof(StrObj) + n + 1);
  o->len = (int64_t)n;
  memcpy(o->data, s, n + 1);
  a->consts[k] = (Value){{.p = o}, NULL};
  return k;
}

/* println(top of stack as int) */
static void print_int(Func *f) {
  E(f, OP_PRINT, 1, 1);
  word(f, TI_INT);
}

static int run_mem(Asm *a, Func *entry, int64_t max_steps, size_t mem) {
  a->prog.entry = entry;
  VMOptions o = {.seed = 1, .write = capture, .write_ctx = a,
                 .max_steps = max_steps, .mem_limit = mem};
  a->vm = vm_new(&a->prog, &o);
  return vm_run(a->vm);
}

static int run(Asm *a, Func *entry, int64_t max_steps) {
  return run_mem(a, entry, max_steps, 0);
}

static const char *err(Asm *a) { return a->err.data ? a->err.data : ""; }

static bool starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* --- tests ---------------------------------------------------------------- */

static void vm__arith_and_wrap(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  E(m, OP_INT, 7), E(m, OP_INT, 5), E(m, OP_IMUL), E(m, OP_INT, 3);
  E(m, OP_ISUB);
  print_int(m);
  E(m, OP_INT, 100), E(m, OP_INT, 100), E(m, OP_IADD), E(m, OP_WRAP, TY_INT8);
  print_int(m);
  E(m, OP_INT, -7), E(m, OP_INT, 2), E(m, OP_IREM);
  print_int(m);
  E(m, OP_INT, -1), E(m, OP_INT, 70), E(m, OP_SHR, 0);
  print_int(m);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 0);
  assert_string_equal(err(a), "32\n-56\n-1\n-1\n");
  assert_int_equal(vm_end(a->vm), VM_END_EXIT);
}

static void vm__divide_by_zero(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  E(m, OP_INT, 1), E(m, OP_INT, 0), E(m, OP_IDIV), E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 2);
  assert_true(starts(err(a), "panic: runtime error: integer divide by zero\n"
                             "\ngoroutine 1 [running]:\nmain.main()\n"));
  assert_int_equal(vm_end(a->vm), VM_END_PANIC);
  assert_string_equal(vm_end_message(a->vm),
                      "panic: runtime error: integer divide by zero");
}

/* divmod(a, b) (q, r) called directly; results replace the arguments. */
static void vm__call_results(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *d = fn_new(a, "main.divmod", 2, 2, 4);
  E(d, OP_LOCAL, 0), E(d, OP_LOCAL, 1), E(d, OP_IDIV), E(d, OP_SETLOCAL, 2);
  E(d, OP_LOCAL, 0), E(d, OP_LOCAL, 1), E(d, OP_IREM), E(d, OP_SETLOCAL, 3);
  E(d, OP_RET);
  E(m, OP_INT, 99); /* below the call: must survive it */
  E(m, OP_INT, 17), E(m, OP_INT, 5), E(m, OP_CALLF, fidx(a, d), 2);
  print_int(m), print_int(m), print_int(m);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 0);
  assert_string_equal(err(a), "2\n3\n99\n");
}

/* counter := func() int { n++; return n } over a boxed n, called through
 * CALL on the closure value. */
static void vm__closure_counter(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 1);
  Func *inc = fn_new(a, "main.main.func1", 0, 1, 1);
  inc->nupvals = 1;
  E(inc, OP_UPGET, 0), E(inc, OP_INT, 1), E(inc, OP_IADD), E(inc, OP_DUP);
  E(inc, OP_UPSET, 0), E(inc, OP_SETLOCAL, 0), E(inc, OP_RET);
  E(m, OP_INT, 0), E(m, OP_BOXNEW), E(m, OP_CLOSURE, fidx(a, inc), 1);
  E(m, OP_SETLOCAL, 0);
  for (int i = 0; i < 3; i++) {
    E(m, OP_LOCAL, 0), E(m, OP_CALL, 0);
    print_int(m);
  }
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 0);
  assert_string_equal(err(a), "1\n2\n3\n");
}

/* defer println(1); defer println(2): newest first. */
static void vm__defer_order(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *p = fn_new(a, "main.show", 1, 0, 1);
  E(p, OP_LOCAL, 0);
  print_int(p);
  E(p, OP_RET);
  for (int i = 1; i <= 2; i++)
    E(m, OP_FUNCVAL, fidx(a, p)), E(m, OP_INT, i), E(m, OP_DEFER, 1);
  E(m, OP_INT, 0);
  print_int(m);
  m->epilogue_pc = E(m, OP_RUNDEFERS);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 0);
  assert_string_equal(err(a), "0\n2\n1\n");
}

/* func f() (r int) {
 *   defer func() { if recover() != nil { r = 42 } }()
 *   panic("x")
 * }  -- r is captured, so it lives in a box copied out at the epilogue. */
static Func *build_recover_f(Asm *a) {
  Func *f = fn_new(a, "main.f", 0, 1, 2);
  Func *g = fn_new(a, "main.f.func1", 0, 0, 0);
  g->nupvals = 1;
  int j = E(g, OP_RECOVER);
  E(g, OP_ISTYPE, -1);
  j = E(g, OP_JMPT, 0);
  E(g, OP_INT, 42), E(g, OP_UPSET, 0);
  g->code[j + 1] = (uint32_t)E(g, OP_RET);
  E(f, OP_NIL), E(f, OP_BOXNEW), E(f, OP_SETLOCAL, 1);
  E(f, OP_LOCAL, 1), E(f, OP_CLOSURE, fidx(a, g), 1), E(f, OP_DEFER, 0);
  E(f, OP_CONST, K_str(a, "x")), E(f, OP_TOIFACE, TI_STRING), E(f, OP_PANIC);
  f->epilogue_pc = E(f, OP_RUNDEFERS);
  E(f, OP_BOXGET, 1), E(f, OP_SETLOCAL, 0), E(f, OP_RET);
  return f;
}

static void vm__recover_sets_named_result(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *f = build_recover_f(a);
  E(m, OP_CALLF, fidx(a, f), 0);
  print_int(m);
  E(m, OP_INT, 7);
  print_int(m);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 0);
  assert_string_equal(err(a), "42\n7\n");
}

static void vm__unrecovered_panic(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *p = fn_new(a, "main.show", 1, 0, 1);
  E(p, OP_LOCAL, 0);
  print_int(p);
  E(p, OP_RET);
  E(m, OP_FUNCVAL, fidx(a, p)), E(m, OP_INT, 5), E(m, OP_DEFER, 1);
  E(m, OP_CONST, K_str(a, "boom")), E(m, OP_TOIFACE, TI_STRING);
  E(m, OP_PANIC);
  m->epilogue_pc = E(m, OP_RUNDEFERS);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 2);
  /* the deferred call ran before the report */
  assert_true(starts(err(a), "5\npanic: boom\n\ngoroutine 1 [running]:\n"
                             "main.main()\n\tprog.go:10"));
  assert_int_equal(a->err.data[a->err.len - 1], '\n');
  assert_int_not_equal(a->err.data[a->err.len - 2], '\n');
  assert_string_equal(vm_end_message(a->vm), "panic: boom");
}

/* defer func() { recover(); panic("second") }(); panic("first") */
static void vm__panic_chain(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *d = fn_new(a, "main.main.func1", 0, 0, 0);
  E(d, OP_RECOVER), E(d, OP_POP);
  E(d, OP_CONST, K_str(a, "second")), E(d, OP_TOIFACE, TI_STRING);
  E(d, OP_PANIC);
  E(m, OP_FUNCVAL, fidx(a, d)), E(m, OP_DEFER, 0);
  E(m, OP_CONST, K_str(a, "first")), E(m, OP_TOIFACE, TI_STRING);
  E(m, OP_PANIC);
  m->epilogue_pc = E(m, OP_RUNDEFERS);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 2);
  assert_true(starts(err(a), "panic: first [recovered]\n\tpanic: second\n\n"
                             "goroutine 1 [running]:\n"));
  assert_string_equal(vm_end_message(a->vm), "panic: first [recovered]");
}

/* A recover() in a function the deferred call calls does not stop the
 * panic (it must be called directly by the deferred function). */
static void vm__recover_not_direct(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *d = fn_new(a, "main.main.func1", 0, 0, 0);
  Func *h = fn_new(a, "main.helper", 0, 0, 0);
  E(h, OP_RECOVER), E(h, OP_POP), E(h, OP_RET);
  E(d, OP_CALLF, fidx(a, h), 0), E(d, OP_RET);
  E(m, OP_FUNCVAL, fidx(a, d)), E(m, OP_DEFER, 0);
  E(m, OP_CONST, K_str(a, "kept")), E(m, OP_TOIFACE, TI_STRING);
  E(m, OP_PANIC);
  m->epilogue_pc = E(m, OP_RUNDEFERS);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 2);
  assert_true(starts(err(a), "panic: kept\n\n"));
}

static void vm__index_out_of_range(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  E(m, OP_INT, 1), E(m, OP_INT, 2), E(m, OP_INT, 3);
  E(m, OP_SLICELIT, TI_SLICE, 3), E(m, OP_INT, 5), E(m, OP_SINDEX);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 2);
  assert_true(starts(err(a), "panic: runtime error: index out of range [5] "
                             "with length 3\n\ngoroutine 1 [running]:\n"));
}

static void vm__nil_deref_signal_line(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  E(m, OP_NIL), E(m, OP_LOADREF), E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 2);
  assert_true(starts(err(a),
                     "panic: runtime error: invalid memory address or nil "
                     "pointer dereference\n[signal SIGSEGV: segmentation "
                     "violation code=0x1 addr=0x0 pc=0x0]\n\ngoroutine 1"));
}

/* go worker(ch); println(<-ch) with worker: ch <- 42 */
static void vm__channel_handoff(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 1);
  Func *w = fn_new(a, "main.worker", 1, 0, 1);
  E(w, OP_LOCAL, 0), E(w, OP_INT, 42), E(w, OP_SEND), E(w, OP_RET);
  E(m, OP_INT, 0), E(m, OP_MAKECHAN, TI_CHAN), E(m, OP_SETLOCAL, 0);
  E(m, OP_FUNCVAL, fidx(a, w)), E(m, OP_LOCAL, 0), E(m, OP_GO, 1);
  E(m, OP_LOCAL, 0), E(m, OP_RECV);
  print_int(m);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 0);
  assert_string_equal(err(a), "42\n");
  assert_int_equal(vm_goroutines(a->vm), 2);
}

static void vm__deadlock(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  E(m, OP_INT, 0), E(m, OP_MAKECHAN, TI_CHAN), E(m, OP_RECV), E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 2);
  assert_true(starts(err(a), "fatal error: all goroutines are asleep - "
                             "deadlock!\n\ngoroutine 1 [chan receive]:\n"
                             "main.main()\n"));
  assert_int_equal(vm_end(a->vm), VM_END_DEADLOCK);
}

/* A goroutine's panic ends the program even while main is blocked, and
 * main's deferred calls do not run. */
static void vm__goroutine_panic_kills_program(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *w = fn_new(a, "main.main.func1", 0, 0, 0);
  Func *p = fn_new(a, "main.show", 1, 0, 1);
  E(p, OP_LOCAL, 0);
  print_int(p);
  E(p, OP_RET);
  E(w, OP_CONST, K_str(a, "child")), E(w, OP_TOIFACE, TI_STRING);
  E(w, OP_PANIC);
  E(m, OP_FUNCVAL, fidx(a, p)), E(m, OP_INT, 1), E(m, OP_DEFER, 1);
  E(m, OP_FUNCVAL, fidx(a, w)), E(m, OP_GO, 0);
  E(m, OP_INT, 0), E(m, OP_MAKECHAN, TI_CHAN), E(m, OP_RECV), E(m, OP_POP);
  m->epilogue_pc = E(m, OP_RUNDEFERS);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 2);
  assert_true(starts(err(a), "panic: child\n\ngoroutine "));
  assert_null(strstr(err(a), "1\n"));
  assert_non_null(strstr(err(a), "created by main.main\n"));
}

static NatStatus nat_exit3(struct VM *vm, struct Goroutine *g, Value *args,
                           Value *res) {
  (void)g, (void)args, (void)res;
  return vm_exit(vm, 3);
}

/* os.Exit(3) from a native: deferred calls do not run. */
static void vm__native_exit(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *x = fn_new(a, "os.Exit", 0, 0, 0);
  x->native = nat_exit3;
  Func *p = fn_new(a, "main.show", 1, 0, 1);
  E(p, OP_LOCAL, 0);
  print_int(p);
  E(p, OP_RET);
  E(m, OP_FUNCVAL, fidx(a, p)), E(m, OP_INT, 1), E(m, OP_DEFER, 1);
  E(m, OP_CALLF, fidx(a, x), 0);
  m->epilogue_pc = E(m, OP_RUNDEFERS);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 3);
  assert_string_equal(err(a), "");
  assert_int_equal(vm_end(a->vm), VM_END_EXIT);
}

static void vm__steps_limit(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  E(m, OP_JMP, 0);
  assert_int_equal(run(a, m, 10000), 2);
  assert_int_equal(vm_end(a->vm), VM_END_STEPS);
  assert_true(vm_steps(a->vm) >= 10000 && vm_steps(a->vm) < 10010);
}

/* fib(n) = n < 2 ? n : fib(n-1) + fib(n-2); fib(25) = 75025 */
static void vm__fib(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *f = fn_new(a, "main.fib", 1, 1, 2);
  int fi = fidx(a, f);
  E(f, OP_LOCAL, 0), E(f, OP_INT, 2), E(f, OP_ILT);
  int j = E(f, OP_JMPF, 0);
  E(f, OP_LOCAL, 0), E(f, OP_SETLOCAL, 1), E(f, OP_RET);
  f->code[j + 1] = (uint32_t)E(f, OP_LOCAL, 0);
  E(f, OP_INT, 1), E(f, OP_ISUB), E(f, OP_CALLF, fi, 1);
  E(f, OP_LOCAL, 0), E(f, OP_INT, 2), E(f, OP_ISUB), E(f, OP_CALLF, fi, 1);
  E(f, OP_IADD), E(f, OP_SETLOCAL, 1), E(f, OP_RET);
  E(m, OP_INT, 25), E(m, OP_CALLF, fi, 1);
  print_int(m);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 0);
  assert_string_equal(err(a), "75025\n");
}

static NatStatus nat_twice(struct VM *vm, struct Goroutine *g, Value *args,
                           Value *res) {
  Value r, p;
  Closure *c = args[0].as.p;
  Value arg = {{.i = 20}, NULL};
  if (vm_call_nested(vm, g, c, &arg, 1, &r, 1, &p) != 0) return NAT_OK;
  res[0].as.i = 2 * r.as.i;
  return NAT_OK;
}

/* A native calling back into Go (as fmt calls String()). */
static void vm__nested_call(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 0);
  Func *n = fn_new(a, "main.twice", 1, 1, 2);
  n->native = nat_twice;
  Func *inc = fn_new(a, "main.inc", 1, 1, 2);
  E(inc, OP_LOCAL, 0), E(inc, OP_INT, 1), E(inc, OP_IADD);
  E(inc, OP_SETLOCAL, 1), E(inc, OP_RET);
  E(m, OP_FUNCVAL, fidx(a, inc)), E(m, OP_CALLF, fidx(a, n), 1);
  print_int(m);
  E(m, OP_RET);
  assert_int_equal(run(a, m, 0), 0);
  assert_string_equal(err(a), "42\n");
}

/* for { s = append(s, 1) } under a 1 MB heap */
static void vm__out_of_memory(void **state) {
  Asm *a = *state;
  Func *m = fn_new(a, "main.main", 0, 0, 1);
  int top = E(m, OP_LOCAL, 0);
  E(m, OP_INT, 1), E(m, OP_APPEND, TI_SLICE, 1), E(m, OP_SETLOCAL, 0);
  E(m, OP_JMP, top);
  assert_int_equal(run_mem(a, m, 0, 1 << 20), 2);
  assert_int_equal(vm_end(a->vm), VM_END_OOM);
  assert_true(starts(err(a), "fatal error: runtime: out of memory\n\n"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(vm__arith_and_wrap, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__divide_by_zero, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__call_results, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__closure_counter, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__defer_order, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__recover_sets_named_result, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(vm__unrecovered_panic, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__panic_chain, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__recover_not_direct, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(vm__index_out_of_range, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(vm__nil_deref_signal_line, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(vm__channel_handoff, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__deadlock, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__goroutine_panic_kills_program,
                                      setup, teardown),
      cmocka_unit_test_setup_teardown(vm__native_exit, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__steps_limit, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__fib, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__nested_call, setup, teardown),
      cmocka_unit_test_setup_teardown(vm__out_of_memory, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
