/* tests/unit/test_trace.c - the event trace (engine/trace.c) on real runs.
 *
 * Each test compiles a small Go program, runs it on a real VM with a
 * Trace writing into a temporary file, and parses every line back with
 * jansson: the schema tests check each event kind's required keys and
 * their types (docs/trace.md is the contract); the reducer test applies
 * the events to a table of object states, as a viewer would, and checks
 * the result against the engine's own channels and goroutines at the end
 * of the run, before the VM is freed.  Events the engine does not raise
 * by itself yet (sync, timers, context, maps, races) are raised by calling
 * their hooks directly on a live VM. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "engine/chan.h"
#include "engine/check.h"
#include "engine/compile.h"
#include "engine/parse.h"
#include "engine/sched.h"
#include "engine/trace.h"
#include "engine/value.h"
#include "engine/vm.h"

/* --- running a program with a trace ------------------------------------- */

typedef struct Run {
  Universe *u;
  Program *prog;
  VM *vm;
  Trace *trace;
  FILE *file; /* the trace's backing file */
  Buf out;    /* the program's stdout and stderr */
  Buf record; /* the choices made */
  json_t **lines;
  int nlines;
  int status;
} Run;

static void capture(void *ctx, int fd, const char *p, size_t n)
{
  (void)fd;
  buf_append(ctx, p, n);
}

static Program *compile(Run *r, const char *src)
{
  Diags d;
  diag_init(&d, "prog.go");
  r->u = types_new_universe();
  Node *file = parse_file(types_arena(r->u), "prog.go", src, strlen(src), &d);
  CheckResult cr;
  memset(&cr, 0, sizeof cr);
  assert_true(check_program(r->u, file, &d, &cr) && !diag_any(&d));
  Program *prog = compile_program(r->u, &cr, &d);
  assert_non_null(prog);
  r->u = NULL; /* the Program owns it now */
  diag_fini(&d);
  return prog;
}

/* Reads the trace file back, one JSON value per line. */
static void parse_lines(Run *r)
{
  assert_true(trace_flush(r->trace));
  rewind(r->file);
  char *line = NULL;
  size_t cap = 0;
  while (getline(&line, &cap, r->file) > 0) {
    json_error_t err;
    json_t *j = json_loads(line, 0, &err);
    if (!j) fail_msg("line %d is not JSON: %s: %s", r->nlines + 1, err.text,
                     line);
    r->lines = realloc(r->lines, (size_t)(r->nlines + 1) * sizeof *r->lines);
    r->lines[r->nlines++] = j;
  }
  free(line);
}

/* Runs src to its end; the VM stays alive for inspection. */
static void run_start(Run *r, const char *src, Strategy st, uint64_t seed,
                      const uint8_t *replay, size_t nreplay)
{
  memset(r, 0, sizeof *r);
  r->prog = compile(r, src);
  r->file = tmpfile();
  assert_non_null(r->file);
  r->trace = trace_new(fileno(r->file), "prog.go");
  VMOptions o = {.seed = seed, .strategy = st, .write = capture,
                 .write_ctx = &r->out, .record = &r->record,
                 .replay = replay, .nreplay = nreplay, .trace = r->trace};
  r->vm = vm_new(r->prog, &o);
}

static void run_go(Run *r, const char *src, Strategy st, uint64_t seed)
{
  run_start(r, src, st, seed, NULL, 0);
  r->status = vm_run(r->vm);
  parse_lines(r);
}

static void run_free(Run *r)
{
  vm_free(r->vm);
  trace_free(r->trace);
  program_free(r->prog);
  fclose(r->file);
  for (int i = 0; i < r->nlines; i++) json_decref(r->lines[i]);
  free(r->lines);
  buf_fini(&r->out);
  buf_fini(&r->record);
}

static const char *ev_of(json_t *j)
{
  return json_string_value(json_object_get(j, "ev"));
}

/* The first event of kind ev, or NULL. */
static json_t *find(const Run *r, const char *ev)
{
  for (int i = 1; i < r->nlines; i++)
    if (strcmp(ev_of(r->lines[i]), ev) == 0) return r->lines[i];
  return NULL;
}

