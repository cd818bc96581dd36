/* runner/report_fmt.c - the machine formats of a verify report (report.h):
 * JSON through jansson, TAP version 14 with YAML diagnostics, and JUnit
 * XML.  One test point (TAP) or test case (JUnit) per kind of schedule in
 * the plan, in report order: a kind that ran clean passes, the kind of
 * the failing schedule fails, and a kind that never ran because verify
 * stopped at the first failure is skipped -- so a grader sees at a glance
 * both what failed and what was not tried.
 */
#include "runner/report.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "runner/strength.h"

/* --- JSON ----------------------------------------------------------------- */

/* jansson returns NULL / -1 only when malloc failed: our x* policy. */
static void jset(json_t *obj, const char *key, json_t *v)
{
  if (!v || json_object_set_new(obj, key, v) < 0)
    die("jansson: out of memory building the JSON report");
}

static json_t *jstr_n(const char *s, size_t n)
{
  Buf clean = BUF_INIT;
  json_t *v;

  report_utf8_clean(s, n, &clean);
  v = json_stringn(clean.data ? clean.data : "", clean.len);
  buf_fini(&clean);
  return v;
}

static json_t *jstr(const char *s) { return jstr_n(s, strlen(s)); }

static json_t *jcapture(const Capture *c)
{
  Buf b = BUF_INIT;
  json_t *v;

  capture_text(c, &b);
  v = jstr_n(b.data ? b.data : "", b.len);
  buf_fini(&b);
  return v;
}

static json_t *json_failure(const VerifyReport *rep, const VerifyOptions *o,
                            const char *file)
{
  json_t *f = json_object();
  Buf b = BUF_INIT;

  if (!f)
    die("jansson: out of memory building the JSON report");
  jset(f, "verdict", jstr(verdict_name(rep->fail_verdict)));
  jset(f, "message", jstr(rep->fail_explain));
  jset(f, "schedule", json_integer(rep->fail_index + 1));
  jset(f, "kind", jstr(verify_class_name(rep->fail_class)));
  jset(f, "strategy", jstr(schedule_strategy_name(rep->fail_spec.strategy)));
  jset(f, "depth", json_integer(rep->fail_spec.depth));
  jset(f, "seed", json_integer((json_int_t)rep->fail_spec.seed));
  schedule_format(&rep->fail_spec, &b);
  jset(f, "replay", jstr(buf_cstr(&b)));
  buf_clear(&b);
  report_replay_command(rep, o, file, &b);
  jset(f, "command", jstr(buf_cstr(&b)));
  buf_fini(&b);
  jset(f, "exit_status", json_integer(rep->fail_run.exit_status));
  jset(f, "stdout", jcapture(&rep->fail_run.out));
  jset(f, "stderr", jcapture(&rep->fail_run.err));
  return f;
}

static json_t *json_schedules(const VerifyReport *rep)
{
  json_t *s = json_object(), *kinds = json_array();

  if (!s || !kinds)
    die("jansson: out of memory building the JSON report");
  jset(s, "planned", json_integer(rep->planned));
  jset(s, "run", json_integer(rep->run));
  for (int c = 0; c < VC_COUNT; c++) {
    json_t *k = json_object();

    if (!k || json_array_append_new(kinds, k) < 0)
      die("jansson: out of memory building the JSON report");
    jset(k, "kind", jstr(verify_class_name((VerifyClass)c)));
    jset(k, "planned", json_integer(rep->planned_by[c]));
    jset(k, "run", json_integer(rep->run_by[c]));
  }
  jset(s, "by_kind", kinds);
  return s;
}

static json_t *json_strength(const VerifyReport *rep)
{
  json_t *a = json_array();

  if (!a)
    die("jansson: out of memory building the JSON report");
  for (int d = 1; d <= 3; d++) {
    int runs = rep->run_by[VC_PCT1 + d - 1];
    double p = strength_pct_per_run(rep->max_goroutines, rep->pct_k, d);
    json_t *e = json_object();

    if (!e || json_array_append_new(a, e) < 0)
      die("jansson: out of memory building the JSON report");
    jset(e, "depth", json_integer(d));
    jset(e, "pct_runs", json_integer(runs));
    jset(e, "per_run", json_real(p));
    jset(e, "found_probability", json_real(strength_found(p, runs)));
  }
  return a;
}

