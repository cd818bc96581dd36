/* lessons/grade.h - grade a learner's workspace (`panicroom grade`, `watch`):
 * per exercise, a fixed list of criteria, each pass / fail / skip / error
 * with points, then one report in the format a CI system reads
 * (grade_format.c; docs/grading.md is the reference for teachers).
 *
 * Criteria, in report order (GRADE_CRITERIA below):
 *   compiles      the lab engine compiles <id>/main.go;
 *   no-crash      no panic, fatal error, deadlock or timeout on any
 *                 schedule of verify's plan (runner/verify.h);
 *   race-free     the race detector finds no race on the first schedules
 *                 of the same plan; leak-free: the leak check finds no
 *                 goroutine left blocked (both from one run per schedule);
 *   output        stdout = scenarios/<id>/fixed.stdout on every schedule;
 *   fix-size      lines changed from broken.go (lcheck_diff_count):
 *                 <= 7 full marks, <= 14 half;
 *   guard-*       the non-fix guards of the lesson (lessons/guards.h),
 *                 from the trace of the `go` schedule.
 * fix-size and the guards are judged only once the program behaves (the
 * first five pass): an untouched broken.go must not collect points for
 * being small and still concurrent.  They are then `skip`, worth 0 of
 * their points.  A criterion the engine cannot check is `skip` worth 0 of
 * 0: never a pass.
 *
 * Schedules: every program gets at most `schedules` (default
 * GRADE_DEFAULT_SCHEDULES), fewer when its `go` run is long, so that one
 * exercise costs about GRADE_STEP_BUDGET instructions (see grade.c); the
 * report says how many ran.
 *
 * The big decision: every exercise is graded in a forked grader process of
 * its own (a pool of `jobs`), which writes its result as one JSON object
 * (grade_exercise_to_json) on a pipe and _exit()s.  The parent only
 * parses; a grader that crashes or writes garbage makes that exercise an
 * internal error (exit 3), never a pass, and the others still finish.
 * The learner's program runs in further children (runner/), so nothing it
 * prints can reach the report except as escaped data.
 *
 * Ownership: a GradeReport owns its exercises, and they own their strings
 * (grade_report_fini / grade_exercise_fini).
 */
#ifndef PANICROOM_LESSONS_GRADE_H
#define PANICROOM_LESSONS_GRADE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "lessons/catalog.h"

/* SPEC §3 / runner/verify.h: 1,000 schedules. */
#define GRADE_DEFAULT_SCHEDULES 1000
/* Instructions one exercise's verify may spend, about one second of the
 * engine (~300 M instructions/s measured on the catalog): a lesson whose
 * `go` run takes 6 M steps gets 50 schedules, most get 1,000.  This is
 * what keeps the 21 lessons under 10 s on two cores (issue 7). */
#define GRADE_STEP_BUDGET INT64_C(300000000)
/* ... but never fewer schedules than this. */
#define GRADE_MIN_SCHEDULES 20
/* Schedules run with the race detector and leak check on, one child
 * each (VerifyOptions cannot switch them on), budgeted the same way: an
 * instrumented run costs about GRADE_DETECTOR_COST plain ones (measured
 * on mutex-copy), so the longest lessons get 2 runs, most get 16. */
#define GRADE_DETECTOR_RUNS 16
#define GRADE_DETECTOR_COST 40
/* Graders at once: far more than the cores of a CI machine, few enough
 * for one poll() array. */
#define GRADE_MAX_JOBS 64
/* SPEC §7: a fix is at most 7 changed lines; twice that earns half. */
#define GRADE_FIX_LINES 7

/* GRADE_CRIT(ENUM, "name", points): the criteria in report order. */
#define GRADE_CRITERIA(X)                                                   \
  X(COMPILES, "compiles", 1)                                                \
  X(NO_CRASH, "no-crash", 1)                                                \
  X(RACE_FREE, "race-free", 1)                                              \
  X(LEAK_FREE, "leak-free", 1)                                              \
  X(OUTPUT, "output", 1)                                                    \
  X(FIX_SIZE, "fix-size", 2)                                                \
  X(GUARD_GOROUTINES, "guard-goroutines", 1)                                \
  X(GUARD_OPS, "guard-ops", 1)                                              \
  X(GUARD_NO_SLEEP, "guard-no-sleep", 1)

typedef enum GradeCrit {
#define X(e, name, points) GC_##e,
  GRADE_CRITERIA(X)
#undef X
  GC_COUNT
} GradeCrit;

typedef enum GradeStatus {
  GRADE_PASS, GRADE_FAIL, GRADE_SKIP, GRADE_ERROR
} GradeStatus;