/* --- schema ---------------------------------------------------------------- */

typedef enum { J_INT, J_STR, J_BOOL, J_OBJ, J_ARR } JType;

static void need(json_t *j, const char *key, JType t)
{
  json_t *v = json_object_get(j, key);
  if (!v) fail_msg("%s: missing \"%s\"", ev_of(j), key);
  bool ok = t == J_INT    ? json_is_integer(v)
            : t == J_STR  ? json_is_string(v)
            : t == J_BOOL ? json_is_boolean(v)
            : t == J_OBJ  ? json_is_object(v)
                          : json_is_array(v);
  if (!ok) fail_msg("%s: \"%s\" has the wrong type", ev_of(j), key);
}

/* Keys every event has; obj_state says whether it names an object. */
static void need_common(json_t *j, bool object)
{
  need(j, "ev", J_STR);
  need(j, "seq", J_INT);
  need(j, "step", J_INT);
  need(j, "t", J_INT);
  need(j, "g", J_INT);
  need(j, "pos", J_STR);
  if (object) {
    need(j, "obj", J_INT);
    need(j, "kind", J_STR);
    need(j, "state", J_OBJ);
  }
}

static void need_chan_state(json_t *st)
{
  need(st, "len", J_INT);
  need(st, "cap", J_INT);
  need(st, "closed", J_BOOL);
  need(st, "buf", J_ARR);
  need(st, "sendq", J_ARR);
  need(st, "recvq", J_ARR);
}

static const char *const chan_prog =
    "package main\n"
    "\n"
    "import \"fmt\"\n"
    "\n"
    "func main() {\n"
    "\tch := make(chan string, 2)\n"
    "\tdone := make(chan bool)\n"
    "\tgo func() {\n"
    "\t\tfor v := range ch {\n"
    "\t\t\tfmt.Println(v)\n"
    "\t\t}\n"
    "\t\tdone <- true\n"
    "\t}()\n"
    "\tch <- \"a\"\n"
    "\tch <- \"b\\\"q\"\n"
    "\tch <- \"c\"\n"
    "\tclose(ch)\n"
    "\t<-done\n"
    "\tselect {\n"
    "\tcase <-done:\n"
    "\tcase <-ch:\n"
    "\t}\n"
    "}\n";

static void trace__header_and_exit(void **state)
{
  (void)state;
  Run r;
  run_go(&r, chan_prog, STRAT_GO, 7);
  assert_int_equal(r.status, 0);
  json_t *h = r.lines[0];
  assert_int_equal(json_integer_value(json_object_get(h, "trace")), 1);
  assert_string_equal(json_string_value(json_object_get(h, "strategy")),
                      "go");
  assert_int_equal(json_integer_value(json_object_get(h, "seed")), 7);
  assert_string_equal(json_string_value(json_object_get(h, "token")),
                      "go::7");
  assert_string_equal(json_string_value(json_object_get(h, "file")),
                      "prog.go");
  json_t *last = r.lines[r.nlines - 1];
  assert_string_equal(ev_of(last), "exit");
  need_common(last, false);
  need(last, "status", J_INT);
  need(last, "end", J_STR);
  need(last, "token", J_STR);
  for (int i = 1; i < r.nlines; i++)
    assert_int_equal(json_integer_value(json_object_get(r.lines[i], "seq")),
                     i - 1);
  run_free(&r);
}

static void trace__goroutine_events(void **state)
{
  (void)state;
  Run r;
  run_go(&r, chan_prog, STRAT_GO, 1);
  const char *kinds[] = {"go_create", "go_block", "go_unblock", "go_exit"};
  for (size_t k = 0; k < 4; k++) {
    json_t *e = find(&r, kinds[k]);
    if (!e) fail_msg("no %s event", kinds[k]);
    need_common(e, false);
    need(e, "state", J_OBJ);
    need(json_object_get(e, "state"), "status", J_STR);
  }
  json_t *c = find(&r, "go_create");
  need(c, "by", J_INT);
  need(c, "fn", J_STR);
  json_t *b = find(&r, "go_block");
  need(b, "reason", J_STR);
  need(find(&r, "go_unblock"), "by", J_INT);
  run_free(&r);
}

