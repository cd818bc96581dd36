/* runner/verify.c - see verify.h.
 *
 * A batch child reports each schedule as one result-channel line,
 *
 *   sched=<index> out=<0|1> <exit record, record.h>
 *
 * where out=1 means stdout was exactly the expected output (or none was
 * expected).  The child compares stdout as the engine writes it, through
 * VMOptions.write, so it needs no buffer however much a program prints;
 * stderr is dropped there, since the verdict comes from the record and the
 * output a learner sees comes from the fresh single run.
 *
 * Speed: parsing, checking and compiling a program with its prelude costs
 * more than running a lesson-sized program once (about 250 us against
 * 100 us), so a batch child compiles once and runs every schedule of the
 * batch on the same Program (the VM only reads it; each run has its own
 * VM, heap and scheduler), through engine_compile()/engine_exec(), the
 * two halves of engine_run().  A program that does not compile goes
 * through engine_run() itself, which prints Go's diagnostics.
 */
#include "runner/verify.h"

#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "base/os.h"
#include "engine/engine.h"
#include "runner/explore.h"
#include "runner/record.h"
#include "runner/run.h"

/* --- the plan ------------------------------------------------------------ */

static const char *const class_names[VC_COUNT] = {
    [VC_GO] = "go",           [VC_RANDOM] = "random",
    [VC_PCT1] = "pct depth 1", [VC_PCT2] = "pct depth 2",
    [VC_PCT3] = "pct depth 3", [VC_EXHAUSTIVE] = "exhaustive"};

const char *verify_class_name(VerifyClass c)
{
  return (unsigned)c < VC_COUNT ? class_names[c] : "?";
}

int verify_class_depth(VerifyClass c)
{
  return c >= VC_PCT1 && c <= VC_PCT3 ? (int)(c - VC_PCT1) + 1 : 0;
}

/* The mix: every other schedule random, and PCT depths 1, 2, 3 in turn
 * between them.  Random walks find the shallow, wide-window bugs of
 * lesson programs soonest (most within ten schedules); PCT adds its
 * guarantee for the narrow ones (strength.h). */
ScheduleSpec verify_plan(VerifyMode mode, int index, VerifyClass *cls)
{
  static const VerifyClass mixed[] = {VC_RANDOM, VC_PCT1, VC_RANDOM,
                                      VC_PCT2,   VC_RANDOM, VC_PCT3};
  static const VerifyClass pct[] = {VC_PCT1, VC_PCT2, VC_PCT3};
  ScheduleSpec s = {.strategy = STRAT_GO, .seed = (uint64_t)index};
  VerifyClass c = VC_GO;

  if (mode == VERIFY_EXHAUSTIVE) {
    /* Its schedules are the search's (explore.h), not a seed's. */
    *cls = VC_EXHAUSTIVE;
    s.strategy = STRAT_RANDOM;
    s.seed = 0;
    return s;
  }
  if (index > 0 && mode == VERIFY_RANDOM)
    c = VC_RANDOM;
  else if (index > 0 && mode == VERIFY_PCT)
    c = pct[(index - 1) % 3];
  else if (index > 0)
    c = mixed[(index - 1) % 6];
  if (c == VC_RANDOM)
    s.strategy = STRAT_RANDOM;
  if (verify_class_depth(c) > 0) {
    s.strategy = STRAT_PCT;
    s.depth = verify_class_depth(c);
  }
  *cls = c;
  return s;
}

/* --- judging ------------------------------------------------------------- */

/* The verdict of a record alone, as verdict_decide() gives it for a child
 * that exited with the record's status. */
static Verdict record_verdict(const Record *rec)
{
  RunResult fake;

  memset(&fake, 0, sizeof fake);
  fake.exited = true;
  fake.exit_status = rec->status;
  fake.has_record = true;
  fake.record = *rec;
  return verdict_decide(&fake);
}

/* One line of text starting at p (at most end), quoted and cut for a
 * report. */
static void put_line_quoted(Buf *out, const char *p, const char *end)
{
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  size_t n = (size_t)((nl ? nl : end) - p);

  if (p >= end) {
    buf_puts(out, "end of output");
    return;
  }
  buf_putc(out, '"');
  buf_put_escaped(out, p, n < 60 ? n : 60);
  buf_puts(out, n > 60 ? "...\"" : "\"");
}

