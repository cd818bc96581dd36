/* lessons/grade.c - see grade.h: the criteria of one exercise, the result
 * model as JSON, and the pool of forked graders.
 *
 * One exercise costs: a traced run of the `go` schedule (compile check,
 * the step count that sizes the schedule budget, the trace for the
 * guards), verify over the budgeted schedules with the expected output
 * (and once more without it when only the output was wrong, so no-crash
 * is still judged over every schedule), the detector runs, and, only when
 * the learner's program sleeps, a traced run of the reference fix.
 *
 * The line diff is lessons/check.c's lcheck_diff_count (the authoring
 * check measures fixed.go with the same counter).
 */
#include "lessons/grade.h"

#include <assert.h>
#include <errno.h>
#include <signal.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "base/mem.h"
#include "base/os.h"
#include "engine/trace.h"
#include "lessons/check.h"
#include "lessons/guards.h"
#include "runner/report.h"
#include "runner/run.h"
#include "runner/schedule.h"
#include "runner/verdict.h"
#include "runner/verify.h"

/* The engine has the race detector and the leak check (VMOptions.race,
 * VMOptions.leaks, engine/vm.h).  An engine built without them sets this
 * to 0: race-free and leak-free are then `skip`, worth 0 of 0. */
#define GRADE_HAVE_DETECTORS 1
/* Error text of a failing run kept in a check's detail: enough for a
 * panic's stack or a race report, short enough for a CI log. */
#define GRADE_DETAIL_MAX 4096

static const char *const crit_names[GC_COUNT] = {
#define X(e, name, points) name,
    GRADE_CRITERIA(X)
#undef X
};
static const int crit_points[GC_COUNT] = {
#define X(e, name, points) points,
    GRADE_CRITERIA(X)
#undef X
};
static const char *const status_names[] = {"pass", "fail", "skip", "error"};

const char *grade_crit_name(GradeCrit c)
{
  return (unsigned)c < GC_COUNT ? crit_names[c] : "?";
}

int grade_crit_points(GradeCrit c)
{
  return (unsigned)c < GC_COUNT ? crit_points[c] : 0;
}

const char *grade_status_name(GradeStatus s)
{
  return (unsigned)s <= GRADE_ERROR ? status_names[s] : "?";
}

static uint64_t now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* --- the model ------------------------------------------------------------- */

/* Sets criterion c of e; score is given for a pass (and fix-size's half
 * marks), max 0 means "not counted". msg and detail are copied. */
static void check_set(GradeExercise *e, GradeCrit c, GradeStatus st,
                      int score, int max, const char *msg,
                      const char *detail)
{
  GradeCheck *k = &e->checks[e->nchecks++];
  k->crit = c;
  k->status = st;
  k->score = score;
  k->max_score = max;
  k->message = xstrdup(msg);
  k->detail = detail && *detail ? xstrdup(detail) : NULL;
}

static void check_pass(GradeExercise *e, GradeCrit c, const char *msg)
{
  check_set(e, c, GRADE_PASS, crit_points[c], crit_points[c], msg, NULL);
}

static void check_fail(GradeExercise *e, GradeCrit c, const char *msg,
                       const char *detail)
{
  check_set(e, c, GRADE_FAIL, 0, crit_points[c], msg, detail);
}

static void check_skip(GradeExercise *e, GradeCrit c, const char *msg)
{
  check_set(e, c, GRADE_SKIP, 0, crit_points[c], msg, NULL);
}

void grade_exercise_points(const GradeExercise *e, int *score, int *max)
{
  *score = *max = 0;
  for (size_t i = 0; i < e->nchecks; i++) {
    *score += e->checks[i].score;
    *max += e->checks[i].max_score;
  }
}

void grade_points(const GradeReport *rep, int *score, int *max)
{
  *score = *max = 0;
  for (size_t i = 0; i < rep->n; i++) {
    int s, m;
    grade_exercise_points(&rep->ex[i], &s, &m);
    *score += s;
    *max += m;
  }
}

/* PASS when every counted criterion passed. */
static GradeStatus overall(const GradeExercise *e)
{
  if (e->error)
    return GRADE_ERROR;
  for (size_t i = 0; i < e->nchecks; i++) {
    const GradeCheck *k = &e->checks[i];
    if (k->status == GRADE_ERROR)
      return GRADE_ERROR;
    if (k->status != GRADE_PASS && k->max_score > 0)
      return GRADE_FAIL;
  }
  return GRADE_PASS;
}

void grade_exercise_error(GradeExercise *e, const char *id, bool internal,
                          const char *why)
{
  if (!e->id)
    e->id = xstrdup(id);
  free(e->error);
  e->error = xstrdup(why);
  e->internal = internal;
  e->status = GRADE_ERROR;
}

