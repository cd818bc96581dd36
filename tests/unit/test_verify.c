/* tests/unit/test_verify.c - runner/ above the child: replay tokens
 * (schedule.h), PCT's bound arithmetic (strength.h), verify's plan and
 * its runs on real programs (verify.h), the report formats (report.h) and
 * go run's status convention (gorun.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "base/buf.h"
#include "runner/gorun.h"
#include "runner/report.h"
#include "runner/schedule.h"
#include "runner/strength.h"
#include "runner/verify.h"

/* --- tokens --------------------------------------------------------------- */

static void round_trip(const char *token, Strategy st, int depth,
                       uint64_t seed)
{
  ScheduleSpec spec;
  const char *why = NULL;
  Buf b = BUF_INIT;

  assert_int_equal(schedule_parse(token, &spec, &why), 0);
  assert_int_equal(spec.strategy, st);
  assert_int_equal(spec.depth, depth);
  assert_true(spec.seed == seed);
  schedule_format(&spec, &b);
  assert_string_equal(buf_cstr(&b), token);
  buf_fini(&b);
}

static void verify__token_round_trip(void **state)
{
  (void)state;
  round_trip("go::0", STRAT_GO, 0, 0);
  round_trip("random::77", STRAT_RANDOM, 0, 77);
  round_trip("pct:2:12345", STRAT_PCT, 2, 12345);
  round_trip("pct:16:18446744073709551615", STRAT_PCT, 16, UINT64_MAX);
}

static void verify__token_parse_is_strict(void **state)
{
  static const char *const bad[] = {
      "",          "go",         "go:0",        "pct::1",
      "go:1:1",    "pct:0:1",    "pct:17:1",    "pct:02:1",
      "random::01", "random::-1", "random::+1", "random::",
      "random::18446744073709551616",          "bogus::1",
      "GO::1",     "random::1 ", "random::1:AQ=D"};
  ScheduleSpec spec;

  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    const char *why = NULL;

    if (schedule_parse(bad[i], &spec, &why) == 0)
      fail_msg("accepted bad token \"%s\"", bad[i]);
    assert_non_null(why);
  }
}

static void verify__token_fourth_field_is_the_choice_list(void **state)
{
  ScheduleSpec spec;
  const char *why = NULL;
  VMOptions o = {0};
  Buf b = BUF_INIT;

  (void)state;
  assert_int_equal(schedule_parse("pct:2:5:AQID", &spec, &why), 0);
  assert_int_equal(spec.nchoices, 3);
  assert_int_equal(spec.choices[0], 1);
  assert_int_equal(spec.choices[2], 3);
  schedule_format(&spec, &b);
  assert_string_equal(buf_cstr(&b), "pct:2:5:AQID");
  schedule_to_options(&spec, &o);
  assert_ptr_equal(o.replay, spec.choices);
  assert_int_equal(o.nreplay, 3);
  assert_int_equal(schedule_parse("random::5:A*", &spec, &why), -1);
  assert_non_null(strstr(why, "base64url"));
  assert_int_equal(schedule_parse("random::5:", &spec, &why), -1);
  buf_fini(&b);
}

static void verify__spec_to_options(void **state)
{
  VMOptions o = {.max_steps = 7};
  ScheduleSpec pct = {.strategy = STRAT_PCT, .seed = 9, .depth = 2};
  ScheduleSpec rnd = {.strategy = STRAT_RANDOM, .seed = 4};

  (void)state;
  schedule_to_options(&pct, &o);
  assert_int_equal(o.strategy, STRAT_PCT);
  assert_int_equal(o.pct_depth, 2);
  assert_true(o.seed == 9 && o.max_steps == 7);
  schedule_to_options(&rnd, &o);
  assert_int_equal(o.pct_depth, 0);
  assert_true(o.seed == 4);
}

/* --- the PCT bound -------------------------------------------------------- */

