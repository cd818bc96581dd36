/* runner/verify.h - `verify`: run one program under many schedules and
 * decide whether any of them fails.
 *
 * The plan (verify_plan): schedule 0 is the `go` strategy, what a learner
 * sees with real Go; then random and PCT schedules (depths 1, 2, 3) take
 * turns (verify_plan), schedule i with seed i, until the requested number has run or
 * one fails.  A schedule fails on any verdict but `ok` (panic, fatal,
 * deadlock, timeout, oom, signal, compile error; race and leak once the
 * engine reports them) and on stdout other than the expected output.
 *
 * The big decision is batching.  One fork per schedule costs about as much
 * as a lesson-sized run itself, so a child runs up to `batch` schedules in
 * a row (the engine frees everything between runs) and reports one line
 * per schedule on its result channel; it stops at the first failure.
 * Isolation is kept where it matters: a failing schedule -- or the one a
 * batch died in -- is always run again ALONE in a fresh child, exactly as
 * `panicroom run --replay TOKEN` runs it, and that run's verdict and
 * output are the ones reported.  If that fresh run does not fail the same
 * way the batch said, the engine was not deterministic: an internal error,
 * never a silent pass.
 *
 * Ownership: a VerifyReport owns its strings and the failing run; free it
 * with verify_report_fini().  verify_run() borrows the options.
 */
#ifndef PANICROOM_RUNNER_VERIFY_H
#define PANICROOM_RUNNER_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runner/child.h"
#include "runner/schedule.h"
#include "runner/verdict.h"

/* SPEC §3: "default 1,000 in all". */
#define VERIFY_DEFAULT_SCHEDULES 1000
/* Per schedule: a lesson-sized program takes thousands of steps; ten
 * million (about 0.1 s) means it is not going to end. */
#define VERIFY_DEFAULT_MAX_STEPS INT64_C(10000000)
/* Per schedule, the engine's heap limit (VMOptions.mem_limit); the
 * child's RLIMIT_AS (1 GiB) stays the backstop. */
#define VERIFY_DEFAULT_MEM_LIMIT ((size_t)256 << 20)
/* Schedules per child: enough that fork() is a few per cent of the time
 * (bench/verify.sh), few enough that a batch of slow schedules stays far
 * below the batch's wall-clock limit. */
#define VERIFY_DEFAULT_BATCH 128
/* PCT's k when the engine is given none (the scheduler's
 * SCHED_PCT_DEFAULT_STEPS): its change points are drawn from [1, k], so
 * the bound of strength.h uses k = max(this, the most steps seen). */
#define VERIFY_PCT_K INT64_C(10000)
/* A batch's wall-clock and CPU limit: `batch` schedules at most. */
#define VERIFY_BATCH_WALL_MS 60000
#define VERIFY_BATCH_CPU_S 60

typedef enum VerifyMode {
  VERIFY_MIXED,  /* go, then every other one random, PCT depths 1, 2, 3
                  * in turn between them (default) */
  VERIFY_RANDOM, /* go, then random */
  VERIFY_PCT,    /* go, then PCT depths 1-3 in turn */
  VERIFY_EXHAUSTIVE /* a preemption-bounded search (explore.h) */
} VerifyMode;

/* The kinds of schedule, in report order (TAP test points, JUnit cases). */
typedef enum VerifyClass {
  VC_GO, VC_RANDOM, VC_PCT1, VC_PCT2, VC_PCT3, VC_EXHAUSTIVE, VC_COUNT
} VerifyClass;

typedef struct VerifyOptions {
  const char *filename;    /* as positions print it */
  const char *src;
  size_t len;
  int schedules;           /* >= 1; 0: VERIFY_DEFAULT_SCHEDULES
                            * (EXPLORE_DEFAULT_SCHEDULES exhaustive) */
  VerifyMode mode;
  int preemptions;         /* exhaustive: the preemption bound, when */
  bool preemptions_set;    /* set (else EXPLORE_DEFAULT_BOUND) */
  const char *expect;      /* expected stdout, or NULL: not checked */
  size_t expect_len;
  int64_t max_steps;       /* per schedule; 0: the default */
  size_t mem_limit;        /* per schedule; 0: the default */
  int batch;               /* schedules per child; 0: the default */
  const RunLimits *lim;    /* the single (re)runs; NULL: child defaults */
  int argc;                /* os.Args, argv[0] included; 0: the file name */
  char **argv;
} VerifyOptions;

typedef enum VerifyOutcome {
  VERIFY_PASS = 0,     /* exit 0 */
  VERIFY_FAIL = 1,     /* exit 1 */
  VERIFY_CANNOT = 2,   /* exit 2: compile error, bad input */
  VERIFY_INTERNAL = 3  /* exit 3: sandbox failure, nondeterminism */
} VerifyOutcome;

typedef struct VerifyReport {
  VerifyOutcome outcome;
  int planned;                 /* schedules asked for */
  int run;                     /* schedules that ran to a verdict */
  int planned_by[VC_COUNT];    /* of the plan, per class */
  int run_by[VC_COUNT];
  int max_goroutines;          /* the most goroutines one run created */
  int64_t max_steps;           /* the most steps one run took */
  int64_t pct_k;               /* k for the PCT bound (VERIFY_PCT_K) */
  int64_t step_limit;          /* per schedule, as applied */
  int children;                /* forks, batches and single runs */
  /* exhaustive: */
  bool covered;                /* every schedule within the bound ran */
  int bound;                   /* the preemption bound */
  uint64_t wall_ms;
  /* The failure (FAIL; CANNOT for a compile error): */
  bool has_failure;
  int fail_index;
  ScheduleSpec fail_spec;
  VerifyClass fail_class;
  Verdict fail_verdict;
  char *fail_explain;          /* one line, e.g. "panic: close of ..." */
  bool has_run;                /* fail_run is valid */
  RunResult fail_run;          /* the fresh child's run: its output */
  char *error;                 /* CANNOT / INTERNAL without a run: why */
} VerifyReport;

/* Schedule `index` of the plan for mode, and its class. */
ScheduleSpec verify_plan(VerifyMode mode, int index, VerifyClass *cls);
/* "go", "random", "pct depth 1", ... */
const char *verify_class_name(VerifyClass c);
/* 1..3 for the PCT classes, else 0. */
int verify_class_depth(VerifyClass c);

/* Runs the plan; fills rep (always: free it) and returns rep->outcome. */
VerifyOutcome verify_run(const VerifyOptions *o, VerifyReport *rep);
void verify_report_fini(VerifyReport *rep);

/* Appends why stdout differs from the expected text ("line 3: got
 * \"...\", want \"...\""); nothing when they are equal.  Returns whether
 * they differ. */
bool verify_output_differs(const char *got, size_t got_len,
                           const char *want, size_t want_len, Buf *why);

#endif
