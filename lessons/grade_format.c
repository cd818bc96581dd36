/* lessons/grade_format.c - a GradeReport (grade.h) written out for people
 * and for CI systems: text, JSON, TAP 14, JUnit XML, Exercism's
 * results.json (version 3) and GitHub Classroom's runner result.
 *
 * Everything a learner's program printed reaches these formats only inside
 * escaped values: JSON strings through jansson, YAML values as JSON-quoted
 * scalars (valid YAML double-quoted scalars), XML through
 * grade_xml_escape, TAP descriptions from our own names.  So a program
 * that prints "ok 1", "PASS" or fake JSON changes nothing but its own
 * output field.
 *
 * Classroom: the format the classroom-resources runners (e.g.
 * autograding-command-grader) hand to autograding-grading-reporter is the
 * base64 of {"version":1,"status":"pass"|"fail"|"error","max_score":N,
 * "tests":[{"name","status","score","message","test_code","filename",
 * "line_no","duration"}]}; the reporter adds every test's `score` and
 * every runner's `max_score` into "Points X/Y".  We add a per-test
 * `max_score` too (ignored by the reporter, useful to people), so partial
 * credit adds up to the same total.
 */
#include "lessons/grade.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/mem.h"
#include "runner/report.h"

int grade_format_from_name(const char *name, GradeFormat *out)
{
  static const char *const names[] = {"text",  "json",     "tap",
                                      "junit", "exercism", "classroom"};
  for (int i = 0; i < (int)(sizeof names / sizeof names[0]); i++)
    if (strcmp(name, names[i]) == 0) {
      *out = (GradeFormat)i;
      return 0;
    }
  return -1;
}

void grade_format(GradeFormat f, const GradeReport *rep, Buf *out)
{
  static void (*const fns[])(const GradeReport *, Buf *) = {
      grade_format_text,  grade_format_json,     grade_format_tap,
      grade_format_junit, grade_format_exercism, grade_format_classroom};
  fns[f](rep, out);
}

/* --- helpers --------------------------------------------------------------- */

static void dump_json(json_t *j, size_t flags, Buf *out)
{
  char *s = json_dumps(j, flags | JSON_ENCODE_ANY);
  if (!s)
    die("grade: out of memory");
  buf_puts(out, s);
  free(s);
  json_decref(j);
}

/* A JSON string of s with invalid UTF-8 replaced (jansson refuses it). */
static json_t *jstr(const char *s)
{
  Buf clean = BUF_INIT;
  report_utf8_clean(s ? s : "", s ? strlen(s) : 0, &clean);
  json_t *j = json_stringn(clean.data ? clean.data : "", clean.len);
  buf_fini(&clean);
  if (!j)
    die("grade: out of memory");
  return j;
}

/* A JSON string of s with invalid UTF-8 replaced: also a valid YAML
 * double-quoted scalar. */
static void put_quoted(const char *s, Buf *out)
{
  dump_json(jstr(s), 0, out);
}

/* The first line of s (the replay command of a detail). */
static void first_line(const char *s, Buf *out)
{
  const char *nl = s ? strchr(s, '\n') : NULL;
  if (s)
    buf_append(out, s, nl ? (size_t)(nl - s) : strlen(s));
}

/* --- text ------------------------------------------------------------------- */

static const char *mark(GradeStatus s)
{
  static const char *const m[] = {"ok", "FAIL", "-", "ERROR"};
  return m[s];
}

/* The three guards in one column: FAIL if any failed, ok if all passed. */
static GradeStatus guards_status(const GradeExercise *e)
{
  GradeStatus st = GRADE_SKIP;
  for (size_t i = 0; i < e->nchecks; i++) {
    const GradeCheck *k = &e->checks[i];
    if (k->crit < GC_GUARD_GOROUTINES)
      continue;
    if (k->status == GRADE_FAIL || k->status == GRADE_ERROR)
      return k->status;
    if (k->status == GRADE_PASS)
      st = GRADE_PASS;
    else if (st == GRADE_PASS)
      return GRADE_SKIP;
  }
  return st;
}

