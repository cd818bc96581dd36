/* test_parse.c - unit tests of the Go parser (engine/parse.c): the tree
 * shape of every statement and expression kind (via ast_dump), syntax
 * errors in go1.19's words and positions (each expected message was
 * recorded from `go build`), robustness on garbage and deep nesting, and
 * that every Go program in tests/conformance parses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/parse.h"

typedef struct Parsed {
  Arena arena;
  Diags diags;
  Node *file;
  Buf dump, errs;
} Parsed;

static void parse_src(Parsed *p, const char *src, size_t len)
{
  arena_init(&p->arena);
  diag_init(&p->diags, "./prog.go");
  buf_init(&p->dump);
  buf_init(&p->errs);
  p->file = parse_file(&p->arena, "./prog.go", src, len, &p->diags);
  assert_non_null(p->file);
  ast_dump(p->file, &p->dump);
  if (p->diags.len)
    diag_format(&p->diags, &p->errs);
}

static void parsed_fini(Parsed *p)
{
  arena_fini(&p->arena);
  diag_fini(&p->diags);
  buf_fini(&p->dump);
  buf_fini(&p->errs);
}

/* The dump of the body of func f in "package main\nfunc f() {BODY}". */
static void check_body(const char *body, const char *want)
{
  Buf src = BUF_INIT;
  buf_printf(&src, "package main\nfunc f() {\n%s\n}\n", body);
  Parsed p;
  parse_src(&p, src.data, src.len);
  assert_string_equal(buf_cstr(&p.errs), "");
  Buf w = BUF_INIT;
  buf_printf(&w, "(FILE main (FUNCDECL f _ (FUNCTYPE) (BLOCK %s)))", want);
  assert_string_equal(buf_cstr(&p.dump), buf_cstr(&w));
  buf_fini(&w);
  buf_fini(&src);
  parsed_fini(&p);
}

static void check_decls(const char *src, const char *want)
{
  Parsed p;
  parse_src(&p, src, strlen(src));
  assert_string_equal(buf_cstr(&p.errs), "");
  assert_string_equal(buf_cstr(&p.dump), want);
  parsed_fini(&p);
}

static void check_errors(const char *src, const char *want)
{
  Parsed p;
  parse_src(&p, src, strlen(src));
  assert_string_equal(buf_cstr(&p.errs), want);
  parsed_fini(&p);
}

static void parse__hello(void **state)
{
  (void)state;
  check_decls("package main\n\nimport \"fmt\"\n\nfunc main() {\n"
              "\tfmt.Println(\"hi\")\n}\n",
              "(FILE main (GENDECL import (IMPORTSPEC fmt)) (FUNCDECL main _ "
              "(FUNCTYPE) (BLOCK (EXPRSTMT (CALL (SELECTOR Println (IDENT "
              "fmt)) (BASICLIT \"hi\"))))))");
}

static void parse__imports_and_consts(void **state)
{
  (void)state;
  check_decls(
      "package main\nimport (\n\tf \"fmt\"\n\t. \"os\"\n\t_ \"sync\"\n)\n"
      "const (\n\tA = iota\n\tB\n\tC, D = 1 << iota, 2\n\tE, F\n)\n",
      "(FILE main (GENDECL import (IMPORTSPEC f fmt) (IMPORTSPEC . os) "
      "(IMPORTSPEC _ sync)) (GENDECL const (VALUESPEC iota=0 (IDENT A) "
      "| (IDENT iota)) (VALUESPEC iota=1 implicit (IDENT B) | (IDENT "
      "iota)) (VALUESPEC iota=2 (IDENT C) (IDENT D) | (BINARY << "
      "(BASICLIT 1) (IDENT iota)) (BASICLIT 2)) (VALUESPEC iota=3 "
      "implicit (IDENT E) (IDENT F) | (BINARY << (BASICLIT 1) (IDENT "
      "iota)) (BASICLIT 2))))");
}