/* "covered" (null unless exhaustive), "preemption_bound", "coverage". */
static void json_exhaustive(const VerifyReport *rep, json_t *root)
{
  Buf b = BUF_INIT;
  bool ex = report_exhaustive(rep);

  jset(root, "covered", ex ? json_boolean(rep->covered) : json_null());
  jset(root, "preemption_bound", ex ? json_integer(rep->bound)
                                    : json_null());
  if (ex)
    report_coverage(rep, &b);
  jset(root, "coverage", ex ? jstr(buf_cstr(&b)) : json_null());
  buf_fini(&b);
}

void report_json(const VerifyReport *rep, const VerifyOptions *o,
                 const char *file, Buf *out)
{
  json_t *root = json_object();
  char *text;

  if (!root)
    die("jansson: out of memory building the JSON report");
  jset(root, "file", jstr(file));
  jset(root, "outcome", jstr(report_outcome_name(rep->outcome)));
  jset(root, "exit_code", json_integer((int)rep->outcome));
  jset(root, "error", rep->error ? jstr(rep->error) : json_null());
  jset(root, "failure", rep->has_failure ? json_failure(rep, o, file)
                                         : json_null());
  jset(root, "schedules", json_schedules(rep));
  jset(root, "max_goroutines", json_integer(rep->max_goroutines));
  jset(root, "max_steps", json_integer(rep->max_steps));
  jset(root, "step_limit", json_integer(rep->step_limit));
  jset(root, "pct_k", json_integer(rep->pct_k));
  jset(root, "strength", json_strength(rep));
  json_exhaustive(rep, root);
  jset(root, "elapsed_ms", json_integer((json_int_t)rep->wall_ms));
  text = json_dumps(root, JSON_INDENT(2));
  if (!text)
    die("jansson: out of memory writing the JSON report");
  buf_puts(out, text);
  buf_putc(out, '\n');
  free(text);
  json_decref(root);
}

/* --- TAP 14 --------------------------------------------------------------- */

/* A YAML double-quoted scalar: always valid, whatever the bytes. */
static void yaml_quoted(Buf *out, const char *s, size_t n)
{
  Buf clean = BUF_INIT;

  report_utf8_clean(s, n, &clean);
  buf_putc(out, '"');
  for (size_t i = 0; i < clean.len; i++) {
    unsigned char c = (unsigned char)clean.data[i];

    if (c == '"' || c == '\\')
      buf_printf(out, "\\%c", c);
    else if (c == '\n')
      buf_puts(out, "\\n");
    else if (c == '\t')
      buf_puts(out, "\\t");
    else if (c < 0x20 || c == 0x7f)
      buf_printf(out, "\\x%02x", c);
    else
      buf_putc(out, (char)c);
  }
  buf_putc(out, '"');
  buf_fini(&clean);
}

/* Whether s can be a YAML literal block: printable text, tabs, newlines. */
static bool yaml_blockable(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];

    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
      return false;
  }
  return true;
}

/* "  key: " + a literal block (|2 with the chomping that keeps the text
 * exact) at indent 4 when the text allows it, else a quoted scalar. */
static void yaml_text(Buf *out, const char *key, const Capture *c)
{
  Buf raw = BUF_INIT, clean = BUF_INIT;
  size_t n;

  capture_text(c, &raw);
  report_utf8_clean(raw.data ? raw.data : "", raw.len, &clean);
  n = clean.len;
  buf_printf(out, "  %s: ", key);
  if (n == 0 || !yaml_blockable(clean.data, n)) {
    yaml_quoted(out, clean.data ? clean.data : "", n);
    buf_putc(out, '\n');
  } else {
    bool nl = clean.data[n - 1] == '\n';
    bool nl2 = nl && n > 1 && clean.data[n - 2] == '\n';

    buf_puts(out, nl2 ? "|2+\n" : nl ? "|2\n" : "|2-\n");
    for (size_t i = 0; i < n;) {
      const char *e = memchr(clean.data + i, '\n', n - i);
      size_t len = e ? (size_t)(e - clean.data) - i : n - i;

      buf_puts(out, "    ");
      buf_append(out, clean.data + i, len);
      buf_putc(out, '\n');
      i += len + 1;
    }
  }
  buf_fini(&raw);
  buf_fini(&clean);
}