bool verify_output_differs(const char *got, size_t got_len,
                           const char *want, size_t want_len, Buf *why)
{
  size_t i = 0, line = 1, start = 0;

  if (got_len == want_len && memcmp(got, want, got_len) == 0)
    return false;
  while (i < got_len && i < want_len && got[i] == want[i]) {
    if (got[i++] == '\n') {
      line++;
      start = i;
    }
  }
  buf_printf(why, "stdout line %zu: got ", line);
  put_line_quoted(why, got + start, got + got_len);
  buf_puts(why, ", want ");
  put_line_quoted(why, want + start, want + want_len);
  return true;
}

/* --- the batch child ----------------------------------------------------- */

typedef struct OutCmp {
  const char *want; /* NULL: nothing expected, anything goes */
  size_t len, pos;
  bool differs;
} OutCmp;

static void cmp_write(void *ctx, int fd, const char *p, size_t n)
{
  OutCmp *c = ctx;

  if (fd != 1 || !c->want || c->differs)
    return;
  if (n > c->len - c->pos || memcmp(c->want + c->pos, p, n) != 0)
    c->differs = true;
  else
    c->pos += n;
}

typedef struct BatchJob {
  const VerifyOptions *o;
  VMOptions base;
  int from, to;
  Explore *ex;      /* exhaustive: the search, from the parent's prefix */
  Program *prog;    /* the child's compiled program, or NULL */
  int result_fd;    /* the child's result channel */
} BatchJob;

/* One schedule in the child, with opts; returns whether it failed. */
static bool batch_run(const BatchJob *job, int index, const VMOptions *o)
{
  OutCmp cmp = {.want = job->o->expect, .len = job->o->expect_len};
  VMOptions opts = *o;
  Program *prog = job->prog;
  int result_fd = job->result_fd;
  EngineResult res;
  Record rec;
  Buf line = BUF_INIT;
  bool out_ok, failed;

  opts.write = cmp_write;
  opts.write_ctx = &cmp;
  if (prog)
    (void)engine_exec(prog, &opts, &res);
  else
    (void)engine_run(job->o->filename, job->o->src, job->o->len, &opts,
                     &res);
  record_from_engine(&rec, &res);
  engine_result_fini(&res);
  out_ok = !cmp.want || (!cmp.differs && cmp.pos == cmp.len);
  failed = !out_ok || record_verdict(&rec) != VERDICT_OK;
  buf_printf(&line, "sched=%d out=%d ", index, out_ok ? 1 : 0);
  record_format(&rec, &line);
  /* A lost line shows in the parent as a batch that ended early, and the
   * schedule is then run alone: nothing is decided from silence. */
  (void)os_write_all(result_fd, line.data, line.len);
  buf_fini(&line);
  return failed;
}

/* One schedule of the plan. */
static bool batch_one(const BatchJob *job, int index)
{
  VMOptions opts = job->base;
  VerifyClass cls;
  ScheduleSpec spec = verify_plan(job->o->mode, index, &cls);

  schedule_to_options(&spec, &opts);
  return batch_run(job, index, &opts);
}

static bool explore_run_one(void *ctx, int index, const VMOptions *opts)
{
  return batch_run(ctx, index, opts);
}

static int batch_child(void *arg, int result_fd)
{
  BatchJob *job = arg;

  /* Diagnostics dropped: engine_run() prints them when the schedule
   * runs. */
  job->prog = engine_compile(job->o->filename, job->o->src, job->o->len,
                             NULL, job->base.race);
  job->result_fd = result_fd;
  if (job->ex)
    explore_batch(job->ex, &job->base, job->from, job->to, explore_run_one,
                  job, result_fd);
  else
    for (int i = job->from; i < job->to; i++)
      if (batch_one(job, i))
        break;
  program_free(job->prog);
  return 0;
}

/* --- the parent's side of a batch ---------------------------------------- */

typedef struct BatchState {
  VerifyReport *rep;
  int next;         /* the index the next line must carry */
  int failed;       /* index of a failing schedule, or -1 */
  bool failed_out;  /* it failed on its output */
  const char *bad;  /* a line that did not parse: why */
} BatchState;

