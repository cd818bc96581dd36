/* runner/verdict.c - see verdict.h.  verdict_decide() looks only at the
 * RunResult's process facts and exit record; the captures of stdout and
 * stderr are deliberately never read here.
 *
 * Which facts win, in order:
 *   1. we killed the child at the wall-clock limit      -> timeout
 *   2. it died by a signal: SIGXCPU, or SIGKILL once its CPU time reached
 *      RLIMIT_CPU (the hard limit)                      -> timeout
 *      SIGABRT after the die() hook wrote an oom record
 *      (a failed allocation under RLIMIT_AS, child.c)   -> oom
 *      any other signal                                 -> signal (our bug)
 *   3. it exited, but without a valid record, or with a record whose
 *      status is not the one it exited with             -> signal (our bug)
 *   4. the record: compile error, then end=panic/fatal/deadlock as such,
 *      steps -> timeout, oom -> oom; end=exit (main returned or os.Exit(n),
 *      any n) -> race if races>0, else leak if leaks>0, else ok.
 * A crash outranks a race or leak found in the same run: the crash is
 * what the learner sees first, and it ends the run.
 */
#include "runner/verdict.h"

#include <assert.h>
#include <inttypes.h>
#include <signal.h>
#include <string.h>

#include "runner/child.h"

static const char *const names[] = {
#define VERDICT(e, name, meaning) name,
#include "runner/verdicts.def"
#undef VERDICT
};

static const char *const meanings[] = {
#define VERDICT(e, name, meaning) meaning,
#include "runner/verdicts.def"
#undef VERDICT
};

const char *verdict_name(Verdict v)
{
  return (unsigned)v < VERDICT_COUNT ? names[v] : "?";
}

const char *verdict_meaning(Verdict v)
{
  return (unsigned)v < VERDICT_COUNT ? meanings[v] : "?";
}

int verdict_from_name(const char *name)
{
  for (int v = 0; v < VERDICT_COUNT; v++)
    if (strcmp(names[v], name) == 0)
      return v;
  return -1;
}

/* SIGKILL is also what the kernel sends at RLIMIT_CPU's hard limit, one
 * second after the soft one: reaching the soft limit in rusage (which is
 * sampled, a little below the kernel's exact count) leaves that second as
 * margin. */
static bool cpu_limit_reached(const RunResult *r)
{
  return r->limits.cpu_s != RUN_UNLIMITED &&
         r->cpu_ms >= r->limits.cpu_s * 1000u;
}

static bool died_of_oom(const RunResult *r)
{
  return r->signo == SIGABRT && r->has_record &&
         r->record.end == VM_END_OOM;
}

static Verdict decide_signal(const RunResult *r)
{
  if (r->signo == SIGXCPU || (r->signo == SIGKILL && cpu_limit_reached(r)))
    return VERDICT_TIMEOUT;
  if (died_of_oom(r))
    return VERDICT_OOM;
  return VERDICT_SIGNAL;
}

static Verdict decide_record(const Record *rec)
{
  if (rec->compile_error)
    return VERDICT_COMPILE_ERROR;
  switch (rec->end) {
  case VM_END_EXIT:
    return rec->races > 0 ? VERDICT_RACE
           : rec->leaks > 0 ? VERDICT_LEAK : VERDICT_OK;
  case VM_END_PANIC: return VERDICT_PANIC;
  case VM_END_FATAL: return VERDICT_FATAL;
  case VM_END_DEADLOCK: return VERDICT_DEADLOCK;
  case VM_END_STEPS: return VERDICT_TIMEOUT;
  case VM_END_OOM: return VERDICT_OOM;
  }
  return VERDICT_SIGNAL; /* unreachable: record_parse checked end */
}

Verdict verdict_decide(const RunResult *r)
{
  assert(!r->sandbox_error);
  if (r->timed_out)
    return VERDICT_TIMEOUT;
  if (!r->exited)
    return decide_signal(r);
  if (!r->has_record || r->record.status != r->exit_status)
    return VERDICT_SIGNAL;
  return decide_record(&r->record);
}

/* --- explanations -------------------------------------------------------- */

static const char *signal_abbrev(int signo)
{
  static const struct {
    int signo;
    const char *name;
  } t[] = {
      {SIGSEGV, "SIGSEGV"}, {SIGBUS, "SIGBUS"},   {SIGABRT, "SIGABRT"},
      {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},   {SIGKILL, "SIGKILL"},
      {SIGTERM, "SIGTERM"}, {SIGPIPE, "SIGPIPE"}, {SIGXCPU, "SIGXCPU"},
      {SIGXFSZ, "SIGXFSZ"}, {SIGTRAP, "SIGTRAP"}, {SIGSYS, "SIGSYS"},
      {SIGINT, "SIGINT"},   {SIGHUP, "SIGHUP"},   {SIGQUIT, "SIGQUIT"},
      {SIGALRM, "SIGALRM"},
  };

  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
    if (t[i].signo == signo)
      return t[i].name;
  return "signal";
}

static void explain_signal(const RunResult *r, Buf *out)
{
  buf_puts(out, "panicroom bug: ");
  if (!r->exited) {
    buf_printf(out, "the child crashed with %s (%d, %s)",
               signal_abbrev(r->signo), r->signo, strsignal(r->signo));
  } else if (!r->has_record) {
    buf_printf(out, "the child exited with status %d and no valid exit "
               "record (%s)", r->exit_status,
               r->record_error ? r->record_error : "?");
  } else {
    buf_printf(out, "the exit record says status %d but the child exited "
               "with %d", r->record.status, r->exit_status);
  }
}

static void explain_timeout(const RunResult *r, Buf *out)
{
  if (r->timed_out)
    buf_printf(out, "timeout: wall-clock limit of %" PRIu64 " ms",
               r->limits.wall_ms);
  else if (!r->exited)
    buf_printf(out, "timeout: CPU limit of %" PRIu64 " s", r->limits.cpu_s);
  else
    buf_printf(out, "timeout: step limit reached after %" PRId64 " steps",
               r->record.steps);
}

/* The record's first line when there is one, else the list's meaning. */
static void explain_first(const RunResult *r, Verdict v, Buf *out)
{
  if (r->has_record && r->record.first[0])
    buf_puts(out, r->record.first);
  else
    buf_printf(out, "%s: %s", verdict_name(v), verdict_meaning(v));
}

void verdict_explain(const RunResult *r, Verdict v, Buf *out)
{
  switch (v) {
  case VERDICT_OK:
    buf_printf(out, "ok: exit status %d", r->exit_status);
    break;
  case VERDICT_SIGNAL: explain_signal(r, out); break;
  case VERDICT_TIMEOUT: explain_timeout(r, out); break;
  case VERDICT_RACE:
    buf_printf(out, "race: %d data race(s) reported", r->record.races);
    break;
  case VERDICT_LEAK:
    buf_printf(out, "leak: %d goroutine(s) still blocked when main "
               "returned", r->record.leaks);
    break;
  case VERDICT_OOM:
    if (died_of_oom(r))
      buf_printf(out, "oom: the child ran out of address space "
                 "(RLIMIT_AS %" PRIu64 " bytes)", r->limits.as_bytes);
    else
      explain_first(r, v, out);
    break;
  default: explain_first(r, v, out); break;
  }
}