static void trace__channel_events(void **state)
{
  (void)state;
  Run r;
  run_go(&r, chan_prog, STRAT_GO, 1);
  const char *kinds[] = {"chan_make", "chan_send", "chan_recv", "chan_close"};
  for (size_t k = 0; k < 4; k++) {
    json_t *e = find(&r, kinds[k]);
    if (!e) fail_msg("no %s event", kinds[k]);
    need_common(e, true);
    assert_string_equal(json_string_value(json_object_get(e, "kind")),
                        "chan");
    need_chan_state(json_object_get(e, "state"));
  }
  json_t *mk = find(&r, "chan_make");
  need(mk, "elem", J_STR);
  assert_string_equal(json_string_value(json_object_get(mk, "pos")),
                      "prog.go:6");
  need(find(&r, "chan_send"), "to", J_INT);
  need(find(&r, "chan_recv"), "from", J_INT);
  /* The second send left "a" and b"q in the buffer, escaped by jansson. */
  bool seen = false;
  for (int i = 1; i < r.nlines; i++) {
    json_t *buf = json_object_get(json_object_get(r.lines[i], "state"), "buf");
    if (json_array_size(buf) == 2 &&
        strcmp(json_string_value(json_array_get(buf, 1)), "b\"q") == 0)
      seen = true;
  }
  assert_true(seen);
  run_free(&r);
}

static void trace__select_event(void **state)
{
  (void)state;
  Run r;
  run_go(&r, chan_prog, STRAT_GO, 1);
  json_t *s = find(&r, "select");
  assert_non_null(s);
  need_common(s, false);
  need(s, "cases", J_ARR);
  need(s, "default", J_BOOL);
  need(s, "chosen", J_INT);
  need(s, "blocked", J_BOOL);
  assert_int_equal(json_array_size(json_object_get(s, "cases")), 2);
  run_free(&r);
}

static void trace__panic_and_fatal(void **state)
{
  (void)state;
  Run r;
  run_go(&r,
         "package main\n\nfunc main() {\n\tdefer func() { recover() }()\n"
         "\tpanic(\"boom\")\n}\n",
         STRAT_GO, 1);
  json_t *p = find(&r, "panic");
  assert_non_null(p);
  need_common(p, false);
  assert_string_equal(json_string_value(json_object_get(p, "value")), "boom");
  run_free(&r);
  run_go(&r, "package main\n\nfunc main() {\n\tch := make(chan int)\n"
             "\t<-ch\n}\n",
         STRAT_GO, 1);
  assert_int_equal(r.status, 2);
  json_t *f = find(&r, "fatal");
  assert_non_null(f);
  need_common(f, false);
  assert_string_equal(json_string_value(json_object_get(f, "msg")),
                      "fatal error: all goroutines are asleep - deadlock!");
  json_t *x = r.lines[r.nlines - 1];
  assert_string_equal(ev_of(x), "exit");
  assert_string_equal(json_string_value(json_object_get(x, "end")),
                      "deadlock");
  assert_int_equal(json_integer_value(json_object_get(x, "status")), 2);
  run_free(&r);
}