void grade_exercise_fini(GradeExercise *e)
{
  for (size_t i = 0; i < e->nchecks; i++) {
    free(e->checks[i].message);
    free(e->checks[i].detail);
  }
  free(e->id);
  free(e->title);
  free(e->file);
  free(e->error);
  memset(e, 0, sizeof *e);
}

void grade_report_fini(GradeReport *rep)
{
  for (size_t i = 0; i < rep->n; i++)
    grade_exercise_fini(&rep->ex[i]);
  free(rep->ex);
  free(rep->dir);
  memset(rep, 0, sizeof *rep);
}

int grade_exit_status(const GradeReport *rep)
{
  int st = 0;
  for (size_t i = 0; i < rep->n; i++) {
    const GradeExercise *e = &rep->ex[i];
    int s = e->status == GRADE_PASS   ? 0
            : e->status == GRADE_FAIL ? 1
            : e->internal             ? 3
                                      : 2;
    st = s > st ? s : st;
  }
  return st;
}

/* --- one exercise ----------------------------------------------------------- */

/* The exercise being graded and what its runs found. */
typedef struct Ctx {
  const GradeOptions *o;
  const Lesson *l;
  GradeExercise *e;
  char *src, *broken, *fixed, *expect;
  size_t src_len, broken_len, fixed_len, expect_len;
  int64_t steps;      /* of the `go` run: sizes the budget */
  GuardTrace trace;   /* of the `go` run */
  bool behaves;       /* compiles .. output all passed */
} Ctx;

static char *read_scenario(const Ctx *x, const char *name, size_t *len)
{
  char *path = catalog_scenario_path(x->o->c, x->l, name);
  char *text = os_read_file(path, len);
  free(path);
  return text;
}

/* Reads the four texts; false after making e an error. */
static bool read_inputs(Ctx *x)
{
  Buf path = BUF_INIT, why = BUF_INIT;

  buf_printf(&path, "%s/%s", x->o->dir, x->e->file);
  x->src = os_read_file(buf_cstr(&path), &x->src_len);
  if (!x->src)
    buf_printf(&why, "cannot read %s: %s (run `panicroom init` or "
               "`panicroom reset %s`)", buf_cstr(&path), strerror(errno),
               x->l->id);
  x->broken = read_scenario(x, "broken.go", &x->broken_len);
  x->fixed = read_scenario(x, "fixed.go", &x->fixed_len);
  x->expect = read_scenario(x, "fixed.stdout", &x->expect_len);
  if (x->src && (!x->broken || !x->fixed || !x->expect))
    buf_printf(&why, "the lesson's scenarios/%s/ is incomplete (broken.go, "
               "fixed.go, fixed.stdout)", x->l->id);
  if (why.len)
    grade_exercise_error(x->e, x->l->id, false, buf_cstr(&why));
  buf_fini(&path);
  buf_fini(&why);
  return why.len == 0 && x->src;
}

/* The limits verify uses for a single schedule, with its argv. */
static void base_options(const char *file, char **argv, VMOptions *opts)
{
  memset(opts, 0, sizeof *opts);
  opts->max_steps = VERIFY_DEFAULT_MAX_STEPS;
  opts->mem_limit = VERIFY_DEFAULT_MEM_LIMIT;
  argv[0] = (char *)file;
  argv[1] = NULL;
  opts->argc = 1;
  opts->argv = argv;
}

/* Runs src on the `go` schedule with the trace into a temporary file,
 * parsed into *t.  Returns 0, or -1 with why in err (sandbox, tmp file). */
static int traced_run(const char *file, const char *src, size_t len,
                      GuardTrace *t, RunResult *r, Buf *err)
{
  const char *tmp = getenv("TMPDIR");
  char *argv[2], *text;
  VMOptions opts;
  Buf path = BUF_INIT;
  size_t n;
  int fd, rc;

  buf_printf(&path, "%s/panicroom-trace-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if ((fd = mkstemp(path.data)) < 0) {
    buf_printf(err, "cannot make a trace file %s: %s", path.data,
               strerror(errno));
    buf_fini(&path);
    runner_result_init(r, NULL);
    return -1;
  }
  close(fd);
  base_options(file, argv, &opts);
  opts.trace = trace_new_path(path.data, file);
  rc = runner_run_source(file, src, len, &opts, NULL, r);
  trace_free(opts.trace);
  if (rc < 0)
    buf_printf(err, "sandbox: %s", r->sandbox_error);
  else if ((text = os_read_file(path.data, &n)) != NULL) {
    (void)guard_trace_parse(text, n, t); /* a cut trace: what was read */
    free(text);
  }
  if (unlink(path.data) != 0 && rc == 0)
    buf_printf(err, "cannot remove %s: %s", path.data, strerror(errno));
  buf_fini(&path);
  return rc < 0 || err->len ? -1 : 0;
}

