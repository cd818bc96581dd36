/* tests/unit/test_grade.c - lessons/grade: every report format of one
 * hand-made result model (a passing exercise, a failing one whose program
 * printed hostile text, one that could not be graded), the XML escaper,
 * Exercism's 500-character output, Classroom's base64 and points, and the
 * JSON round trip a grader uses to hand its result to the parent.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/mem.h"
#include "lessons/grade.h"

static void add(GradeExercise *e, GradeCrit c, GradeStatus st, int score,
                int max, const char *msg, const char *detail)
{
  GradeCheck *k = &e->checks[e->nchecks++];
  k->crit = c;
  k->status = st;
  k->score = score;
  k->max_score = max;
  k->message = xstrdup(msg);
  k->detail = detail ? xstrdup(detail) : NULL;
}

static void exercise(GradeExercise *e, const char *id, GradeStatus st)
{
  memset(e, 0, sizeof *e);
  e->id = xstrdup(id);
  e->title = xstrdup("A title");
  e->file = xstrdup("x/main.go");
  e->status = st;
  e->changed_lines = 3;
}

/* a: passes; b: crashes, printing "ok 1" and markup; c: not graded. */
static void model(GradeReport *r)
{
  GradeExercise *e;
  memset(r, 0, sizeof *r);
  r->dir = xstrdup("ws");
  r->n = 3;
  r->jobs = 2;
  r->ex = xcalloc(3, sizeof *r->ex);
  e = &r->ex[0];
  exercise(e, "a", GRADE_PASS);
  add(e, GC_COMPILES, GRADE_PASS, 1, 1, "compiles", NULL);
  add(e, GC_FIX_SIZE, GRADE_PASS, 2, 2, "3 changed lines", NULL);
  add(e, GC_RACE_FREE, GRADE_SKIP, 0, 0, "not checked: no detector", NULL);
  e = &r->ex[1];
  exercise(e, "b", GRADE_FAIL);
  add(e, GC_COMPILES, GRADE_PASS, 1, 1, "compiles", NULL);
  add(e, GC_NO_CRASH, GRADE_FAIL, 0, 1, "panic: <boom> & \"q\" 'x' #1",
      "replay: panicroom run b/main.go --replay go::0\nstdout:\nok 1\nPASS\n"
      "{\"status\":\"pass\"}\x01\x1b[31m</failure>");
  add(e, GC_FIX_SIZE, GRADE_SKIP, 0, 2, "not judged yet", NULL);
  e = &r->ex[2];
  exercise(e, "c", GRADE_ERROR);
  e->error = xstrdup("cannot read c/main.go: No such file or directory");
}

static char *render(void (*fn)(const GradeReport *, Buf *))
{
  GradeReport r;
  Buf out = BUF_INIT;
  model(&r);
  fn(&r, &out);
  grade_report_fini(&r);
  return buf_steal(&out);
}

static void grade__tap_points_and_yaml(void **state)
{
  (void)state;
  char *s = render(grade_format_tap);
  assert_true(strncmp(s, "TAP version 14\n1..7\n", 20) == 0);
  assert_non_null(strstr(s, "\nok 1 - a: compiles\n"));
  assert_non_null(strstr(s, "\nok 3 - a: race-free # SKIP not checked: "
                            "no detector\n"));
  assert_non_null(strstr(s, "\nnot ok 5 - b: no-crash\n  ---\n  message: "
                            "\"panic: <boom> & \\\"q\\\" 'x' #1\"\n"
                            "  severity: fail\n"));
  assert_non_null(strstr(s, "\nok 6 - b: fix-size # SKIP not judged yet\n"));
  assert_non_null(strstr(s, "\nnot ok 7 - c: grading\n  ---\n"));
  assert_non_null(strstr(s, "  severity: error\n"));
  /* The program's "ok 1" stays inside a quoted YAML value. */
  assert_null(strstr(s, "\nok 1\n"));
  /* Every YAML block is closed. */
  size_t open = 0, close = 0;
  for (const char *p = s; (p = strstr(p, "\n  ---\n")); p++)
    open++;
  for (const char *p = s; (p = strstr(p, "\n  ...\n")); p++)
    close++;
  assert_int_equal(open, 2);
  assert_int_equal(close, 2);
  free(s);
}

/* A tiny XML well-formedness check: balanced elements, quoted attributes,
 * no raw '<' or '&' outside markup and entities, no control characters. */
