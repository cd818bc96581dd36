/* tests/unit/test_trace_model.c - the stepping model (tui/trace_model.c)
 * on traces of real lesson programs.
 *
 * Each trace is made in the test's setup: the scenario runs in-process
 * in the engine with VMOptions.trace writing into a temporary file, as
 * `panicroom trace` does, so the test follows the engine's format as it
 * is today rather than a copy of it. The model is then checked against
 * the trace itself: stepping forward and back, the state the model gives
 * for each event's object is that event's own "state" field. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "engine/engine.h"
#include "engine/trace.h"
#include "tui/trace_model.h"

/* --- traces of real runs -------------------------------------------------- */

static void discard(void *ctx, int fd, const char *p, size_t n)
{
  (void)ctx, (void)fd, (void)p, (void)n;
}

static char *slurp_file(FILE *f)
{
  Buf b;
  char tmp[4096];
  size_t n;
  buf_init(&b);
  rewind(f);
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
    buf_append(&b, tmp, n);
  return buf_steal(&b);
}

/* The NDJSON trace of a scenario's broken.go under the go strategy. */
static char *trace_of(const char *id)
{
  char path[256];
  snprintf(path, sizeof path, "scenarios/%s/broken.go", id);
  FILE *src = fopen(path, "rb");
  assert_non_null(src);
  char *text = slurp_file(src);
  fclose(src);
  FILE *out = tmpfile();
  assert_non_null(out);
  VMOptions opts = {.write = discard, .max_steps = 10000000};
  opts.trace = trace_new(fileno(out), path);
  EngineResult res;
  engine_run(path, text, strlen(text), &opts, &res);
  assert_true(trace_flush(opts.trace));
  engine_result_fini(&res);
  trace_free(opts.trace);
  free(text);
  char *trace = slurp_file(out);
  fclose(out);
  return trace;
}

static void load(TraceModel *m, const char *id)
{
  char *t = trace_of(id);
  tm_init(m);
  assert_int_equal(tm_load(m, t, strlen(t)), 0);
  assert_non_null(m->header);
  assert_true(m->ended);
  free(t);
}

/* --- the model's state is the trace's state ------------------------------- */

static void same_chan(const DgChan *c, const json_t *s)
{
  assert_int_equal(c->len, json_integer_value(json_object_get(s, "len")));
  assert_int_equal(c->cap, json_integer_value(json_object_get(s, "cap")));
  assert_int_equal(c->closed, json_is_true(json_object_get(s, "closed")));
  json_t *buf = json_object_get(s, "buf");
  assert_int_equal(c->nbuf, (int)json_array_size(buf));
  for (int i = 0; i < c->nbuf; i++)
    assert_string_equal(c->buf[i],
                        json_string_value(json_array_get(buf, (size_t)i)));
  assert_int_equal(c->sendq.n,
                   (int)json_array_size(json_object_get(s, "sendq")));
  assert_int_equal(c->recvq.n,
                   (int)json_array_size(json_object_get(s, "recvq")));
}

static int64_t geti(const json_t *s, const char *k)
{
  return json_integer_value(json_object_get(s, k));
}

static void same_state(const DgObject *o, const json_t *s)
{
  switch (o->kind) {
  case DK_CHAN:
    same_chan(&o->u.ch, s);
    break;
  case DK_WG:
    assert_int_equal(o->u.wg.counter, geti(s, "counter"));
    assert_int_equal(o->u.wg.waiters, geti(s, "waiters"));
    break;
  default:
    assert_int_equal(o->u.lk.locked,
                     json_is_true(json_object_get(s, "locked")));
    assert_int_equal(o->u.lk.holder, geti(s, "holder"));
    assert_int_equal(o->u.lk.waiting_writers, geti(s, "waiting_writers"));
    assert_int_equal(o->u.lk.readers, geti(s, "readers"));
  }
}

/* At the cursor: the current event's object has the event's own state
 * (obj_state for a goroutine blocking on a channel). Returns whether the
 * event was on a drawable object. */
