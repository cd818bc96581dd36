/* lessons/guards.c - see guards.h.
 *
 * Every guard is a count over the event list: goroutines created, distinct
 * goroutines per event kind, functions that sleep.  The lists are a few
 * thousand events at most (a lesson program), so plain scans are enough;
 * a distinct-goroutine count sorts a copy of the ids.
 */
#include "lessons/guards.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/mem.h"

/* What the learner's program no longer does, per event kind, to finish
 * "your fix no longer ...". */
static const char *const op_phrase[TRACE_NEVENTS] = {
    [TEV_GO_CREATE] = "starts a goroutine",
    [TEV_GO_BLOCK] = "makes a goroutine wait",
    [TEV_GO_UNBLOCK] = "wakes a waiting goroutine",
    [TEV_GO_EXIT] = "lets a goroutine finish",
    [TEV_CHAN_MAKE] = "makes a channel",
    [TEV_CHAN_SEND] = "sends on a channel",
    [TEV_CHAN_RECV] = "receives from a channel",
    [TEV_CHAN_CLOSE] = "closes a channel",
    [TEV_SELECT] = "runs a select",
    [TEV_WG_ADD] = "calls WaitGroup.Add",
    [TEV_WG_DONE] = "calls WaitGroup.Done",
    [TEV_WG_WAIT] = "calls WaitGroup.Wait",
    [TEV_MUTEX_LOCK] = "locks a Mutex",
    [TEV_MUTEX_UNLOCK] = "unlocks a Mutex",
    [TEV_RW_LOCK] = "takes an RWMutex's write lock",
    [TEV_RW_UNLOCK] = "releases an RWMutex's write lock",
    [TEV_RW_RLOCK] = "takes an RWMutex's read lock",
    [TEV_RW_RUNLOCK] = "releases an RWMutex's read lock",
    [TEV_ONCE_DO] = "calls Once.Do",
    [TEV_TIMER_START] = "starts a timer",
    [TEV_TIMER_FIRE] = "lets a timer fire",
    [TEV_TIMER_STOP] = "stops a timer",
    [TEV_CTX_CANCEL] = "cancels a context",
    [TEV_MAP_WRITE_BEGIN] = "writes to a map",
    [TEV_MAP_WRITE_END] = "writes to a map",
    [TEV_RACE] = "races",
    [TEV_PANIC] = "panics",
    [TEV_FATAL] = "dies of a fatal error",
    [TEV_EXIT] = "exits",
};

static const char *const kind_keys[GUARD_NKINDS] = {"goroutines", "ops",
                                                    "no_sleep_sync"};

const char *guard_kind_key(GuardKind k)
{
  return (unsigned)k < GUARD_NKINDS ? kind_keys[k] : "?";
}

int guard_event_from_name(const char *name, size_t n)
{
  for (int e = 0; e < TRACE_NEVENTS; e++) {
    const char *s = trace_event_name((TraceEv)e);
    if (strlen(s) == n && memcmp(s, name, n) == 0)
      return e;
  }
  return -1;
}

/* --- traces ---------------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
  return s ? xstrdup(s) : NULL;
}

void guard_trace_add(GuardTrace *t, TraceEv ev, int64_t g, const char *fn,
                     const char *reason, const char *pos)
{
  if (t->n == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 64;
    t->ev = xrealloc(t->ev, t->cap * sizeof *t->ev);
  }
  t->ev[t->n++] = (GuardEvent){ev, g, dup_or_null(fn), dup_or_null(reason),
                               dup_or_null(pos)};
}

/* One NDJSON line into t; the header and unknown kinds are skipped. */
static int parse_line(const char *line, size_t n, GuardTrace *t)
{
  json_error_t err;
  json_t *o = json_loadb(line, n, 0, &err);
  const char *ev;
  int kind;

  if (!json_is_object(o)) {
    json_decref(o);
    return -1;
  }
  ev = json_string_value(json_object_get(o, "ev"));
  kind = ev ? guard_event_from_name(ev, strlen(ev)) : -1;
  if (kind >= 0)
    guard_trace_add(t, (TraceEv)kind,
                    (int64_t)json_integer_value(json_object_get(o, "g")),
                    json_string_value(json_object_get(o, "fn")),
                    json_string_value(json_object_get(o, "reason")),
                    json_string_value(json_object_get(o, "pos")));
  json_decref(o);
  return 0;
}