/* Appends a run's stderr (and stdout) for a check's detail, cut. */
static void run_output(const RunResult *r, Buf *out)
{
  Buf text = BUF_INIT;

  capture_text(&r->err, &text);
  if (text.len)
    buf_printf(out, "stderr:\n%.*s%s", GRADE_DETAIL_MAX, text.data,
               text.len > GRADE_DETAIL_MAX ? "\n[...]" : "");
  buf_clear(&text);
  capture_text(&r->out, &text);
  if (text.len)
    buf_printf(out, "%sstdout:\n%.*s%s", out->len ? "\n" : "",
               GRADE_DETAIL_MAX, text.data,
               text.len > GRADE_DETAIL_MAX ? "\n[...]" : "");
  buf_fini(&text);
}

/* compiles; false (and every other criterion skipped) if it did not. */
static bool grade_compile(Ctx *x)
{
  RunResult r;
  Buf err = BUF_INIT, detail = BUF_INIT, msg = BUF_INIT;
  bool ok = false;

  if (traced_run(x->e->file, x->src, x->src_len, &x->trace, &r, &err) < 0) {
    grade_exercise_error(x->e, x->l->id, true, buf_cstr(&err));
  } else if (verdict_decide(&r) == VERDICT_COMPILE_ERROR) {
    run_output(&r, &detail);
    buf_printf(&msg, "does not compile: %s",
               r.has_record ? r.record.first : "compile error");
    check_fail(x->e, GC_COMPILES, buf_cstr(&msg), buf_cstr(&detail));
  } else {
    x->steps = r.has_record ? r.record.steps : 0;
    check_pass(x->e, GC_COMPILES, "compiles");
    ok = true;
  }
  runner_result_fini(&r);
  buf_fini(&err);
  buf_fini(&detail);
  buf_fini(&msg);
  return ok;
}

/* How many runs fit the step budget: [lo, cap]. */
static int budget(int64_t steps, int64_t share, int lo, int cap)
{
  int64_t n = share / (steps > 0 ? steps : 1);
  return n < lo ? lo : n > cap ? cap : (int)n;
}

static int schedules_for(const Ctx *x)
{
  if (x->o->schedules > 0)
    return x->o->schedules;
  return budget(x->steps, GRADE_STEP_BUDGET, GRADE_MIN_SCHEDULES,
                GRADE_DEFAULT_SCHEDULES);
}

/* "schedule 3 of 1000 (pct depth 1, replay pct:1:3): <why>" and the
 * detail: the command that replays it and the run's output. */
static void describe_failure(const Ctx *x, const VerifyReport *rep,
                             const VerifyOptions *vo, Buf *msg, Buf *detail)
{
  Buf tok = BUF_INIT;

  schedule_format(&rep->fail_spec, &tok);
  buf_printf(msg, "schedule %d of %d (%s, replay %s): %s", rep->fail_index,
             rep->planned, verify_class_name(rep->fail_class),
             buf_cstr(&tok), rep->fail_explain && *rep->fail_explain
                                 ? rep->fail_explain
                                 : verdict_name(rep->fail_verdict));
  buf_puts(detail, "replay: ");
  report_replay_command(rep, vo, x->e->file, detail);
  buf_putc(detail, '\n');
  if (rep->has_run)
    run_output(&rep->fail_run, detail);
  buf_fini(&tok);
}

/* Runs verify; on an internal error makes e an error and returns -1. */
static int run_verify(Ctx *x, bool with_expect, VerifyReport *rep,
                      VerifyOptions *vo)
{
  *vo = (VerifyOptions){.filename = x->e->file, .src = x->src,
                        .len = x->src_len, .schedules = schedules_for(x),
                        .mode = VERIFY_MIXED};
  if (with_expect) {
    vo->expect = x->expect;
    vo->expect_len = x->expect_len;
  }
  VerifyOutcome oc = verify_run(vo, rep);
  if (oc == VERIFY_INTERNAL || (oc == VERIFY_CANNOT && !rep->has_failure)) {
    grade_exercise_error(x->e, x->l->id, true,
                         rep->error ? rep->error : "verify failed");
    return -1;
  }
  x->e->schedules = rep->run > x->e->schedules ? rep->run : x->e->schedules;
  return 0;
}

static void pass_schedules(Ctx *x, GradeCrit c, const VerifyReport *rep,
                           const char *what)
{
  Buf msg = BUF_INIT;

  buf_printf(&msg, "%s on all %d schedules (go %d, random %d, pct %d)", what,
             rep->run, rep->run_by[VC_GO], rep->run_by[VC_RANDOM],
             rep->run_by[VC_PCT1] + rep->run_by[VC_PCT2] +
                 rep->run_by[VC_PCT3]);
  check_pass(x->e, c, buf_cstr(&msg));
  buf_fini(&msg);
}