static void text_row(const GradeExercise *e, Buf *out)
{
  int score, max;
  buf_printf(out, "%-20s", e->id);
  if (e->error) {
    buf_printf(out, " ERROR: %s\n", e->error);
    return;
  }
  for (int c = 0; c <= GC_FIX_SIZE; c++) {
    GradeStatus st = GRADE_SKIP;
    for (size_t i = 0; i < e->nchecks; i++)
      if (e->checks[i].crit == (GradeCrit)c)
        st = e->checks[i].status;
    buf_printf(out, " %-*s", (int)strlen(grade_crit_name((GradeCrit)c)),
               mark(st));
  }
  grade_exercise_points(e, &score, &max);
  buf_printf(out, " %-6s %d/%d\n", mark(guards_status(e)), score, max);
}

static void text_failures(const GradeExercise *e, Buf *out)
{
  for (size_t i = 0; i < e->nchecks; i++) {
    const GradeCheck *k = &e->checks[i];
    if (k->status != GRADE_FAIL && k->status != GRADE_ERROR)
      continue;
    buf_printf(out, "%s: %s: %s\n", e->id, grade_crit_name(k->crit),
               k->message);
    if (k->detail && strncmp(k->detail, "replay: ", 8) == 0) {
      buf_puts(out, "    ");
      first_line(k->detail, out);
      buf_putc(out, '\n');
    }
  }
}

static void summary(const GradeReport *rep, Buf *out)
{
  size_t pass = 0, err = 0;
  int score, max;
  for (size_t i = 0; i < rep->n; i++) {
    pass += rep->ex[i].status == GRADE_PASS;
    err += rep->ex[i].status == GRADE_ERROR;
  }
  grade_points(rep, &score, &max);
  buf_printf(out, "%zu of %zu exercise%s pass", pass, rep->n,
             rep->n == 1 ? "" : "s");
  if (err)
    buf_printf(out, ", %zu could not be graded", err);
  buf_printf(out, "; %d/%d points (%.1f s, %d job%s)\n", score, max,
             (double)rep->wall_ms / 1000.0, rep->jobs,
             rep->jobs == 1 ? "" : "s");
}

void grade_format_text(const GradeReport *rep, Buf *out)
{
  buf_printf(out, "%-20s", "exercise");
  for (int c = 0; c <= GC_FIX_SIZE; c++)
    buf_printf(out, " %s", grade_crit_name((GradeCrit)c));
  buf_puts(out, " guards points\n");
  for (size_t i = 0; i < rep->n; i++)
    text_row(&rep->ex[i], out);
  buf_putc(out, '\n');
  for (size_t i = 0; i < rep->n; i++)
    text_failures(&rep->ex[i], out);
  summary(rep, out);
}

void grade_format_compact(const GradeExercise *e, Buf *out)
{
  int score, max, shown = 0;
  grade_exercise_points(e, &score, &max);
  if (e->error) {
    buf_printf(out, "! %s could not be graded: %s\n", e->id, e->error);
    return;
  }
  buf_printf(out, "%s %s: %s (%d/%d points, %d schedules)\n",
             e->status == GRADE_PASS ? "PASS" : "FAIL", e->id,
             e->status == GRADE_PASS ? "every check passes" : "not yet",
             score, max, e->schedules);
  for (size_t i = 0; i < e->nchecks && shown < 3; i++) {
    const GradeCheck *k = &e->checks[i];
    if (k->status != GRADE_FAIL && k->status != GRADE_ERROR)
      continue;
    buf_printf(out, "  %s: %s\n", grade_crit_name(k->crit), k->message);
    shown++;
  }
}

/* --- json -------------------------------------------------------------------- */

void grade_format_json(const GradeReport *rep, Buf *out)
{
  json_t *ex = json_array();
  int score, max;
  static const char *const st[] = {"pass", "fail", "could-not-grade",
                                   "internal-error"};

  for (size_t i = 0; i < rep->n; i++)
    json_array_append_new(ex, grade_exercise_to_json(&rep->ex[i]));
  grade_points(rep, &score, &max);
  json_t *j = json_pack("{s:i, s:s, s:s, s:i, s:i, s:i, s:I, s:o}",
                        "version", 1, "dir", rep->dir ? rep->dir : "",
                        "status", st[grade_exit_status(rep)], "score",
                        score, "max_score", max, "jobs", rep->jobs,
                        "wall_ms", (json_int_t)rep->wall_ms, "exercises",
                        ex);
  if (!j)
    die("grade: out of memory");
  dump_json(j, JSON_INDENT(2), out);
  buf_putc(out, '\n');
}