static void tap_diagnostics(const VerifyReport *rep, const VerifyOptions *o,
                            const char *file, Buf *out)
{
  Buf b = BUF_INIT;

  buf_printf(out, "  ---\n  verdict: %s\n  message: ",
             verdict_name(rep->fail_verdict));
  yaml_quoted(out, rep->fail_explain, strlen(rep->fail_explain));
  buf_printf(out, "\n  schedule: %d\n  seed: %" PRIu64 "\n  replay: \"",
             rep->fail_index + 1, rep->fail_spec.seed);
  schedule_format(&rep->fail_spec, out);
  buf_puts(out, "\"\n  command: ");
  report_replay_command(rep, o, file, &b);
  yaml_quoted(out, b.data, b.len);
  buf_fini(&b);
  buf_printf(out, "\n  exit_status: %d\n", rep->fail_run.exit_status);
  yaml_text(out, "stdout", &rep->fail_run.out);
  yaml_text(out, "stderr", &rep->fail_run.err);
  buf_puts(out, "  ...\n");
}

/* s on one TAP line: a newline in a file name must not end the line. */
static void put_one_line(Buf *out, const char *s)
{
  for (; *s; s++)
    buf_putc(out, *s == '\n' || *s == '\r' ? '?' : *s);
}

static int tap_points(const VerifyReport *rep)
{
  int n = 0;

  for (int c = 0; c < VC_COUNT; c++)
    n += rep->planned_by[c] > 0;
  return n;
}

/* Could not verify: TAP's "Bail out!", the compiler's words as comments. */
static void tap_bail(const VerifyReport *rep, const char *file, Buf *out)
{
  Buf err = BUF_INIT;

  buf_puts(out, "Bail out! could not verify ");
  put_one_line(out, file);
  buf_puts(out, ": ");
  put_one_line(out, rep->has_failure ? "the program does not compile"
                                     : rep->error);
  buf_putc(out, '\n');
  if (rep->has_failure)
    capture_text(&rep->fail_run.err, &err);
  for (const char *p = buf_cstr(&err); *p;) {
    size_t len = strcspn(p, "\n");

    buf_puts(out, "# ");
    buf_append(out, p, len);
    buf_putc(out, '\n');
    p += len + (p[len] == '\n');
  }
  buf_fini(&err);
}

/* One test point per kind of schedule.  Descriptions hold no '#' (TAP's
 * directive mark): the file name is only in a comment. */
static void tap_point(const VerifyReport *rep, const VerifyOptions *o,
                      const char *file, int c, int num, Buf *out)
{
  const char *kind = verify_class_name((VerifyClass)c);
  int runs = rep->run_by[c];

  if (rep->has_failure && rep->fail_class == (VerifyClass)c) {
    buf_printf(out, "not ok %d - %s schedules: %s in schedule %d\n", num,
               kind, verdict_name(rep->fail_verdict),
               rep->fail_index + 1);
    tap_diagnostics(rep, o, file, out);
  } else if (runs == 0) {
    buf_printf(out, "ok %d - %s schedules # SKIP not run: verify stopped "
               "at the first failure\n", num, kind);
  } else {
    buf_printf(out, "ok %d - %s schedules (%d run%s)\n", num, kind, runs,
               runs == 1 ? "" : "s");
  }
}