static void parse__implicit_const_is_a_copy(void **state)
{
  (void)state;
  const char *src = "package main\nconst (\n\tA int = iota\n\tB\n)\n";
  Parsed p;
  parse_src(&p, src, strlen(src));
  Node *d = p.file->list.items[0];
  Node *a = d->list.items[0], *b = d->list.items[1];
  assert_true(b->flags & NF_IMPLICIT);
  assert_ptr_not_equal(a->list2.items[0], b->list2.items[0]);
  assert_ptr_not_equal(a->a, b->a);
  assert_string_equal(b->list2.items[0]->name, "iota");
  parsed_fini(&p);
}

static void parse__types(void **state)
{
  (void)state;
  check_decls(
      "package main\ntype (\n\tA = int\n\tS struct {\n\t\ta, b int `t`\n"
      "\t\t*E\n\t\tfmt.Stringer\n\t}\n\tI interface {\n\t\tM(x int) "
      "(int, error)\n\t\tfmt.Stringer\n\t}\n\tF func(int, ...string) bool\n"
      "\tC chan<- <-chan [3][]map[string]*T\n)\n",
      "(FILE main (GENDECL type (TYPESPEC A alias (IDENT int)) (TYPESPEC S "
      "(STRUCTTYPE (FIELD `t` (IDENT int) (IDENT a) (IDENT b)) (FIELD (STAR "
      "(IDENT E))) (FIELD (SELECTOR Stringer (IDENT fmt))))) (TYPESPEC I "
      "(INTERFACETYPE (FIELD (FUNCTYPE (FIELD (IDENT int) (IDENT x)) | (FIELD "
      "(IDENT int)) (FIELD (IDENT error))) (IDENT M)) (FIELD (SELECTOR "
      "Stringer (IDENT fmt))))) (TYPESPEC F (FUNCTYPE (FIELD (IDENT int)) "
      "(FIELD (ELLIPSIS (IDENT string))) | (FIELD (IDENT bool)))) (TYPESPEC C "
      "(CHANTYPE sendonly (CHANTYPE recvonly (ARRAYTYPE (BASICLIT 3) "
      "(ARRAYTYPE _ (MAPTYPE (IDENT string) (STAR (IDENT T))))))))))");
}

static void parse__funcs_methods_generics(void **state)
{
  (void)state;
  check_decls(
      "package main\nfunc (t *T) M(a, b int, xs ...int) (n int, err error) "
      "{}\nfunc native(x int) int\nfunc G[T any](x T) {}\ntype P[T any] "
      "struct{}\n",
      "(FILE main (FUNCDECL M (FIELD (STAR (IDENT T)) (IDENT t)) (FUNCTYPE "
      "(FIELD (IDENT int) (IDENT a) (IDENT b)) (FIELD (ELLIPSIS (IDENT int)) "
      "(IDENT xs)) | (FIELD (IDENT int) (IDENT n)) (FIELD (IDENT error) "
      "(IDENT err))) (BLOCK)) (FUNCDECL native _ (FUNCTYPE (FIELD (IDENT int) "
      "(IDENT x)) | (FIELD (IDENT int)))) (FUNCDECL G _ (FUNCTYPE (FIELD "
      "(IDENT T) (IDENT x))) (BLOCK) (FIELD (IDENT any) (IDENT T))) (GENDECL "
      "type (TYPESPEC P (STRUCTTYPE) (FIELD (IDENT any) (IDENT T)))))");
}

