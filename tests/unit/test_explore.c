/* tests/unit/test_explore.c - the exhaustive search (runner/explore.h):
 * its depth-first step and preemption count on hand-made paths, then
 * `verify --strategy exhaustive` on small programs: a bug that needs
 * exactly one preemption is found with bound 1 and not with bound 0, its
 * token replays it, and a correct program's space is covered.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "runner/explore.h"
#include "runner/report.h"
#include "runner/schedule.h"
#include "runner/verify.h"

/* --- the search step ------------------------------------------------------- */

static void set_path(Explore *ex, const ExploreNode *nodes, size_t n)
{
  ex->len = 0;
  for (size_t i = 0; i < n; i++) {
    if (ex->len == ex->cap) {
      ex->cap = ex->cap ? 2 * ex->cap : 8;
      ex->path = realloc(ex->path, ex->cap * sizeof *ex->path);
    }
    ex->path[ex->len++] = nodes[i];
  }
}

static void explore__deepest_first_within_the_bound(void **state)
{
  /* Two picks of 2 where the last goroutine could go on (index 1). */
  ExploreNode p[] = {{CHOICE_PICK, 2, 1, 1, true},
                     {CHOICE_PICK, 2, 1, 1, true}};
  Explore ex;

  (void)state;
  explore_init(&ex, 1);
  set_path(&ex, p, 2);
  assert_true(explore_advance(&ex));
  assert_int_equal(ex.nprefix, 2); /* the deepest point first */
  assert_int_equal(ex.prefix[0], 1);
  assert_int_equal(ex.prefix[1], 0);
  p[1].chosen = 0; /* that run took one preemption: none left below */
  set_path(&ex, p, 2);
  assert_true(explore_advance(&ex));
  assert_int_equal(ex.nprefix, 1);
  assert_int_equal(ex.prefix[0], 0);
  explore_fini(&ex);
  explore_init(&ex, 0); /* bound 0: no alternative to a continuing pick */
  set_path(&ex, p, 1);
  ex.path[0].chosen = 1;
  assert_false(explore_advance(&ex));
  explore_fini(&ex);
}

static void explore__free_choices_cost_nothing(void **state)
{
  /* A pick after a block and a select order: no preemption either way. */
  ExploreNode p[] = {{CHOICE_PICK, 3, 0, 0, false},
                     {CHOICE_SELECT, 2, 0, 0, false}};
  Explore ex;
  int runs = 1;

  (void)state;
  explore_init(&ex, 0);
  set_path(&ex, p, 2);
  while (explore_advance(&ex)) {
    ExploreNode q[2] = {p[0], p[1]};

    for (size_t i = 0; i < 2; i++)
      q[i].chosen = i < ex.nprefix ? ex.prefix[i] : q[i].dflt;
    set_path(&ex, q, 2);
    runs++;
  }
  assert_int_equal(runs, 6); /* 3 x 2, all within bound 0 */
  explore_fini(&ex);
}

/* --- on programs -------------------------------------------------------------- */

/* A lost update: each goroutine reads n under the lock, then writes n+1
 * under it again.  Only a preemption between the two sections (main's
 * first Unlock is a scheduling point) loses an update. */
static const char lost_src[] =
    "package main\n\nimport \"sync\"\n\n"
    "func main() {\n"
    "\tvar mu sync.Mutex\n\tn := 0\n\tdone := make(chan bool)\n"
    "\tinc := func() {\n"
    "\t\tmu.Lock()\n\t\tv := n\n\t\tmu.Unlock()\n"
    "\t\tmu.Lock()\n\t\tn = v + 1\n\t\tmu.Unlock()\n\t}\n"
    "\tgo func() { inc(); done <- true }()\n"
    "\tinc()\n\t<-done\n"
    "\tif n != 2 {\n\t\tpanic(\"lost update\")\n\t}\n}\n";

/* The same with one critical section per increment. */
static const char locked_src[] =
    "package main\n\nimport (\n\t\"fmt\"\n\t\"sync\"\n)\n\n"
    "func main() {\n"
    "\tvar mu sync.Mutex\n\tvar wg sync.WaitGroup\n\tn := 0\n"
    "\tfor i := 0; i < 2; i++ {\n\t\twg.Add(1)\n"
    "\t\tgo func() {\n\t\t\tdefer wg.Done()\n"
    "\t\t\tmu.Lock()\n\t\t\tn++\n\t\t\tmu.Unlock()\n\t\t}()\n\t}\n"
    "\twg.Wait()\n\tfmt.Println(n)\n}\n";

