/* runner/explore.c - see explore.h: the chooser hook that records a run's
 * choice points, the depth-first step to the next prefix, and the batch
 * child's loop and lines.
 *
 * The search keeps no state but the prefix: a run re-creates the choice
 * points before it (the engine is deterministic), and the order in which
 * a point's values are tried (default first, then 0, 1, ... without the
 * default) tells from the value taken which ones are left. */
#include "runner/explore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/os.h"

void explore_init(Explore *ex, int bound)
{
  memset(ex, 0, sizeof *ex);
  ex->bound = bound < 0 ? EXPLORE_DEFAULT_BOUND : bound;
  buf_init(&ex->record);
}

void explore_fini(Explore *ex)
{
  free(ex->prefix);
  free(ex->path);
  free(ex->error);
  buf_fini(&ex->record);
  memset(ex, 0, sizeof *ex);
}

static void push_node(Explore *ex, ExploreNode nd)
{
  if (ex->len == ex->cap) {
    ex->cap = ex->cap ? 2 * ex->cap : 64;
    ex->path = xrealloc(ex->path, ex->cap * sizeof *ex->path);
  }
  ex->path[ex->len++] = nd;
}

static void push_prefix(Explore *ex, int v)
{
  if (ex->nprefix == ex->prefix_cap) {
    ex->prefix_cap = ex->prefix_cap ? 2 * ex->prefix_cap : 64;
    ex->prefix = xrealloc(ex->prefix, ex->prefix_cap * sizeof *ex->prefix);
  }
  ex->prefix[ex->nprefix++] = v;
}

/* The hook (sched.h): fixed values for slices and seeded draws; the
 * prefix, then the default, for picks and select orders. */
static int explore_hook(void *ctx, int n, ChoiceKind kind, int proposed,
                        int cont)
{
  Explore *ex = ctx;
  ExploreNode nd = {.kind = kind, .n = n, .cont = cont >= 0};

  if (kind == CHOICE_QUANTUM) /* shift, then length - 1 (sched.c) */
    return n == EXPLORE_SLICE ? n - 1 : EXPLORE_SLICE_SHIFT;
  if (kind != CHOICE_PICK && kind != CHOICE_SELECT)
    return proposed;
  nd.dflt = cont >= 0 ? cont : 0;
  nd.chosen = nd.dflt;
  if (ex->len < ex->nprefix) {
    nd.chosen = ex->prefix[ex->len];
    if (nd.chosen >= n) {
      ex->diverged = true;
      nd.chosen = nd.dflt;
    }
  }
  push_node(ex, nd);
  return nd.chosen;
}

void explore_begin(Explore *ex, VMOptions *opts)
{
  ex->len = 0;
  ex->diverged = false;
  buf_clear(&ex->record);
  opts->strategy = STRAT_RANDOM;
  opts->seed = 0;
  opts->pct_depth = 0;
  opts->replay = NULL;
  opts->nreplay = 0;
  opts->record = &ex->record;
  opts->choose_hook = explore_hook;
  opts->choose_ctx = ex;
}

/* Whether taking v at nd is a preemption. */
static int cost(const ExploreNode *nd, int v)
{
  return nd->kind == CHOICE_PICK && nd->cont && v != nd->dflt;
}

/* The next untried value at nd, given `before` preemptions ahead of it,
 * or -1.  Every value but the default costs the same, so one over the
 * bound means all are. */
static int next_value(const ExploreNode *nd, int before, int bound)
{
  int v = nd->chosen == nd->dflt ? 0 : nd->chosen + 1;

  if (v == nd->dflt)
    v++;
  if (v >= nd->n || before + cost(nd, v) > bound)
    return -1;
  return v;
}

bool explore_advance(Explore *ex)
{
  int used = 0;

  for (size_t i = 0; i < ex->len; i++)
    used += cost(&ex->path[i], ex->path[i].chosen);
  for (size_t i = ex->len; i-- > 0;) {
    const ExploreNode *nd = &ex->path[i];
    int v;

    used -= cost(nd, nd->chosen);
    if ((v = next_value(nd, used, ex->bound)) < 0)
      continue;
    ex->nprefix = 0;
    for (size_t j = 0; j < i; j++)
      push_prefix(ex, ex->path[j].chosen);
    push_prefix(ex, v);
    return true;
  }
  ex->nprefix = 0;
  return false;
}

