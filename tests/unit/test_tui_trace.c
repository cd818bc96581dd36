/* tests/unit/test_tui_trace.c - the TUI's event trace end to end without
 * curses: a run through the runner streams the trace on the result
 * channel ahead of the exit record (runner/run.c), the App feeds it to
 * its TraceModel (tui/app_trace.c), and the cursor commands, the code
 * line and the diagram grid follow.
 *
 * The App is the real one on the real catalog (the tests run from the
 * repository root, as test_trace_model does), with its XDG directories
 * in a temporary folder and line mode off, so nothing is printed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "engine/trace.h"
#include "runner/run.h"
#include "tui/app.h"
#include "tui/cmds.h"

/* --- the runner: events, then the record ------------------------------------
 */

typedef struct Seen {
  Buf all; /* every line, '\n' after each */
  int n, events;
  bool record_last; /* the last line seen was the record */
} Seen;

static void collect(void *ctx, const char *line, size_t n)
{
  Seen *l = ctx;
  buf_append(&l->all, line, n);
  buf_putc(&l->all, '\n');
  l->n++;
  l->events += n > 0 && line[0] == '{';
  l->record_last = n > 4 && memcmp(line, "end=", 4) == 0;
}

static void runner__trace_streams_before_the_record(void **state)
{
  (void)state;
  static const char prog[] = "package main\n"
                             "func main() {\n"
                             "\tc := make(chan int, 1)\n"
                             "\tclose(c)\n"
                             "\tc <- 1\n"
                             "}\n";
  Seen l = {BUF_INIT, 0, 0, false};
  RunLimits lim = {.on_event = collect, .event_ctx = &l};
  VMOptions opts = {.max_steps = 1000000};
  opts.trace = trace_new(RUN_RESULT_FD, "prog.go");
  RunResult r;
  assert_int_equal(
      runner_run_source("prog.go", prog, sizeof prog - 1, &opts, &lim, &r), 0);
  trace_free(opts.trace);
  assert_true(r.has_record);
  assert_int_equal(r.record.end, VM_END_PANIC);
  assert_true(l.record_last);
  assert_int_equal(l.n, l.events + 1);
  assert_true(l.events >= 5); /* header, make, close, panic, exit */
  assert_int_equal((int)r.event_lines, l.n);
  const char *s = buf_cstr(&l.all);
  assert_true(strncmp(s, "{\"trace\":1", 10) == 0);
  assert_non_null(strstr(s, "\"ev\":\"chan_close\""));
  assert_non_null(strstr(s, "\"pos\":\"prog.go:5\""));
  runner_result_fini(&r);
  buf_fini(&l.all);
}

/* --- the App ----------------------------------------------------------------
 */

static char tmpdir[64];

static int setup(void **state)
{
  static App app;
  Buf err = BUF_INIT;
  char cwd[4096];
  snprintf(tmpdir, sizeof tmpdir, "/tmp/panicroom-test-tui-trace.XXXXXX");
  if (!mkdtemp(tmpdir) || !getcwd(cwd, sizeof cwd))
    return -1;
  setenv("PANICROOM_DATA", cwd, 1);
  setenv("HOME", tmpdir, 1);
  setenv("XDG_DATA_HOME", tmpdir, 1);
  setenv("XDG_STATE_HOME", tmpdir, 1);
  int rc = app_init(&app, "send-closed", LANG_EN, false, &err);
  buf_fini(&err);
  *state = &app;
  return rc;
}

