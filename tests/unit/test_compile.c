/* test_compile.c - unit tests for the compiler (engine/compile*.c,
 * program.c) and the engine's front door (engine.c).
 *
 * Two kinds of test: code shapes (a small program is parsed, checked and
 * compiled; the listing of one function must contain given instructions,
 * e.g. a COPY where Go copies a struct), and runs (engine_run with output
 * captured through VMOptions.write, compared with what Go 1.19 prints). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "engine/check.h"
#include "engine/compile.h"
#include "engine/engine.h"
#include "engine/parse.h"

/* ---- helpers ----------------------------------------------------------- */

typedef struct Compiled {
  Program *p;
  Diags d;
  Buf errs;
} Compiled;

static void compile_src(Compiled *c, const char *src) {
  memset(c, 0, sizeof *c);
  diag_init(&c->d, "prog.go");
  Universe *u = types_new_universe();
  Node *f = parse_file(types_arena(u), "prog.go", src, strlen(src), &c->d);
  CheckResult cr;
  if (!diag_any(&c->d) && check_program(u, f, &c->d, &cr))
    c->p = compile_program(u, &cr, &c->d);
  else types_free_universe(u);
  diag_format(&c->d, &c->errs);
}

static void compiled_fini(Compiled *c) {
  program_free(c->p);
  diag_fini(&c->d);
  buf_fini(&c->errs);
}

static Func *find_func(Program *p, const char *name) {
  for (int i = 0; i < p->nfuncs; i++)
    if (strcmp(p->funcs[i]->name, name) == 0) return p->funcs[i];
  return NULL;
}

/* Listing of one function, opcode names only (operands stripped), as one
 * string "LOCAL;COPY;..." so tests can look for sequences. */
static char *ops_of(Func *f) {
  Buf b = BUF_INIT;
  buf_puts(&b, ";");
  for (int pc = 0; pc < f->ncode;) {
    uint32_t op = f->code[pc];
    int n = op_operands[op];
    if (op == OP_SELECT || op == OP_PRINT) n += (int)f->code[pc + 1];
    buf_printf(&b, "%s;", op_names[op]);
    pc += 1 + n;
  }
  return buf_steal(&b);
}

/* Asserts that function fname of src has the opcode sequence seq
 * (";A;B;") somewhere in its code. */
static void expect_ops(const char *src, const char *fname, const char *seq) {
  Compiled c;
  compile_src(&c, src);
  if (!c.p) fail_msg("did not compile:\n%s", c.errs.data ? c.errs.data : "");
  Func *f = find_func(c.p, fname);
  assert_non_null(f);
  char *ops = ops_of(f);
  if (!strstr(ops, seq)) {
    Buf l = BUF_INIT;
    program_disasm(f, &l);
    print_message("%s\n", l.data);
    buf_fini(&l);
    fail_msg("%s: %s not found in %s", fname, seq, ops);
  }
  free(ops);
  compiled_fini(&c);
}

typedef struct Captured {
  Buf out, err;
} Captured;

static void capture(void *ctx, int fd, const char *p, size_t n) {
  Captured *c = ctx;
  buf_append(fd == 2 ? &c->err : &c->out, p, n);
}

/* Runs src; asserts stdout, the start of stderr and the exit status. */
static void expect_run(const char *src, const char *out, const char *err,
                       int status) {
  Captured cap = {BUF_INIT, BUF_INIT};
  VMOptions o;
  memset(&o, 0, sizeof o);
  o.write = capture;
  o.write_ctx = &cap;
  o.max_steps = 10000000;
  EngineResult r;
  int rc = engine_run("prog.go", src, strlen(src), &o, &r);
  const char *got_out = cap.out.data ? cap.out.data : "";
  const char *got_err = cap.err.data ? cap.err.data : "";
  bool ok = strcmp(got_out, out) == 0 &&
            strncmp(got_err, err, strlen(err)) == 0 && rc == status &&
            r.exit_status == rc;
  if (!ok)
    print_message("stdout:\n%s\nstderr:\n%s\nstatus %d (want %d)\nwant "
                  "stdout:\n%s\nwant stderr:\n%s\n", got_out, got_err, rc,
                  status, out, err);
  /* freed before failing: fail() does not return */
  engine_result_fini(&r);
  buf_fini(&cap.out);
  buf_fini(&cap.err);
  assert_true(ok);
}

