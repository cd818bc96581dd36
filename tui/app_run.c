/* tui/app_run.c - the commands that run the learner's program: run,
 * verify, compare, fix and edit (the App module's second half; see
 * app.h for why runs are synchronous and how the screen stays live). */
#include "tui/app.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/os.h"
#include "engine/trace.h"
#include "runner/gorun.h"
#include "runner/report.h"
#include "runner/run.h"
#include "runner/verify.h"
#include "tui/app_int.h"

/* What the engine calls the file: the lesson text's "broken.go:42". */
static const char *const file_names[VIEW_COUNT] = {"broken.go", "fixed.go",
                                                   "main.go", "main.go"};

/* --- streaming -------------------------------------------------------------
 */

static void on_output(void *ctx, int fd, const char *p, size_t n)
{
  App *app = ctx;
  if (fd == 2 && app->stderr_at == SIZE_MAX)
    app->stderr_at = (size_t)app->cap.total;
  /* Until the head is full the console is the capture itself; past it
   * the console is rebuilt from the capture (head, gap marker, tail) at
   * the end of the run. */
  if (app->cap.total + n <= APP_CONSOLE_HEAD)
    buf_append(&app->console, p, n);
  capture_append(&app->cap, p, n);
  if (app->hooks.live)
    app->hooks.live(app->hooks.ctx);
}

static void on_event(void *ctx, const char *line, size_t n)
{
  App *app = ctx;
  app->run_events++;
  app_trace_feed(app, line, n);
  if (app->hooks.run_line)
    app->hooks.run_line(app->hooks.ctx, line, n);
}

/* The line of the console where stderr began, less one line of context:
 * where the output pane starts so the crash is in view. */
static int stderr_line(const App *app)
{
  if (app->stderr_at == SIZE_MAX || app->stderr_at > app->console.len)
    return 0;
  int line = 0;
  for (size_t i = 0; i < app->stderr_at; i++)
    line += app->console.data[i] == '\n';
  return line > 0 ? line - 1 : 0;
}

static const Source *target_source(const App *app, CodeView target)
{
  return &app->src[target == VIEW_DIFF ? VIEW_WORK : target];
}

/* --- run -------------------------------------------------------------------
 */

/* Tone and words of a finished run's verdict line. */
static void run_verdict(App *app, CodeView target, const RunResult *r,
                        Verdict v)
{
  const LessonMeta *m = &app_lesson(app)->text[LANG_EN]->meta;
  Buf tok = BUF_INIT, why = BUF_INIT;
  app_token(app, &tok);
  bool wrong = false;
  if (v == VERDICT_OK && target != VIEW_BROKEN && app->expect) {
    size_t len;
    const char *out = capture_head(&r->out, &len);
    wrong = verify_output_differs(out, len, app->expect, app->expect_len,
                                  &why);
  }
  if (v == VERDICT_TIMEOUT || v == VERDICT_OOM || v == VERDICT_SIGNAL)
    verdict_explain(r, v, &why);
  Tone tone = v == VERDICT_OK && !wrong ? TONE_OK
              : target == VIEW_BROKEN && v == m->verdict ? TONE_EXPECTED
                                                         : TONE_FAIL;
  app_verdict_set(app, tone, "%s: exit %d \u00b7 %s \u00b7 %" PRIu64 " ms%s%s%s",
                  wrong ? "wrong-output" : verdict_name(v),
                  r->exited ? r->exit_status : 128 + r->signo,
                  buf_cstr(&tok), r->wall_ms,
                  tone == TONE_EXPECTED ? " \u00b7 as the lesson expects"
                                        : "",
                  why.len ? " \u00b7 " : "", buf_cstr(&why));
  if (target == VIEW_BROKEN && v != VERDICT_OK)
    app_flag_set(app, "crashed");
  if (target == VIEW_WORK && tone == TONE_OK)
    app_flag_set(app, "fixed");
  app_progress_write(app);
  buf_fini(&tok);
  buf_fini(&why);
}