void report_tap(const VerifyReport *rep, const VerifyOptions *o,
                const char *file, Buf *out)
{
  int num = 0;

  buf_puts(out, "TAP version 14\n# panicroom verify ");
  put_one_line(out, file);
  buf_putc(out, '\n');
  if (rep->outcome == VERIFY_CANNOT || rep->outcome == VERIFY_INTERNAL) {
    tap_bail(rep, file, out);
    return;
  }
  buf_printf(out, "1..%d\n", tap_points(rep));
  for (int c = 0; c < VC_COUNT; c++)
    if (rep->planned_by[c] > 0)
      tap_point(rep, o, file, c, ++num, out);
  buf_printf(out, "# %s: %d of %d schedules run, up to %d goroutines and "
             "%" PRId64 " steps in one run\n",
             report_outcome_name(rep->outcome), rep->run, rep->planned,
             rep->max_goroutines, rep->max_steps);
  if (report_exhaustive(rep)) {
    buf_puts(out, "# space covered: ");
    report_coverage(rep, out);
    buf_putc(out, '\n');
  }
}

/* --- JUnit XML --------------------------------------------------------------
 * The de-facto schema of Ant/Maven/Jenkins: <testsuites> of <testsuite>
 * of <testcase>, with <failure>, <error>, <skipped>, <system-out> and
 * <system-err>. */

/* Is the valid UTF-8 at p a character XML 1.0 cannot hold at all?  C0
 * controls but tab, newline, carriage return; U+FFFE and U+FFFF. */
static bool xml_forbidden(const unsigned char *p, size_t n)
{
  if (p[0] < 0x20)
    return p[0] != '\t' && p[0] != '\n' && p[0] != '\r';
  return n >= 3 && p[0] == 0xEF && p[1] == 0xBF &&
         (p[2] == 0xBE || p[2] == 0xBF);
}

/* Escapes s[0, n) for XML text, or for an attribute value when attr
 * (where newlines and tabs must be character references to survive
 * attribute-value normalisation). */
static void xml_escape(Buf *out, const char *s, size_t n, bool attr)
{
  Buf clean = BUF_INIT;
  const unsigned char *p;

  report_utf8_clean(s, n, &clean);
  p = (const unsigned char *)buf_cstr(&clean);
  for (size_t i = 0; i < clean.len; i++) {
    if (xml_forbidden(p + i, clean.len - i)) {
      buf_puts(out, "\xEF\xBF\xBD");
      i += p[i] >= 0x80 ? 2 : 0;
      continue;
    }
    switch (p[i]) {
    case '&': buf_puts(out, "&amp;"); break;
    case '<': buf_puts(out, "&lt;"); break;
    case '>': buf_puts(out, "&gt;"); break;
    case '"': buf_puts(out, attr ? "&quot;" : "\""); break;
    case '\'': buf_puts(out, attr ? "&apos;" : "'"); break;
    case '\r': buf_puts(out, "&#13;"); break;
    case '\n': buf_puts(out, attr ? "&#10;" : "\n"); break;
    case '\t': buf_puts(out, attr ? "&#9;" : "\t"); break;
    default: buf_putc(out, (char)p[i]); break;
    }
  }
  buf_fini(&clean);
}

static void xml_attr(Buf *out, const char *name, const char *value)
{
  buf_printf(out, " %s=\"", name);
  xml_escape(out, value, strlen(value), true);
  buf_putc(out, '"');
}

static void xml_capture(Buf *out, const char *tag, const Capture *c)
{
  Buf b = BUF_INIT;

  capture_text(c, &b);
  buf_printf(out, "      <%s>", tag);
  xml_escape(out, b.data ? b.data : "", b.len, false);
  buf_printf(out, "</%s>\n", tag);
  buf_fini(&b);
}

static void junit_failure(const VerifyReport *rep, const VerifyOptions *o,
                          const char *file, const char *tag, Buf *out)
{
  Buf b = BUF_INIT;

  buf_printf(out, "      <%s", tag);
  xml_attr(out, "type", verdict_name(rep->fail_verdict));
  xml_attr(out, "message", rep->fail_explain);
  buf_puts(out, ">");
  buf_printf(&b, "schedule %d (%s, seed %" PRIu64 ")\nreplay: ",
             rep->fail_index + 1, verify_class_name(rep->fail_class),
             rep->fail_spec.seed);
  report_replay_command(rep, o, file, &b);
  xml_escape(out, b.data, b.len, false);
  buf_printf(out, "</%s>\n", tag);
  buf_fini(&b);
  xml_capture(out, "system-out", &rep->fail_run.out);
  xml_capture(out, "system-err", &rep->fail_run.err);
}