/* The hooks other modules call, raised on a live VM. */
static void trace__sync_hooks(void **state)
{
  (void)state;
  Run r;
  run_start(&r, "package main\n\nfunc main() {}\n", STRAT_GO, 1, NULL, 0);
  int wg, mu, rw, once, tm, ctx, parent, m, mem;
  Trace *t = r.trace;
  trace_name_object(t, &wg, "wg");
  trace_wg(t, TEV_WG_ADD, NULL, &wg, 2, 2, 0);
  trace_wg(t, TEV_WG_WAIT, NULL, &wg, 0, 2, 1);
  trace_wg(t, TEV_WG_DONE, NULL, &wg, -1, 1, 1);
  TraceLock ls = {.locked = true, .waiting_writers = 1};
  trace_lock(t, TEV_MUTEX_LOCK, NULL, &mu, &ls);
  ls.locked = false;
  trace_lock(t, TEV_MUTEX_UNLOCK, NULL, &mu, &ls);
  TraceLock rs = {.readers = 2, .writer_waiting = true, .waiting_readers = 1};
  trace_lock(t, TEV_RW_RLOCK, NULL, &rw, &rs);
  trace_lock(t, TEV_RW_RUNLOCK, NULL, &rw, &rs);
  trace_lock(t, TEV_RW_LOCK, NULL, &rw, &ls);
  trace_lock(t, TEV_RW_UNLOCK, NULL, &rw, &ls);
  trace_once(t, NULL, &once, true, false);
  trace_timer(t, TEV_TIMER_START, NULL, &tm, SCHED_EPOCH_NS + 5, true);
  trace_timer(t, TEV_TIMER_FIRE, NULL, &tm, SCHED_EPOCH_NS + 5, false);
  trace_timer(t, TEV_TIMER_STOP, NULL, &tm, SCHED_EPOCH_NS + 5, false);
  trace_ctx_cancel(t, NULL, &ctx, &parent, "context canceled");
  trace_map_write(t, NULL, &m, true, 3);
  trace_map_write(t, NULL, &m, false, 4);
  trace_race(t, NULL, &mem, "write", 6, "read");
  r.status = vm_run(r.vm);
  parse_lines(&r);
  struct { const char *ev; const char *key; JType type; } want[] = {
      {"wg_add", "counter", J_INT},          {"wg_done", "waiters", J_INT},
      {"wg_wait", "waiters", J_INT},         {"mutex_lock", "holder", J_INT},
      {"mutex_unlock", "locked", J_BOOL},    {"rw_rlock", "readers", J_INT},
      {"rw_runlock", "writer_waiting", J_BOOL},
      {"rw_lock", "waiting_readers", J_INT}, {"rw_unlock", "locked", J_BOOL},
      {"once_do", "done", J_BOOL},           {"timer_start", "when", J_INT},
      {"timer_fire", "active", J_BOOL},      {"timer_stop", "active", J_BOOL},
      {"ctx_cancel", "err", J_STR},          {"map_write_begin", "writing", J_BOOL},
      {"map_write_end", "len", J_INT},
  };
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    json_t *e = find(&r, want[i].ev);
    if (!e) fail_msg("no %s event", want[i].ev);
    need_common(e, true);
    need(json_object_get(e, "state"), want[i].key, want[i].type);
  }
  assert_string_equal(
      json_string_value(json_object_get(find(&r, "wg_add"), "name")), "wg");
  json_t *race = find(&r, "race");
  need_common(race, false);
  need(race, "other", J_INT);
  run_free(&r);
}

/* Every event kind of the list is documented in docs/trace.md. */
static void trace__documented(void **state)
{
  (void)state;
  FILE *f = fopen("docs/trace.md", "r");
  if (!f) skip(); /* run from another directory */
  Buf doc = BUF_INIT;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&doc, chunk, n);
  fclose(f);
  for (int ev = 0; ev < TRACE_NEVENTS; ev++) {
    char key[64];
    snprintf(key, sizeof key, "{\"ev\":\"%s\"", trace_event_name(ev));
    if (!strstr(buf_cstr(&doc), key))
      fail_msg("docs/trace.md has no example line for %s",
               trace_event_name(ev));
  }
  buf_fini(&doc);
}

/* --- the reducer ------------------------------------------------------------- */

/* A viewer's model: the last state seen per object id and per goroutine,
 * built by applying the events in order. */
typedef struct Model {
  json_t *objs;  /* id (as a string) -> state */
  json_t *gs;    /* goroutine id -> status */
} Model;