static VerifyOutcome explore_src(const char *src, int bound, int schedules,
                                 VerifyReport *rep)
{
  VerifyOptions o = {.filename = "prog.go", .src = src, .len = strlen(src),
                     .mode = VERIFY_EXHAUSTIVE, .schedules = schedules,
                     .preemptions = bound, .preemptions_set = true,
                     .batch = 16};

  return verify_run(&o, rep);
}

static void explore__bound_zero_misses_a_one_preemption_bug(void **state)
{
  VerifyReport rep;

  (void)state;
  assert_int_equal(explore_src(lost_src, 0, 0, &rep), VERIFY_PASS);
  assert_true(rep.covered);
  assert_int_equal(rep.bound, 0);
  verify_report_fini(&rep);
}

static void collect_err(void *ctx, int fd, const char *p, size_t n)
{
  if (fd == 2)
    buf_append(ctx, p, n);
}

static void explore__bound_one_finds_it_and_the_token_replays(void **state)
{
  VerifyReport rep;
  ScheduleSpec spec;
  VMOptions opts = {.max_steps = 1000000, .write = collect_err};
  EngineResult res;
  Buf tok = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
  const char *why;

  (void)state;
  assert_int_equal(explore_src(lost_src, 1, 0, &rep), VERIFY_FAIL);
  assert_false(rep.covered);
  assert_string_equal(rep.fail_explain, "panic: lost update");
  assert_int_equal(rep.fail_class, VC_EXHAUSTIVE);
  /* The token as printed, parsed back, run in this process. */
  schedule_format(&rep.fail_spec, &tok);
  assert_int_equal(schedule_parse(buf_cstr(&tok), &spec, &why), 0);
  assert_true(spec.nchoices > 0);
  schedule_to_options(&spec, &opts);
  opts.write_ctx = &got;
  engine_run("prog.go", lost_src, strlen(lost_src), &opts, &res);
  assert_int_equal(res.exit_status, 2);
  capture_text(&rep.fail_run.err, &want);
  assert_string_equal(buf_cstr(&got), buf_cstr(&want));
  engine_result_fini(&res);
  buf_fini(&tok);
  buf_fini(&want);
  buf_fini(&got);
  verify_report_fini(&rep);
}

static void explore__covers_a_correct_program(void **state)
{
  VerifyReport rep;
  Buf out = BUF_INIT;

  (void)state;
  assert_int_equal(explore_src(locked_src, 2, 0, &rep), VERIFY_PASS);
  assert_true(rep.covered);
  assert_true(rep.run > 1);
  assert_int_equal(rep.run, rep.run_by[VC_EXHAUSTIVE]);
  report_text(&rep, NULL, "prog.go", &out);
  assert_non_null(strstr(buf_cstr(&out), "space covered: yes ("));
  assert_non_null(strstr(buf_cstr(&out), "preemption bound 2)"));
  verify_report_fini(&rep);
  buf_fini(&out);
}

static void explore__a_schedule_limit_is_not_coverage(void **state)
{
  VerifyReport rep;
  Buf out = BUF_INIT;

  (void)state;
  assert_int_equal(explore_src(locked_src, 2, 3, &rep), VERIFY_PASS);
  assert_false(rep.covered);
  assert_int_equal(rep.run, 3);
  report_coverage(&rep, &out);
  assert_string_equal(buf_cstr(&out), "no: stopped after 3 schedules "
                                      "(preemption bound 2)");
  verify_report_fini(&rep);
  buf_fini(&out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(explore__deepest_first_within_the_bound),
      cmocka_unit_test(explore__free_choices_cost_nothing),
      cmocka_unit_test(explore__bound_zero_misses_a_one_preemption_bug),
      cmocka_unit_test(explore__bound_one_finds_it_and_the_token_replays),
      cmocka_unit_test(explore__covers_a_correct_program),
      cmocka_unit_test(explore__a_schedule_limit_is_not_coverage),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