static void junit_case(const VerifyReport *rep, const VerifyOptions *o,
                       const char *file, int c, Buf *out)
{
  Buf name = BUF_INIT;
  int runs = rep->run_by[c];

  buf_printf(&name, "%s schedules", verify_class_name((VerifyClass)c));
  buf_puts(out, "    <testcase");
  xml_attr(out, "classname", file);
  xml_attr(out, "name", buf_cstr(&name));
  buf_printf(out, " assertions=\"%d\">\n", runs);
  if (rep->has_failure && rep->fail_class == (VerifyClass)c)
    junit_failure(rep, o, file, "failure", out);
  else if (runs == 0)
    buf_puts(out, "      <skipped message=\"not run: verify stopped at "
                  "the first failure\"/>\n");
  buf_puts(out, "    </testcase>\n");
  buf_fini(&name);
}

/* Could not verify: one test case in error, with the compiler's words. */
static void junit_error_case(const VerifyReport *rep, const VerifyOptions *o,
                             const char *file, Buf *out)
{
  buf_puts(out, "    <testcase");
  xml_attr(out, "classname", file);
  buf_puts(out, " name=\"verify\">\n");
  if (rep->has_failure) {
    junit_failure(rep, o, file, "error", out);
  } else {
    buf_puts(out, "      <error");
    xml_attr(out, "type", report_outcome_name(rep->outcome));
    xml_attr(out, "message", rep->error ? rep->error : "?");
    buf_puts(out, "/>\n");
  }
  buf_puts(out, "    </testcase>\n");
}

static void junit_counts(const VerifyReport *rep, Buf *out)
{
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  bool cannot = rep->outcome == VERIFY_CANNOT ||
                rep->outcome == VERIFY_INTERNAL;

  for (int c = 0; c < VC_COUNT && !cannot; c++) {
    if (rep->planned_by[c] == 0)
      continue;
    tests++;
    if (rep->has_failure && rep->fail_class == (VerifyClass)c)
      failures++;
    else if (rep->run_by[c] == 0)
      skipped++;
  }
  if (cannot)
    tests = errors = 1;
  buf_printf(out, " tests=\"%d\" failures=\"%d\" errors=\"%d\" "
             "skipped=\"%d\" time=\"%.3f\"", tests, failures, errors,
             skipped, (double)rep->wall_ms / 1000.0);
}

/* An exhaustive search's coverage, as the suite's properties. */
static void junit_properties(const VerifyReport *rep, Buf *out)
{
  Buf b = BUF_INIT;

  if (!report_exhaustive(rep) || rep->outcome == VERIFY_CANNOT ||
      rep->outcome == VERIFY_INTERNAL)
    return;
  report_coverage(rep, &b);
  buf_puts(out, "    <properties>\n      <property name=\"covered\"");
  xml_attr(out, "value", rep->covered ? "yes" : "no");
  buf_printf(out, "/>\n      <property name=\"preemption_bound\" "
             "value=\"%d\"/>\n      <property name=\"coverage\"",
             rep->bound);
  xml_attr(out, "value", buf_cstr(&b));
  buf_puts(out, "/>\n    </properties>\n");
  buf_fini(&b);
}

void report_junit(const VerifyReport *rep, const VerifyOptions *o,
                  const char *file, Buf *out)
{
  buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<testsuites name=\"panicroom verify\"");
  junit_counts(rep, out);
  buf_puts(out, ">\n  <testsuite");
  xml_attr(out, "name", file);
  junit_counts(rep, out);
  buf_puts(out, ">\n");
  junit_properties(rep, out);
  if (rep->outcome == VERIFY_CANNOT || rep->outcome == VERIFY_INTERNAL) {
    junit_error_case(rep, o, file, out);
  } else {
    for (int c = 0; c < VC_COUNT; c++)
      if (rep->planned_by[c] > 0)
        junit_case(rep, o, file, c, out);
  }
  buf_puts(out, "  </testsuite>\n</testsuites>\n");
}