static void parse__simple_statements(void **state)
{
  (void)state;
  check_body("x, y := 1, 2; x += y; x++; ch <- x; a[i] = <-ch; f()",
             "(ASSIGN := (IDENT x) (IDENT y) | (BASICLIT 1) (BASICLIT 2)) "
             "(ASSIGN += (IDENT x) | (IDENT y)) (INCDEC ++ (IDENT x)) (SEND "
             "(IDENT ch) (IDENT x)) (ASSIGN = (INDEX (IDENT a) (IDENT i)) | "
             "(UNARY <- (IDENT ch))) (EXPRSTMT (CALL (IDENT f)))");
  check_body("var x int; const c = 1; type T int; {};; L: for { break L }",
             "(DECLSTMT (GENDECL var (VALUESPEC iota=0 (IDENT int) (IDENT x))))"
             " (DECLSTMT (GENDECL const (VALUESPEC iota=0 (IDENT c) | "
             "(BASICLIT 1)))) (DECLSTMT (GENDECL type (TYPESPEC T (IDENT "
             "int)))) (BLOCK) (EMPTY) (LABELED L (FOR _ _ _ (BLOCK (BRANCH "
             "break L))))");
  check_body("go f(x); defer g(); return 1, 2; continue; goto L",
             "(GO (CALL (IDENT f) (IDENT x))) (DEFER (CALL (IDENT g))) (RETURN "
             "(BASICLIT 1) (BASICLIT 2)) (BRANCH continue) (BRANCH goto L)");
}

static void parse__if_for(void **state)
{
  (void)state;
  check_body("if x := f(); x > 0 {} else if y {} else {}",
             "(IF (ASSIGN := (IDENT x) | (CALL (IDENT f))) (BINARY > (IDENT "
             "x) (BASICLIT 0)) (BLOCK) (IF _ (IDENT y) (BLOCK) (BLOCK)))");
  check_body("for i := 0; i < n; i++ {}; for c {}; for {}",
             "(FOR (ASSIGN := (IDENT i) | (BASICLIT 0)) (BINARY < (IDENT i) "
             "(IDENT n)) (INCDEC ++ (IDENT i)) (BLOCK)) (FOR _ (IDENT c) _ "
             "(BLOCK)) (FOR _ _ _ (BLOCK))");
  check_body("for k, v := range m {}; for i = range s {}; for range ch {}",
             "(RANGE := (IDENT k) (IDENT v) (IDENT m) (BLOCK)) (RANGE = (IDENT "
             "i) _ (IDENT s) (BLOCK)) (RANGE _ _ (IDENT ch) (BLOCK))");
}

static void parse__switch_select(void **state)
{
  (void)state;
  check_body("switch x := 1; x { case 1, 2: fallthrough; default: }",
             "(SWITCH (ASSIGN := (IDENT x) | (BASICLIT 1)) (IDENT x) "
             "(CASECLAUSE (BASICLIT 1) (BASICLIT 2) | (BRANCH fallthrough)) "
             "(CASECLAUSE))");
  check_body("switch v := y.(type) { case int, *T: case nil: }",
             "(TYPESWITCH _ (ASSIGN := (IDENT v) | (TYPEASSERT (IDENT y))) "
             "(CASECLAUSE (IDENT int) (STAR (IDENT T))) (CASECLAUSE (IDENT "
             "nil)))");
  check_body("switch y.(type) {}",
             "(TYPESWITCH _ (EXPRSTMT (TYPEASSERT (IDENT y))))");
  check_body("select { case v, ok := <-c: case c <- 1: case <-d: default: }",
             "(SELECT (COMMCLAUSE (ASSIGN := (IDENT v) (IDENT ok) | (UNARY <- "
             "(IDENT c)))) (COMMCLAUSE (SEND (IDENT c) (BASICLIT 1))) "
             "(COMMCLAUSE (EXPRSTMT (UNARY <- (IDENT d)))) (COMMCLAUSE))");
}