static void note_stats(VerifyReport *rep, int index, const Record *rec,
                       VerifyMode mode)
{
  VerifyClass cls;

  (void)verify_plan(mode, index, &cls);
  rep->run++;
  rep->run_by[cls]++;
  if (rec->goroutines > rep->max_goroutines)
    rep->max_goroutines = rec->goroutines;
  if (rec->steps > rep->max_steps)
    rep->max_steps = rec->steps;
}

/* Parses "sched=I out=B <record>" (line without its '\n'). */
static int parse_line(const char *line, size_t n, int *index, bool *out_ok,
                      Record *rec, const char **why)
{
  Buf b = BUF_INIT;
  int idx, ok, used = 0, rc = -1;

  buf_append(&b, line, n);
  buf_putc(&b, '\n');
  *why = "bad sched= prefix";
  if (sscanf(buf_cstr(&b), "sched=%d out=%d %n", &idx, &ok, &used) == 2 &&
      used > 0 && (ok == 0 || ok == 1) &&
      record_parse(b.data + used, b.len - (size_t)used, rec, why) == 0) {
    *index = idx;
    *out_ok = ok == 1;
    rc = 0;
  }
  buf_fini(&b);
  return rc;
}

typedef struct BatchCtx {
  BatchState *st;
  VerifyMode mode;
  Explore *ex;      /* exhaustive: gets the child's explore lines */
} BatchCtx;

static void on_batch_line(void *ctx, const char *line, size_t n)
{
  BatchCtx *bc = ctx;
  BatchState *st = bc->st;
  const char *why;
  Record rec;
  int index;
  bool out_ok;
  int ours = bc->ex && !st->bad ? explore_line(bc->ex, line, n, &why) : 0;

  if (ours < 0)
    st->bad = why;
  if (ours != 0)
    return; /* the failing schedule's token comes after its line */
  if (st->bad || st->failed >= 0)
    return; /* nothing after a failure or a broken line is trusted */
  if (parse_line(line, n, &index, &out_ok, &rec, &why) < 0) {
    st->bad = why;
    return;
  }
  if (index != st->next) {
    st->bad = "schedules out of order";
    return;
  }
  st->next++;
  note_stats(st->rep, index, &rec, bc->mode);
  if (!out_ok || record_verdict(&rec) != VERDICT_OK) {
    st->failed = index;
    st->failed_out = !out_ok;
  }
}

/* --- running -------------------------------------------------------------- */