/* A failed verify as criterion c. */
static void fail_schedule(Ctx *x, GradeCrit c, const VerifyReport *rep,
                          const VerifyOptions *vo)
{
  Buf msg = BUF_INIT, detail = BUF_INIT;

  describe_failure(x, rep, vo, &msg, &detail);
  check_fail(x->e, c, buf_cstr(&msg), buf_cstr(&detail));
  buf_fini(&msg);
  buf_fini(&detail);
}

/* no-crash, then output.  Returns -1 after an internal error. */
static int grade_behaviour(Ctx *x)
{
  VerifyReport rep, again;
  VerifyOptions vo;
  int rc = 0;

  if (run_verify(x, true, &rep, &vo) < 0) {
    verify_report_fini(&rep);
    return -1;
  }
  if (rep.outcome == VERIFY_PASS) {
    pass_schedules(x, GC_NO_CRASH, &rep, "no panic, fatal error or deadlock");
  } else if (rep.fail_verdict != VERDICT_WRONG_OUTPUT) {
    fail_schedule(x, GC_NO_CRASH, &rep, &vo);
  } else if ((rc = run_verify(x, false, &again, &vo)) == 0) {
    if (again.outcome == VERIFY_PASS)
      pass_schedules(x, GC_NO_CRASH, &again,
                     "no panic, fatal error or deadlock");
    else
      fail_schedule(x, GC_NO_CRASH, &again, &vo);
  }
  if (rep.fail_verdict == VERDICT_WRONG_OUTPUT)
    verify_report_fini(&again);
  vo.expect = x->expect; /* the output failure replays with --expect */
  vo.expect_len = x->expect_len;
  if (rc == 0 && rep.outcome == VERIFY_PASS)
    pass_schedules(x, GC_OUTPUT, &rep, "prints the expected output");
  else if (rc == 0 && rep.fail_verdict == VERDICT_WRONG_OUTPUT)
    fail_schedule(x, GC_OUTPUT, &rep, &vo);
  else if (rc == 0)
    check_skip(x->e, GC_OUTPUT, "not judged: the program crashed before "
               "its output could be compared (see no-crash)");
  verify_report_fini(&rep);
  return rc;
}

/* What the detector runs found: the first schedule of each finding. */
typedef struct Detect {
  int runs;
  int race_at, leak_at;   /* schedule index, -1: none */
  int races, leaks;       /* counts reported in that run */
  Buf race_out, leak_out; /* that run's output */
} Detect;

/* One schedule with both detectors on; -1 after a sandbox failure. */
static int detect_one(const Ctx *x, int i, Detect *d, Buf *err)
{
  VerifyClass cls;
  ScheduleSpec spec = verify_plan(VERIFY_MIXED, i, &cls);
  char *argv[2];
  VMOptions opts;
  RunResult r;
  int rc;

  base_options(x->e->file, argv, &opts);
  schedule_to_options(&spec, &opts);
  /* A detector that found something is done: a race report is slow to
   * write (every access pair), and one schedule is enough to fail. */
  opts.race = d->race_at < 0;
  opts.leaks = d->leak_at < 0;
  if ((rc = runner_run_source(x->e->file, x->src, x->src_len, &opts, NULL,
                              &r)) < 0) {
    buf_printf(err, "sandbox: %s", r.sandbox_error);
  } else if (r.has_record) {
    if (r.record.races > 0 && d->race_at < 0) {
      d->race_at = i;
      d->races = r.record.races;
      run_output(&r, &d->race_out);
    }
    if (r.record.leaks > 0 && d->leak_at < 0) {
      d->leak_at = i;
      d->leaks = r.record.leaks;
      run_output(&r, &d->leak_out);
    }
  }
  runner_result_fini(&r);
  return rc;
}

static void detector_check(Ctx *x, GradeCrit c, int at, int count,
                           Buf *output, int runs)
{
  Buf msg = BUF_INIT, detail = BUF_INIT, tok = BUF_INIT;
  VerifyClass cls;

  if (at < 0) {
    buf_printf(&msg, "%s on %d schedules with the %s on",
               c == GC_RACE_FREE ? "no data race" : "no goroutine left "
               "blocked", runs, c == GC_RACE_FREE ? "race detector"
                                                  : "leak check");
    check_pass(x->e, c, buf_cstr(&msg));
  } else {
    ScheduleSpec spec = verify_plan(VERIFY_MIXED, at, &cls);
    schedule_format(&spec, &tok);
    if (c == GC_RACE_FREE)
      buf_printf(&msg, "schedule %d (replay %s): %d data race%s", at,
                 buf_cstr(&tok), count, count == 1 ? "" : "s");
    else
      buf_printf(&msg, "schedule %d (replay %s): %d goroutine%s still "
                 "blocked when main returned", at, buf_cstr(&tok), count,
                 count == 1 ? "" : "s");
    buf_printf(&detail, "replay: panicroom run %s --replay %s %s\n%s",
               x->e->file, buf_cstr(&tok),
               c == GC_RACE_FREE ? "--race" : "--leaks", buf_cstr(output));
    check_fail(x->e, c, buf_cstr(&msg), buf_cstr(&detail));
  }
  buf_fini(&msg);
  buf_fini(&detail);
  buf_fini(&tok);
}