static void parse__expressions(void **state)
{
  (void)state;
  check_body("_ = a || b && c == d + e*f",
             "(ASSIGN = (IDENT _) | (BINARY || (IDENT a) (BINARY && (IDENT b) "
             "(BINARY == (IDENT c) (BINARY + (IDENT d) (BINARY * (IDENT e) "
             "(IDENT f)))))))");
  check_body("_ = -x &^ 3 << 1 | ^y % 2",
             "(ASSIGN = (IDENT _) | (BINARY | (BINARY << (BINARY &^ (UNARY - "
             "(IDENT x)) (BASICLIT 3)) (BASICLIT 1)) (BINARY % (UNARY ^ (IDENT "
             "y)) (BASICLIT 2))))");
  check_body(
      "_ = *p + !b; _ = &T{X: 1}; _ = s[1:], s[:2:3], x.(T), f(xs...)",
      "(ASSIGN = (IDENT _) | (BINARY + (STAR (IDENT p)) (UNARY ! (IDENT "
      "b)))) (ASSIGN = (IDENT _) | (UNARY & (COMPOSITE (IDENT T) "
      "(KEYVALUE (IDENT X) (BASICLIT 1))))) (ASSIGN = (IDENT _) | (SLICE "
      "(IDENT s) (BASICLIT 1)) (SLICE slice3 (IDENT s) _ (BASICLIT 2) "
      "(BASICLIT 3)) (TYPEASSERT (IDENT x) (IDENT T)) (CALL ... (IDENT "
      "f) (IDENT xs)))");
  check_body("_ = []byte(s); _ = (*T)(p); _ = <-chan int(nil); _ = G[int, "
             "string]",
             "(ASSIGN = (IDENT _) | (CALL (ARRAYTYPE _ (IDENT byte)) (IDENT "
             "s))) (ASSIGN = (IDENT _) | (CALL (PAREN (STAR parens (IDENT T))) "
             "(IDENT p))) (ASSIGN = (IDENT _) | (UNARY <- (CALL (CHANTYPE "
             "(IDENT int)) (IDENT nil)))) (ASSIGN = (IDENT _) | (INDEX (IDENT "
             "G) (IDENT int) (IDENT string)))");
}

static void parse__literals(void **state)
{
  (void)state;
  check_body("_ = [...]int{1, 2: 3}; _ = []P{{1, 2}, {}}; _ = map[K]V{k: "
             "{}}; _ = func(a int) int { return a }",
             "(ASSIGN = (IDENT _) | (COMPOSITE (ARRAYTYPE (ELLIPSIS) (IDENT "
             "int)) (BASICLIT 1) (KEYVALUE (BASICLIT 2) (BASICLIT 3)))) "
             "(ASSIGN = (IDENT _) | (COMPOSITE (ARRAYTYPE _ (IDENT P)) "
             "(COMPOSITE (BASICLIT 1) (BASICLIT 2)) (COMPOSITE))) (ASSIGN = "
             "(IDENT _) | (COMPOSITE (MAPTYPE (IDENT K) (IDENT V)) (KEYVALUE "
             "(IDENT k) (COMPOSITE)))) (ASSIGN = (IDENT _) | (FUNCLIT "
             "(FUNCTYPE (FIELD (IDENT int) (IDENT a)) | (FIELD (IDENT int))) "
             "(BLOCK (RETURN (IDENT a)))))");
  /* A composite literal in an if header must be parenthesised. */
  check_body("if x == (T{}) {}",
             "(IF _ (BINARY == (IDENT x) (PAREN (COMPOSITE parens (IDENT T)))) "
             "(BLOCK))");
}

static void parse__positions(void **state)
{
  (void)state;
  const char *src = "package main\nfunc main() {\n\tx := a.b(1) + c\n}\n";
  Parsed p;
  parse_src(&p, src, strlen(src));
  Node *fn = p.file->list.items[0];
  assert_int_equal(fn->pos.line, 2);
  assert_int_equal(fn->pos.col, 6);
  Node *as = fn->c->list.items[0];
  assert_int_equal(as->pos.col, 2);
  assert_int_equal(as->end.col, 4); /* := */
  Node *bin = as->list2.items[0];
  assert_int_equal(bin->pos.col, 7);
  assert_int_equal(bin->end.col, 14); /* + */
  Node *call = bin->a;
  assert_int_equal(call->end.col, 10);   /* ( */
  assert_int_equal(call->a->pos.col, 9); /* selector: the name */
  assert_int_equal(fn->c->end.line, 4);
  parsed_fini(&p);
}