static bool well_formed(const char *s)
{
  const char *stack[64];
  size_t lens[64], depth = 0;
  for (const char *p = s; *p; p++) {
    if ((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r')
      return false;
    if (*p == '&') {
      const char *semi = strchr(p, ';');
      if (!semi || semi - p > 6)
        return false;
      continue;
    }
    if (*p != '<')
      continue;
    if (p[1] == '?') {
      p = strstr(p, "?>");
      if (!p)
        return false;
      p++;
      continue;
    }
    bool closing = p[1] == '/';
    const char *name = p + 1 + closing;
    size_t n = strcspn(name, " />");
    const char *q = name + n;
    bool quoted = false;
    for (; *q && (quoted || *q != '>'); q++) {
      if (*q == '"')
        quoted = !quoted;
      if (quoted && *q == '<')
        return false;
    }
    if (!*q)
      return false;
    if (closing) {
      if (!depth || lens[depth - 1] != n ||
          strncmp(stack[depth - 1], name, n) != 0)
        return false;
      depth--;
    } else if (q[-1] != '/') {
      if (depth == 64)
        return false;
      stack[depth] = name;
      lens[depth++] = n;
    }
    p = q;
  }
  return depth == 0;
}

static void grade__junit_well_formed(void **state)
{
  (void)state;
  char *s = render(grade_format_junit);
  assert_true(well_formed(s));
  assert_non_null(strstr(s, "<testsuites name=\"panicroom grade\" tests=\"7\" "
                            "failures=\"1\" errors=\"1\" skipped=\"2\""));
  assert_non_null(strstr(s, "<testsuite name=\"b\""));
  assert_non_null(strstr(s, "<failure message=\"panic: &lt;boom&gt; &amp; "
                            "&quot;q&quot; &apos;x&apos; #1\" "
                            "type=\"no-crash\">"));
  assert_non_null(strstr(s, "&lt;/failure&gt;</failure>"));
  assert_non_null(strstr(s, "<error message=\"cannot read c/main.go"));
  assert_non_null(strstr(s, "<skipped message=\"not judged yet\"/>"));
  assert_null(strstr(s, "\x01"));
  assert_null(strstr(s, "\x1b"));
  assert_false(well_formed("<a><b></a></b>"));
  assert_false(well_formed("<a>x & y</a>"));
  free(s);
}

static void grade__xml_escape(void **state)
{
  (void)state;
  Buf b = BUF_INIT;
  grade_xml_escape("<>&\"'\x01\x7f\xff", 8, false, &b);
  assert_string_equal(buf_cstr(&b), "&lt;&gt;&amp;&quot;&apos;\xEF\xBF\xBD"
                                    "\x7f\xEF\xBF\xBD");
  buf_clear(&b);
  grade_xml_escape("a\nb\tc\rd", 7, true, &b);
  assert_string_equal(buf_cstr(&b), "a&#10;b&#9;c&#13;d");
  buf_clear(&b);
  grade_xml_escape("a\nb", 3, false, &b);
  assert_string_equal(buf_cstr(&b), "a\nb");
  buf_clear(&b);
  grade_xml_escape("\xEF\xBF\xBE \xC3\xA9", 6, false, &b); /* U+FFFE, é */
  assert_string_equal(buf_cstr(&b), "\xEF\xBF\xBD \xC3\xA9");
  buf_fini(&b);
}

static void grade__exercism_shape_and_truncation(void **state)
{
  (void)state;
  char *s = render(grade_format_exercism);
  json_error_t err;
  json_t *j = json_loads(s, 0, &err);
  assert_non_null(j);
  assert_int_equal(json_integer_value(json_object_get(j, "version")), 3);
  assert_string_equal(json_string_value(json_object_get(j, "status")),
                      "error");
  assert_non_null(strstr(json_string_value(json_object_get(j, "message")),
                         "c: cannot read"));
  json_t *tests = json_object_get(j, "tests");
  /* a: 2 counted (the 0-point skip is left out); b: 3; c: 1. */
  assert_int_equal(json_array_size(tests), 6);
  json_t *t = json_array_get(tests, 3);
  assert_string_equal(json_string_value(json_object_get(t, "name")),
                      "b: no-crash");
  assert_string_equal(json_string_value(json_object_get(t, "status")), "fail");
  assert_non_null(json_object_get(t, "output"));
  json_decref(j);
  free(s);

  char big[2000];
  Buf b = BUF_INIT;
  memset(big, 'x', sizeof big);
  grade_truncate(big, sizeof big, GRADE_EXERCISM_OUTPUT_MAX, &b);
  assert_true(b.len <= GRADE_EXERCISM_OUTPUT_MAX);
  assert_non_null(strstr(buf_cstr(&b), "[output truncated: 2000 characters"));
  buf_clear(&b);
  grade_truncate("short", 5, GRADE_EXERCISM_OUTPUT_MAX, &b);
  assert_string_equal(buf_cstr(&b), "short");
  buf_clear(&b);
  /* Cut on characters, not bytes: 600 two-byte é stay valid UTF-8. */
  char wide[1200];
  for (int i = 0; i < 600; i++)
    memcpy(wide + 2 * i, "\xC3\xA9", 2);
  grade_truncate(wide, sizeof wide, GRADE_EXERCISM_OUTPUT_MAX, &b);
  json_t *ok = json_stringn(b.data, b.len); /* NULL if invalid UTF-8 */
  assert_non_null(ok);
  json_decref(ok);
  buf_fini(&b);
}

static int b64val(char c)
{
  const char *abc =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const char *p = strchr(abc, c);
  return c && p ? (int)(p - abc) : -1;
}

/* The test's own decoder, so the round trip checks the encoder. */
static char *unbase64(const char *s, size_t n)
{
  Buf out = BUF_INIT;
  for (size_t i = 0; i + 3 < n + 1 && i < n; i += 4) {
    int v[4];
    for (int k = 0; k < 4; k++)
      v[k] = s[i + k] == '=' ? 0 : b64val(s[i + k]);
    unsigned w = (unsigned)v[0] << 18 | (unsigned)v[1] << 12 |
                 (unsigned)v[2] << 6 | (unsigned)v[3];
    buf_putc(&out, (char)(w >> 16));
    if (s[i + 2] != '=')
      buf_putc(&out, (char)(w >> 8 & 255));
    if (s[i + 3] != '=')
      buf_putc(&out, (char)(w & 255));
  }
  return buf_steal(&out);
}

static void grade__classroom_base64_and_points(void **state)
{
  (void)state;
  char *s = render(grade_format_classroom);
  char *nl = strchr(s, '\n');
  assert_non_null(nl);
  char *json = unbase64(s, (size_t)(nl - s));
  json_error_t err;
  json_t *j = json_loads(json, 0, &err);
  assert_non_null(j);
  assert_int_equal(json_integer_value(json_object_get(j, "version")), 1);
  assert_string_equal(json_string_value(json_object_get(j, "status")),
                      "error");
  json_t *tests = json_object_get(j, "tests");
  int score = 0, max = 0;
  for (size_t i = 0; i < json_array_size(tests); i++) {
    score += (int)json_integer_value(
        json_object_get(json_array_get(tests, i), "score"));
    max += (int)json_integer_value(
        json_object_get(json_array_get(tests, i), "max_score"));
  }
  assert_int_equal(score, 4);
  assert_int_equal(max, 7);
  assert_int_equal(json_integer_value(json_object_get(j, "max_score")), 7);
  assert_string_equal(nl, "\nPoints 4/7\n");
  json_decref(j);
  free(json);
  free(s);

  Buf b = BUF_INIT;
  grade_base64("Ma", 2, &b);
  assert_string_equal(buf_cstr(&b), "TWE=");
  buf_clear(&b);
  grade_base64("Man", 3, &b);
  assert_string_equal(buf_cstr(&b), "TWFu");
  buf_fini(&b);
}

static void grade__json_round_trip_and_status(void **state)
{
  (void)state;
  GradeReport r;
  GradeExercise back;
  model(&r);
  json_t *j = grade_exercise_to_json(&r.ex[1]);
  assert_int_equal(grade_exercise_from_json(j, &back), 0);
  assert_string_equal(back.id, "b");
  assert_int_equal(back.status, GRADE_FAIL);
  assert_int_equal(back.nchecks, 3);
  assert_int_equal(back.checks[1].crit, GC_NO_CRASH);
  assert_non_null(strstr(back.checks[1].detail, "ok 1\nPASS"));
  grade_exercise_fini(&back);
  json_decref(j);
  j = json_pack("{s:s}", "id", "x"); /* no checks: not a result */
  assert_int_equal(grade_exercise_from_json(j, &back), -1);
  json_decref(j);

  assert_int_equal(grade_exit_status(&r), 2);
  r.ex[2].internal = true;
  assert_int_equal(grade_exit_status(&r), 3);
  r.n = 2;
  assert_int_equal(grade_exit_status(&r), 1);
  r.n = 1;
  assert_int_equal(grade_exit_status(&r), 0);
  r.n = 3;
  int score, max;
  grade_points(&r, &score, &max);
  assert_int_equal(score, 4);
  assert_int_equal(max, 7);

  Buf t = BUF_INIT;
  grade_format_text(&r, &t);
  assert_non_null(strstr(buf_cstr(&t), "b: no-crash: panic: <boom>"));
  assert_non_null(strstr(buf_cstr(&t), "1 of 3 exercises pass, 1 could not "
                                       "be graded; 4/7 points"));
  buf_fini(&t);
  grade_report_fini(&r);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(grade__tap_points_and_yaml),
      cmocka_unit_test(grade__junit_well_formed),
      cmocka_unit_test(grade__xml_escape),
      cmocka_unit_test(grade__exercism_shape_and_truncation),
      cmocka_unit_test(grade__classroom_base64_and_points),
      cmocka_unit_test(grade__json_round_trip_and_status),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
