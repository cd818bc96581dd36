/* runner/report.c - see report.h: the common parts and the text report.
 * The machine formats are in report_fmt.c.
 *
 * The text report is for a learner at a terminal: the verdict first, then
 * the failing run's output exactly as `panicroom run` prints it, then the
 * command that replays it, and last how far the check went. */
#include "runner/report.h"

#include <inttypes.h>
#include <string.h>

#include "runner/strength.h"

int report_format_from_name(const char *name, ReportFormat *out)
{
  static const char *const names[] = {"text", "json", "tap", "junit"};

  for (int i = 0; i < 4; i++)
    if (strcmp(name, names[i]) == 0) {
      *out = (ReportFormat)i;
      return 0;
    }
  return -1;
}

const char *report_outcome_name(VerifyOutcome o)
{
  switch (o) {
  case VERIFY_PASS: return "pass";
  case VERIFY_FAIL: return "fail";
  case VERIFY_CANNOT: return "could-not-verify";
  case VERIFY_INTERNAL: return "internal-error";
  }
  return "?";
}

void report_write(ReportFormat f, const VerifyReport *rep,
                  const VerifyOptions *o, const char *file, Buf *out)
{
  switch (f) {
  case REPORT_TEXT: report_text(rep, o, file, out); break;
  case REPORT_JSON: report_json(rep, o, file, out); break;
  case REPORT_TAP: report_tap(rep, o, file, out); break;
  case REPORT_JUNIT: report_junit(rep, o, file, out); break;
  }
}

/* --- helpers -------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
  unsigned c = p[0], cp, min;
  size_t len;

  if (c < 0x80)
    return 1;
  if ((c & 0xE0) == 0xC0)
    len = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0)
    len = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0)
    len = 4, cp = c & 0x07, min = 0x10000;
  else
    return 0;
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((p[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

void report_utf8_clean(const char *s, size_t n, Buf *out)
{
  const unsigned char *p = (const unsigned char *)s;

  while (n > 0) {
    size_t k = utf8_seq(p, n);

    if (k == 0) {
      buf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD for one bad byte */
      k = 1;
    } else {
      buf_append(out, p, k);
    }
    p += k;
    n -= k;
  }
}

/* POSIX-shell quoting: bare when only safe characters, else '...'. */
static void put_shell_word(Buf *out, const char *s)
{
  static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
                             "TUVWXYZ0123456789_./:=@%+,-";

  if (*s && strspn(s, safe) == strlen(s)) {
    buf_puts(out, s);
    return;
  }
  buf_putc(out, '\'');
  for (; *s; s++) {
    if (*s == '\'')
      buf_puts(out, "'\\''");
    else
      buf_putc(out, *s);
  }
  buf_putc(out, '\'');
}

void report_replay_command(const VerifyReport *rep, const VerifyOptions *o,
                           const char *file, Buf *out)
{
  buf_puts(out, "panicroom run ");
  put_shell_word(out, file);
  buf_puts(out, " --replay ");
  schedule_format(&rep->fail_spec, out);
  /* verify gives each schedule a step budget; a run that hit it needs
   * the same budget to end the same way. */
  if (rep->fail_verdict == VERDICT_TIMEOUT)
    buf_printf(out, " --max-steps %" PRId64, rep->step_limit);
  if (o->argc > 1) {
    buf_puts(out, " --");
    for (int i = 1; i < o->argc; i++) {
      buf_putc(out, ' ');
      put_shell_word(out, o->argv[i]);
    }
  }
}

/* --- text ----------------------------------------------------------------- */

static void text_stream(Buf *out, const char *label, const Capture *c)
{
  size_t before;

  buf_printf(out, "--- %s of the failing run ---\n", label);
  before = out->len;
  capture_text(c, out);
  if (out->len > before && out->data[out->len - 1] != '\n')
    buf_puts(out, "\n[no newline at the end]\n");
}