int guard_trace_parse(const char *text, size_t len, GuardTrace *out)
{
  const char *p = text, *end = text + len;

  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = (size_t)((nl ? nl : end) - p);

    if (n && parse_line(p, n, out) < 0)
      return -1;
    p += n + 1;
  }
  return 0;
}

void guard_trace_fini(GuardTrace *t)
{
  for (size_t i = 0; i < t->n; i++) {
    free(t->ev[i].fn);
    free(t->ev[i].reason);
    free(t->ev[i].pos);
  }
  free(t->ev);
  memset(t, 0, sizeof *t);
}

static bool is_sleep(const GuardEvent *e)
{
  return e->ev == TEV_TIMER_START ||
         (e->ev == TEV_GO_BLOCK && e->reason && strcmp(e->reason, "sleep") == 0);
}

bool guard_trace_sleeps(const GuardTrace *t)
{
  for (size_t i = 0; i < t->n; i++)
    if (is_sleep(&t->ev[i]))
      return true;
  return false;
}

/* --- counting -------------------------------------------------------------- */

static bool is_main_create(const GuardEvent *e)
{
  return e->ev == TEV_GO_CREATE && e->fn && strcmp(e->fn, "runtime.main") == 0;
}

static int count_started(const GuardTrace *t)
{
  int n = 0;

  for (size_t i = 0; i < t->n; i++)
    n += t->ev[i].ev == TEV_GO_CREATE && !is_main_create(&t->ev[i]);
  return n;
}