/* race-free and leak-free.  Returns -1 after an internal error. */
static int grade_detectors(Ctx *x)
{
  Detect d = {.race_at = -1, .leak_at = -1};
  Buf err = BUF_INIT;
  int n = budget(x->steps, GRADE_STEP_BUDGET / GRADE_DETECTOR_COST, 2,
                 GRADE_DETECTOR_RUNS);
  int rc = 0;

  if (!GRADE_HAVE_DETECTORS) {
    check_set(x->e, GC_RACE_FREE, GRADE_SKIP, 0, 0, "not checked: this "
              "build of the engine has no race detector", NULL);
    check_set(x->e, GC_LEAK_FREE, GRADE_SKIP, 0, 0, "not checked: this "
              "build of the engine has no leak check", NULL);
    return 0;
  }
  for (d.runs = 0; d.runs < n && rc == 0 &&
                  (d.race_at < 0 || d.leak_at < 0); d.runs++)
    rc = detect_one(x, d.runs, &d, &err);
  if (rc < 0) {
    grade_exercise_error(x->e, x->l->id, true, buf_cstr(&err));
  } else {
    detector_check(x, GC_RACE_FREE, d.race_at, d.races, &d.race_out, n);
    detector_check(x, GC_LEAK_FREE, d.leak_at, d.leaks, &d.leak_out, n);
  }
  buf_fini(&d.race_out);
  buf_fini(&d.leak_out);
  buf_fini(&err);
  return rc;
}

/* fix-size: judged only when the program behaves (see grade.h). */
static void grade_fix_size(Ctx *x)
{
  Buf msg = BUF_INIT;
  int n = lcheck_diff_count(x->broken, x->broken_len, x->src, x->src_len);
  int half = 2 * GRADE_FIX_LINES, pts = grade_crit_points(GC_FIX_SIZE);

  x->e->changed_lines = n;
  if (n < 0) {
    buf_printf(&msg, "too long to compare with broken.go (over %d lines)",
               LCHECK_DIFF_MAX_LINES);
    check_fail(x->e, GC_FIX_SIZE, buf_cstr(&msg), NULL);
  } else if (!x->behaves) {
    buf_printf(&msg, "not judged until the program passes the checks "
               "above (%d changed line%s so far)", n, n == 1 ? "" : "s");
    check_skip(x->e, GC_FIX_SIZE, buf_cstr(&msg));
  } else {
    buf_printf(&msg, "%d changed line%s from broken.go (full marks up to "
               "%d, half up to %d)", n, n == 1 ? "" : "s", GRADE_FIX_LINES,
               half);
    check_set(x->e, GC_FIX_SIZE,
              n <= GRADE_FIX_LINES ? GRADE_PASS : GRADE_FAIL,
              n <= GRADE_FIX_LINES ? pts : n <= half ? pts / 2 : 0, pts,
              buf_cstr(&msg), NULL);
  }
  buf_fini(&msg);
}

static const GradeCrit guard_crit[GUARD_NKINDS] = {
    [GUARD_GOROUTINES] = GC_GUARD_GOROUTINES,
    [GUARD_OPS] = GC_GUARD_OPS,
    [GUARD_NO_SLEEP] = GC_GUARD_NO_SLEEP,
};

/* The guards the lesson declares.  Returns -1 after an internal error. */
static int grade_guards(Ctx *x)
{
  const LessonGuards *g = &x->l->text[LANG_EN]->meta.guards;
  GuardTrace ref = {0};
  GuardVerdict v[GUARD_NKINDS];
  Buf err = BUF_INIT;
  RunResult r;
  int rc = 0;

  if (g->no_sleep_sync && x->behaves && guard_trace_sleeps(&x->trace)) {
    rc = traced_run("fixed.go", x->fixed, x->fixed_len, &ref, &r, &err);
    runner_result_fini(&r);
    if (rc < 0)
      grade_exercise_error(x->e, x->l->id, true, buf_cstr(&err));
  }
  guard_check(g, &x->trace, &ref, v);
  for (int k = 0; k < GUARD_NKINDS && rc == 0; k++) {
    if (!v[k].checked)
      continue;
    if (!x->behaves)
      check_skip(x->e, guard_crit[k], "not judged until the program "
                 "passes the checks above");
    else if (v[k].pass)
      check_pass(x->e, guard_crit[k], v[k].message);
    else
      check_fail(x->e, guard_crit[k], v[k].message, NULL);
  }
  guard_verdict_fini(v);
  guard_trace_fini(&ref);
  buf_fini(&err);
  return rc;
}

