/* lessons/check.h - the authoring check (`panicroom check-lessons`,
 * issue 5 item 5): every claim a lesson makes is run, not trusted.
 *
 * Per lesson, each check is one line PASS / FAIL / SKIP / INFO:
 *   text       content/en and content/zh exist, parse, and their neutral
 *              fields agree (the catalog's own errors, by file and line);
 *   broken     broken.go in the lab engine shows the front matter's
 *              verdict, first stderr line and exit status.  A
 *              deterministic lesson: on the default `go` schedule.  A
 *              schedule-dependent one: on random:<seed> when `seed:` is set
 *              (what `run ID` uses), else the first of random seeds
 *              1..LCHECK_SEED_SEARCH-1 that shows it, with a hint to
 *              record it as `seed:`; failing that, the default schedule
 *              (`run ID` keeps it while seed is 0), then PCT (depth 3)
 *              seeds, which `run ID` cannot follow (reported, not
 *              recorded).
 *              Verdict race / leak: the plain run must end as declared
 *              (exit, first line: what Go without -race prints) and a run
 *              of the same schedule with the detector on must report it;
 *              wrong-output: stdout must differ from fixed.stdout;
 *   fixed      fixed.go passes verify (runner/verify.h, in-process; VERIFY
 *              mixed PCT and random) printing exactly fixed.stdout;
 *   detectors  fixed.go with the race detector and the leak check on, on
 *              the first schedules of the same plan: VerifyOptions has no
 *              race/leaks switch yet, so they run here one child each;
 *   diff       broken.go -> fixed.go changes at most LCHECK_MAX_FIX_LINES
 *              lines (lcheck_diff_count);
 *   myth       myth.go in the lab prints myth.stdout, myth.stderr.first
 *              and exits myth.exit; a compile error naming an unsupported
 *              feature is INFO "real Go only", not a failure;
 *   go-broken  real Go (`go run`) agrees on the first stderr line and the
 *              program's exit status (within go_runs runs when
 *              schedule-dependent, more if real_go_rate needs them: see
 *              LCHECK_GO_MISS); go-fixed: prints fixed.stdout, exit 0.
 *              Without a go toolchain both are SKIP, said loudly.
 *
 * The big decision: checks are independent and a failing one never stops
 * the others, so one run shows every problem of every lesson.  Output goes
 * to o->out as each check finishes (a full run takes a while).
 */
#ifndef PANICROOM_LESSONS_CHECK_H
#define PANICROOM_LESSONS_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lessons/catalog.h"

/* SPEC §7: "diff <= 7 changed lines". */
#define LCHECK_MAX_FIX_LINES 7
/* Seeds tried for a schedule-dependent lesson without `seed:` (per
 * strategy): the brief's 0..199, minus 0, which front matter reserves for
 * "no seed". */
#define LCHECK_SEED_SEARCH 200
/* Issue 5: at least 2,000 PCT schedules; 20 real-Go runs. */
#define LCHECK_SCHEDULES 2000
#define LCHECK_GO_RUNS 20
/* --quick, for `make test` (the full run is measured in the report). */
#define LCHECK_QUICK_SCHEDULES 300
#define LCHECK_QUICK_GO_RUNS 5
/* A schedule-dependent broken.go gets more real-Go runs when its
 * real_go_rate says go_runs would all miss the failure with a probability
 * above this (map-concurrent, 18/100: 35 runs), up to the cap; runs stop
 * at the first that agrees, so the cost is ~M/N runs. */
#define LCHECK_GO_MISS 0.001
#define LCHECK_GO_MAX_RUNS 100
/* Schedules of fixed.go run with the race detector and leak check (each
 * one a child of its own, unlike verify's batches). */
#define LCHECK_DETECTOR_RUNS 40
#define LCHECK_QUICK_DETECTOR_RUNS 10
/* Changed lines per side (after the common head and tail are trimmed)
 * for the O(n*m) uint16_t LCS table: 8 MB at most; a fix is 7 lines. */
#define LCHECK_DIFF_MAX_LINES 2000

typedef enum LcheckStatus {
  LCHECK_PASS, LCHECK_FAIL, LCHECK_SKIP, LCHECK_INFO, LCHECK_NSTATUS
} LcheckStatus;

typedef struct LcheckOptions {
  int schedules;     /* fixed.go under verify */
  int go_runs;       /* real-Go runs of a schedule-dependent broken.go */
  int detector_runs; /* fixed.go runs with race + leaks on */
  bool text_only;    /* --lang-check: only the text check, no programs */
  const char *go;    /* the go binary, or NULL: real-Go checks SKIP */
  FILE *out;         /* the report */
} LcheckOptions;

/* A seed the search found for a lesson with `seed: 0`. */
typedef struct LcheckSeed {
  const char *id;    /* borrowed from the catalog */
  uint64_t seed;
  bool pct;          /* found under PCT only: `run ID` cannot use it */
} LcheckSeed;

typedef struct LcheckTally {
  int count[LCHECK_NSTATUS];
  int lessons, failed_lessons;
  LcheckSeed *seeds; /* owned */
  size_t nseeds;
} LcheckTally;

/* Fills o with the full-run defaults (quick: the --quick ones). */
void lcheck_options_default(LcheckOptions *o, bool quick);
/* Checks one lesson of c, reporting to o->out and counting into t. */
void lcheck_lesson(const LcheckOptions *o, const Catalog *c,
                   const Lesson *l, LcheckTally *t);
/* Reports the catalog errors no lesson of c owns (a file that did not
 * load at all); returns how many. */
int lcheck_orphans(const LcheckOptions *o, const Catalog *c, LcheckTally *t);
void lcheck_tally_fini(LcheckTally *t);

/* The size of the change from a to b, in lines: for each hunk of a
 * longest-common-subsequence line diff, max(lines added, lines removed),
 * summed.  A last line without '\n' counts as a line.  -1 when the part
 * between the common head and tail has more than LCHECK_DIFF_MAX_LINES
 * lines on either side. */
int lcheck_diff_count(const char *a, size_t alen, const char *b,
                      size_t blen);

#endif
