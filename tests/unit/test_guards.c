/* tests/unit/test_guards.c - lessons/guards: the non-fix guards decided on
 * hand-made event lists, the NDJSON trace reader, and the `guards:` front
 * matter field (its schema and its errors).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "lessons/frontmatter.h"
#include "lessons/guards.h"

/* A trace: main plus n workers running fn. */
static void workers(GuardTrace *t, int n, const char *fn)
{
  guard_trace_add(t, TEV_GO_CREATE, 1, "runtime.main", NULL, "");
  for (int i = 0; i < n; i++)
    guard_trace_add(t, TEV_GO_CREATE, 5 + i, fn, NULL, "main.go:9");
}

static LessonGuards guards(int goroutines, bool no_sleep)
{
  LessonGuards g = {.declared = true, .goroutines = goroutines,
                    .no_sleep_sync = no_sleep};
  return g;
}

static void guards__goroutines_pass_and_fail(void **state)
{
  (void)state;
  LessonGuards g = guards(3, false);
  GuardTrace ok = {0}, none = {0}, one = {0};
  GuardVerdict v[GUARD_NKINDS];

  workers(&ok, 3, "main.worker");
  guard_check(&g, &ok, NULL, v);
  assert_true(v[GUARD_GOROUTINES].checked && v[GUARD_GOROUTINES].pass);
  assert_false(v[GUARD_OPS].checked);
  assert_false(v[GUARD_NO_SLEEP].checked);
  guard_verdict_fini(v);

  workers(&none, 0, NULL); /* the "fix" that deleted the go statements */
  guard_check(&g, &none, NULL, v);
  assert_false(v[GUARD_GOROUTINES].pass);
  assert_non_null(strstr(v[GUARD_GOROUTINES].message,
                         "no longer starts any goroutine"));
  guard_verdict_fini(v);

  workers(&one, 1, "main.worker");
  guard_check(&g, &one, NULL, v);
  assert_false(v[GUARD_GOROUTINES].pass);
  assert_non_null(strstr(v[GUARD_GOROUTINES].message, "starts 1 goroutine "));
  guard_verdict_fini(v);
  guard_trace_fini(&ok);
  guard_trace_fini(&none);
  guard_trace_fini(&one);
}

static void guards__ops_need_kinds_and_goroutines(void **state)
{
  (void)state;
  LessonGuards g = guards(0, false);
  GuardTrace t = {0};
  GuardVerdict v[GUARD_NKINDS];

  g.ops[g.nops++] = (GuardOp){TEV_CHAN_CLOSE, 1};
  g.ops[g.nops++] = (GuardOp){TEV_MUTEX_LOCK, 2};
  workers(&t, 2, "main.worker");
  guard_trace_add(&t, TEV_MUTEX_LOCK, 5, NULL, NULL, "main.go:12");
  guard_trace_add(&t, TEV_MUTEX_LOCK, 5, NULL, NULL, "main.go:12");
  guard_check(&g, &t, NULL, v);
  assert_false(v[GUARD_OPS].pass); /* no close at all: named first */
  assert_non_null(strstr(v[GUARD_OPS].message, "no longer closes a channel"));
  guard_verdict_fini(v);

  guard_trace_add(&t, TEV_CHAN_CLOSE, 1, NULL, NULL, "main.go:20");
  guard_check(&g, &t, NULL, v);
  assert_false(v[GUARD_OPS].pass); /* the same goroutine locked twice */
  assert_non_null(strstr(v[GUARD_OPS].message, "from 1 goroutine only"));
  guard_verdict_fini(v);

  guard_trace_add(&t, TEV_MUTEX_LOCK, 6, NULL, NULL, "main.go:12");
  guard_check(&g, &t, NULL, v);
  assert_true(v[GUARD_OPS].pass);
  guard_verdict_fini(v);
  guard_trace_fini(&t);
}

/* The kinds the engine raises from the prelude and the map writes
 * (map-concurrent, once-panic, ctx-nil-parent), read from trace lines as
 * docs/trace.md shows them. */
