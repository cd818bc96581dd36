/* runner/verdict.h - verdicts (SPEC §4) and how one is decided for a run.
 *
 * The big decision: a verdict comes from the structured exit record the
 * child sends on its result channel (runner/record.h) and from how the
 * child process ended (wait status, wall-clock kill, CPU time), NEVER from
 * the program's stdout or stderr, so a program that prints "panic: ..." or
 * "PASS" cannot fake one.  A child that crashed, or whose record is missing
 * or malformed, is the `signal` verdict: a panicroom bug, said as such.
 *
 * `race` and `leak` come from the record's races=/leaks= counts when the
 * program otherwise ended normally; `wrong-output` is decided by the layer
 * that knows the expected output (verify), never here.
 */
#ifndef PANICROOM_RUNNER_VERDICT_H
#define PANICROOM_RUNNER_VERDICT_H

#include "base/buf.h"

typedef enum Verdict {
#define VERDICT(e, name, meaning) VERDICT_##e,
#include "runner/verdicts.def"
#undef VERDICT
  VERDICT_COUNT
} Verdict;

/* "ok", "compile-error", ...; "?" for a value outside the enum. */
const char *verdict_name(Verdict v);
/* The one-line meaning from verdicts.def; "?" outside the enum. */
const char *verdict_meaning(Verdict v);
/* The inverse of verdict_name (exact, case-sensitive); -1 if unknown. */
int verdict_from_name(const char *name);

struct RunResult; /* runner/child.h; declared here to keep this header low */

/* Decides the verdict of a finished run.  r must not carry a sandbox error
 * (the run did not happen; there is nothing to judge): asserted. */
Verdict verdict_decide(const struct RunResult *r);
/* Appends one line (no newline) saying why r got verdict v, e.g.
 * "panicroom bug: the child crashed with SIGSEGV (Segmentation fault)" or
 * "timeout: wall-clock limit of 10000 ms". */
void verdict_explain(const struct RunResult *r, Verdict v, Buf *out);

#endif