int explore_spec(const Explore *ex, ScheduleSpec *spec)
{
  memset(spec, 0, sizeof *spec);
  spec->strategy = STRAT_RANDOM;
  if (ex->record.len > sizeof spec->choices)
    return -1;
  spec->nchoices = ex->record.len;
  if (ex->record.len)
    memcpy(spec->choices, ex->record.data, ex->record.len);
  return 0;
}

/* --- the batch child's lines ----------------------------------------------- */

void explore_put_fail(const Explore *ex, Buf *out)
{
  ScheduleSpec spec;

  (void)explore_spec(ex, &spec);
  buf_puts(out, "explore fail ");
  schedule_format(&spec, out);
  buf_putc(out, '\n');
}

void explore_put_next(const Explore *ex, Buf *out)
{
  if (ex->done) {
    buf_puts(out, "explore done\n");
    return;
  }
  buf_puts(out, "explore next ");
  for (size_t i = 0; i < ex->nprefix; i++)
    buf_printf(out, "%s%d", i ? "," : "", ex->prefix[i]);
  buf_putc(out, '\n');
}

/* "v,v,..." into the prefix. */
static int parse_prefix(Explore *ex, const char *p, const char **why)
{
  ex->nprefix = 0;
  while (*p) {
    char *end;
    long v = strtol(p, &end, 10);

    if (end == p || v < 0 || v > 1 << 30 || (*end && *end != ','))
      return *why = "bad explore prefix", -1;
    push_prefix(ex, (int)v);
    p = *end ? end + 1 : end;
  }
  ex->has_next = true;
  return 1;
}

/* "cannot WHY" / "bug WHY": the search stops, rep says why. */
static int put_error(Explore *ex, const char *p, bool bug)
{
  free(ex->error);
  ex->error = xstrdup(p);
  ex->error_bug = bug;
  return 1;
}

static int parse_ours(Explore *ex, const char *p, const char **why)
{
  if (strcmp(p, "done") == 0) {
    ex->done = true;
    return 1;
  }
  if (strncmp(p, "next ", 5) == 0)
    return parse_prefix(ex, p + 5, why);
  if (strncmp(p, "cannot ", 7) == 0)
    return put_error(ex, p + 7, false);
  if (strncmp(p, "bug ", 4) == 0)
    return put_error(ex, p + 4, true);
  if (strncmp(p, "fail ", 5) != 0) {
    *why = "unknown explore line";
    return -1;
  }
  if (schedule_parse(p + 5, &ex->fail_spec, why) < 0)
    return -1;
  ex->has_fail = true;
  return 1;
}

int explore_line(Explore *ex, const char *line, size_t n, const char **why)
{
  Buf b = BUF_INIT;
  int rc;

  if (n < 8 || memcmp(line, "explore ", 8) != 0)
    return 0;
  buf_append(&b, line + 8, n - 8);
  rc = parse_ours(ex, buf_cstr(&b), why);
  buf_fini(&b);
  return rc;
}

/* --- the batch child ---------------------------------------------------------- */

/* What ends a batch early: a failure, the end of the space, or a schedule
 * the search cannot go on from (its error line). */
static bool schedule_ends(Explore *ex, bool failed, Buf *out)
{
  if (ex->diverged) {
    buf_puts(out, "explore bug a prefix did not fit its run\n");
    return true;
  }
  if (ex->record.len > SCHEDULE_MAX_CHOICES) {
    buf_printf(out, "explore cannot a schedule made more than %d bytes of "
               "choices: the program is too large to explore\n",
               SCHEDULE_MAX_CHOICES);
    return true;
  }
  if (failed) {
    explore_put_fail(ex, out);
    return true;
  }
  if (!explore_advance(ex)) {
    ex->done = true;
    explore_put_next(ex, out);
    return true;
  }
  return false;
}

void explore_batch(Explore *ex, const VMOptions *base, int from, int to,
                   ExploreRunFn run, void *ctx, int fd)
{
  Buf out = BUF_INIT;
  int i;

  for (i = from; i < to; i++) {
    VMOptions opts = *base;

    explore_begin(ex, &opts);
    if (schedule_ends(ex, run(ctx, i, &opts), &out))
      break;
  }
  if (i == to)
    explore_put_next(ex, &out);
  (void)os_write_all(fd, out.data, out.len);
  buf_fini(&out);
}