static bool check_cursor(const TraceModel *m)
{
  const TmEvent *e = tm_current(m);
  const json_t *j = e->j;
  json_t *st =
      json_object_get(j, e->ev == TEV_GO_BLOCK ? "obj_state" : "state");
  if (e->obj <= 0 || !st || e->ev == TEV_PANIC)
    return false;
  DgObject o;
  assert_true(tm_object_at(m, e->obj, m->cur, &o));
  assert_true(o.edge_now);
  assert_int_equal(o.edge_g, e->g);
  same_state(&o, st);
  assert_int_equal(tm_focus(m, -1), e->obj);
  return true;
}

static void model__steps_match_trace(void **state)
{
  (void)state;
  TraceModel m;
  load(&m, "send-closed");
  assert_true(m.n > 20);
  int drawn = 0;
  for (size_t i = 0; i < m.n; i++) {
    assert_int_equal(m.cur, i);
    drawn += check_cursor(&m);
    assert_int_equal(tm_step(&m, 1), i + 1 < m.n);
  }
  assert_true(drawn > 15); /* make, sends, close, recvs, Lock, Add... */
  for (size_t i = m.n; i-- > 0;) {
    assert_int_equal(m.cur, i);
    check_cursor(&m);
    assert_int_equal(tm_step(&m, -1), i > 0);
  }
  tm_fini(&m);
}

/* The panic names no channel; the model puts it on the closed one. */
static void model__send_on_closed(void **state)
{
  (void)state;
  TraceModel m;
  load(&m, "send-closed");
  tm_end(&m);
  assert_int_equal(tm_current(&m)->ev, TEV_EXIT);
  int64_t id = tm_focus(&m, -1);
  DgObject o;
  assert_true(tm_object_at(&m, id, m.cur, &o));
  assert_int_equal(o.kind, DK_CHAN);
  assert_true(o.u.ch.closed);
  assert_int_equal(o.edge, DE_SEND_CLOSED);
  assert_int_equal(o.edge_g, 1);
  /* The code pane follows: the exit is at the failing send. */
  const char *file;
  int64_t g;
  assert_int_equal(tm_where(&m, &file, &g), 42);
  assert_string_equal(file, "scenarios/send-closed/broken.go");
  /* One step back before the close, the channel is open with values. */
  size_t close_at = 0;
  for (size_t i = 0; i < m.n; i++)
    if (m.ev[i].ev == TEV_CHAN_CLOSE)
      close_at = i;
  tm_seek(&m, close_at - 1);
  assert_true(tm_object_at(&m, id, m.cur, &o));
  assert_false(o.u.ch.closed);
  assert_int_equal(o.u.ch.len, 3);
  tm_fini(&m);
}

static void model__rwmutex_writer_waits(void **state)
{
  (void)state;
  TraceModel m;
  load(&m, "rwmutex-recursive");
  size_t at = m.n;
  for (size_t i = 0; i < m.n && at == m.n; i++)
    if (m.ev[i].ev == TEV_RW_LOCK && m.ev[i].edge == DE_LOCK_BLOCK)
      at = i;
  assert_true(at < m.n);
  tm_seek(&m, at);
  DgObject o;
  assert_true(tm_object_at(&m, tm_focus(&m, -1), m.cur, &o));
  assert_int_equal(o.kind, DK_RWMUTEX);
  assert_true(o.u.lk.writer_waiting);
  assert_int_equal(o.u.lk.readers, 1);
  assert_int_equal(o.blocked_w.n, 1);
  assert_int_equal(o.blocked_w.id[0], m.ev[at].g);
  Buf b;
  buf_init(&b);
  dg_state_name(&o, &b);
  assert_string_equal(buf_cstr(&b), "writer waiting (1 reader)");
  buf_fini(&b);
  DgGor gs[8];
  int n = tm_gors_at(&m, m.cur, gs, 8), waiting = 0;
  for (int i = 0; i < n; i++)
    waiting += gs[i].status && !strcmp(gs[i].status, "waiting");
  assert_int_equal(n, 3);
  assert_int_equal(waiting, 3); /* main in Wait, the reader asleep, g6 */
  tm_fini(&m);
}