static void guards__map_once_ctx_ops(void **state)
{
  (void)state;
  static const char text[] =
      "{\"ev\":\"map_write_begin\",\"seq\":6,\"g\":5,\"pos\":\"p.go:10\","
      "\"obj\":2,\"kind\":\"map\",\"state\":{\"writing\":true,\"len\":3}}\n"
      "{\"ev\":\"map_write_end\",\"seq\":7,\"g\":5,\"pos\":\"p.go:10\","
      "\"obj\":2,\"kind\":\"map\",\"state\":{\"writing\":false,\"len\":4}}\n"
      "{\"ev\":\"once_do\",\"seq\":8,\"g\":1,\"pos\":\"p.go:34\",\"obj\":3,"
      "\"kind\":\"once\",\"state\":{\"done\":true,\"running\":false}}\n";
  LessonGuards g = guards(0, false);
  GuardTrace t = {0};
  GuardVerdict v[GUARD_NKINDS];

  assert_int_equal(guard_trace_parse(text, strlen(text), &t), 0);
  assert_int_equal(t.n, 3);
  g.ops[g.nops++] = (GuardOp){TEV_MAP_WRITE_BEGIN, 2};
  guard_check(&g, &t, NULL, v);
  assert_false(v[GUARD_OPS].pass); /* the workers ran inline: one writer */
  assert_non_null(strstr(v[GUARD_OPS].message,
                         "writes to a map from 1 goroutine only"));
  guard_verdict_fini(v);
  guard_trace_add(&t, TEV_MAP_WRITE_BEGIN, 6, NULL, NULL, "p.go:10");
  guard_check(&g, &t, NULL, v);
  assert_true(v[GUARD_OPS].pass);
  guard_verdict_fini(v);

  g.ops[g.nops++] = (GuardOp){TEV_ONCE_DO, 1};
  g.ops[g.nops++] = (GuardOp){TEV_CTX_CANCEL, 1};
  guard_check(&g, &t, NULL, v);
  assert_false(v[GUARD_OPS].pass); /* once_do is there, no ctx_cancel */
  assert_non_null(strstr(v[GUARD_OPS].message,
                         "no longer cancels a context (no ctx_cancel"));
  guard_verdict_fini(v);
  guard_trace_fini(&t);
}

static void guards__sleep_only_where_the_reference_sleeps(void **state)
{
  (void)state;
  LessonGuards g = guards(0, true);
  GuardTrace ref = {0}, t = {0}, timer = {0};
  GuardVerdict v[GUARD_NKINDS];

  workers(&ref, 2, "main.worker");
  guard_trace_add(&ref, TEV_GO_BLOCK, 5, NULL, "sleep", "fixed.go:14");
  workers(&t, 2, "main.worker");
  guard_trace_add(&t, TEV_GO_BLOCK, 6, NULL, "sleep", "main.go:14");
  guard_trace_add(&t, TEV_GO_BLOCK, 1, NULL, "chan receive", "main.go:30");
  assert_true(guard_trace_sleeps(&t));
  guard_check(&g, &t, &ref, v); /* main.worker sleeps in the fix too */
  assert_true(v[GUARD_NO_SLEEP].pass);
  guard_verdict_fini(v);

  guard_trace_add(&t, TEV_GO_BLOCK, 1, NULL, "sleep", "main.go:31");
  guard_check(&g, &t, &ref, v); /* main sleeps: the classic non-fix */
  assert_false(v[GUARD_NO_SLEEP].pass);
  assert_non_null(strstr(v[GUARD_NO_SLEEP].message,
                         "makes main wait with time.Sleep at main.go:31"));
  guard_verdict_fini(v);

  workers(&timer, 1, "main.worker"); /* time.After counts as a sleep */
  guard_trace_add(&timer, TEV_TIMER_START, 1, NULL, NULL, "main.go:40");
  guard_check(&g, &timer, &ref, v);
  assert_false(v[GUARD_NO_SLEEP].pass);
  assert_non_null(strstr(v[GUARD_NO_SLEEP].message, "wait on a timer"));
  guard_verdict_fini(v);
  guard_trace_fini(&ref);
  guard_trace_fini(&t);
  guard_trace_fini(&timer);
}