static void near(double got, double want)
{
  if (fabs(got - want) > 1e-12 * fabs(want) + 1e-300)
    fail_msg("got %.17g, want %.17g", got, want);
}

static void verify__pct_per_run_bound(void **state)
{
  (void)state;
  near(strength_pct_per_run(3, 10, 1), 1.0 / 3);      /* 1/n */
  near(strength_pct_per_run(3, 10, 2), 1.0 / 30);     /* 1/(n k) */
  near(strength_pct_per_run(2, 100, 3), 1.0 / 20000); /* 1/(n k^2) */
  near(strength_pct_per_run(0, 0, 0), 1.0);           /* clamped to 1 */
  /* k^(d-1) far past DBL_MAX: 0, not NaN or inf. */
  assert_true(strength_pct_per_run(4, 1000000, 80) == 0.0);
}

static void verify__pct_found_probability(void **state)
{
  (void)state;
  near(strength_found(1.0 / 3, 1), 1.0 / 3);
  near(strength_found(0.5, 2), 0.75);
  near(strength_found(0.1, 3), 1 - 0.9 * 0.9 * 0.9);
  assert_true(strength_found(0.3, 0) == 0.0);
  assert_true(strength_found(0.0, 100) == 0.0);
  assert_true(strength_found(1.0, 1) == 1.0);
  /* Tiny p over many runs: ~ runs * p, not lost to 1 - (1 - p). */
  near(strength_found(1e-12, 1000), 1e-9 * (1 - 0.5e-9));
  /* Almost sure is still below sure. */
  assert_true(strength_found(1.0 / 3, 1000) < 1.0);
}

static void pct_text(double prob, const char *want)
{
  Buf b = BUF_INIT;

  strength_format_percent(prob, &b);
  assert_string_equal(buf_cstr(&b), want);
  buf_fini(&b);
}

static void verify__percent_rounds_down(void **state)
{
  (void)state;
  pct_text(1.0, "100%");
  pct_text(strength_found(1.0 / 3, 1000), "99.99%");
  pct_text(0.123456, "12.34%");
  pct_text(0.5, "50.00%");
  pct_text(0.0001, "0.01%");
  pct_text(0.0000129, "0.0012%");
  pct_text(1e-20, "0%");
  pct_text(0.0, "0%");
}

/* --- the plan ------------------------------------------------------------- */

static void verify__plan_order(void **state)
{
  static const VerifyClass mixed[] = {VC_GO,     VC_RANDOM, VC_PCT1,
                                      VC_RANDOM, VC_PCT2,   VC_RANDOM,
                                      VC_PCT3,   VC_RANDOM, VC_PCT1};
  VerifyClass c;
  ScheduleSpec s;

  (void)state;
  for (int i = 0; i < 9; i++) {
    s = verify_plan(VERIFY_MIXED, i, &c);
    assert_int_equal(c, mixed[i]);
    assert_true(s.seed == (uint64_t)i);
    assert_int_equal(s.depth, verify_class_depth(c));
  }
  s = verify_plan(VERIFY_MIXED, 0, &c);
  assert_int_equal(s.strategy, STRAT_GO);
  s = verify_plan(VERIFY_PCT, 5, &c);
  assert_int_equal(c, VC_PCT2);
  assert_int_equal(s.strategy, STRAT_PCT);
  assert_int_equal(s.depth, 2);
  s = verify_plan(VERIFY_RANDOM, 5, &c);
  assert_int_equal(c, VC_RANDOM);
  assert_int_equal(s.strategy, STRAT_RANDOM);
}

static void verify__output_differs_names_the_line(void **state)
{
  Buf why = BUF_INIT;

  (void)state;
  assert_false(verify_output_differs("a\nb\n", 4, "a\nb\n", 4, &why));
  assert_int_equal(why.len, 0);
  assert_true(verify_output_differs("a\nx\n", 4, "a\nb\n", 4, &why));
  assert_string_equal(buf_cstr(&why),
                      "stdout line 2: got \"x\", want \"b\"");
  buf_clear(&why);
  assert_true(verify_output_differs("a\n", 2, "a\nb\n", 4, &why));
  assert_string_equal(buf_cstr(&why),
                      "stdout line 2: got end of output, want \"b\"");
  buf_fini(&why);
}