/* Failures that land on a sync call: the call's edge turns red. */
static void model__sync_failures(void **state)
{
  (void)state;
  static const struct {
    const char *id;
    DgKind kind;
    DgEdge edge;
  } cases[] = {
      {"wg-negative", DK_WG, DE_NEGATIVE},
      {"mutex-double-unlock", DK_MUTEX, DE_UNLOCK_FATAL},
      {"rwmutex-runlock", DK_RWMUTEX, DE_RUNLOCK_FATAL},
      {"close-closed", DK_CHAN, DE_CLOSE_CLOSED},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    TraceModel m;
    load(&m, cases[c].id);
    tm_end(&m);
    DgObject o;
    assert_true(tm_object_at(&m, tm_focus(&m, -1), m.cur, &o));
    assert_int_equal(o.kind, cases[c].kind);
    assert_int_equal(o.edge, cases[c].edge);
    tm_fini(&m);
  }
}

/* --- playback and live feeding -------------------------------------------- */

static void model__playback(void **state)
{
  (void)state;
  TraceModel m;
  char *t = trace_of("send-closed");
  tm_init(&m);
  /* Live: the header and three events arrive, play starts. */
  const char *p = t;
  for (int k = 0; k < 4; k++) {
    const char *nl = strchr(p, '\n');
    assert_int_equal(tm_feed(&m, p, (size_t)(nl - p)), 0);
    p = nl + 1;
  }
  assert_int_equal(m.n, 3);
  assert_int_equal(tm_speed(&m), 16);
  tm_play(&m, 1000);
  assert_false(tm_tick(&m, 1010)); /* not due before 1/16 s */
  assert_true(tm_tick(&m, 1070));
  assert_int_equal(m.cur, 1);
  assert_true(tm_tick(&m, 1200));
  assert_int_equal(m.cur, 2);
  assert_true(m.playing); /* the run goes on: wait for more */
  assert_int_equal(tm_wait_ms(&m, 1200) >= 0, 1);
  tm_load(&m, p, strlen(p));
  assert_true(tm_tick(&m, 1300));
  assert_true(m.cur > 2);
  assert_int_equal(tm_speed_step(&m, 1), 32);
  while (m.playing)
    tm_tick(&m, 100000 + (int64_t)m.cur * 100);
  assert_int_equal(m.cur, m.n - 1); /* ended: playing stops at the end */
  tm_play(&m, 0);                   /* at the end, play starts over */
  assert_int_equal(m.cur, 0);
  tm_pause(&m);
  assert_false(tm_tick(&m, 10000));
  while (tm_speed_step(&m, 1))
    ;
  tm_play(&m, 0); /* instant */
  assert_true(tm_tick(&m, 0));
  assert_int_equal(m.cur, m.n - 1);
  free(t);
  tm_fini(&m);
}

static void model__bad_lines(void **state)
{
  (void)state;
  TraceModel m;
  tm_init(&m);
  const char *text = "{\"trace\":1,\"strategy\":\"go\",\"seed\":0}\n"
                     "not json\n"
                     "[1,2]\n"
                     "{\"seq\":1}\n"
                     "\n"
                     "{\"ev\":\"go_create\",\"seq\":0,\"g\":1,\"pos\":\"\","
                     "\"state\":{\"status\":\"runnable\"}}\n"
                     "{\"ev\":\"from_the_future\",\"seq\":1,\"g\":1}";
  assert_int_equal(tm_load(&m, text, strlen(text)), 3);
  assert_int_equal(m.bad_lines, 3);
  assert_int_equal(m.n, 2);
  assert_int_equal(m.ev[1].ev, TRACE_NEVENTS);
  assert_int_equal(tm_focus(&m, -1), 0);
  Buf b;
  buf_init(&b);
  tm_step(&m, 5);
  tm_describe(&m, &b);
  assert_string_equal(buf_cstr(&b), "2/2 g1 from_the_future");
  buf_fini(&b);
  tm_reset(&m);
  assert_int_equal(m.n, 0);
  assert_false(tm_step(&m, 1));
  assert_null(tm_current(&m));
  tm_fini(&m);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(model__steps_match_trace),
      cmocka_unit_test(model__send_on_closed),
      cmocka_unit_test(model__rwmutex_writer_waits),
      cmocka_unit_test(model__sync_failures),
      cmocka_unit_test(model__playback),
      cmocka_unit_test(model__bad_lines),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