/* An empty console that the run's output streams into. */
static void run_begin(App *app, const char *name)
{
  Buf title = BUF_INIT;
  buf_printf(&title, "output: %s", name);
  app_console_reset(app, buf_cstr(&title));
  buf_fini(&title);
  capture_init(&app->cap, APP_CONSOLE_HEAD, APP_CONSOLE_TAIL);
  app->stderr_at = SIZE_MAX;
  app->run_events = 0;
  app->running = true;
  if (!app->line_mode)
    app_say(app, "running %s\u2026", name);
}

void app_run(App *app, CodeView target)
{
  const Source *s = target_source(app, target);
  const char *name = file_names[target];
  if (!s->text) {
    app_error(app, "run: no %s for this lesson", name);
    return;
  }
  char *argv[2] = {(char *)name, NULL};
  VMOptions opts = {.max_steps = APP_RUN_MAX_STEPS,
                    .mem_limit = VERIFY_DEFAULT_MEM_LIMIT,
                    .argc = 1, .argv = argv};
  schedule_to_options(&app->spec, &opts);
  RunLimits lim = {.wall_ms = APP_RUN_WALL_MS, .cpu_s = APP_RUN_CPU_S,
                   .on_output = on_output, .output_ctx = app,
                   .on_event = on_event, .event_ctx = app};
  /* The event trace goes to the child's result channel, ahead of the
   * exit record (runner/child.h): made here, it is attached and written
   * only in the child, where RUN_RESULT_FD is that channel; the parent's
   * copy never writes and owns no descriptor. */
  opts.trace = trace_new(RUN_RESULT_FD, name);
  run_begin(app, name);
  app_trace_begin(app, target == VIEW_DIFF ? VIEW_WORK : target, name);
  RunResult r;
  int rc = runner_run_source(name, s->text, s->len, &opts, &lim, &r);
  app->running = false;
  trace_free(opts.trace);
  app_trace_end(app);
  if (rc < 0) {
    app_error(app, "sandbox: %s", r.sandbox_error);
  } else {
    buf_clear(&app->console);
    capture_text(&app->cap, &app->console);
    app->scroll_hint = stderr_line(app);
    run_verdict(app, target, &r, verdict_decide(&r));
    buf_clear(&app->msg);
  }
  app->console_gen++;
  capture_fini(&app->cap);
  runner_result_fini(&r);
  app_console_print(app);
}

/* --- verify ----------------------------------------------------------------
 */

static void verify_verdict(App *app, CodeView target, const VerifyReport *rep)
{
  Buf tok = BUF_INIT;
  if (rep->outcome == VERIFY_PASS) {
    app_verdict_set(app, TONE_OK, "verify: pass \u00b7 no failure in %d "
                    "schedules", rep->run);
  } else if (rep->has_failure) {
    schedule_format(&rep->fail_spec, &tok);
    app_verdict_set(app, target == VIEW_BROKEN ? TONE_EXPECTED : TONE_FAIL,
                    "verify: %s \u00b7 %s on schedule %s (seed %s replays "
                    "it)", report_outcome_name(rep->outcome),
                    verdict_name(rep->fail_verdict), buf_cstr(&tok),
                    buf_cstr(&tok));
  } else {
    app_verdict_set(app, TONE_FAIL, "verify: %s \u00b7 %s",
                    report_outcome_name(rep->outcome),
                    rep->error ? rep->error : "");
  }
  buf_fini(&tok);
}

/* A pass of the learner's copy is what completes a lesson. */
static void verify_progress(App *app, CodeView target,
                            const VerifyReport *rep)
{
  if (rep->outcome != VERIFY_PASS)
    return;
  if (target == VIEW_WORK) {
    app_flag_set(app, "fixed");
    app_flag_set(app, "verified");
    progress_set_status(&app->prog, app_lesson(app)->id, PROGRESS_PASSED);
    app_progress_write(app);
    app_say(app, "verified: lesson %s passed (n: next lesson)",
            app_lesson(app)->id);
  } else if (target == VIEW_FIXED) {
    app_say(app, "the reference fix passes; f makes it your copy, e lets "
                 "you write your own");
  }
}