static void apply(Model *m, json_t *e)
{
  char key[32];
  json_t *st = json_object_get(e, "state");
  const char *ev = ev_of(e);
  if (strncmp(ev, "go_", 3) == 0) {
    snprintf(key, sizeof key, "%lld",
             (long long)json_integer_value(json_object_get(e, "g")));
    json_object_set(m->gs, key, json_object_get(st, "status"));
    json_t *os = json_object_get(e, "obj_state");
    if (!os) return;
    st = os;
  }
  json_t *obj = json_object_get(e, "obj");
  if (!obj || !st) return;
  snprintf(key, sizeof key, "%lld", (long long)json_integer_value(obj));
  json_t *rec = json_pack("{s:O,s:O}", "kind", json_object_get(e, "kind"),
                          "state", st);
  json_object_set_new(m->objs, key, json_deep_copy(rec));
  json_decref(rec);
}

static void check_ids(json_t *arr, const ChanObj *c, bool senders)
{
  int64_t ids[64];
  int64_t n = chan_waiters(c, senders, ids, 64);
  assert_int_equal(json_array_size(arr), n);
  for (int64_t i = 0; i < n; i++)
    assert_int_equal(json_integer_value(json_array_get(arr, (size_t)i)),
                     ids[i]);
}

static void check_chan(json_t *st, const ChanObj *c)
{
  assert_int_equal(json_integer_value(json_object_get(st, "len")),
                   chan_len(c));
  assert_int_equal(json_integer_value(json_object_get(st, "cap")),
                   chan_cap(c));
  assert_int_equal(json_is_true(json_object_get(st, "closed")),
                   chan_closed(c));
  assert_int_equal(json_array_size(json_object_get(st, "buf")), chan_len(c));
  check_ids(json_object_get(st, "sendq"), c, true);
  check_ids(json_object_get(st, "recvq"), c, false);
}

/* The sync primitives as engine/prelude/sync.go lays them out. */
enum { MU_STATE, MU_SEMA };
enum { RW_W, RW_WSEM, RW_RSEM, RW_COUNT, RW_WAIT };
enum { WG_COUNTER, WG_WAITERS, WG_SEMA };

static int64_t jint(json_t *st, const char *k)
{
  json_t *v = json_object_get(st, k);
  if (!v) fail_msg("state lacks %s", k);
  return json_is_boolean(v) ? json_is_true(v) : json_integer_value(v);
}

static void check_sync(Sched *s, const char *kind, json_t *st,
                       const AggObj *o)
{
  if (strcmp(kind, "waitgroup") == 0) {
    assert_int_equal(jint(st, "counter"), (int32_t)o->v[WG_COUNTER].as.i);
    assert_int_equal(jint(st, "waiters"), (uint32_t)o->v[WG_WAITERS].as.u);
  } else if (strcmp(kind, "mutex") == 0) {
    assert_int_equal(jint(st, "locked"), o->v[MU_STATE].as.i & 1);
    assert_int_equal(jint(st, "waiting_writers"),
                     sched_sema_waiters(s, &o->v[MU_SEMA]));
  } else {
    int32_t r = (int32_t)o->v[RW_COUNT].as.i;
    int32_t w = (int32_t)o->v[RW_WAIT].as.i;
    const AggObj *mu = o->v[RW_W].as.p;
    assert_int_equal(jint(st, "readers"), r >= 0 ? r : w);
    assert_int_equal(jint(st, "writer_waiting"), r < 0 && w > 0);
    assert_int_equal(jint(st, "locked"), r < 0 && w == 0);
    assert_int_equal(jint(st, "waiting_readers"),
                     sched_sema_waiters(s, &o->v[RW_RSEM]));
    assert_int_equal(jint(st, "waiting_writers"),
                     sched_sema_waiters(s, &o->v[RW_WSEM]) +
                         sched_sema_waiters(s, &mu->v[MU_SEMA]));
  }
}

/* Ends in a deadlock with every primitive mid-use. */
static const char *const sync_prog =
    "package main\n"
    "\n"
    "import \"sync\"\n"
    "\n"
    "func main() {\n"
    "\tvar wg sync.WaitGroup\n"
    "\tvar mu sync.Mutex\n"
    "\tvar rw sync.RWMutex\n"
    "\tblock := make(chan int, 1)\n"
    "\twg.Add(2)\n"
    "\tgo func() { mu.Lock(); rw.RLock(); block <- 1; block <- 2 }()\n"
    "\tgo func() { mu.Lock() }()\n"
    "\tgo func() { rw.Lock() }()\n"
    "\tgo func() { rw.RLock() }()\n"
    "\tgo func() { wg.Done() }()\n"
    "\twg.Wait()\n"
    "}\n";