typedef struct GradeCheck {
  GradeCrit crit;
  GradeStatus status;
  int score, max_score;
  char *message; /* one line, never NULL once filled */
  char *detail;  /* more: output, replay command; NULL when none */
} GradeCheck;

typedef struct GradeExercise {
  char *id, *title;
  char *file;          /* "<id>/main.go", relative to the workspace */
  GradeStatus status;  /* PASS, FAIL or ERROR (grading itself failed) */
  bool internal;       /* ERROR: panicroom's fault (exit 3), else the
                        * input's (exit 2) */
  char *error;         /* ERROR: why; else NULL */
  GradeCheck checks[GC_COUNT];
  size_t nchecks;      /* criteria the lesson has (guards may be absent) */
  int schedules;       /* verify's schedules that ran */
  int changed_lines;   /* -1: not measured */
  uint64_t wall_ms;
} GradeExercise;

typedef struct GradeReport {
  char *dir;
  GradeExercise *ex;   /* in catalog order */
  size_t n;
  int jobs;
  uint64_t wall_ms;
} GradeReport;

typedef struct GradeOptions {
  const Catalog *c;
  const char *dir;               /* the workspace */
  const Lesson *const *lessons;  /* to grade, in report order */
  size_t n;
  int jobs;                      /* graders at once, 1..GRADE_MAX_JOBS */
  int schedules;                 /* 0: budgeted, else exactly this many */
  volatile sig_atomic_t *stop;   /* set (by a signal handler): stop the
                                  * graders and return; may be NULL */
} GradeOptions;

/* "compiles", ...; its points. */
const char *grade_crit_name(GradeCrit c);
int grade_crit_points(GradeCrit c);
/* "pass", "fail", "skip", "error". */
const char *grade_status_name(GradeStatus s);

/* Grades one exercise in this process (what a grader runs); out is
 * always filled. */
void grade_exercise(const GradeOptions *o, const Lesson *l,
                    GradeExercise *out);
/* Grades o->lessons with o->jobs forked graders.  Returns 0, or -1 when
 * *o->stop was set (rep then holds what finished; the rest are errors). */
int grade_run(const GradeOptions *o, GradeReport *rep);

/* 0 all passed, 1 some failed, 2 could not grade one, 3 internal error. */
int grade_exit_status(const GradeReport *rep);
/* Points scored and possible over the report. */
void grade_points(const GradeReport *rep, int *score, int *max);
void grade_exercise_points(const GradeExercise *e, int *score, int *max);

/* The exercise as JSON (jansson) and back; from_json returns 0, or -1 if
 * j is not that shape (out is then finied). */
struct json_t;
struct json_t *grade_exercise_to_json(const GradeExercise *e);
int grade_exercise_from_json(struct json_t *j, GradeExercise *out);
/* Sets e to an ERROR result for lesson id saying why. */
void grade_exercise_error(GradeExercise *e, const char *id, bool internal,
                          const char *why);
void grade_exercise_fini(GradeExercise *e);
void grade_report_fini(GradeReport *rep);

/* --- formats (grade_format.c) -------------------------------------------- */
typedef enum GradeFormat {
  GF_TEXT, GF_JSON, GF_TAP, GF_JUNIT, GF_EXERCISM, GF_CLASSROOM
} GradeFormat;

/* Exercism: the longest "output" of a test (results.json v3). */
#define GRADE_EXERCISM_OUTPUT_MAX 500

int grade_format_from_name(const char *name, GradeFormat *out);
void grade_format(GradeFormat f, const GradeReport *rep, Buf *out);
void grade_format_text(const GradeReport *rep, Buf *out);
void grade_format_json(const GradeReport *rep, Buf *out);
void grade_format_tap(const GradeReport *rep, Buf *out);
void grade_format_junit(const GradeReport *rep, Buf *out);
void grade_format_exercism(const GradeReport *rep, Buf *out);
void grade_format_classroom(const GradeReport *rep, Buf *out);
/* Watch mode's few lines for one exercise. */
void grade_format_compact(const GradeExercise *e, Buf *out);

/* Appends s[0, n) as XML character data (attr: as an attribute value):
 * & < > " ' as entities, invalid UTF-8 and characters XML 1.0 cannot hold
 * (controls other than tab, newline, CR; U+FFFE, U+FFFF) as U+FFFD; in an
 * attribute, tab/newline/CR as character references so they survive
 * attribute-value normalisation. */
void grade_xml_escape(const char *s, size_t n, bool attr, Buf *out);
/* Appends RFC 4648 base64 (with padding) of data[0, n). */
void grade_base64(const void *data, size_t n, Buf *out);
/* Appends s cut to at most max characters (code points) in all, ending
 * with a notice when cut: "...\n[output truncated: 2000 characters, first
 * 440 shown]". */
void grade_truncate(const char *s, size_t n, size_t max, Buf *out);

#endif