static void text_counts(const VerifyReport *rep, Buf *out)
{
  const char *sep = "";

  buf_printf(out, "schedules: %d of %d run (", rep->run, rep->planned);
  for (int c = 0; c < VC_COUNT; c++) {
    if (rep->planned_by[c] == 0)
      continue;
    buf_printf(out, "%s%s %d", sep, verify_class_name((VerifyClass)c),
               rep->run_by[c]);
    sep = ", ";
  }
  buf_printf(out, ") in %" PRIu64 " ms", rep->wall_ms);
  if (rep->wall_ms > 0)
    buf_printf(out, ", %.0f/s", rep->run * 1000.0 / (double)rep->wall_ms);
  buf_printf(out, "\nseen: up to %d goroutine%s and %" PRId64
             " steps in one run (limit %" PRId64 " steps per schedule)\n",
             rep->max_goroutines, rep->max_goroutines == 1 ? "" : "s",
             rep->max_steps, rep->step_limit);
}

static void text_strength(const VerifyReport *rep, Buf *out)
{
  int pct_runs = rep->run_by[VC_PCT1] + rep->run_by[VC_PCT2] +
                 rep->run_by[VC_PCT3];

  if (pct_runs == 0) {
    buf_puts(out, "strength: no PCT schedule ran; random schedules give "
                  "no probability bound (use --strategy pct)\n");
    return;
  }
  buf_printf(out, "strength (PCT's bound 1/(n*k^(d-1)) per run, n = %d "
             "goroutines, k = %" PRId64 " steps):\n",
             rep->max_goroutines, rep->pct_k);
  for (int d = 1; d <= 3; d++) {
    int runs = rep->run_by[VC_PCT1 + d - 1];
    double p = strength_pct_per_run(rep->max_goroutines, rep->pct_k, d);

    buf_printf(out, "  a depth-%d bug would have been found with "
               "probability \xE2\x89\xA5 ", d);
    strength_format_percent(strength_found(p, runs), out);
    buf_printf(out, " (%d run%s of depth %d)\n", runs, runs == 1 ? "" : "s",
               d);
  }
}

bool report_exhaustive(const VerifyReport *rep)
{
  return rep->planned_by[VC_EXHAUSTIVE] > 0;
}

void report_coverage(const VerifyReport *rep, Buf *out)
{
  const char *s = rep->run == 1 ? "" : "s";

  if (rep->covered)
    buf_printf(out, "yes (%d schedule%s, preemption bound %d)", rep->run,
               s, rep->bound);
  else
    buf_printf(out, "no: stopped %safter %d schedule%s (preemption bound "
               "%d)", rep->has_failure ? "at the failure " : "", rep->run,
               s, rep->bound);
}

static void text_failure(const VerifyReport *rep, const VerifyOptions *o,
                         const char *file, Buf *out)
{
  buf_printf(out, "FAIL %s: %s in schedule %d of %d (%s, ", file,
             verdict_name(rep->fail_verdict), rep->fail_index + 1,
             rep->planned, verify_class_name(rep->fail_class));
  if (rep->fail_class == VC_EXHAUSTIVE)
    buf_printf(out, "preemption bound %d", rep->bound);
  else
    buf_printf(out, "seed %" PRIu64, rep->fail_spec.seed);
  buf_printf(out, ")\n  %s\n\n", rep->fail_explain);
  text_stream(out, "stdout", &rep->fail_run.out);
  text_stream(out, "stderr", &rep->fail_run.err);
  buf_puts(out, "--- end of output ---\nreplay: ");
  report_replay_command(rep, o, file, out);
  buf_puts(out, "\n");
}

void report_text(const VerifyReport *rep, const VerifyOptions *o,
                 const char *file, Buf *out)
{
  switch (rep->outcome) {
  case VERIFY_PASS:
    buf_printf(out, "PASS %s: no failure in %d schedule%s\n", file,
               rep->run, rep->run == 1 ? "" : "s");
    break;
  case VERIFY_FAIL: text_failure(rep, o, file, out); break;
  case VERIFY_CANNOT:
    buf_printf(out, "CANNOT VERIFY %s: %s\n", file,
               rep->has_failure ? "the program does not compile"
                                : rep->error);
    if (rep->has_failure)
      capture_text(&rep->fail_run.err, out);
    return;
  case VERIFY_INTERNAL:
    buf_printf(out, "ERROR %s: %s\n", file, rep->error);
    return;
  }
  text_counts(rep, out);
  if (report_exhaustive(rep)) {
    buf_puts(out, "space covered: ");
    report_coverage(rep, out);
    buf_puts(out, rep->covered || rep->has_failure ? "\n"
                  : "; raise --schedules or lower --preemptions\n");
  } else if (rep->outcome == VERIFY_PASS) {
    text_strength(rep, out);
  }
}