/* ---- code shapes ------------------------------------------------------- */

static void compile__tables_match_opcodes(void **state) {
  (void)state;
  assert_string_equal(op_names[OP_CALLF], "CALLF");
  assert_int_equal(op_operands[OP_CALLF], 2);
  assert_int_equal(op_operands[OP_SELECT], 2);
  assert_int_equal(op_operands[OP_RET], 0);
}

static void compile__call_and_compare(void **state) {
  (void)state;
  expect_ops("package main\nfunc fib(n int) int {\n if n < 2 {\n  return n\n"
             " }\n return fib(n-1) + fib(n-2)\n}\nfunc main() { _ = fib(3) }\n",
             "main.fib", ";LOCAL;INT;ILT;JMPF;LOCAL;SETLOCAL;RET;");
}

static void compile__struct_assignment_copies(void **state) {
  (void)state;
  expect_ops("package main\ntype T struct{ a [2]int }\n"
             "func main() {\n var a T\n b := a\n b.a[0] = 1\n"
             " println(a.a[0], b.a[0])\n}\n",
             "main.main", ";LOCAL;COPY;SETLOCAL;");
}

static void compile__captured_variable_is_boxed(void **state) {
  (void)state;
  const char *src = "package main\nfunc main() {\n x := 1\n"
                    " f := func() { x++ }\n f()\n println(x)\n}\n";
  expect_ops(src, "main.main", ";INT;BOXNEW;SETLOCAL;LOCAL;CLOSURE;");
  expect_ops(src, "main.main.func1", ";UPGET;INT;IADD;UPSET;");
}

static void compile__int8_arithmetic_wraps(void **state) {
  (void)state;
  expect_ops("package main\nfunc f(a, b int8) int8 { return a + b }\n"
             "func main() { println(f(100, 100)) }\n",
             "main.f", ";LOCAL;LOCAL;IADD;WRAP;");
}

static void compile__defer_has_epilogue(void **state) {
  (void)state;
  Compiled c;
  compile_src(&c, "package main\nfunc f() (r int) {\n"
                  " defer func() { r = 2 }()\n return 1\n}\n"
                  "func main() { println(f()) }\n");
  assert_non_null(c.p);
  Func *f = find_func(c.p, "main.f");
  assert_non_null(f);
  assert_true(f->epilogue_pc >= 0);
  assert_int_equal(f->code[f->epilogue_pc], OP_RUNDEFERS);
  Func *m = find_func(c.p, "main.main");
  assert_int_equal(m->epilogue_pc, -1);
  compiled_fini(&c);
}

static void compile__interface_gets_method_table(void **state) {
  (void)state;
  Compiled c;
  compile_src(&c, "package main\ntype T struct{ n int }\n"
                  "func (t T) B() int { return t.n }\n"
                  "func (t *T) A() int { return 1 }\n"
                  "type I interface{ B() int }\n"
                  "func main() {\n var i I = T{3}\n println(i.B())\n"
                  " var j I = &T{4}\n println(j.B())\n}\n");
  assert_non_null(c.p);
  Func *m = find_func(c.p, "main.main");
  char *ops = ops_of(m);
  assert_non_null(strstr(ops, ";TOIFACE;"));
  assert_non_null(strstr(ops, ";CALLI;"));
  free(ops);
  /* T's table: B only (a copying wrapper); *T's: A then B, sorted */
  Type *t = NULL;
  for (int i = 0; i < c.p->ntypes; i++)
    if (c.p->types[i]->kind == TY_NAMED &&
        strcmp(c.p->types[i]->name, "T") == 0)
      t = c.p->types[i];
  assert_non_null(t);
  assert_int_equal(t->nrtmethods, 1);
  assert_string_equal(t->rtmethods[0].name, "B");
  assert_true(t->rtmethods[0].fn->wrapper);
  Type *pt = NULL;
  for (int i = 0; i < c.p->ntypes; i++)
    if (c.p->types[i]->kind == TY_POINTER && c.p->types[i]->elem == t)
      pt = c.p->types[i];
  assert_non_null(pt);
  assert_int_equal(pt->nrtmethods, 2);
  assert_string_equal(pt->rtmethods[0].name, "A");
  assert_string_equal(pt->rtmethods[1].name, "B");
  assert_string_equal(pt->rtmethods[0].fn->name, "main.(*T).A");
  compiled_fini(&c);
}