static bool behaves(const GradeExercise *e)
{
  for (size_t i = 0; i < e->nchecks; i++)
    if (e->checks[i].status != GRADE_PASS && e->checks[i].max_score > 0)
      return false;
  return true;
}

static int cmp_check(const void *a, const void *b)
{
  const GradeCheck *x = a, *y = b;
  return (int)x->crit - (int)y->crit;
}

static bool has_check(const GradeExercise *e, GradeCrit c)
{
  for (size_t i = 0; i < e->nchecks; i++)
    if (e->checks[i].crit == c)
      return true;
  return false;
}

/* Criteria from..fix-size and the lesson's guards that e does not have
 * yet, skipped (0 of their points) with message why. */
static void skip_from(GradeExercise *e, const Lesson *l, GradeCrit from,
                      const char *why)
{
  const LessonGuards *g = &l->text[LANG_EN]->meta.guards;
  bool guard[GUARD_NKINDS] = {g->goroutines > 0, g->nops > 0,
                              g->no_sleep_sync};

  for (int c = from; c <= GC_FIX_SIZE; c++)
    if (!has_check(e, (GradeCrit)c))
      check_skip(e, (GradeCrit)c, why);
  for (int k = 0; k < GUARD_NKINDS; k++)
    if (guard[k] && !has_check(e, guard_crit[k]))
      check_skip(e, guard_crit[k], why);
}

/* Every criterion after compiles is skipped (the program never ran). */
static void skip_rest(Ctx *x)
{
  skip_from(x->e, x->l, GC_NO_CRASH, "not judged: the program does not "
            "compile");
}

/* An exercise that could not be graded (no main.go, an interrupted or
 * crashed grader) still counts its points as possible: otherwise deleting
 * a hard exercise's main.go would shrink the total, and a course that
 * reads "Points X/Y" as a percentage would score the rest higher. */
static void keep_possible_points(GradeExercise *e, const Lesson *l)
{
  if (!e->error)
    return;
  skip_from(e, l, GC_COMPILES, "not judged: the exercise could not be "
            "graded");
  qsort(e->checks, e->nchecks, sizeof e->checks[0], cmp_check);
}

static void ctx_fini(Ctx *x)
{
  free(x->src);
  free(x->broken);
  free(x->fixed);
  free(x->expect);
  guard_trace_fini(&x->trace);
}

void grade_exercise(const GradeOptions *o, const Lesson *l,
                    GradeExercise *out)
{
  Ctx x = {.o = o, .l = l, .e = out};
  Buf file = BUF_INIT;
  uint64_t t0 = now_ms();

  memset(out, 0, sizeof *out);
  out->id = xstrdup(l->id);
  out->title = xstrdup(l->text[LANG_EN]->meta.title);
  buf_printf(&file, "%s/main.go", l->id);
  out->file = buf_steal(&file);
  out->changed_lines = -1;
  if (read_inputs(&x)) {
    if (!grade_compile(&x)) {
      if (!out->error)
        skip_rest(&x);
    } else if (grade_behaviour(&x) == 0 && grade_detectors(&x) == 0) {
      x.behaves = behaves(out);
      grade_fix_size(&x);
      (void)grade_guards(&x);
    }
  }
  qsort(out->checks, out->nchecks, sizeof out->checks[0], cmp_check);
  out->status = overall(out);
  out->wall_ms = now_ms() - t0;
  ctx_fini(&x);
}

/* --- JSON ------------------------------------------------------------------- */

static json_t *str_or_null(const char *s)
{
  return s ? json_string(s) : json_null();
}

/* Program output is arbitrary bytes; JSON must be UTF-8. */
static json_t *clean_string(const char *s)
{
  Buf b = BUF_INIT;
  json_t *j;

  if (!s)
    return json_null();
  report_utf8_clean(s, strlen(s), &b);
  j = json_stringn(b.data ? b.data : "", b.len);
  buf_fini(&b);
  return j;
}

static json_t *check_to_json(const GradeCheck *k)
{
  json_t *j = json_pack("{s:s, s:s, s:i, s:i, s:o, s:o}", "name",
                        grade_crit_name(k->crit), "status",
                        grade_status_name(k->status), "score", k->score,
                        "max_score", k->max_score, "message",
                        clean_string(k->message), "detail",
                        clean_string(k->detail));
  if (!j)
    die("grade: out of memory");
  return j;
}

json_t *grade_exercise_to_json(const GradeExercise *e)
{
  json_t *checks = json_array();
  int score, max;
  json_t *j;

  grade_exercise_points(e, &score, &max);
  for (size_t i = 0; i < e->nchecks; i++)
    json_array_append_new(checks, check_to_json(&e->checks[i]));
  j = json_pack("{s:s, s:o, s:o, s:s, s:b, s:o, s:i, s:i, s:I, s:i, s:i, "
                "s:o}", "id", e->id ? e->id : "?", "title",
                str_or_null(e->title), "file", str_or_null(e->file),
                "status", grade_status_name(e->status), "internal",
                e->internal, "error", clean_string(e->error), "schedules",
                e->schedules, "changed_lines", e->changed_lines, "wall_ms",
                (json_int_t)e->wall_ms, "score", score, "max_score", max,
                "checks", checks);
  if (!j)
    die("grade: out of memory");
  return j;
}