void app_verify(App *app, CodeView target, int schedules)
{
  const Source *s = target_source(app, target);
  const char *name = file_names[target];
  if (!s->text) {
    app_error(app, "verify: no %s for this lesson", name);
    return;
  }
  char *argv[2] = {(char *)name, NULL};
  VerifyOptions o = {.filename = name, .src = s->text, .len = s->len,
                     .schedules = schedules, .mode = VERIFY_MIXED,
                     .expect = app->expect, .expect_len = app->expect_len,
                     .argc = 1, .argv = argv};
  if (!app->line_mode)
    app_say(app, "verifying %s over %d schedules\u2026", name, schedules);
  VerifyReport rep;
  verify_run(&o, &rep);
  Buf out = BUF_INIT, title = BUF_INIT;
  report_text(&rep, &o, name, &out);
  buf_printf(&title, "verify: %s", name);
  app_console_set(app, buf_cstr(&title), buf_cstr(&out));
  verify_verdict(app, target, &rep);
  app->console_gen++;
  buf_clear(&app->msg);
  app_console_print(app);
  verify_progress(app, target, &rep);
  buf_fini(&out);
  buf_fini(&title);
  verify_report_fini(&rep);
}

/* --- fix and edit ----------------------------------------------------------
 */

/* Line mode: the changed lines of the diff view, as "+  18 text". */
static void print_diff(const App *app)
{
  Buf d = BUF_INIT;
  const Lines *a = &app->src[VIEW_BROKEN].lines;
  const Lines *b = &app->src[VIEW_WORK].lines;
  for (int i = 0; i < app->diff.n; i++) {
    const DiffLine *l = &app->diff.lines[i];
    if (l->op == '+')
      buf_printf(&d, "+%4d %.*s\n", l->b, (int)b->len[l->b - 1],
                 b->start[l->b - 1]);
    else if (l->op == '-')
      buf_printf(&d, "-%4d %.*s\n", l->a, (int)a->len[l->a - 1],
                 a->start[l->a - 1]);
  }
  fputs(buf_cstr(&d), stdout);
  fflush(stdout);
  buf_fini(&d);
}

void app_fix(App *app)
{
  const Source *fixed = &app->src[VIEW_FIXED], *work = &app->src[VIEW_WORK];
  const Source *broken = &app->src[VIEW_BROKEN];
  if (!fixed->text) {
    app_error(app, "fix: this lesson has no fixed.go");
    return;
  }
  /* Never drop the learner's own attempt: keep it beside the copy. */
  if (work->text &&
      !(work->len == fixed->len && !memcmp(work->text, fixed->text, work->len))
      && !(broken->text && work->len == broken->len &&
           !memcmp(work->text, broken->text, work->len))) {
    Buf bak = BUF_INIT;
    buf_printf(&bak, "%s.orig", app->work_path);
    if (os_write_file_atomic(buf_cstr(&bak), work->text, work->len) == 0)
      app_say(app, "your edits were saved to %s", buf_cstr(&bak));
    buf_fini(&bak);
  }
  if (app_work_write(app, fixed->text, fixed->len) < 0)
    return;
  app_work_reload(app);
  app->view = VIEW_DIFF;
  app_say(app, "applied the reference fix to your copy (+%d -%d lines); "
               "r runs it, v verifies it", app->diff.added,
          app->diff.removed);
  if (app->line_mode)
    print_diff(app);
}

/* Runs ${EDITOR:-vi} on path; returns its wait status or -1. SIGINT and
 * SIGQUIT are ignored meanwhile, as system(3) does: ^C belongs to the
 * editor, not to us. */
static int run_editor(const char *path)
{
  struct sigaction ign = {.sa_handler = SIG_IGN}, oint, oquit;
  sigemptyset(&ign.sa_mask);
  sigaction(SIGINT, &ign, &oint);
  sigaction(SIGQUIT, &ign, &oquit);
  int status = -1;
  pid_t pid = os_fork();
  if (pid == 0) {
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    execl("/bin/sh", "sh", "-c", "exec ${EDITOR:-vi} \"$1\"", "sh", path,
          (char *)NULL);
    _exit(127);
  }
  if (pid > 0)
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
      ;
  sigaction(SIGINT, &oint, NULL);
  sigaction(SIGQUIT, &oquit, NULL);
  return status;
}