static uint64_t now_ms(void)
{
  struct timespec ts;

  if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
    die("clock_gettime(CLOCK_MONOTONIC): %s", strerror(errno));
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void base_options(const VerifyOptions *o, VMOptions *opts)
{
  memset(opts, 0, sizeof *opts);
  opts->max_steps = o->max_steps ? o->max_steps : VERIFY_DEFAULT_MAX_STEPS;
  opts->mem_limit = o->mem_limit ? o->mem_limit : VERIFY_DEFAULT_MEM_LIMIT;
  opts->argc = o->argc;
  opts->argv = o->argv;
}

static void set_error(VerifyReport *rep, VerifyOutcome why, const char *fmt,
                      ...) PANICROOM_PRINTF(3, 4);

static void set_error(VerifyReport *rep, VerifyOutcome why, const char *fmt,
                      ...)
{
  Buf b = BUF_INIT;
  va_list ap;

  va_start(ap, fmt);
  buf_vprintf(&b, fmt, ap);
  va_end(ap);
  free(rep->error);
  rep->error = buf_steal(&b);
  rep->outcome = why;
}

/* What a batch left to look at. */
typedef struct BatchEnd {
  int at;        /* the schedule to run alone; -1 none; -2 internal error */
  bool failed;   /* the batch judged it failing (else the batch died) */
  bool on_output; /* ... on its stdout */
  const ScheduleSpec *spec; /* its schedule; NULL: the plan's */
} BatchEnd;

/* The end of an exhaustive batch: the failure with its token, the end
 * of the space, or the prefix the next batch starts from. */
static BatchEnd explore_end(const BatchState *st, Explore *ex,
                            VerifyReport *rep)
{
  if (ex->error) {
    set_error(rep, ex->error_bug ? VERIFY_INTERNAL : VERIFY_CANNOT,
              "%s%s", ex->error_bug ? "panicroom bug: " : "", ex->error);
    return (BatchEnd){.at = -2};
  }
  if (st->failed >= 0 && ex->has_fail)
    return (BatchEnd){st->failed, true, st->failed_out, &ex->fail_spec};
  if (st->failed < 0 && (ex->done || ex->has_next))
    return (BatchEnd){.at = -1};
  /* A schedule the child died in has no token to run it alone by. */
  set_error(rep, VERIFY_INTERNAL, "panicroom bug: the exhaustive search's "
            "batch child ended at schedule %d without a result",
            st->next + 1);
  return (BatchEnd){.at = -2};
}

/* Runs schedules [from, to) in one child.  at is the index to look at
 * alone (a failure, or where the child died), -1 when all passed, or -2
 * after an internal error (rep says which). */
static BatchEnd run_batch(const VerifyOptions *o, VerifyReport *rep,
                          int from, int to, Explore *ex)
{
  BatchState st = {.rep = rep, .next = from, .failed = -1};
  BatchCtx bc = {.st = &st, .mode = o->mode, .ex = ex};
  BatchJob job = {.o = o, .from = from, .to = to, .ex = ex};
  RunLimits lim;
  RunResult r;
  int rc;

  runner_limits_fill(o->lim, &lim);
  lim.wall_ms = VERIFY_BATCH_WALL_MS;
  lim.cpu_s = VERIFY_BATCH_CPU_S;
  lim.on_event = on_batch_line;
  lim.event_ctx = &bc;
  lim.on_output = NULL;
  base_options(o, &job.base);
  rep->children++;
  rc = runner_spawn(&lim, batch_child, &job, &r);
  if (rc < 0)
    set_error(rep, VERIFY_INTERNAL, "sandbox: %s", r.sandbox_error);
  else if (st.bad)
    set_error(rep, VERIFY_INTERNAL, "panicroom bug: a batch child sent a "
              "bad line (%s)", st.bad);
  runner_result_fini(&r);
  if (rc < 0 || st.bad)
    return (BatchEnd){.at = -2};
  if (ex)
    return explore_end(&st, ex, rep);
  if (st.failed >= 0)
    return (BatchEnd){st.failed, true, st.failed_out, NULL};
  /* Short of lines: the child died in schedule st.next (a crash, the
   * batch's clock).  All lines there: a death after them harmed none. */
  return (BatchEnd){.at = st.next < to ? st.next : -1};
}

/* The verdict of the fresh single run, wrong-output included. */
static Verdict judge_single(const VerifyOptions *o, VerifyReport *rep,
                            bool batch_said_out, Buf *why)
{
  RunResult *r = &rep->fail_run;
  Verdict v = verdict_decide(r);
  Buf got = BUF_INIT;

  if (v != VERDICT_OK || !o->expect) {
    verdict_explain(r, v, why);
    return v;
  }
  if (capture_dropped(&r->out) == 0) {
    capture_text(&r->out, &got);
    if (verify_output_differs(got.data ? got.data : "", got.len, o->expect,
                              o->expect_len, why))
      v = VERDICT_WRONG_OUTPUT;
  } else if (r->out.total != o->expect_len || batch_said_out) {
    /* Too long to hold, so compared in the child or by length. */
    buf_printf(why, "stdout is %" PRIu64 " bytes, want %zu", r->out.total,
               o->expect_len);
    v = VERDICT_WRONG_OUTPUT;
  }
  buf_fini(&got);
  if (v == VERDICT_WRONG_OUTPUT) {
    Buf line = BUF_INIT;

    buf_printf(&line, "wrong-output: %s", buf_cstr(why));
    buf_clear(why);
    buf_puts(why, buf_cstr(&line));
    buf_fini(&line);
  }
  return v;
}

/* Runs schedule `index` alone.  Returns 1 when it fails (rep holds the
 * failure), 0 when it passes, -1 after an internal error. */
static int run_single(const VerifyOptions *o, VerifyReport *rep,
                      const BatchEnd *be)
{
  int index = be->at;
  VMOptions opts;
  VerifyClass cls;
  ScheduleSpec spec = verify_plan(o->mode, index, &cls);
  Buf why = BUF_INIT;
  Verdict v;

  if (be->spec)
    spec = *be->spec;
  base_options(o, &opts);
  schedule_to_options(&spec, &opts);
  rep->children++;
  rep->has_run = true;
  if (runner_run_source(o->filename, o->src, o->len, &opts, o->lim,
                        &rep->fail_run) < 0) {
    set_error(rep, VERIFY_INTERNAL, "sandbox: %s",
              rep->fail_run.sandbox_error);
    return -1;
  }
  v = judge_single(o, rep, be->on_output, &why);
  if (v == VERDICT_OK) {
    buf_fini(&why);
    if (!be->failed && rep->fail_run.has_record)
      note_stats(rep, index, &rep->fail_run.record, o->mode);
    runner_result_fini(&rep->fail_run);
    rep->has_run = false;
    if (be->failed) {
      Buf tok = BUF_INIT;

      schedule_format(&spec, &tok);
      set_error(rep, VERIFY_INTERNAL, "panicroom bug: schedule %s failed "
                "in a batch but passed alone (the engine is not "
                "deterministic)", buf_cstr(&tok));
      buf_fini(&tok);
      return -1;
    }
    return 0;
  }
  rep->has_failure = true;
  rep->fail_index = index;
  rep->fail_spec = spec;
  rep->fail_class = cls;
  rep->fail_verdict = v;
  rep->fail_explain = buf_steal(&why);
  return 1;
}

static void report_init(const VerifyOptions *o, VerifyReport *rep)
{
  memset(rep, 0, sizeof *rep);
  rep->planned = o->schedules > 0 ? o->schedules
                 : o->mode == VERIFY_EXHAUSTIVE ? EXPLORE_DEFAULT_SCHEDULES
                                                : VERIFY_DEFAULT_SCHEDULES;
  rep->step_limit = o->max_steps ? o->max_steps : VERIFY_DEFAULT_MAX_STEPS;
  for (int i = 0; i < rep->planned; i++) {
    VerifyClass cls;

    (void)verify_plan(o->mode, i, &cls);
    rep->planned_by[cls]++;
  }
}

/* The outcome once a failing schedule is known. */
static VerifyOutcome failure_outcome(const VerifyReport *rep)
{
  return rep->fail_verdict == VERDICT_COMPILE_ERROR ? VERIFY_CANNOT
                                                    : VERIFY_FAIL;
}

VerifyOutcome verify_run(const VerifyOptions *o, VerifyReport *rep)
{
  int batch = o->batch > 0 ? o->batch : VERIFY_DEFAULT_BATCH;
  uint64_t t0 = now_ms();
  int from = 0;
  Explore ex, *exp = NULL;

  report_init(o, rep);
  rep->outcome = VERIFY_PASS;
  if (o->mode == VERIFY_EXHAUSTIVE) {
    explore_init(&ex, o->preemptions_set ? o->preemptions : -1);
    exp = &ex;
    rep->bound = ex.bound;
  }
  while (from < rep->planned && rep->outcome == VERIFY_PASS &&
         !(exp && exp->done)) {
    int to = from + batch < rep->planned ? from + batch : rep->planned;
    BatchEnd be;

    if (exp)
      exp->has_next = exp->has_fail = false;
    be = run_batch(o, rep, from, to, exp);

    if (be.at == -2)
      break;
    if (be.at == -1) {
      from = to;
      continue;
    }
    if (run_single(o, rep, &be) > 0)
      rep->outcome = failure_outcome(rep);
    from = be.at + 1;
  }
  if (exp) {
    rep->covered = exp->done && rep->outcome == VERIFY_PASS;
    explore_fini(exp);
  }
  rep->wall_ms = now_ms() - t0;
  rep->pct_k = rep->max_steps > VERIFY_PCT_K ? rep->max_steps : VERIFY_PCT_K;
  return rep->outcome;
}

void verify_report_fini(VerifyReport *rep)
{
  free(rep->fail_explain);
  free(rep->error);
  if (rep->has_run)
    runner_result_fini(&rep->fail_run);
  memset(rep, 0, sizeof *rep);
}
