/* runner/report.h - a verify run (verify.h) written out for people and for
 * machines: text, JSON, TAP 14 and JUnit XML carry the same facts.
 *
 * Facts every format carries: the outcome (pass / fail / could not verify
 * / internal error), the failing schedule with its verdict, first line,
 * replay token and the command that reproduces it, the failing run's
 * stdout and stderr as the program printed them, how many schedules of
 * each kind ran, the most goroutines and steps seen, and, for PCT, the
 * probability bounds of strength.h; for an exhaustive search, whether the
 * space was covered and the preemption bound.
 *
 * Program output is arbitrary bytes; every machine format escapes it
 * (invalid UTF-8 becomes U+FFFD, since JSON and XML must be UTF-8, and
 * XML 1.0 cannot hold most control characters at all, so those become
 * U+FFFD too).  The text report prints it unchanged.
 */
#ifndef PANICROOM_RUNNER_REPORT_H
#define PANICROOM_RUNNER_REPORT_H

#include "base/buf.h"
#include "runner/verify.h"

typedef enum ReportFormat {
  REPORT_TEXT, REPORT_JSON, REPORT_TAP, REPORT_JUNIT
} ReportFormat;

/* "text", "json", "tap", "junit" -> 0 and *out; -1 if unknown. */
int report_format_from_name(const char *name, ReportFormat *out);

/* Appends the whole report for rep (of a run with options o; file is the
 * name the learner typed) in format f. */
void report_write(ReportFormat f, const VerifyReport *rep,
                  const VerifyOptions *o, const char *file, Buf *out);

/* The shell command that reproduces the failure, e.g.
 * "panicroom run prog.go --replay pct:2:7"; arguments are shell-quoted
 * when needed.  Requires rep->has_failure. */
void report_replay_command(const VerifyReport *rep, const VerifyOptions *o,
                           const char *file, Buf *out);
/* Appends s[0, n) with every invalid UTF-8 sequence replaced by U+FFFD. */
void report_utf8_clean(const char *s, size_t n, Buf *out);
/* Whether rep is of `--strategy exhaustive` (explore.h). */
bool report_exhaustive(const VerifyReport *rep);
/* Appends whether the exhaustive search covered its space: "yes (N
 * schedules, preemption bound K)" or "no: stopped after N schedules
 * (...)" - at the failure, or at the --schedules limit. */
void report_coverage(const VerifyReport *rep, Buf *out);
/* "pass", "fail", "could-not-verify", "internal-error". */
const char *report_outcome_name(VerifyOutcome o);

/* The per-format writers report_write() dispatches to. */
void report_text(const VerifyReport *rep, const VerifyOptions *o,
                 const char *file, Buf *out);
void report_json(const VerifyReport *rep, const VerifyOptions *o,
                 const char *file, Buf *out);
void report_tap(const VerifyReport *rep, const VerifyOptions *o,
                const char *file, Buf *out);
void report_junit(const VerifyReport *rep, const VerifyOptions *o,
                  const char *file, Buf *out);

#endif