/* --- TAP 14 -------------------------------------------------------------------- */

static size_t count_points(const GradeReport *rep)
{
  size_t n = 0;
  for (size_t i = 0; i < rep->n; i++)
    n += rep->ex[i].error ? 1 : rep->ex[i].nchecks;
  return n;
}

/* A directive reason or description: one line, '#' and '\' escaped (TAP
 * 14 reads an unescaped '#' as the start of a directive). */
static void tap_text(const char *s, Buf *out)
{
  for (; *s; s++) {
    if (*s == '#' || *s == '\\')
      buf_putc(out, '\\');
    buf_putc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
  }
}

static void tap_yaml(const GradeExercise *e, const GradeCheck *k,
                     const char *severity, const char *msg, Buf *out)
{
  buf_puts(out, "  ---\n  message: ");
  put_quoted(msg, out);
  buf_printf(out, "\n  severity: %s\n  exercise: ", severity);
  put_quoted(e->id, out);
  buf_puts(out, "\n  file: ");
  put_quoted(e->file, out);
  if (k) {
    buf_printf(out, "\n  score: %d\n  max_score: %d", k->score,
               k->max_score);
    if (k->detail) {
      buf_puts(out, "\n  detail: ");
      put_quoted(k->detail, out);
    }
  }
  buf_puts(out, "\n  ...\n");
}

static void tap_check(const GradeExercise *e, const GradeCheck *k,
                      size_t num, Buf *out)
{
  bool ok = k->status == GRADE_PASS || k->status == GRADE_SKIP;
  buf_printf(out, "%sok %zu - %s: %s", ok ? "" : "not ", num, e->id,
             grade_crit_name(k->crit));
  if (k->status == GRADE_SKIP) {
    buf_puts(out, " # SKIP ");
    tap_text(k->message, out);
  }
  buf_putc(out, '\n');
  if (!ok)
    tap_yaml(e, k, k->status == GRADE_ERROR ? "error" : "fail", k->message,
             out);
}

void grade_format_tap(const GradeReport *rep, Buf *out)
{
  size_t num = 0;
  buf_printf(out, "TAP version 14\n1..%zu\n", count_points(rep));
  for (size_t i = 0; i < rep->n; i++) {
    const GradeExercise *e = &rep->ex[i];
    buf_puts(out, "# ");
    tap_text(e->id, out);
    if (e->title) {
      buf_puts(out, ": ");
      tap_text(e->title, out);
    }
    buf_putc(out, '\n');
    if (e->error) {
      buf_printf(out, "not ok %zu - %s: grading\n", ++num, e->id);
      tap_yaml(e, NULL, "error", e->error, out);
      continue;
    }
    for (size_t c = 0; c < e->nchecks; c++)
      tap_check(e, &e->checks[c], ++num, out);
  }
}

/* --- XML ------------------------------------------------------------------------ */

/* The code point of the valid UTF-8 sequence at p (len k). */
static unsigned decode(const unsigned char *p, size_t k)
{
  static const unsigned lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  unsigned cp = p[0] & lead_mask[k];
  for (size_t i = 1; i < k; i++)
    cp = (cp << 6) | (p[i] & 0x3F);
  return cp;
}