static int name_index(const char *s, const char *const *names, int n)
{
  for (int i = 0; s && i < n; i++)
    if (strcmp(s, names[i]) == 0)
      return i;
  return -1;
}

static char *dup_json(json_t *j)
{
  return json_is_string(j) ? xstrdup(json_string_value(j)) : NULL;
}

static int check_from_json(json_t *j, GradeCheck *k)
{
  int c = name_index(json_string_value(json_object_get(j, "name")),
                     crit_names, GC_COUNT);
  int s = name_index(json_string_value(json_object_get(j, "status")),
                     status_names, GRADE_ERROR + 1);
  const char *msg = json_string_value(json_object_get(j, "message"));

  if (c < 0 || s < 0 || !msg)
    return -1;
  k->crit = (GradeCrit)c;
  k->status = (GradeStatus)s;
  k->score = (int)json_integer_value(json_object_get(j, "score"));
  k->max_score = (int)json_integer_value(json_object_get(j, "max_score"));
  k->message = xstrdup(msg);
  k->detail = dup_json(json_object_get(j, "detail"));
  return 0;
}

int grade_exercise_from_json(json_t *j, GradeExercise *out)
{
  json_t *checks = json_object_get(j, "checks");
  int s = name_index(json_string_value(json_object_get(j, "status")),
                     status_names, GRADE_ERROR + 1);
  size_t i;

  memset(out, 0, sizeof *out);
  if (!json_is_object(j) || !json_is_array(checks) || s < 0 ||
      json_array_size(checks) > GC_COUNT ||
      !json_is_string(json_object_get(j, "id")))
    return -1;
  out->id = dup_json(json_object_get(j, "id"));
  out->title = dup_json(json_object_get(j, "title"));
  out->file = dup_json(json_object_get(j, "file"));
  out->error = dup_json(json_object_get(j, "error"));
  out->status = (GradeStatus)s;
  out->internal = json_is_true(json_object_get(j, "internal"));
  out->schedules = (int)json_integer_value(json_object_get(j, "schedules"));
  out->changed_lines =
      (int)json_integer_value(json_object_get(j, "changed_lines"));
  out->wall_ms = (uint64_t)json_integer_value(json_object_get(j, "wall_ms"));
  for (i = 0; i < json_array_size(checks); i++, out->nchecks++)
    if (check_from_json(json_array_get(checks, i), &out->checks[i]) < 0) {
      grade_exercise_fini(out);
      return -1;
    }
  return 0;
}

/* --- the pool of graders ------------------------------------------------------ */

typedef struct Slot {
  pid_t pid;     /* 0: free */
  int fd;        /* read end of the grader's pipe */
  size_t idx;    /* the exercise */
  Buf out;       /* what it wrote so far */
} Slot;

/* In the grader: grade, write the JSON, leave.  Never returns. */
static _Noreturn void grader_main(const GradeOptions *o, size_t idx, int fd)
{
  GradeExercise e;
  json_t *j;
  char *text;
  int st = 0;

  signal(SIGINT, SIG_DFL); /* ^C ends the grader: the parent reaps it */
  grade_exercise(o, o->lessons[idx], &e);
  j = grade_exercise_to_json(&e);
  text = json_dumps(j, JSON_COMPACT);
  if (!text || os_write_all(fd, text, strlen(text)) < 0)
    st = 1;
  _exit(st); /* no atexit, no stdio flushed twice (STYLE 12) */
}

/* Starts the grader of exercise idx in slot s; -1 with errno on failure. */
static int slot_start(const GradeOptions *o, Slot *slots, Slot *s,
                      size_t idx)
{
  int p[2];

  if (pipe(p) != 0)
    return -1;
  fflush(NULL); /* nothing buffered is copied into the child */
  if ((s->pid = os_fork()) < 0) {
    int err = errno;
    close(p[0]);
    close(p[1]);
    s->pid = 0;
    errno = err;
    return -1;
  }
  if (s->pid == 0) {
    for (int k = 0; k < o->jobs; k++)
      if (slots[k].pid > 0 && &slots[k] != s)
        close(slots[k].fd);
    close(p[0]);
    grader_main(o, idx, p[1]);
  }
  close(p[1]);
  s->fd = p[0];
  s->idx = idx;
  buf_clear(&s->out);
  return 0;
}

static int wait_child(pid_t pid)
{
  int status;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return status;
}