/* Each expectation below was recorded from go1.19.8 `go build`. */
static void parse__syntax_errors(void **state)
{
  (void)state;
  check_errors("package main\nfunc main() {\n\tfoo(1, 2\n}\n",
               "./prog.go:3:10: syntax error: unexpected newline in argument "
               "list; possibly missing comma or )\n");
  check_errors("package main\nx := 1\n",
               "./prog.go:2:1: syntax error: non-declaration statement "
               "outside function body\n");
  check_errors("package main\nfunc main() {\n\tif x { \n}\n",
               "./prog.go:5:1: syntax error: unexpected EOF, expecting }\n");
  check_errors("package main\nfunc main() {\n\tfor i := 0; i < 10; i++ "
               "\n{}\n}\n",
               "./prog.go:3:26: syntax error: unexpected newline, expecting { "
               "after for clause\n");
  check_errors("package main\nfunc main()\n{\n}\n",
               "./prog.go:3:1: syntax error: unexpected semicolon or newline "
               "before {\n");
  check_errors("package main\nfunc main() {\n\tif x := 1 {\n}\n}\n",
               "./prog.go:3:7: syntax error: cannot use x := 1 as value\n");
  check_errors("package main\nfunc main() {\n\tx := T{1}\n\tif x == T{1} "
               "{}\n}\n",
               "./prog.go:4:15: syntax error: unexpected { at end of "
               "statement\n./prog.go:5:1: syntax error: non-declaration "
               "statement outside function body\n");
  check_errors("package main\nfunc main() {\n\tswitch x {\n\tfoo\n\t}\n}\n",
               "./prog.go:4:2: syntax error: unexpected foo, expecting case or "
               "default or }\n./prog.go:5:2: syntax error: unexpected }, "
               "expecting :\n");
  check_errors("package main\ntype T struct { a int b int }\n",
               "./prog.go:2:23: syntax error: unexpected b in struct type; "
               "possibly missing semicolon or newline or }\n");
  check_errors("package main\nfunc f(a int, b) {}\n",
               "./prog.go:2:15: syntax error: mixed named and unnamed "
               "parameters\n");
  check_errors("package main\nfunc main() {\n\tx := func\n\tfor\n}\n",
               "./prog.go:4:2: syntax error: unexpected for, expecting (\n"
               "./prog.go:5:1: syntax error: unexpected }, expecting )\n");
  check_errors("package main\nfunc main() {\n\tfor i := 0; i < 3; i := 1 "
               "{}\n}\n",
               "./prog.go:3:23: syntax error: cannot declare in post statement "
               "of for loop\n");
  check_errors("package main\nfunc (a, b T) f() {}\nfunc () g() {}\n",
               "./prog.go:2:15: method has multiple receivers\n"
               "./prog.go:3:9: method has no receiver\n");
  check_errors("package main\nfunc main() {\n\tif x := 1; x == 1 {\n\t} else "
               "foo\n}\n",
               "./prog.go:4:9: syntax error: else must be followed by if or "
               "statement block\n");
  check_errors("package main\nfunc main() {\n\tselect {\n\tcase x:\n\t}\n}\n",
               "./prog.go:4:7: select case must be send or receive (possibly "
               "with assignment)\n");
  check_errors("package main\nfunc main() {\n\ta[1:2:]\n}\n",
               "./prog.go:3:8: final index required in 3-index slice\n");
  check_errors("package main\nfunc main() {\n\tdefer 1\n}\n",
               "./prog.go:3:8: expression in defer must be function call\n");
}

static void parse__header_errors(void **state)
{
  (void)state;
  check_errors("packag main\n", "./prog.go:1:1: expected 'package', found "
                                "packag\n");
  check_errors("", "./prog.go:1:1: expected 'package', found 'EOF'\n");
  check_errors("package main\nimport fmt\n",
               "./prog.go:2:11: expected 'STRING', found newline\n");
}

static void parse__deep_nesting_is_an_error(void **state)
{
  (void)state;
  size_t n = 100000;
  char *src = malloc(n * 2 + 64);
  assert_non_null(src);
  size_t len = (size_t)sprintf(src, "package main\nvar x = ");
  for (size_t i = 0; i < n; i++)
    src[len++] = '(';
  for (size_t i = 0; i < n; i++)
    src[len++] = ')';
  Parsed p;
  parse_src(&p, src, len);
  assert_non_null(strstr(buf_cstr(&p.errs), "too deeply nested"));
  parsed_fini(&p);
  /* Nested blocks and unary operators take other paths. */
  len = (size_t)sprintf(src, "package main\nfunc f() {");
  for (size_t i = 0; i < n; i++)
    src[len++] = i % 2 ? '{' : '-';
  Parsed q;
  parse_src(&q, src, len);
  assert_true(q.diags.len > 0);
  parsed_fini(&q);
  free(src);
}