static size_t seq_len(unsigned char c)
{
  return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

/* XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
 * [#x10000-#x10FFFF]. */
static bool xml_char(unsigned cp)
{
  return cp == 0x9 || cp == 0xA || cp == 0xD ||
         (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

static void xml_one(const unsigned char *p, size_t k, bool attr, Buf *out)
{
  unsigned cp = decode(p, k);
  if (!xml_char(cp)) {
    buf_puts(out, "\xEF\xBF\xBD");
    return;
  }
  switch (cp) {
  case '&': buf_puts(out, "&amp;"); return;
  case '<': buf_puts(out, "&lt;"); return;
  case '>': buf_puts(out, "&gt;"); return;
  case '"': buf_puts(out, "&quot;"); return;
  case '\'': buf_puts(out, "&apos;"); return;
  case '\t': case '\n': case '\r':
    if (attr) {
      buf_printf(out, "&#%u;", cp);
      return;
    }
    break;
  default:
    break;
  }
  buf_append(out, p, k);
}

void grade_xml_escape(const char *s, size_t n, bool attr, Buf *out)
{
  Buf clean = BUF_INIT;
  const unsigned char *p;
  size_t left;

  report_utf8_clean(s, n, &clean); /* now every sequence is whole */
  p = (const unsigned char *)(clean.data ? clean.data : "");
  for (left = clean.len; left > 0;) {
    size_t k = seq_len(*p);
    xml_one(p, k, attr, out);
    p += k;
    left -= k;
  }
  buf_fini(&clean);
}

static void xml_attr(const char *name, const char *value, Buf *out)
{
  buf_printf(out, " %s=\"", name);
  grade_xml_escape(value ? value : "", value ? strlen(value) : 0, true, out);
  buf_putc(out, '"');
}

/* --- JUnit --------------------------------------------------------------------- */

typedef struct Tally {
  size_t tests, failures, errors, skipped;
} Tally;

static Tally tally(const GradeExercise *e)
{
  Tally t = {0};
  if (e->error) {
    t.tests = t.errors = 1;
    return t;
  }
  for (size_t i = 0; i < e->nchecks; i++) {
    t.tests++;
    t.failures += e->checks[i].status == GRADE_FAIL;
    t.errors += e->checks[i].status == GRADE_ERROR;
    t.skipped += e->checks[i].status == GRADE_SKIP;
  }
  return t;
}

static void junit_counts(Tally t, Buf *out)
{
  buf_printf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
             "skipped=\"%zu\"", t.tests, t.failures, t.errors, t.skipped);
}

static void junit_case(const GradeExercise *e, const GradeCheck *k, Buf *out)
{
  static const char *const elem[] = {NULL, "failure", "skipped", "error"};
  buf_puts(out, "    <testcase");
  xml_attr("name", grade_crit_name(k->crit), out);
  xml_attr("classname", e->id, out);
  buf_puts(out, " time=\"0\"");
  if (k->status == GRADE_PASS) {
    buf_puts(out, "/>\n");
    return;
  }
  buf_printf(out, ">\n      <%s", elem[k->status]);
  xml_attr("message", k->message, out);
  if (k->status != GRADE_SKIP)
    xml_attr("type", grade_crit_name(k->crit), out);
  if (!k->detail || k->status == GRADE_SKIP) {
    buf_puts(out, "/>\n    </testcase>\n");
    return;
  }
  buf_putc(out, '>');
  grade_xml_escape(k->detail, strlen(k->detail), false, out);
  buf_printf(out, "</%s>\n    </testcase>\n", elem[k->status]);
}

static void junit_suite(const GradeExercise *e, Buf *out)
{
  buf_puts(out, "  <testsuite");
  xml_attr("name", e->id, out);
  junit_counts(tally(e), out);
  buf_printf(out, " time=\"%.3f\"", (double)e->wall_ms / 1000.0);
  xml_attr("file", e->file, out);
  buf_puts(out, ">\n");
  if (e->error) {
    buf_puts(out, "    <testcase name=\"grading\"");
    xml_attr("classname", e->id, out);
    buf_puts(out, ">\n      <error");
    xml_attr("message", e->error, out);
    buf_puts(out, " type=\"grading\"/>\n    </testcase>\n");
  }
  for (size_t i = 0; !e->error && i < e->nchecks; i++)
    junit_case(e, &e->checks[i], out);
  buf_puts(out, "  </testsuite>\n");
}

void grade_format_junit(const GradeReport *rep, Buf *out)
{
  Tally all = {0};
  for (size_t i = 0; i < rep->n; i++) {
    Tally t = tally(&rep->ex[i]);
    all.tests += t.tests;
    all.failures += t.failures;
    all.errors += t.errors;
    all.skipped += t.skipped;
  }
  buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<testsuites name=\"panicroom grade\"");
  junit_counts(all, out);
  buf_printf(out, " time=\"%.3f\">\n", (double)rep->wall_ms / 1000.0);
  for (size_t i = 0; i < rep->n; i++)
    junit_suite(&rep->ex[i], out);
  buf_puts(out, "</testsuites>\n");
}

/* --- helpers for the CI formats ------------------------------------------------ */

static size_t code_points(const char *s, size_t n)
{
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += ((unsigned char)s[i] & 0xC0) != 0x80;
  return k;
}

/* Byte length of the first cps code points of s (valid UTF-8). */
static size_t prefix_bytes(const char *s, size_t n, size_t cps)
{
  size_t i = 0;
  for (size_t k = 0; i < n && k <= cps; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80 && k++ == cps)
      break;
  return i < n ? i : n;
}

void grade_truncate(const char *s, size_t n, size_t max, Buf *out)
{
  Buf clean = BUF_INIT, notice = BUF_INIT;
  size_t total, shown;

  report_utf8_clean(s, n, &clean);
  total = code_points(clean.data ? clean.data : "", clean.len);
  if (total <= max) {
    buf_append(out, clean.data ? clean.data : "", clean.len);
    buf_fini(&clean);
    return;
  }
  /* The notice is ASCII; its length with shown = max bounds the real one
   * (fewer digits never make it longer). */
  buf_printf(&notice, "\n[output truncated: %zu characters, first %zu "
             "shown]", total, max);
  shown = notice.len < max ? max - notice.len : 0;
  buf_clear(&notice);
  buf_printf(&notice, "\n[output truncated: %zu characters, first %zu "
             "shown]", total, shown);
  buf_append(out, clean.data, prefix_bytes(clean.data, clean.len, shown));
  buf_append(out, notice.data, notice.len);
  buf_fini(&clean);
  buf_fini(&notice);
}

void grade_base64(const void *data, size_t n, Buf *out)
{
  static const char abc[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)p[i] << 16;
    if (i + 1 < n)
      v |= (unsigned)p[i + 1] << 8;
    if (i + 2 < n)
      v |= p[i + 2];
    buf_putc(out, abc[v >> 18 & 63]);
    buf_putc(out, abc[v >> 12 & 63]);
    buf_putc(out, i + 1 < n ? abc[v >> 6 & 63] : '=');
    buf_putc(out, i + 2 < n ? abc[v & 63] : '=');
  }
}