void app_edit(App *app)
{
  const Source *broken = &app->src[VIEW_BROKEN];
  if (!app_has_work(app)) {
    if (!broken->text) {
      app_error(app, "edit: this lesson has no broken.go");
      return;
    }
    if (app_work_write(app, broken->text, broken->len) < 0)
      return;
  }
  if (app->hooks.suspend)
    app->hooks.suspend(app->hooks.ctx);
  int st = run_editor(app->work_path);
  if (app->hooks.resume)
    app->hooks.resume(app->hooks.ctx);
  app_work_reload(app);
  app->view = VIEW_WORK;
  if (st < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    app_error(app, "the editor did not exit cleanly (status %d); your copy "
                   "is %s", st, app->work_path);
    return;
  }
  app_run(app, VIEW_WORK);
}

/* --- compare ---------------------------------------------------------------
 */

/* The first line of stderr that is not go run's "# package" header. */
static void first_err_line(const char *s, size_t n, Buf *out)
{
  size_t i = 0;
  while (i < n) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - s) : n;
    if (e > i && s[i] != '#') {
      buf_append(out, s + i, e - i);
      return;
    }
    i = e + 1;
  }
}

static void put_side(Buf *c, const char *title, int status, const RunResult *r,
                     size_t errlen)
{
  size_t olen, elen;
  const char *o = capture_head(&r->out, &olen);
  const char *e = capture_head(&r->err, &elen);
  if (errlen < elen)
    elen = errlen;
  buf_printf(c, "\u2500\u2500 %s: exit %d \u2500\u2500\n", title, status);
  buf_append(c, o, olen);
  buf_append(c, e, elen);
  if (c->len && c->data[c->len - 1] != '\n')
    buf_putc(c, '\n');
}

static void compare_with(App *app, const char *go, const char *path,
                         const Source *s)
{
  char *argv[2] = {(char *)path, NULL};
  VMOptions opts = {.mem_limit = VERIFY_DEFAULT_MEM_LIMIT, .argc = 1,
                    .argv = argv};
  RunLimits lim = {.wall_ms = 30000, .cpu_s = 30};
  RunResult lab, real;
  if (!app->line_mode)
    app_say(app, "running the lab engine and go run\u2026");
  if (runner_run_source(path, s->text, s->len, &opts, &lim, &lab) < 0 ||
      runner_run_go(go, path, 0, NULL, &lim, &real) < 0) {
    app_error(app, "compare: the sandbox failed");
    runner_result_fini(&lab);
    return;
  }
  size_t elen;
  const char *e = capture_head(&real.err, &elen);
  int gost = gorun_program_status(real.exit_status, e, &elen);
  size_t llen;
  const char *le = capture_head(&lab.err, &llen);
  Buf c = BUF_INIT, f1 = BUF_INIT, f2 = BUF_INIT;
  put_side(&c, "lab engine", lab.exit_status, &lab, llen);
  put_side(&c, "go run", gost, &real, elen);
  first_err_line(le, llen, &f1);
  first_err_line(e, elen, &f2);
  app_console_set(app, "compare", buf_cstr(&c));
  bool agree = lab.exit_status == gost && strcmp(buf_cstr(&f1),
                                                 buf_cstr(&f2)) == 0;
  app_verdict_set(app, agree ? TONE_OK : TONE_FAIL,
                  "%s: exit %d vs %d%s%s", agree ? "agree" : "differ",
                  lab.exit_status, gost, f1.len ? " \u00b7 " : "",
                  buf_cstr(&f1));
  app->console_gen++;
  buf_fini(&c);
  buf_fini(&f1);
  buf_fini(&f2);
  runner_result_fini(&lab);
  runner_result_fini(&real);
  app_console_print(app);
}

void app_compare(App *app, CodeView target)
{
  Buf go = BUF_INIT;
  if (gorun_find(&go) < 0) {
    app_error(app, "compare needs the go toolchain (apt-get install "
                   "golang-go)");
    buf_fini(&go);
    return;
  }
  const Source *s = target_source(app, target);
  char *path = target == VIEW_BROKEN  ? catalog_scenario_path(
                                            &app->cat, app_lesson(app),
                                            "broken.go")
               : target == VIEW_FIXED ? catalog_scenario_path(
                                            &app->cat, app_lesson(app),
                                            "fixed.go")
                                      : xstrdup(app->work_path);
  if (s->text)
    compare_with(app, buf_cstr(&go), path, s);
  else
    app_error(app, "compare: nothing to run");
  free(path);
  buf_fini(&go);
}