static void parse__garbage_terminates(void **state)
{
  (void)state;
  unsigned seed = 12345;
  char buf[512];
  for (int round = 0; round < 300; round++) {
    size_t len = 0;
    len += (size_t)sprintf(buf, "package main\n");
    static const char *const frags[] = {
        "func",  "(",      ")",    "{",      "}",         "[",      "]",
        "x",     ":=",     "=",    ",",      ";",         "\n",     "if",
        "for",   "range",  "chan", "<-",     "*",         "select", "case",
        ":",     "switch", "type", "struct", "interface", "map",    "1",
        "\"s\"", "...",    ".",    "go",     "defer",     "var",    "const",
        "else",  "\xff",   "@"};
    while (len < sizeof buf - 16) {
      seed = seed * 1103515245u + 12345u;
      const char *f = frags[(seed >> 16) % (sizeof frags / sizeof *frags)];
      len += (size_t)sprintf(buf + len, "%s ", f);
    }
    Parsed p;
    parse_src(&p, buf, len);
    parsed_fini(&p);
  }
}

/* Whether the recorded stderr of a conformance program is a syntax error
 * (then the parser must fail on it, else it must succeed). */
static bool expects_syntax_error(const char *dir, const char *name)
{
  char path[1024];
  snprintf(path, sizeof path, "%s/expected/%.*s.stderr", dir,
           (int)(strlen(name) - 3), name);
  FILE *f = fopen(path, "r");
  if (!f)
    return false;
  char line[1024];
  bool syntax = false;
  while (fgets(line, sizeof line, f))
    if (strstr(line, "syntax error") || strstr(line, ": expected '"))
      syntax = true;
  fclose(f);
  return syntax;
}

static char *read_all(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  Buf b = BUF_INIT;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    buf_append(&b, chunk, n);
  fclose(f);
  *len = b.len;
  return buf_steal(&b);
}

static void parse__conformance_programs(void **state)
{
  (void)state;
  const char *dir = "tests/conformance";
  DIR *d = opendir(dir);
  if (!d)
    skip();
  struct dirent *e;
  int count = 0;
  while ((e = readdir(d)) != NULL) {
    size_t n = strlen(e->d_name);
    if (n < 4 || strcmp(e->d_name + n - 3, ".go") != 0)
      continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    size_t len;
    char *src = read_all(path, &len);
    Parsed p;
    parse_src(&p, src, len);
    bool want_err = expects_syntax_error(dir, e->d_name);
    if (want_err != (p.diags.len > 0))
      fail_msg("%s: %s", path, p.diags.len ? buf_cstr(&p.errs) : "no error");
    parsed_fini(&p);
    free(src);
    count++;
  }
  closedir(d);
  print_message("parsed %d conformance programs\n", count);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(parse__hello),
      cmocka_unit_test(parse__imports_and_consts),
      cmocka_unit_test(parse__implicit_const_is_a_copy),
      cmocka_unit_test(parse__types),
      cmocka_unit_test(parse__funcs_methods_generics),
      cmocka_unit_test(parse__simple_statements),
      cmocka_unit_test(parse__if_for),
      cmocka_unit_test(parse__switch_select),
      cmocka_unit_test(parse__expressions),
      cmocka_unit_test(parse__literals),
      cmocka_unit_test(parse__positions),
      cmocka_unit_test(parse__syntax_errors),
      cmocka_unit_test(parse__header_errors),
      cmocka_unit_test(parse__deep_nesting_is_an_error),
      cmocka_unit_test(parse__garbage_terminates),
      cmocka_unit_test(parse__conformance_programs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