/* The grader of s is done writing: reap it and take its result. */
static void slot_finish(const GradeOptions *o, Slot *s, GradeReport *rep)
{
  GradeExercise *e = &rep->ex[s->idx];
  const char *id = o->lessons[s->idx]->id;
  int status;
  json_error_t jerr;
  json_t *j;

  close(s->fd);
  status = wait_child(s->pid);
  s->pid = 0;
  j = json_loadb(s->out.data ? s->out.data : "", s->out.len, 0, &jerr);
  if (status == 0 && j && grade_exercise_from_json(j, e) == 0) {
    json_decref(j);
    return;
  }
  json_decref(j);
  Buf why = BUF_INIT;
  if (status >= 0 && WIFSIGNALED(status))
    buf_printf(&why, "panicroom bug: the grader of %s died of signal %d",
               id, WTERMSIG(status));
  else
    buf_printf(&why, "panicroom bug: the grader of %s sent no valid "
               "result (exit status %d)", id,
               status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  grade_exercise_error(e, id, true, buf_cstr(&why));
  buf_fini(&why);
}

/* Reads what is there from s; finishes it at end of file. */
static void slot_read(const GradeOptions *o, Slot *s, GradeReport *rep)
{
  char chunk[65536];
  ssize_t n = read(s->fd, chunk, sizeof chunk);

  if (n > 0)
    buf_append(&s->out, chunk, (size_t)n);
  else if (n == 0 || errno != EINTR)
    slot_finish(o, s, rep);
}

/* Waits for output of any running grader.  -1: interrupted by *stop. */
static int pool_poll(const GradeOptions *o, Slot *slots, GradeReport *rep)
{
  struct pollfd pfd[GRADE_MAX_JOBS];
  int map[GRADE_MAX_JOBS], n = 0, rc;

  for (int k = 0; k < o->jobs; k++)
    if (slots[k].pid > 0) {
      pfd[n] = (struct pollfd){.fd = slots[k].fd, .events = POLLIN};
      map[n++] = k;
    }
  if (n == 0)
    return 0; /* every start failed: nothing to wait for */
  rc = poll(pfd, (nfds_t)n, -1);
  if (rc < 0 && errno != EINTR)
    die("grade: poll: %s", strerror(errno));
  if (o->stop && *o->stop)
    return -1;
  for (int i = 0; rc > 0 && i < n; i++)
    if (pfd[i].revents)
      slot_read(o, &slots[map[i]], rep);
  return 0;
}

/* Ends every running grader (after *stop): their exercises are errors. */
static void pool_kill(const GradeOptions *o, Slot *slots, GradeReport *rep)
{
  for (int k = 0; k < o->jobs; k++) {
    if (slots[k].pid <= 0)
      continue;
    if (kill(slots[k].pid, SIGTERM) != 0 && errno != ESRCH)
      die("grade: kill: %s", strerror(errno));
    close(slots[k].fd);
    (void)wait_child(slots[k].pid);
    slots[k].pid = 0;
    grade_exercise_error(&rep->ex[slots[k].idx],
                         o->lessons[slots[k].idx]->id, false,
                         "interrupted");
  }
}

int grade_run(const GradeOptions *o, GradeReport *rep)
{
  Slot slots[GRADE_MAX_JOBS] = {{0}};
  size_t next = 0;
  int running = 0, rc = 0;
  uint64_t t0 = now_ms();

  assert(o->jobs >= 1 && o->jobs <= GRADE_MAX_JOBS);
  memset(rep, 0, sizeof *rep);
  rep->dir = xstrdup(o->dir);
  rep->jobs = o->jobs;
  rep->n = o->n;
  rep->ex = xcalloc(o->n ? o->n : 1, sizeof *rep->ex);
  while (rc == 0 && (next < o->n || running > 0)) {
    for (int k = 0; k < o->jobs && next < o->n; k++) {
      if (slots[k].pid > 0)
        continue;
      if (slot_start(o, slots, &slots[k], next) < 0) {
        Buf why = BUF_INIT;
        buf_printf(&why, "cannot start a grader: %s", strerror(errno));
        grade_exercise_error(&rep->ex[next], o->lessons[next]->id, true,
                             buf_cstr(&why));
        buf_fini(&why);
      }
      next++;
    }
    rc = pool_poll(o, slots, rep);
    running = 0;
    for (int k = 0; k < o->jobs; k++)
      running += slots[k].pid > 0;
  }
  if (rc < 0)
    pool_kill(o, slots, rep);
  for (size_t i = 0; i < o->n; i++) {
    if (!rep->ex[i].id)
      grade_exercise_error(&rep->ex[i], o->lessons[i]->id, false,
                           "interrupted");
    keep_possible_points(&rep->ex[i], o->lessons[i]);
  }
  for (int k = 0; k < GRADE_MAX_JOBS; k++)
    buf_fini(&slots[k].out);
  rep->wall_ms = now_ms() - t0;
  return rc;
}