static void compile__func_literal_names(void **state) {
  (void)state;
  Compiled c;
  compile_src(&c, "package main\nfunc main() {\n f := func() {\n"
                  "  g := func() {}\n  g()\n }\n f()\n"
                  " h := func() {}\n h()\n}\n");
  assert_non_null(c.p);
  assert_non_null(find_func(c.p, "main.main.func1"));
  assert_non_null(find_func(c.p, "main.main.func1.1"));
  assert_non_null(find_func(c.p, "main.main.func2"));
  compiled_fini(&c);
}

static void compile__every_word_has_a_line(void **state) {
  (void)state;
  Compiled c;
  compile_src(&c, "package main\nfunc main() {\n a := []int{1}\n"
                  " println(a[0])\n}\n");
  assert_non_null(c.p);
  Func *m = find_func(c.p, "main.main");
  for (int pc = 0; pc < m->ncode; pc++) assert_true(m->lines[pc] >= 3);
  assert_int_equal(func_line(m, (uint32_t)m->ncode - 1), 5);
  compiled_fini(&c);
}

/* ---- runs -------------------------------------------------------------- */

static void compile__run_hello(void **state) {
  (void)state;
  expect_run("package main\nimport \"fmt\"\n"
             "func main() { fmt.Println(\"hello,\", 42) }\n",
             "hello, 42\n", "", 0);
}

static void compile__run_compile_error(void **state) {
  (void)state;
  expect_run("package main\nfunc main() {\n\tx := 1\n}\n", "",
             "prog.go:3:2: x declared but not used\n", 2);
}

static void compile__run_control_flow(void **state) {
  (void)state;
  expect_run("package main\nimport \"fmt\"\n"
             "func main() {\n s := 0\n"
             "outer:\n for i := 0; i < 5; i++ {\n"
             "  for j := range 3 {\n   if j == 2 { continue outer }\n"
             "   if i == 4 { break outer }\n   s += i*10 + j\n  }\n }\n"
             " switch {\n case s > 100: fmt.Println(\"big\", s)\n"
             "  fallthrough\n default: fmt.Println(\"done\")\n }\n}\n",
             "big 124\ndone\n", "", 0);
}

static void compile__run_structs_and_pointers(void **state) {
  (void)state;
  expect_run("package main\nimport \"fmt\"\n"
             "type P struct{ X, Y int }\n"
             "func (p *P) Move(d int) { p.X += d }\n"
             "func (p P) Sum() int { return p.X + p.Y }\n"
             "func main() {\n a := P{1, 2}\n b := a\n b.Move(10)\n"
             " q := &a\n q.Y = 7\n arr := [2]P{a, b}\n c := arr\n"
             " c[0].X = 99\n"
             " fmt.Println(a, b, a.Sum(), arr[0].X, c[0].X, *q)\n}\n",
             "{1 7} {11 2} 8 1 99 {1 7}\n", "", 0);
}

static void compile__run_closures_loopvars(void **state) {
  (void)state;
  expect_run("package main\nimport \"fmt\"\n"
             "func counter() func() int {\n n := 0\n"
             " return func() int { n++; return n }\n}\n"
             "func main() {\n c := counter()\n c()\n"
             " var fs []func() int\n"
             " for i := 0; i < 3; i++ { fs = append(fs, func() int "
             "{ return i }) }\n"
             " for _, f := range fs { fmt.Print(f(), \" \") }\n"
             " fmt.Println(c())\n}\n",
             "0 1 2 2\n", "", 0);
}

static void compile__run_interfaces_and_errors(void **state) {
  (void)state;
  expect_run("package main\nimport (\n \"errors\"\n \"fmt\"\n)\n"
             "type S struct{ n int }\n"
             "func (s S) String() string { return fmt.Sprint(\"S\", s.n) }\n"
             "type E struct{}\n"
             "func (*E) Error() string { return \"bad\" }\n"
             "func f(i int) error {\n if i > 0 { return &E{} }\n"
             " return errors.New(\"plain\")\n}\n"
             "func main() {\n var x any = S{4}\n"
             " switch v := x.(type) {\n case fmt.Stringer: fmt.Println(v)\n"
             " }\n _, ok := x.(int)\n fmt.Println(f(1), f(0), ok)\n}\n",
             "S4\nbad plain false\n", "", 0);
}