/* Blocked senders, receivers and buffered values are left at the end. */
static const char *const leaky_prog =
    "package main\n"
    "\n"
    "func main() {\n"
    "\tbuf := make(chan int, 3)\n"
    "\tun := make(chan int)\n"
    "\tout := make(chan int)\n"
    "\tfor i := 0; i < 3; i++ {\n"
    "\t\tgo func(i int) { buf <- i; un <- i }(i)\n"
    "\t}\n"
    "\tgo func() { <-out }()\n"
    "\tgo func() { <-out }()\n"
    "\t<-un\n"
    "\tclose(make(chan bool))\n"
    "}\n";

static void reduce_and_compare(const char *src, Strategy st, uint64_t seed,
                               int want_objs)
{
  Run r;
  run_go(&r, src, st, seed);
  Model m = {json_object(), json_object()};
  for (int i = 1; i < r.nlines; i++) apply(&m, r.lines[i]);
  const char *key;
  json_t *val;
  int nobjs = 0;
  json_object_foreach(m.objs, key, val) {
    const void *o = trace_object_ptr(r.trace, strtoll(key, NULL, 10));
    const char *kind = json_string_value(json_object_get(val, "kind"));
    json_t *state = json_object_get(val, "state");
    assert_non_null(o);
    if (strcmp(kind, "chan") == 0)
      check_chan(state, o);
    else
      check_sync(vm_sched(r.vm), kind, state, o);
    nobjs++;
  }
  assert_int_equal(nobjs, want_objs);
  static const char *const names[] = {"runnable", "running", "waiting",
                                      "dead"};
  for (Goroutine *g = sched_all(vm_sched(r.vm)); g; g = g->alllink) {
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)g->id);
    if (g->status == G_RUNNING) continue; /* no event says "running" */
    json_t *s = json_object_get(m.gs, id);
    assert_non_null(s);
    assert_string_equal(json_string_value(s), names[g->status]);
  }
  json_decref(m.objs);
  json_decref(m.gs);
  run_free(&r);
}

static void trace__reducer_matches_engine(void **state)
{
  (void)state;
  reduce_and_compare(leaky_prog, STRAT_GO, 1, 4);
  reduce_and_compare(sync_prog, STRAT_GO, 1, 4);
  for (uint64_t seed = 1; seed <= 8; seed++) {
    reduce_and_compare(leaky_prog, STRAT_RANDOM, seed, 4);
    reduce_and_compare(leaky_prog, STRAT_PCT, seed, 4);
    reduce_and_compare(sync_prog, STRAT_RANDOM, seed, 4);
    reduce_and_compare(sync_prog, STRAT_PCT, seed, 4);
  }
}

/* --- replay ------------------------------------------------------------------- */

/* Seed by seed, the exploring strategies interleave differently; a run
 * replayed from its recorded choices under another seed is the same run,
 * trace line for trace line (the header names the seed and differs). */
static const char *const racy_prog =
    "package main\n"
    "\n"
    "import \"fmt\"\n"
    "\n"
    "func main() {\n"
    "\tch := make(chan int, 4)\n"
    "\tdone := make(chan bool)\n"
    "\tfor i := 0; i < 3; i++ {\n"
    "\t\tgo func(i int) {\n"
    "\t\t\tfor j := 0; j < 3; j++ {\n"
    "\t\t\t\tch <- i*10 + j\n"
    "\t\t\t}\n"
    "\t\t\tdone <- true\n"
    "\t\t}(i)\n"
    "\t}\n"
    "\tm := map[int]int{1: 1, 2: 2, 3: 3}\n"
    "\tfor k := range m {\n"
    "\t\tfmt.Print(k)\n"
    "\t}\n"
    "\tfor n := 0; n < 3; {\n"
    "\t\tselect {\n"
    "\t\tcase v := <-ch:\n"
    "\t\t\tfmt.Print(\" \", v)\n"
    "\t\tcase <-done:\n"
    "\t\t\tn++\n"
    "\t\t}\n"
    "\t}\n"
    "\tfmt.Println()\n"
    "}\n";