static int teardown(void **state)
{
  app_fini(*state);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

/* The diagram at the cursor as text, marks on (NO_COLOR). */
static char *render(const App *app, int w, int h)
{
  DgGrid g;
  DgOpts o = {.marks = true};
  Buf b = BUF_INIT;
  dg_grid_init(&g);
  dg_grid_resize(&g, w, h);
  app_trace_render(app, &o, &g);
  dg_grid_dump(&g, &b, false);
  dg_grid_fini(&g);
  return buf_steal(&b);
}

static void app__run_records_and_plays_the_trace(void **state)
{
  App *app = *state;
  char *idle = render(app, 38, 10);
  assert_non_null(strstr(idle, "r runs the program"));
  free(idle);
  app_step(app, 1);
  assert_true(app->msg_error); /* no events yet */
  app_run(app, VIEW_BROKEN);
  const TraceModel *m = &app->tm;
  assert_true(m->n > 10);
  assert_true(m->ended);
  assert_int_equal(m->bad_lines, 0);
  assert_non_null(m->header);
  /* header + events + the record, which the model never sees */
  assert_int_equal((size_t)app->run_events, m->n + 2);
  assert_true(m->playing); /* the screen animates from the first line */
  assert_int_equal(app->trace_view, VIEW_BROKEN);
}

static void app__the_end_shows_the_closed_channel(void **state)
{
  App *app = *state;
  app_seek_end(app);
  assert_false(app->tm.playing);
  assert_int_equal(app->tm.cur, app->tm.n - 1);
  char *end = render(app, 38, 10);
  assert_non_null(strstr(end, "> closed, drained"));
  assert_non_null(strstr(end, "! g1 send on closed channel"));
  assert_non_null(strstr(buf_cstr(&app->msg), "event "));
  int64_t g;
  char side;
  /* The send in Submit (Go says line 42, the case; 41 is the select). */
  int line = app_trace_line(app, VIEW_BROKEN, &g, &side);
  assert_true(line == 41 || line == 42);
  assert_int_equal(line, tm_current(&app->tm)->line);
  assert_int_equal(g, 1);
  assert_int_equal(app_trace_line(app, VIEW_FIXED, &g, &side), 0);
  assert_int_equal(app_trace_line(app, VIEW_DIFF, &g, &side), line);
  assert_int_equal(side, 'a');
  app_step(app, -2);
  char *back = render(app, 38, 10);
  assert_string_not_equal(back, end);
  assert_null(strstr(back, "send on closed channel"));
  assert_non_null(strstr(back, "WaitGroup"));
  free(end);
  free(back);
  app_seek_start(app);
  assert_int_equal(app->tm.cur, 0);
  app_step(app, 1000000);
  assert_int_equal(app->tm.cur, app->tm.n - 1);
}

static void app__speed_and_play(void **state)
{
  App *app = *state;
  app_speed_set(app, 20);
  assert_int_equal(tm_speed(&app->tm), 32);
  app_speed_set(app, 1000);
  assert_int_equal(tm_speed(&app->tm), 256);
  app_speed_set(app, 0);
  assert_int_equal(tm_speed(&app->tm), 0);
  app_speed_step(app, -1);
  assert_int_equal(tm_speed(&app->tm), 256);
  cmds_exec(app, "speed 16");
  assert_int_equal(tm_speed(&app->tm), 16);
  cmds_exec(app, "speed fast");
  assert_true(app->msg_error);
  cmds_exec(app, "play"); /* at the end: from the start */
  assert_true(app->tm.playing);
  assert_int_equal(app->tm.cur, 0);
  int64_t now = app_now_ms();
  assert_true(app_tick(app, now + 1000)); /* 16 a second */
  assert_true(app->tm.cur >= 15 && app->tm.cur <= 17);
  cmds_exec(app, "pause");
  assert_false(app->tm.playing);
  cmds_exec(app, "back 3");
  cmds_exec(app, "step");
  assert_true(app->tm.cur >= 13 && app->tm.cur <= 15);
  cmds_exec(app, "step 0");
  assert_true(app->msg_error);
}

static void app__seed_reruns_on_that_schedule(void **state)
{
  App *app = *state;
  int gen = app->trace_gen;
  cmds_exec(app, "seed 7");
  assert_int_equal(app->spec.strategy, STRAT_RANDOM);
  assert_int_equal(app->spec.seed, 7);
  assert_true(app->trace_gen > gen);
  assert_true(app->tm.n > 10);
  assert_non_null(strstr(buf_cstr(&app->verdict_line), "random::7"));
}

static void app__rwmutex_recursive_writer_waits(void **state)
{
  App *app = *state;
  int i = app_find(app, "rwmutex-recursive");
  assert_true(i >= 0);
  app_select(app, (size_t)i);
  assert_int_equal(app->tm.n, 0); /* another program: no trace */
  assert_int_equal(app->trace_view, VIEW_COUNT);
  app_run(app, VIEW_BROKEN);
  app_seek_start(app);
  bool seen = false;
  for (size_t k = 0; k < app->tm.n && !seen; k++) {
    char *d = render(app, 38, 10);
    seen = strstr(d, "writer waiting") != NULL;
    if (seen) {
      assert_non_null(strstr(d, "RWMutex"));
      assert_non_null(strstr(buf_cstr(&app->msg), "writer waiting"));
    }
    free(d);
    if (!seen)
      app_step(app, 1);
  }
  assert_true(seen);
}

int main(void)
{
  const struct CMUnitTest runner[] = {
      cmocka_unit_test(runner__trace_streams_before_the_record),
  };
  const struct CMUnitTest app[] = {
      cmocka_unit_test(app__run_records_and_plays_the_trace),
      cmocka_unit_test(app__the_end_shows_the_closed_channel),
      cmocka_unit_test(app__speed_and_play),
      cmocka_unit_test(app__seed_reruns_on_that_schedule),
      cmocka_unit_test(app__rwmutex_recursive_writer_waits),
  };
  int failed = cmocka_run_group_tests_name("runner", runner, NULL, NULL);
  return failed + cmocka_run_group_tests_name("app", app, setup, teardown);
}