static void guards__trace_parse(void **state)
{
  (void)state;
  static const char text[] =
      "{\"trace\":1,\"strategy\":\"go\",\"seed\":0}\n"
      "{\"ev\":\"go_create\",\"seq\":0,\"g\":1,\"pos\":\"\",\"by\":0,"
      "\"fn\":\"runtime.main\"}\n"
      "{\"ev\":\"go_block\",\"seq\":1,\"g\":1,\"pos\":\"p.go:3\","
      "\"reason\":\"sleep\"}\n"
      "{\"ev\":\"from_the_future\",\"seq\":2,\"g\":1}\n"
      "{\"ev\":\"exit\",\"seq\":3,\"g\":1,\"pos\":\"\",\"status\":0}\n";
  GuardTrace t = {0};

  assert_int_equal(guard_trace_parse(text, strlen(text), &t), 0);
  assert_int_equal(t.n, 3);
  assert_int_equal(t.ev[0].ev, TEV_GO_CREATE);
  assert_string_equal(t.ev[0].fn, "runtime.main");
  assert_string_equal(t.ev[1].reason, "sleep");
  assert_string_equal(t.ev[1].pos, "p.go:3");
  assert_int_equal(t.ev[2].ev, TEV_EXIT);
  guard_trace_fini(&t);
  /* A trace cut mid-line keeps what came before and says so. */
  assert_int_equal(guard_trace_parse(text, 60, &t), -1);
  assert_int_equal(t.n, 0);
  guard_trace_fini(&t);
}

/* A complete front matter with the given guards line. */
static int parse_with(const char *guards_line, LessonMeta *m, FmErrors *e)
{
  static const char head[] =
      "---\nid: x\ntitle: T\nchapter: 1\nchapter_title: C\norder: 1\n"
      "primitives: [channel]\nverdict: panic\nfirst_line: \"p\"\nexit: 2\n"
      "schedule_dependent: false\nreal_go_rate: \"1/1\"\nseed: 0\n"
      "hints: [a, b, c]\n";
  char doc[1024];
  const char *body;

  snprintf(doc, sizeof doc, "%s%s---\nbody\n", head, guards_line);
  return fm_parse("x.md", doc, strlen(doc), m, &body, e);
}

static void guards__front_matter(void **state)
{
  (void)state;
  LessonMeta m;
  FmErrors e = {0};
  Buf b = BUF_INIT;

  assert_int_equal(parse_with("guards: {goroutines: 3, ops: [chan_send, "
                              "{mutex_lock: 2}], no_sleep_sync: true}\n",
                              &m, &e), 0);
  assert_true(m.guards.declared);
  assert_int_equal(m.guards.goroutines, 3);
  assert_int_equal(m.guards.nops, 2);
  assert_int_equal(m.guards.ops[1].ev, TEV_MUTEX_LOCK);
  assert_int_equal(m.guards.ops[1].goroutines, 2);
  assert_true(m.guards.no_sleep_sync);
  fm_field_format(&m, FM_GUARDS, &b);
  assert_string_equal(buf_cstr(&b), "{goroutines: 3, ops: [chan_send, "
                                    "{mutex_lock: 2}], no_sleep_sync: true}");
  fm_meta_fini(&m);

  assert_int_equal(parse_with("", &m, &e), 0); /* optional */
  assert_false(m.guards.declared);
  fm_meta_fini(&m);

  assert_int_equal(parse_with("guards: {goroutines: 2, ops: [chan_sned], "
                              "sleep: true}\n", &m, &e), -1);
  assert_int_equal(e.n, 2);
  assert_non_null(strstr(e.msgs[0], "\"chan_sned\" is not a trace event"));
  assert_non_null(strstr(e.msgs[1], "unknown key \"sleep\""));
  assert_non_null(strstr(e.msgs[0], "x.md:15:"));
  fm_meta_fini(&m);
  buf_fini(&b);
  fm_errors_fini(&e);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(guards__goroutines_pass_and_fail),
      cmocka_unit_test(guards__ops_need_kinds_and_goroutines),
      cmocka_unit_test(guards__map_once_ctx_ops),
      cmocka_unit_test(guards__sleep_only_where_the_reference_sleeps),
      cmocka_unit_test(guards__trace_parse),
      cmocka_unit_test(guards__front_matter),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