static char *dump_events(const Run *r)
{
  Buf b = BUF_INIT;
  for (int i = 1; i < r->nlines; i++) {
    json_t *copy = json_deep_copy(r->lines[i]);
    json_object_del(copy, "token"); /* the exit line names the seed */
    char *s = json_dumps(copy, JSON_COMPACT);
    buf_puts(&b, s);
    buf_putc(&b, '\n');
    free(s);
    json_decref(copy);
  }
  return buf_steal(&b);
}

static void replay_strategy(Strategy st)
{
  Run a, b, c;
  run_go(&a, racy_prog, st, 11);
  run_start(&b, racy_prog, st, 999, (const uint8_t *)a.record.data,
            a.record.len);
  b.status = vm_run(b.vm);
  parse_lines(&b);
  assert_null(sched_replay_error(vm_sched(b.vm)));
  char *ea = dump_events(&a), *eb = dump_events(&b);
  assert_string_equal(ea, eb);
  assert_string_equal(buf_cstr(&a.out), buf_cstr(&b.out));
  assert_memory_equal(a.record.data, b.record.data, a.record.len);
  /* Without the list, seed 999 goes its own way. */
  run_go(&c, racy_prog, st, 999);
  char *ec = dump_events(&c);
  assert_string_not_equal(ea, ec);
  free(ea);
  free(eb);
  free(ec);
  run_free(&a);
  run_free(&b);
  run_free(&c);
}

static void trace__replay_is_exact(void **state)
{
  (void)state;
  replay_strategy(STRAT_RANDOM);
  replay_strategy(STRAT_PCT);
}

static void trace__replay_divergence(void **state)
{
  (void)state;
  Run a, b;
  run_go(&a, racy_prog, STRAT_RANDOM, 3);
  /* The same choices fed to a different program diverge, and say so. */
  run_start(&b, chan_prog, STRAT_RANDOM, 3, (const uint8_t *)a.record.data,
            a.record.len);
  b.status = vm_run(b.vm);
  parse_lines(&b);
  const char *err = sched_replay_error(vm_sched(b.vm));
  assert_non_null(err);
  assert_non_null(strstr(err, "replay diverged at choice"));
  json_t *x = b.lines[b.nlines - 1];
  assert_string_equal(json_string_value(json_object_get(x, "replay_error")),
                      err);
  run_free(&a);
  run_free(&b);
}

/* Tracing changes nothing the program does. */
static void trace__off_and_on_alike(void **state)
{
  (void)state;
  for (Strategy st = STRAT_GO; st <= STRAT_PCT; st++) {
    Run a;
    run_go(&a, racy_prog, st, 5);
    Run b;
    memset(&b, 0, sizeof b);
    b.prog = compile(&b, racy_prog);
    VMOptions o = {.seed = 5, .strategy = st, .write = capture,
                   .write_ctx = &b.out};
    VM *vm = vm_new(b.prog, &o);
    vm_run(vm);
    assert_string_equal(buf_cstr(&a.out), buf_cstr(&b.out));
    vm_free(vm);
    program_free(b.prog);
    buf_fini(&b.out);
    run_free(&a);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(trace__header_and_exit),
      cmocka_unit_test(trace__goroutine_events),
      cmocka_unit_test(trace__channel_events),
      cmocka_unit_test(trace__select_event),
      cmocka_unit_test(trace__panic_and_fatal),
      cmocka_unit_test(trace__sync_hooks),
      cmocka_unit_test(trace__documented),
      cmocka_unit_test(trace__reducer_matches_engine),
      cmocka_unit_test(trace__replay_is_exact),
      cmocka_unit_test(trace__replay_divergence),
      cmocka_unit_test(trace__off_and_on_alike),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