static int cmp_i64(const void *a, const void *b)
{
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* Distinct goroutines with an event of kind ev. */
static int count_actors(const GuardTrace *t, TraceEv ev)
{
  int64_t *ids = xmalloc((t->n + 1) * sizeof *ids);
  size_t k = 0;
  int distinct = 0;

  for (size_t i = 0; i < t->n; i++)
    if (t->ev[i].ev == ev)
      ids[k++] = t->ev[i].g;
  qsort(ids, k, sizeof *ids, cmp_i64);
  for (size_t i = 0; i < k; i++)
    distinct += i == 0 || ids[i] != ids[i - 1];
  free(ids);
  return distinct;
}

/* The function goroutine g runs (its go_create's fn), or NULL. */
static const char *fn_of(const GuardTrace *t, int64_t g)
{
  for (size_t i = 0; i < t->n; i++)
    if (t->ev[i].ev == TEV_GO_CREATE && t->ev[i].g == g)
      return t->ev[i].fn;
  return NULL;
}

static bool fn_sleeps(const GuardTrace *t, const char *fn)
{
  for (size_t i = 0; i < t->n; i++) {
    const char *f;
    if (!is_sleep(&t->ev[i]))
      continue;
    f = fn_of(t, t->ev[i].g);
    if (f && strcmp(f, fn) == 0)
      return true;
  }
  return false;
}

/* --- the guards ------------------------------------------------------------ */

static void set(GuardVerdict *v, bool pass, Buf *msg)
{
  v->checked = true;
  v->pass = pass;
  v->message = buf_steal(msg);
}

static void check_goroutines(int want, const GuardTrace *t, GuardVerdict *v)
{
  Buf m = BUF_INIT;
  int got = count_started(t);

  if (got >= want)
    buf_printf(&m, "starts %d goroutine%s (at least %d needed)", got,
               got == 1 ? "" : "s", want);
  else if (got == 0)
    buf_printf(&m, "your fix no longer starts any goroutine: the exercise "
                   "is about coordinating %d of them, so the work must "
                   "still run concurrently", want);
  else
    buf_printf(&m, "your fix starts %d goroutine%s where the exercise needs "
                   "at least %d: a removed go statement makes the work run "
                   "one piece after another instead of fixing the "
                   "coordination", got, got == 1 ? "" : "s", want);
  set(v, got >= want, &m);
}

static void check_ops(const LessonGuards *g, const GuardTrace *t,
                      GuardVerdict *v)
{
  Buf m = BUF_INIT;

  for (size_t i = 0; i < g->nops; i++) {
    const GuardOp *op = &g->ops[i];
    int got = count_actors(t, op->ev);

    if (got >= op->goroutines)
      continue;
    if (op->goroutines <= 1 || got == 0)
      buf_printf(&m, "your fix no longer %s (no %s event), but the "
                     "exercise is about doing that safely",
                 op_phrase[op->ev], trace_event_name(op->ev));
    else
      buf_printf(&m, "your fix %s from %d goroutine%s only, but the "
                     "exercise is about doing it from at least %d at once",
                 op_phrase[op->ev], got, got == 1 ? "" : "s",
                 op->goroutines);
    set(v, false, &m);
    return;
  }
  buf_puts(&m, "still performs the operations the exercise is about (");
  for (size_t i = 0; i < g->nops; i++)
    buf_printf(&m, "%s%s", i ? ", " : "", trace_event_name(g->ops[i].ev));
  buf_putc(&m, ')');
  set(v, true, &m);
}

/* "main" for the main goroutine: runtime.main is the engine's name. */
static const char *show_fn(const char *fn)
{
  return fn && strcmp(fn, "runtime.main") == 0 ? "main" : fn ? fn : "?";
}

static void check_sleep(const GuardTrace *t, const GuardTrace *ref,
                        GuardVerdict *v)
{
  Buf m = BUF_INIT;

  for (size_t i = 0; i < t->n; i++) {
    const GuardEvent *e = &t->ev[i];
    const char *fn;
    if (!is_sleep(e))
      continue;
    fn = fn_of(t, e->g);
    if (fn && ref && fn_sleeps(ref, fn))
      continue;
    buf_printf(&m, "your fix makes %s %s%s%s, which the reference fix "
                   "does not: a sleep only makes the bad interleaving "
                   "rarer, it does not synchronise the goroutines",
               show_fn(fn),
               e->ev == TEV_TIMER_START ? "wait on a timer"
                                        : "wait with time.Sleep",
               e->pos && *e->pos ? " at " : "", e->pos ? e->pos : "");
    set(v, false, &m);
    return;
  }
  buf_puts(&m, "no sleep or timer stands in for synchronisation");
  set(v, true, &m);
}

void guard_check(const LessonGuards *g, const GuardTrace *learner,
                 const GuardTrace *ref, GuardVerdict out[GUARD_NKINDS])
{
  memset(out, 0, GUARD_NKINDS * sizeof *out);
  if (g->goroutines > 0)
    check_goroutines(g->goroutines, learner, &out[GUARD_GOROUTINES]);
  if (g->nops > 0)
    check_ops(g, learner, &out[GUARD_OPS]);
  if (g->no_sleep_sync)
    check_sleep(learner, ref, &out[GUARD_NO_SLEEP]);
}

void guard_verdict_fini(GuardVerdict v[GUARD_NKINDS])
{
  for (int k = 0; k < GUARD_NKINDS; k++)
    free(v[k].message);
  memset(v, 0, GUARD_NKINDS * sizeof *v);
}

void guard_format(const LessonGuards *g, Buf *out)
{
  const char *sep = "";

  buf_putc(out, '{');
  if (g->goroutines > 0) {
    buf_printf(out, "goroutines: %d", g->goroutines);
    sep = ", ";
  }
  if (g->nops > 0) {
    buf_printf(out, "%sops: [", sep);
    for (size_t i = 0; i < g->nops; i++) {
      const char *name = trace_event_name(g->ops[i].ev);
      if (g->ops[i].goroutines > 1)
        buf_printf(out, "%s{%s: %d}", i ? ", " : "", name,
                   g->ops[i].goroutines);
      else
        buf_printf(out, "%s%s", i ? ", " : "", name);
    }
    buf_putc(out, ']');
    sep = ", ";
  }
  if (g->no_sleep_sync)
    buf_printf(out, "%sno_sleep_sync: true", sep);
  buf_putc(out, '}');
}