static json_t *test_name(const GradeExercise *e, const char *what)
{
  Buf b = BUF_INIT;
  buf_printf(&b, "%s: %s", e->id, what);
  json_t *j = jstr(buf_cstr(&b));
  buf_fini(&b);
  return j;
}

/* "pass", "fail" or "error" for CI formats, which have no skip: a
 * counted skip ("not judged yet") is a fail that says why. */
static const char *ci_status(GradeStatus s)
{
  return s == GRADE_PASS ? "pass" : s == GRADE_ERROR ? "error" : "fail";
}

/* The overall CI status: error if grading (or compiling) failed
 * anywhere, else fail if anything failed. */
static const char *ci_overall(const GradeReport *rep, bool compile_is_error)
{
  bool fail = false;
  for (size_t i = 0; i < rep->n; i++) {
    const GradeExercise *e = &rep->ex[i];
    if (e->status == GRADE_ERROR)
      return "error";
    for (size_t c = 0; compile_is_error && c < e->nchecks; c++)
      if (e->checks[c].crit == GC_COMPILES &&
          e->checks[c].status != GRADE_PASS)
        return "error";
    fail |= e->status != GRADE_PASS;
  }
  return fail ? "fail" : "pass";
}

static bool counted(const GradeCheck *k)
{
  return k->max_score > 0 || k->status != GRADE_SKIP;
}

/* --- Exercism -------------------------------------------------------------------- */

static json_t *exercism_test(const GradeExercise *e, const GradeCheck *k)
{
  json_t *t = json_object();
  json_object_set_new(t, "name", test_name(e, grade_crit_name(k->crit)));
  json_object_set_new(t, "status", json_string(ci_status(k->status)));
  if (k->status != GRADE_PASS)
    json_object_set_new(t, "message", jstr(k->message));
  if (k->detail) {
    Buf o = BUF_INIT;
    grade_truncate(k->detail, strlen(k->detail), GRADE_EXERCISM_OUTPUT_MAX,
                   &o);
    json_object_set_new(t, "output", jstr(buf_cstr(&o)));
    buf_fini(&o);
  }
  return t;
}