/* --- verify on real programs ---------------------------------------------- */

static const char ok_src[] =
    "package main\n\nimport \"fmt\"\n\nfunc main() {\n"
    "\tch := make(chan int)\n\tgo func() { ch <- 42 }()\n"
    "\tfmt.Println(<-ch)\n}\n";
static const char boom_src[] =
    "package main\n\nfunc main() {\n\tpanic(\"boom\")\n}\n";
static const char bad_src[] = "package main\n\nfunc main() {\n\tx := 1\n}\n";

static VerifyOutcome verify_src(const char *src, int schedules,
                                const char *expect, VerifyReport *rep)
{
  VerifyOptions o = {.filename = "prog.go", .src = src, .len = strlen(src),
                     .schedules = schedules, .expect = expect,
                     .expect_len = expect ? strlen(expect) : 0,
                     .batch = 16};

  return verify_run(&o, rep);
}

static void verify__passes_a_correct_program(void **state)
{
  VerifyReport rep;

  (void)state;
  assert_int_equal(verify_src(ok_src, 50, "42\n", &rep), VERIFY_PASS);
  assert_int_equal(rep.run, 50);
  assert_int_equal(rep.run_by[VC_GO], 1);
  assert_int_equal(rep.run_by[VC_RANDOM] + rep.run_by[VC_PCT1] +
                       rep.run_by[VC_PCT2] + rep.run_by[VC_PCT3], 49);
  assert_int_equal(rep.max_goroutines, 2);
  assert_true(rep.max_steps > 0);
  assert_true(rep.children >= 4); /* 50 schedules in batches of 16 */
  assert_false(rep.has_failure);
  verify_report_fini(&rep);
}

static void verify__fails_on_panic_with_the_run(void **state)
{
  VerifyReport rep;
  Buf err = BUF_INIT;

  (void)state;
  assert_int_equal(verify_src(boom_src, 50, NULL, &rep), VERIFY_FAIL);
  assert_true(rep.has_failure && rep.has_run);
  assert_int_equal(rep.fail_index, 0);
  assert_int_equal(rep.fail_verdict, VERDICT_PANIC);
  assert_string_equal(rep.fail_explain, "panic: boom");
  assert_int_equal(rep.run, 1); /* stopped at the first failure */
  capture_text(&rep.fail_run.err, &err);
  assert_non_null(strstr(buf_cstr(&err), "goroutine 1 [running]:"));
  buf_fini(&err);
  verify_report_fini(&rep);
}

static void verify__fails_on_wrong_output(void **state)
{
  VerifyReport rep;

  (void)state;
  assert_int_equal(verify_src(ok_src, 10, "41\n", &rep), VERIFY_FAIL);
  assert_int_equal(rep.fail_verdict, VERDICT_WRONG_OUTPUT);
  assert_string_equal(rep.fail_explain, "wrong-output: stdout line 1: got "
                                        "\"42\", want \"41\"");
  verify_report_fini(&rep);
}

static void verify__compile_error_cannot_verify(void **state)
{
  VerifyReport rep;

  (void)state;
  assert_int_equal(verify_src(bad_src, 10, NULL, &rep), VERIFY_CANNOT);
  assert_int_equal(rep.fail_verdict, VERDICT_COMPILE_ERROR);
  verify_report_fini(&rep);
}