static void compile__run_maps_slices_strings(void **state) {
  (void)state;
  expect_run("package main\nimport \"fmt\"\n"
             "func main() {\n m := map[string]int{}\n"
             " for i, r := range \"héllo\" { m[string(r)] += i }\n"
             " s := []int{3, 1, 2}\n s = append(s, 5)\n t := s[1:3]\n"
             " t[0] = 9\n v, ok := m[\"l\"]\n delete(m, \"o\")\n"
             " fmt.Println(len(m), v, ok, s, t, cap(t), []byte(\"hi\"))\n}\n",
             "3 7 true [3 9 2 5] [9 2] 5 [104 105]\n", "", 0);
}

static void compile__run_defer_recover(void **state) {
  (void)state;
  expect_run("package main\nimport \"fmt\"\n"
             "func safe(a []int, i int) (v int, err error) {\n"
             " defer func() {\n  if r := recover(); r != nil {\n"
             "   err = fmt.Errorf(\"caught: %v\", r)\n  }\n }()\n"
             " return a[i], nil\n}\n"
             "func main() {\n defer fmt.Println(\"deferred\")\n"
             " _, err := safe([]int{1}, 3)\n fmt.Println(err)\n}\n",
             "caught: runtime error: index out of range [3] with length 1\n"
             "deferred\n",
             "", 0);
}

static void compile__run_panic_exit_status(void **state) {
  (void)state;
  expect_run("package main\nfunc main() {\n var m map[string]int\n"
             " m[\"a\"] = 1\n}\n",
             "", "panic: assignment to entry in nil map\n", 2);
}

static void compile__run_goroutines_channels(void **state) {
  (void)state;
  expect_run("package main\nimport (\n \"fmt\"\n \"sync\"\n)\n"
             "func main() {\n ch := make(chan int)\n done := make(chan "
             "struct{})\n var wg sync.WaitGroup\n var mu sync.Mutex\n"
             " total := 0\n for i := 1; i <= 3; i++ {\n  wg.Add(1)\n"
             "  go func() {\n   defer wg.Done()\n   mu.Lock()\n"
             "   total += i\n   mu.Unlock()\n   ch <- i\n  }()\n }\n"
             " go func() { wg.Wait(); close(ch) }()\n"
             " go func() {\n  n := 0\n  for v := range ch { n += v }\n"
             "  fmt.Println(\"sum\", n)\n  close(done)\n }()\n"
             " select {\n case <-done:\n }\n fmt.Println(total)\n}\n",
             "sum 6\n6\n", "", 0);
}

static void compile__run_deadlock(void **state) {
  (void)state;
  expect_run("package main\nfunc main() {\n ch := make(chan int)\n"
             " <-ch\n}\n",
             "", "fatal error: all goroutines are asleep - deadlock!\n", 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(compile__tables_match_opcodes),
      cmocka_unit_test(compile__call_and_compare),
      cmocka_unit_test(compile__struct_assignment_copies),
      cmocka_unit_test(compile__captured_variable_is_boxed),
      cmocka_unit_test(compile__int8_arithmetic_wraps),
      cmocka_unit_test(compile__defer_has_epilogue),
      cmocka_unit_test(compile__interface_gets_method_table),
      cmocka_unit_test(compile__func_literal_names),
      cmocka_unit_test(compile__every_word_has_a_line),
      cmocka_unit_test(compile__run_hello),
      cmocka_unit_test(compile__run_compile_error),
      cmocka_unit_test(compile__run_control_flow),
      cmocka_unit_test(compile__run_structs_and_pointers),
      cmocka_unit_test(compile__run_closures_loopvars),
      cmocka_unit_test(compile__run_interfaces_and_errors),
      cmocka_unit_test(compile__run_maps_slices_strings),
      cmocka_unit_test(compile__run_defer_recover),
      cmocka_unit_test(compile__run_panic_exit_status),
      cmocka_unit_test(compile__run_goroutines_channels),
      cmocka_unit_test(compile__run_deadlock),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
