/* tests/unit/test_check_lessons.c - the pure parts of check-lessons and of
 * FILE-or-ID resolution: the line-diff counter of lessons/check.c (the
 * "fix within 7 lines" rule) and lessons/resolve.c against the fixture
 * data root tests/fixtures/lessons (run from the repository root, as
 * `make test` does).  Running lesson programs is covered end to end by
 * tests/e2e/lessons_run.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/buf.h"
#include "lessons/check.h"
#include "lessons/resolve.h"

#define FIXTURES "tests/fixtures/lessons"

static int diff(const char *a, const char *b)
{
  return lcheck_diff_count(a, strlen(a), b, strlen(b));
}

/* --- the line diff -------------------------------------------------------- */

static void check_lessons__diff_identical(void **state)
{
  (void)state;
  assert_int_equal(diff("", ""), 0);
  assert_int_equal(diff("a\nb\nc\n", "a\nb\nc\n"), 0);
}

static void check_lessons__diff_pure_insert(void **state)
{
  (void)state;
  assert_int_equal(diff("a\nc\n", "a\nb\nc\n"), 1);
  assert_int_equal(diff("a\nd\n", "a\nb\nc\nd\n"), 2);
  assert_int_equal(diff("", "x\ny\n"), 2);
  /* a pure deletion costs the same */
  assert_int_equal(diff("a\nb\nc\nd\n", "a\nd\n"), 2);
}

static void check_lessons__diff_replace(void **state)
{
  (void)state;
  /* one line changed: 1 removed + 1 added is one changed line */
  assert_int_equal(diff("a\nb\nc\n", "a\nB\nc\n"), 1);
  /* 2 removed, 3 added in one hunk: max(2, 3) */
  assert_int_equal(diff("a\nb\nc\nz\n", "a\nX\nY\nZ\nz\n"), 3);
  /* a last line without '\n' is a line too */
  assert_int_equal(diff("a\nb", "a\nc"), 1);
}

static void check_lessons__diff_several_hunks(void **state)
{
  (void)state;
  /* hunks at the start, middle and end: 1 + 2 + 1 */
  assert_int_equal(diff("x\na\nb\nc\nd\ne\ny\n",
                        "X\na\nb\nC1\nC2\nd\ne\nY\n"),
                   4);
  /* an insert and a separate delete do not cancel out */
  assert_int_equal(diff("a\nb\nc\nd\n", "a\nNEW\nb\nd\n"), 2);
}

/* Seven lines is the limit; eight is over it. */
static void check_lessons__diff_boundary(void **state)
{
  const char *base = "p\n1\n2\n3\n4\n5\n6\n7\n8\nq\n";

  (void)state;
  assert_int_equal(diff(base, "p\nA\nB\nC\nD\nE\nF\nG\n8\nq\n"),
                   LCHECK_MAX_FIX_LINES);
  assert_int_equal(diff(base, "p\nA\nB\nC\nD\nE\nF\nG\nH\nq\n"),
                   LCHECK_MAX_FIX_LINES + 1);
  /* 4 + 3 in two hunks: still 7 */
  assert_int_equal(diff(base, "p\nA\nB\nC\nD\n5\nE\nF\nG\nq\n"), 7);
}

/* --- resolution ----------------------------------------------------------- */

static void check_lessons__resolve_file(void **state)
{
  Resolved r;
  Buf err = BUF_INIT;

  (void)state;
  /* an existing file wins, whatever it is called */
  assert_int_equal(resolve_arg(FIXTURES, "Makefile", false, &r, &err), 0);
  assert_string_equal(r.path, "Makefile");
  assert_false(r.lesson);
  assert_null(r.expect_path);
  resolve_fini(&r);
  /* --fixed needs a lesson */
  assert_int_equal(resolve_arg(FIXTURES, "Makefile", true, &r, &err), -1);
  assert_non_null(strstr(buf_cstr(&err), "--fixed needs a lesson id"));
  buf_fini(&err);
}

static void check_lessons__resolve_id(void **state)
{
  Resolved r;
  Buf err = BUF_INIT;

  (void)state;
  assert_int_equal(resolve_arg(FIXTURES, "send-closed", false, &r, &err), 0);
  assert_true(r.lesson);
  assert_string_equal(r.id, "send-closed");
  assert_string_equal(r.path, FIXTURES "/scenarios/send-closed/broken.go");
  assert_string_equal(r.expect_path,
                      FIXTURES "/scenarios/send-closed/fixed.stdout");
  assert_int_equal(r.verdict, VERDICT_PANIC);
  assert_false(resolve_uses_seed(&r)); /* deterministic, seed 0 */
  resolve_fini(&r);
  assert_int_equal(resolve_arg(FIXTURES, "nil-chan", true, &r, &err), 0);
  assert_string_equal(r.path, FIXTURES "/scenarios/nil-chan/fixed.go");
  assert_true(r.fixed);
  resolve_fini(&r);
  assert_int_equal(err.len, 0);
  buf_fini(&err);
}

static void check_lessons__resolve_missing(void **state)
{
  Resolved r;
  Buf err = BUF_INIT;

  (void)state;
  assert_int_equal(resolve_arg(FIXTURES, "no-such-lesson", false, &r, &err),
                   -1);
  assert_string_equal(buf_cstr(&err), "no lesson or file \"no-such-lesson\" "
                                      "(see panicroom list)");
  buf_clear(&err);
  /* a directory is not a file: "tests" is looked up as an id */
  assert_int_equal(resolve_arg(FIXTURES, "tests", false, &r, &err), -1);
  /* not id-shaped: a file, even a missing one (the command then says
   * "cannot read") */
  assert_int_equal(resolve_arg(FIXTURES, "/nonexistent/x.go", false, &r,
                               &err), 0);
  assert_false(r.lesson);
  assert_string_equal(r.path, "/nonexistent/x.go");
  resolve_fini(&r);
  buf_fini(&err);
}

static void check_lessons__resolve_seed_rule(void **state)
{
  Resolved r = {.lesson = true, .schedule_dependent = true, .seed = 5};

  (void)state;
  assert_true(resolve_uses_seed(&r));
  r.seed = 0; /* none recorded */
  assert_false(resolve_uses_seed(&r));
  r.seed = 5;
  r.schedule_dependent = false;
  assert_false(resolve_uses_seed(&r));
  r.schedule_dependent = true;
  r.lesson = false;
  assert_false(resolve_uses_seed(&r));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(check_lessons__diff_identical),
      cmocka_unit_test(check_lessons__diff_pure_insert),
      cmocka_unit_test(check_lessons__diff_replace),
      cmocka_unit_test(check_lessons__diff_several_hunks),
      cmocka_unit_test(check_lessons__diff_boundary),
      cmocka_unit_test(check_lessons__resolve_file),
      cmocka_unit_test(check_lessons__resolve_id),
      cmocka_unit_test(check_lessons__resolve_missing),
      cmocka_unit_test(check_lessons__resolve_seed_rule),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