static void verify__step_budget_is_a_timeout(void **state)
{
  static const char loop[] = "package main\n\nfunc main() {\n\tfor {\n\t}\n}\n";
  VerifyOptions o = {.filename = "loop.go", .src = loop,
                     .len = sizeof loop - 1, .schedules = 5,
                     .max_steps = 10000};
  VerifyReport rep;

  (void)state;
  assert_int_equal(verify_run(&o, &rep), VERIFY_FAIL);
  assert_int_equal(rep.fail_verdict, VERDICT_TIMEOUT);
  assert_true(rep.step_limit == 10000);
  verify_report_fini(&rep);
}

/* --- reports -------------------------------------------------------------- */

static void verify__json_report_parses(void **state)
{
  VerifyOptions o = {.filename = "prog.go", .src = boom_src,
                     .len = strlen(boom_src), .schedules = 5, .argc = 0};
  VerifyReport rep;
  Buf out = BUF_INIT;
  json_error_t err;
  json_t *root, *f;

  (void)state;
  verify_run(&o, &rep);
  report_write(REPORT_JSON, &rep, &o, "dir/my prog.go", &out);
  root = json_loads(buf_cstr(&out), 0, &err);
  assert_non_null(root);
  assert_string_equal(json_string_value(json_object_get(root, "outcome")),
                      "fail");
  f = json_object_get(root, "failure");
  assert_string_equal(json_string_value(json_object_get(f, "replay")),
                      "go::0");
  assert_string_equal(json_string_value(json_object_get(f, "command")),
                      "panicroom run 'dir/my prog.go' --replay go::0");
  json_decref(root);
  buf_fini(&out);
  verify_report_fini(&rep);
}

static void verify__utf8_clean(void **state)
{
  Buf b = BUF_INIT;

  (void)state;
  report_utf8_clean("a\xC3\xA9z", 4, &b); /* valid: kept */
  assert_string_equal(buf_cstr(&b), "a\xC3\xA9z");
  buf_clear(&b);
  report_utf8_clean("\xFF\xC0\x80\xED\xA0\x80x", 7, &b); /* bad, overlong,
                                                         * surrogate */
  assert_string_equal(buf_cstr(&b), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                                    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                                    "x");
  buf_fini(&b);
}

/* --- go run's status ------------------------------------------------------ */

static void verify__go_run_status_is_undone(void **state)
{
  static const char crash[] = "panic: x\n\ngoroutine 1 [running]:\n"
                              "exit status 2\n";
  static const char plain[] = "some stderr\n";
  size_t n = sizeof crash - 1;

  (void)state;
  assert_int_equal(gorun_program_status(1, crash, &n), 2);
  assert_int_equal(n, sizeof crash - 1 - strlen("exit status 2\n"));
  n = sizeof plain - 1;
  assert_int_equal(gorun_program_status(1, plain, &n), 1);
  assert_int_equal(n, sizeof plain - 1);
  n = sizeof crash - 1;
  assert_int_equal(gorun_program_status(2, crash, &n), 2); /* compile */
  assert_int_equal(n, sizeof crash - 1);
  n = 0;
  assert_int_equal(gorun_program_status(0, "", &n), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(verify__token_round_trip),
      cmocka_unit_test(verify__token_parse_is_strict),
      cmocka_unit_test(verify__token_fourth_field_is_the_choice_list),
      cmocka_unit_test(verify__spec_to_options),
      cmocka_unit_test(verify__pct_per_run_bound),
      cmocka_unit_test(verify__pct_found_probability),
      cmocka_unit_test(verify__percent_rounds_down),
      cmocka_unit_test(verify__plan_order),
      cmocka_unit_test(verify__output_differs_names_the_line),
      cmocka_unit_test(verify__passes_a_correct_program),
      cmocka_unit_test(verify__fails_on_panic_with_the_run),
      cmocka_unit_test(verify__fails_on_wrong_output),
      cmocka_unit_test(verify__compile_error_cannot_verify),
      cmocka_unit_test(verify__step_budget_is_a_timeout),
      cmocka_unit_test(verify__json_report_parses),
      cmocka_unit_test(verify__utf8_clean),
      cmocka_unit_test(verify__go_run_status_is_undone),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