/* The top-level message of an "error" result: what stopped grading. */
static void exercism_message(const GradeReport *rep, Buf *msg)
{
  for (size_t i = 0; i < rep->n; i++) {
    const GradeExercise *e = &rep->ex[i];
    if (e->error)
      buf_printf(msg, "%s%s: %s", msg->len ? "\n" : "", e->id, e->error);
    for (size_t c = 0; !e->error && c < e->nchecks; c++)
      if (e->checks[c].crit == GC_COMPILES &&
          e->checks[c].status != GRADE_PASS)
        buf_printf(msg, "%s%s: %s", msg->len ? "\n" : "", e->id,
                   e->checks[c].detail ? e->checks[c].detail
                                       : e->checks[c].message);
  }
}

void grade_format_exercism(const GradeReport *rep, Buf *out)
{
  json_t *tests = json_array(), *j = json_object();
  const char *st = ci_overall(rep, true);

  for (size_t i = 0; i < rep->n; i++) {
    const GradeExercise *e = &rep->ex[i];
    if (e->error) {
      json_t *t = json_pack("{s:o, s:s, s:o}", "name",
                            test_name(e, "grading"), "status", "error",
                            "message", jstr(e->error));
      json_array_append_new(tests, t);
    }
    for (size_t c = 0; !e->error && c < e->nchecks; c++)
      if (counted(&e->checks[c]))
        json_array_append_new(tests, exercism_test(e, &e->checks[c]));
  }
  json_object_set_new(j, "version", json_integer(3));
  json_object_set_new(j, "status", json_string(st));
  if (strcmp(st, "error") == 0) {
    Buf msg = BUF_INIT;
    exercism_message(rep, &msg);
    json_object_set_new(j, "message", jstr(buf_cstr(&msg)));
    buf_fini(&msg);
  }
  json_object_set_new(j, "tests", tests);
  dump_json(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER, out);
  buf_putc(out, '\n');
}

/* --- GitHub Classroom ---------------------------------------------------------------- */

static json_t *classroom_test(const GradeExercise *e, const GradeCheck *k)
{
  json_t *t = json_pack("{s:o, s:s, s:i, s:i, s:o, s:s, s:o, s:i, s:i}",
                        "name", test_name(e, grade_crit_name(k->crit)),
                        "status", ci_status(k->status), "score", k->score,
                        "max_score", k->max_score, "message",
                        jstr(k->message), "test_code", "", "filename",
                        jstr(e->file), "line_no", 0, "duration", 0);
  if (!t)
    die("grade: out of memory");
  return t;
}

void grade_format_classroom(const GradeReport *rep, Buf *out)
{
  json_t *tests = json_array();
  Buf text = BUF_INIT;
  int score, max;

  grade_points(rep, &score, &max);
  for (size_t i = 0; i < rep->n; i++) {
    const GradeExercise *e = &rep->ex[i];
    int es, em; /* an ungraded exercise's points still count as possible */
    grade_exercise_points(e, &es, &em);
    if (e->error)
      json_array_append_new(tests, json_pack(
          "{s:o, s:s, s:i, s:i, s:o}", "name", test_name(e, "grading"),
          "status", "error", "score", 0, "max_score", em, "message",
          jstr(e->error)));
    for (size_t c = 0; !e->error && c < e->nchecks; c++)
      if (counted(&e->checks[c]))
        json_array_append_new(tests, classroom_test(e, &e->checks[c]));
  }
  json_t *j = json_pack("{s:i, s:s, s:i, s:o}", "version", 1, "status",
                        ci_overall(rep, false), "max_score", max, "tests",
                        tests);
  if (!j)
    die("grade: out of memory");
  dump_json(j, JSON_COMPACT | JSON_PRESERVE_ORDER, &text);
  grade_base64(text.data, text.len, out);
  buf_printf(out, "\nPoints %d/%d\n", score, max);
  buf_fini(&text);
}
