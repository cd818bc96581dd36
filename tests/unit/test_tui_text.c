/* tests/unit/test_tui_text.c - the TUI's pure text helpers: the line
 * diff behind the code pane's diff view (tui/diff.c), Go highlighting
 * from the engine's lexer (tui/highlight.c), and the goroutine list the
 * diagram slot's placeholder reads from a crash dump (tui/gorlist.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "tui/diff.h"
#include "tui/gorlist.h"
#include "tui/highlight.h"

/* The diff of a and b as a string of ops, e.g. "  + -". */
static char *ops(const char *a, const char *b, Diff *d)
{
  Lines la, lb;
  lines_split(a, strlen(a), &la);
  lines_split(b, strlen(b), &lb);
  diff_compute(&la, &lb, d);
  char *s = calloc((size_t)d->n + 1, 1);
  for (int i = 0; i < d->n; i++)
    s[i] = d->lines[i].op;
  lines_fini(&la);
  lines_fini(&lb);
  return s;
}

static void diff__lines_split(void **state)
{
  (void)state;
  Lines l;
  lines_split("a\nbb\n", 5, &l);
  assert_int_equal(l.n, 2);
  assert_int_equal(l.len[1], 2);
  lines_fini(&l);
  lines_split("a\n\nc", 5, &l);
  assert_int_equal(l.n, 3);
  assert_int_equal(l.len[1], 0);
  lines_fini(&l);
  lines_split("", 0, &l);
  assert_int_equal(l.n, 0);
  lines_fini(&l);
}

static void diff__same_insert_delete(void **state)
{
  (void)state;
  Diff d;
  char *s = ops("a\nb\nc\n", "a\nb\nc\n", &d);
  assert_string_equal(s, "   ");
  free(s);
  diff_fini(&d);

  s = ops("a\nc\n", "a\nb\nc\n", &d);
  assert_string_equal(s, " + ");
  assert_int_equal(d.lines[1].b, 2);
  assert_int_equal(d.lines[1].a, 0);
  assert_int_equal(d.lines[2].a, 2);
  assert_int_equal(d.lines[2].b, 3);
  assert_int_equal(d.added, 1);
  assert_int_equal(d.removed, 0);
  free(s);
  diff_fini(&d);

  s = ops("a\nx\nc\nd\n", "a\nc\nd\ny\n", &d);
  assert_string_equal(s, " -  +");
  free(s);
  diff_fini(&d);
}

static void diff__replace_in_the_middle(void **state)
{
  (void)state;
  Diff d;
  char *s = ops("1\n2\nold\n4\n5\n", "1\n2\nnew\nnew2\n4\n5\n", &d);
  /* Removed before added, context kept whole. */
  assert_string_equal(s, "  -++  ");
  free(s);
  diff_fini(&d);
  s = ops("", "x\n", &d);
  assert_string_equal(s, "+");
  free(s);
  diff_fini(&d);
}

static void highlight__classes(void **state)
{
  (void)state;
  const char *src = "package main\n// note\nfunc f() { s := \"hi\"; "
                    "n := 42; close(c); _ = nil }\n";
  unsigned char *hl = hl_classify(src, strlen(src));
  const char *p;
  assert_int_equal(hl[0], HL_KEYWORD);               /* package */
  assert_int_equal(hl[8], HL_PLAIN);                 /* main */
  p = strstr(src, "// note");
  assert_int_equal(hl[p - src], HL_COMMENT);
  assert_int_equal(hl[p - src + 6], HL_COMMENT);
  p = strstr(src, "func");
  assert_int_equal(hl[p - src + 3], HL_KEYWORD);
  p = strstr(src, "\"hi\"");
  assert_int_equal(hl[p - src], HL_STRING);
  assert_int_equal(hl[p - src + 3], HL_STRING);
  p = strstr(src, "42");
  assert_int_equal(hl[p - src + 1], HL_NUMBER);
  p = strstr(src, "close");
  assert_int_equal(hl[p - src], HL_BUILTIN);
  p = strstr(src, "nil");
  assert_int_equal(hl[p - src], HL_BUILTIN);
  p = strstr(src, " s :=");
  assert_int_equal(hl[p - src], HL_PLAIN);
  free(hl);
}

static void highlight__survives_bad_source(void **state)
{
  (void)state;
  const char *src = "func @ \"unterminated\n`raw\nx";
  unsigned char *hl = hl_classify(src, strlen(src));
  assert_int_equal(hl[0], HL_KEYWORD);
  free(hl);
  hl = hl_classify("", 0);
  free(hl);
}

static void gorlist__crash_dump(void **state)
{
  (void)state;
  const char *dump =
      "fatal error: all goroutines are asleep - deadlock!\n\n"
      "goroutine 1 [semacquire]:\n"
      "sync.(*WaitGroup).Wait(0xc0000b4010)\n"
      "\t/usr/lib/go/src/sync/waitgroup.go:139 +0x52\n"
      "main.main()\n\tprog.go:12 +0x85\n\n"
      "goroutine 6 [chan receive (nil chan)]:\n"
      "main.(*Queue).work(...)\n\tprog.go:30\n"
      "created by main.main\n";
  GorEntry g[4];
  size_t n = gorlist_parse(dump, strlen(dump), g, 4);
  assert_int_equal(n, 2);
  assert_int_equal(g[0].id, 1);
  assert_string_equal(g[0].state, "semacquire");
  assert_string_equal(g[0].func, "sync.(*WaitGroup).Wait");
  assert_int_equal(g[1].id, 6);
  assert_string_equal(g[1].state, "chan receive (nil chan)");
  assert_string_equal(g[1].func, "main.(*Queue).work");
  /* More goroutines than room: counted, not stored. */
  assert_int_equal(gorlist_parse(dump, strlen(dump), g, 1), 2);
  assert_int_equal(gorlist_parse("goroutine x [y]:\n", 17, g, 4), 0);
  assert_int_equal(gorlist_parse("", 0, g, 4), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(diff__lines_split),
      cmocka_unit_test(diff__same_insert_delete),
      cmocka_unit_test(diff__replace_in_the_middle),
      cmocka_unit_test(highlight__classes),
      cmocka_unit_test(highlight__survives_bad_source),
      cmocka_unit_test(gorlist__crash_dump),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
