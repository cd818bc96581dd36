/* sched.c - the deterministic scheduler, the chooser, replay tokens, the
 * virtual clock, timers and the per-address semaphore queues (sched.h).
 *
 * Big decision: one seeded generator (xoshiro256**, seeded through
 * splitmix64) feeds one funnel, choose(), through which every
 * nondeterministic choice passes - so recording a run, or following a
 * recorded run, is done in exactly one place - and time is a counter the
 * VM advances, so a run is a pure function of (program, seed, strategy).
 * The real clock and /dev/urandom are never read.
 *
 * The run queue is a ring of goroutine pointers rather than a list through
 * schedlink: STRAT_GO pops its head, STRAT_RANDOM and STRAT_PCT take any
 * element by swapping it with the head (their order is a choice index).
 * schedlink is left to the wait queues (the semaphore table below).
 *
 * Timers are a binary min-heap ordered by (when, sequence number), so two
 * timers due at the same virtual instant fire in creation order on every
 * run.  A timer either wakes a sleeping goroutine or calls a TimerFn. */
#include "engine/sched.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/trace.h"
#include "engine/vm.h"

/* Go preempts a goroutine that has run for 10ms (sysmon's forcePreemptNS).
 * Compiled Go does roughly one of our instructions per nanosecond, but
 * the interpreter is some 30x slower; 1,000,000 instructions keep the
 * switches about as frequent in wall time as the learner sees with real
 * Go, while ordinary goroutines still run until they block, as they do
 * there. */
#define SCHED_GO_QUANTUM INT64_C(1000000)
/* STRAT_RANDOM preempts after 1..2^SCHED_RANDOM_MAX_SHIFT instructions,
 * log-uniformly: short slices expose races between two statements, long
 * ones let loops make progress. */
#define SCHED_RANDOM_MAX_SHIFT 10
/* Go 1.19's runtime owns goroutines 2-4 (forcegc, bgsweep, bgscavenge). */
#define SCHED_FIRST_USER_ID 5
/* sched_rand's range: 30 bits keep a recorded one to 5 varint bytes and
 * still spread a map iteration's start over any map that fits in memory. */
#define SCHED_RAND_BITS 30
/* PCT's initial priorities are d + a random 40-bit number: distinct with
 * overwhelming probability (ties go to the older goroutine), and far
 * above the change-point priorities 1..d-1. */
#define SCHED_PCT_PRIO_BITS 40
/* More change points than this are no use: bugs of depth > 16 are out of
 * reach of any run count a learner waits for. */
#define SCHED_PCT_MAX_DEPTH 16

typedef struct Timer {
  int64_t when;
  int64_t seq; /* tie-break and the id returned to callers */
  TimerFn fire;
  void *arg;
  Goroutine *g; /* non-NULL: a sleep; ready g instead of calling fire */
} Timer;

/* One address's waiters, linked through schedlink (FIFO). */
typedef struct SemaEntry {
  const void *addr; /* NULL: free slot */
  Goroutine *head, *tail;
} SemaEntry;

struct Sched {
  struct VM *vm;
  Strategy strategy;
  uint64_t seed;
  uint64_t rng[4];
  Goroutine **q; /* run queue ring */
  size_t qhead, qlen, qcap;
  Goroutine *runnext;
  Goroutine *all, *all_tail;
  int64_t next_id;
  int live;
  Goroutine *current;
  int64_t now;
  Timer *timers; /* min-heap */
  size_t ntimers, timers_cap;
  int64_t timer_seq;
  SemaEntry *semas; /* open addressing, power-of-two size */
  size_t nsemas, semas_cap;
  /* choices */
  int64_t nchoices, points;
  const uint8_t *replay; /* borrowed; NULL when not (or no longer) used */
  size_t nreplay, replay_pos;
  char *replay_err;
  Buf *record;           /* borrowed */
  SchedChooseHook hook;  /* VMOptions.choose_hook, or NULL */
  void *hook_ctx;
  /* PCT */
  int pct_depth;
  int64_t pct_steps;
  bool pct_ready;
  int64_t change_at[SCHED_PCT_MAX_DEPTH]; /* step of change point i+1 */
  Goroutine *last;       /* ran last: the one a change point demotes */
  struct Trace *trace;   /* borrowed */
  /* STRAT_GO time slices: a goroutine taken from runnext inherits what is
   * left of the running slice (Go's inheritTime), so two goroutines that
   * keep handing each other the CPU through runnext are preempted when the
   * slice runs out and the run queue gets its turn, as in Go. */
  int64_t slice_left;
  bool from_runnext;
};

/* --- random numbers ------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *x)
{
  uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(Sched *s)
{
  uint64_t *r = s->rng;
  uint64_t result = rotl(r[1] * 5, 7) * 9;
  uint64_t t = r[1] << 17;
  r[2] ^= r[0];
  r[3] ^= r[1];
  r[1] ^= r[2];
  r[0] ^= r[3];
  r[2] ^= t;
  r[3] = rotl(r[3], 45);
  return result;
}

uint64_t sched_seed(const Sched *s) { return s->seed; }
Strategy sched_strategy(const Sched *s) { return s->strategy; }
int64_t sched_nchoices(const Sched *s) { return s->nchoices; }
int64_t sched_points(const Sched *s) { return s->points; }
int sched_pct_depth(const Sched *s) { return s->pct_depth; }
const char *sched_replay_error(const Sched *s) { return s->replay_err; }
void sched_set_trace(Sched *s, struct Trace *t) { s->trace = t; }
struct Trace *sched_trace(const Sched *s) { return s->trace; }

static int uniform(Sched *s, int n) { return (int)(next(s) % (uint64_t)n); }

/* --- the chooser ---------------------------------------------------------- */

static const char *const choice_names[] = {
#define X(id, name) name,
    SCHED_CHOICE_KINDS(X)
#undef X
};

static void put_varint(Buf *b, uint64_t v)
{
  while (v >= 0x80) {
    buf_putc(b, (char)((v & 0x7f) | 0x80));
    v >>= 7;
  }
  buf_putc(b, (char)v);
}

/* -1 when the list ends inside a varint or one overflows 64 bits. */
static int get_varint(const uint8_t *p, size_t n, size_t *pos, uint64_t *out)
{
  uint64_t v = 0;
  for (int shift = 0; *pos < n && shift < 64; shift += 7) {
    uint8_t byte = p[(*pos)++];
    v |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      *out = v;
      return 0;
    }
  }
  return -1;
}

/* Stops following the list, saying why once. */
static void diverge(Sched *s, uint64_t code, int n, ChoiceKind kind, bool bad)
{
  Buf b = BUF_INIT;
  buf_printf(&b, "replay diverged at choice %" PRId64 ": ", s->nchoices + 1);
  if (bad)
    buf_puts(&b, "the recorded list is malformed");
  else
    buf_printf(&b, "recorded %s %" PRIu64 ", but the program offered %s of %d",
               choice_names[code % SCHED_NCHOICE_KINDS],
               code / SCHED_NCHOICE_KINDS, choice_names[kind], n);
  s->replay_err = buf_steal(&b);
  s->replay = NULL;
}

/* The next recorded choice if it fits (kind, value < n), else proposed. */
static int replayed(Sched *s, int n, ChoiceKind kind, int proposed)
{
  uint64_t code;
  if (get_varint(s->replay, s->nreplay, &s->replay_pos, &code)) {
    diverge(s, 0, n, kind, true);
    return proposed;
  }
  if (code % SCHED_NCHOICE_KINDS != (uint64_t)kind ||
      code / SCHED_NCHOICE_KINDS >= (uint64_t)n) {
    diverge(s, code, n, kind, false);
    return proposed;
  }
  return (int)(code / SCHED_NCHOICE_KINDS);
}

/* The run-queue index of the goroutine that ran last, if it is still
 * runnable (the explorer's "no preemption" pick), else -1. */
static int continuing(const Sched *s)
{
  if (!s->last || s->last->status != G_RUNNABLE) return -1;
  for (size_t i = 0; i < s->qlen; i++)
    if (s->q[(s->qhead + i) % s->qcap] == s->last) return (int)i;
  return -1;
}

static int hooked(Sched *s, int n, ChoiceKind kind, int proposed)
{
  int cont = kind == CHOICE_PICK ? continuing(s) : -1;
  int v = s->hook(s->hook_ctx, n, kind, proposed, cont);
  return v >= 0 && v < n ? v : proposed;
}

/* The funnel: proposed is what the strategy chose (already drawn, so the
 * generator stays in step whether or not a list is followed). */
static int choose(Sched *s, int n, ChoiceKind kind, int proposed)
{
  if (n <= 1) return 0;
  int v = proposed;
  if (s->hook)
    v = hooked(s, n, kind, proposed);
  else if (s->replay && s->replay_pos < s->nreplay)
    v = replayed(s, n, kind, proposed);
  s->nchoices++;
  if (s->record)
    put_varint(s->record, (uint64_t)v * SCHED_NCHOICE_KINDS + kind);
  return v;
}

int sched_choose(Sched *s, int n, ChoiceKind kind)
{
  assert(n >= 1);
  if (n == 1) return 0;
  return choose(s, n, kind, uniform(s, n));
}

uint64_t sched_rand(Sched *s)
{
  return (uint64_t)sched_choose(s, 1 << SCHED_RAND_BITS, CHOICE_RAND);
}

void sched_configure(Sched *s, int pct_depth, int64_t pct_steps,
                     const uint8_t *replay, size_t nreplay, Buf *record)
{
  assert(!s->pct_ready && s->live == 0);
  if (pct_depth > SCHED_PCT_MAX_DEPTH) pct_depth = SCHED_PCT_MAX_DEPTH;
  s->pct_depth = pct_depth > 0 ? pct_depth : SCHED_PCT_DEFAULT_DEPTH;
  s->pct_steps = pct_steps > 0 ? pct_steps : SCHED_PCT_DEFAULT_STEPS;
  s->replay = nreplay ? replay : NULL;
  s->nreplay = nreplay;
  s->replay_pos = 0;
  s->record = record;
  const VMOptions *o = s->vm ? vm_options(s->vm) : NULL;
  s->hook = o ? o->choose_hook : NULL;
  s->hook_ctx = o ? o->choose_ctx : NULL;
}

/* --- scheduling points ------------------------------------------------------ */

/* A goroutine inside vm_call_nested (a String method called by fmt) must
 * not yield: the nested loop cannot give the CPU away. */
static bool in_nested_call(const Goroutine *g)
{
  for (int i = g ? g->nframes - 1 : -1; i >= 0; i--)
    if (g->frames[i].flags & FRAME_NESTED) return true;
  return false;
}

bool sched_point(Sched *s, Goroutine *g)
{
  return s->strategy != STRAT_GO && !in_nested_call(g);
}

bool sched_native_point(Sched *s, Goroutine *g, const char *fname)
{
  if (s->strategy == STRAT_GO || !fname) return false;
  bool ours = (strncmp(fname, "sync", 4) == 0 &&
               (fname[4] == '.' || fname[4] == '/')) ||
              strncmp(fname, "time.", 5) == 0 ||
              strncmp(fname, "context.", 8) == 0;
  return ours && !in_nested_call(g);
}

/* --- life cycle ---------------------------------------------------------- */

Sched *sched_new(struct VM *vm, uint64_t seed, Strategy strategy)
{
  Sched *s = xcalloc(1, sizeof *s);
  s->vm = vm;
  s->seed = seed;
  s->strategy = strategy;
  uint64_t x = seed;
  for (int i = 0; i < 4; i++) s->rng[i] = splitmix64(&x);
  s->next_id = SCHED_FIRST_USER_ID;
  s->now = SCHED_EPOCH_NS;
  s->pct_depth = SCHED_PCT_DEFAULT_DEPTH;
  s->pct_steps = SCHED_PCT_DEFAULT_STEPS;
  return s;
}

/* Goroutines belong to the VM and are not freed here. */
void sched_free(Sched *s)
{
  if (!s) return;
  free(s->q);
  free(s->timers);
  free(s->semas);
  free(s->replay_err);
  free(s);
}

void sched_set_next_id(Sched *s, int64_t id) { s->next_id = id; }

/* --- the run queue ------------------------------------------------------- */

static void runq_push(Sched *s, Goroutine *g)
{
  if (s->qlen == s->qcap) {
    size_t ncap = s->qcap ? 2 * s->qcap : 16;
    Goroutine **nq = xmalloc(ncap * sizeof *nq);
    for (size_t i = 0; i < s->qlen; i++)
      nq[i] = s->q[(s->qhead + i) % s->qcap];
    free(s->q);
    s->q = nq;
    s->qcap = ncap;
    s->qhead = 0;
  }
  s->q[(s->qhead + s->qlen) % s->qcap] = g;
  s->qlen++;
}

static Goroutine *runq_pop(Sched *s)
{
  if (s->qlen == 0) return NULL;
  Goroutine *g = s->q[s->qhead];
  s->qhead = (s->qhead + 1) % s->qcap;
  s->qlen--;
  return g;
}

/* Removes g wherever it waits to run (sched_exit of a runnable g). */
static void runq_remove(Sched *s, Goroutine *g)
{
  if (s->runnext == g) {
    s->runnext = NULL;
    return;
  }
  for (size_t i = 0; i < s->qlen; i++) {
    if (s->q[(s->qhead + i) % s->qcap] != g) continue;
    for (size_t j = i; j + 1 < s->qlen; j++)
      s->q[(s->qhead + j) % s->qcap] = s->q[(s->qhead + j + 1) % s->qcap];
    s->qlen--;
    return;
  }
}

/* Go's runqput(p, g, next=true): g takes runnext and the goroutine it
 * displaces goes to the tail.  The random strategies have no runnext. */
static void make_runnable(Sched *s, Goroutine *g)
{
  g->status = G_RUNNABLE;
  if (s->strategy != STRAT_GO) {
    runq_push(s, g);
    return;
  }
  if (s->runnext) runq_push(s, s->runnext);
  s->runnext = g;
}

/* PCT's set-up, at the first goroutine (after sched_configure): change
 * point i+1 is at a uniform step in [1, k]. */
static void pct_start(Sched *s)
{
  s->pct_ready = true;
  for (int i = 0; i + 1 < s->pct_depth; i++)
    s->change_at[i] = 1 + (int64_t)(next(s) % (uint64_t)s->pct_steps);
}

void sched_add(Sched *s, Goroutine *g, bool is_main)
{
  if (!s->pct_ready && s->strategy == STRAT_PCT) pct_start(s);
  g->id = is_main ? 1 : s->next_id++;
  g->alllink = NULL;
  g->allprev = s->all_tail;
  g->schedlink = NULL;
  memset(&g->park, 0, sizeof g->park);
  if (s->strategy == STRAT_PCT)
    g->prio = s->pct_depth + (int64_t)(next(s) >> (64 - SCHED_PCT_PRIO_BITS));
  if (s->all_tail)
    s->all_tail->alllink = g;
  else
    s->all = g;
  s->all_tail = g;
  s->live++;
  if (s->trace) trace_go_create(s->trace, g, s->current);
  make_runnable(s, g);
}

void sched_ready(Sched *s, Goroutine *g)
{
  assert(g->status == G_WAITING);
  g->park.woken = true;
  g->wait_reason = NULL;
  make_runnable(s, g);
  if (s->trace) trace_go_unblock(s->trace, g, s->current);
}

void sched_park(Sched *s, Goroutine *g, const char *reason)
{
  g->status = G_WAITING;
  g->wait_reason = reason;
  g->park.woken = false;
  g->waiting_since = s->now;
  if (s->current == g) s->current = NULL;
  if (s->trace) trace_go_block(s->trace, g);
}

/* Go's Gosched puts g on the global queue, which one P reads only after
 * its local queue: the same as our tail. */
void sched_gosched(Sched *s, Goroutine *g)
{
  g->status = G_RUNNABLE;
  runq_push(s, g);
  if (s->current == g) s->current = NULL;
}

void sched_exit(Sched *s, Goroutine *g)
{
  if (g->status == G_RUNNABLE) runq_remove(s, g);
  bool was_live = g->status != G_DEAD;
  if (was_live) s->live--;
  g->status = G_DEAD;
  if (s->trace && was_live) trace_go_exit(s->trace, g);
  if (s->current == g) s->current = NULL;
  if (s->last == g) s->last = NULL; /* PCT demotes nobody for it */
}

void sched_forget(Sched *s, Goroutine *g)
{
  assert(g->status == G_DEAD);
  if (g->allprev)
    g->allprev->alllink = g->alllink;
  else
    s->all = g->alllink;
  if (g->alllink)
    g->alllink->allprev = g->allprev;
  else
    s->all_tail = g->allprev;
  g->alllink = g->allprev = NULL;
}

/* --- timers -------------------------------------------------------------- */

static bool timer_less(const Timer *a, const Timer *b)
{
  return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void timer_swap(Sched *s, size_t i, size_t j)
{
  Timer t = s->timers[i];
  s->timers[i] = s->timers[j];
  s->timers[j] = t;
}

static void heap_up(Sched *s, size_t i)
{
  while (i > 0 && timer_less(&s->timers[i], &s->timers[(i - 1) / 2])) {
    timer_swap(s, i, (i - 1) / 2);
    i = (i - 1) / 2;
  }
}

static void heap_down(Sched *s, size_t i)
{
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, m = i;
    if (l < s->ntimers && timer_less(&s->timers[l], &s->timers[m])) m = l;
    if (r < s->ntimers && timer_less(&s->timers[r], &s->timers[m])) m = r;
    if (m == i) return;
    timer_swap(s, i, m);
    i = m;
  }
}

static void heap_remove(Sched *s, size_t i)
{
  s->ntimers--;
  if (i == s->ntimers) return;
  s->timers[i] = s->timers[s->ntimers];
  heap_down(s, i);
  heap_up(s, i);
}

static int64_t timer_push(Sched *s, Timer t)
{
  if (s->ntimers == s->timers_cap) {
    s->timers_cap = s->timers_cap ? 2 * s->timers_cap : 16;
    s->timers = xrealloc(s->timers, s->timers_cap * sizeof *s->timers);
  }
  t.seq = ++s->timer_seq;
  s->timers[s->ntimers++] = t;
  heap_up(s, s->ntimers - 1);
  return t.seq;
}

int64_t sched_timer_add(Sched *s, int64_t when, TimerFn fire, void *arg)
{
  return timer_push(s, (Timer){.when = when, .fire = fire, .arg = arg});
}

/* Linear search: programs of the subset have a handful of timers. */
bool sched_timer_del(Sched *s, int64_t id)
{
  for (size_t i = 0; i < s->ntimers; i++) {
    if (s->timers[i].seq != id) continue;
    heap_remove(s, i);
    return true;
  }
  return false;
}

/* Fires every timer due at the current time, earliest first.  A timer is
 * taken off the heap before it fires, so fire may add or delete timers. */
static void fire_due(Sched *s)
{
  while (s->ntimers > 0 && s->timers[0].when <= s->now) {
    Timer t = s->timers[0];
    heap_remove(s, 0);
    if (t.g)
      sched_ready(s, t.g);
    else
      t.fire(s->vm, t.arg);
  }
}

void sched_sleep(Sched *s, Goroutine *g, int64_t ns)
{
  /* Go's when() clamps a far deadline instead of overflowing. */
  int64_t wake_at = ns > INT64_MAX - s->now ? INT64_MAX : s->now + ns;
  g->park.obj = NULL;
  timer_push(s, (Timer){.when = wake_at, .g = g});
  sched_park(s, g, "sleep");
}

void sched_tick(Sched *s, int64_t steps)
{
  s->now += steps * SCHED_NS_PER_STEP;
  s->slice_left -= steps;
}

int64_t sched_now(const Sched *s) { return s->now; }

/* --- picking ------------------------------------------------------------- */

static bool has_runnable(const Sched *s) { return s->runnext || s->qlen > 0; }

/* Takes the k-th runnable: swapped to the head, then popped. */
static Goroutine *take(Sched *s, int k)
{
  size_t a = s->qhead, b = (s->qhead + (size_t)k) % s->qcap;
  Goroutine *t = s->q[a];
  s->q[a] = s->q[b];
  s->q[b] = t;
  return runq_pop(s);
}

/* PCT's rule: the highest priority runs; an older goroutine wins a tie. */
static int pct_best(const Sched *s)
{
  int best = 0;
  for (size_t i = 1; i < s->qlen; i++) {
    const Goroutine *g = s->q[(s->qhead + i) % s->qcap];
    const Goroutine *b = s->q[(s->qhead + (size_t)best) % s->qcap];
    if (g->prio > b->prio || (g->prio == b->prio && g->id < b->id))
      best = (int)i;
  }
  return best;
}

/* This pick is step `points`: a change point demotes whoever ran last. */
static void pct_step(Sched *s)
{
  for (int i = 0; i + 1 < s->pct_depth; i++)
    if (s->change_at[i] == s->points && s->last) s->last->prio = i + 1;
}

static Goroutine *pick_choice(Sched *s)
{
  if (s->qlen == 0) return NULL;
  int n = (int)s->qlen;
  if (s->strategy == STRAT_PCT) {
    pct_step(s);
    return take(s, choose(s, n, CHOICE_PICK, pct_best(s)));
  }
  return take(s, choose(s, n, CHOICE_PICK, uniform(s, n)));
}

/* Timers are checked here, as Go's schedule() calls checkTimers. */
Goroutine *sched_pick(Sched *s)
{
  fire_due(s);
  if (!has_runnable(s)) return NULL;
  s->points++;
  Goroutine *g = NULL;
  if (s->strategy == STRAT_GO) {
    g = s->runnext;
    s->runnext = NULL;
    s->from_runnext = g != NULL;
    if (!g) g = runq_pop(s);
  } else {
    g = pick_choice(s);
  }
  if (!g) return NULL;
  g->status = G_RUNNING;
  s->current = s->last = g;
  return g;
}

int64_t sched_quantum(Sched *s, Goroutine *g)
{
  (void)g;
  if (s->strategy == STRAT_GO) {
    if (!s->from_runnext || s->slice_left <= 0) {
      /* A fresh slice, unless an inherited one just ran out: then the
       * runnext goroutine gets one instruction and is preempted. */
      s->slice_left = s->from_runnext ? 1 : SCHED_GO_QUANTUM;
    }
    return s->slice_left;
  }
  if (s->strategy == STRAT_PCT)
    return 1 + sched_choose(s, SCHED_PCT_SLICE, CHOICE_QUANTUM);
  int shift = sched_choose(s, SCHED_RANDOM_MAX_SHIFT + 1, CHOICE_QUANTUM);
  return 1 + sched_choose(s, 1 << shift, CHOICE_QUANTUM);
}

/* Jumps the clock from timer to timer until something is runnable; with
 * no timer left it is Go's checkdead: every goroutine is asleep. */
IdleResult sched_idle(Sched *s)
{
  while (!has_runnable(s)) {
    if (s->ntimers == 0) return IDLE_DEADLOCK;
    if (s->timers[0].when > s->now) s->now = s->timers[0].when;
    fire_due(s);
  }
  return IDLE_WOKE;
}

/* --- semaphore queues ---------------------------------------------------- */

static size_t addr_hash(const void *addr, size_t cap)
{
  uint64_t x = (uint64_t)(uintptr_t)addr;
  x ^= x >> 33;
  x *= UINT64_C(0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (size_t)x & (cap - 1);
}

static SemaEntry *sema_find(Sched *s, const void *addr, bool create);

static void sema_grow(Sched *s)
{
  SemaEntry *old = s->semas;
  size_t oldcap = s->semas_cap;
  s->semas_cap = oldcap ? 2 * oldcap : 64;
  s->semas = xcalloc(s->semas_cap, sizeof *s->semas);
  s->nsemas = 0;
  for (size_t i = 0; i < oldcap; i++)
    if (old[i].addr) *sema_find(s, old[i].addr, true) = old[i];
  free(old);
}

/* Entries stay when their queue empties: an address waited on once is
 * likely waited on again, and the table only grows with distinct locks. */
static SemaEntry *sema_find(Sched *s, const void *addr, bool create)
{
  if (create && 2 * (s->nsemas + 1) > s->semas_cap) sema_grow(s);
  if (s->semas_cap == 0) return NULL;
  for (size_t i = addr_hash(addr, s->semas_cap);;
       i = (i + 1) & (s->semas_cap - 1)) {
    SemaEntry *e = &s->semas[i];
    if (e->addr == addr) return e;
    if (e->addr) continue;
    if (!create) return NULL;
    e->addr = addr;
    s->nsemas++;
    return e;
  }
}

void sched_sema_enqueue(Sched *s, const void *addr, Goroutine *g, bool lifo)
{
  SemaEntry *e = sema_find(s, addr, true);
  g->schedlink = NULL;
  if (!e->head) {
    e->head = e->tail = g;
  } else if (lifo) {
    g->schedlink = e->head;
    e->head = g;
  } else {
    e->tail->schedlink = g;
    e->tail = g;
  }
}

Goroutine *sched_sema_dequeue(Sched *s, const void *addr)
{
  SemaEntry *e = sema_find(s, addr, false);
  if (!e || !e->head) return NULL;
  Goroutine *g = e->head;
  e->head = g->schedlink;
  if (!e->head) e->tail = NULL;
  g->schedlink = NULL;
  return g;
}

int sched_sema_waiters(Sched *s, const void *addr)
{
  SemaEntry *e = sema_find(s, addr, false);
  int n = 0;
  for (Goroutine *g = e ? e->head : NULL; g; g = g->schedlink) n++;
  return n;
}

/* --- bookkeeping --------------------------------------------------------- */

Goroutine *sched_all(Sched *s) { return s->all; }
int sched_live_count(const Sched *s) { return s->live; }
Goroutine *sched_current(Sched *s) { return s->current; }
void sched_set_current(Sched *s, Goroutine *g) { s->current = g; }

/* --- replay tokens ---------------------------------------------------------- */

static const char *const strategy_names[] = {"go", "random", "pct"};
static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const char *sched_strategy_name(Strategy st)
{
  return (unsigned)st < 3 ? strategy_names[st] : "?";
}

int sched_strategy_parse(const char *name, Strategy *out)
{
  for (int i = 0; name && i < 3; i++)
    if (strcmp(name, strategy_names[i]) == 0) {
      *out = (Strategy)i;
      return 0;
    }
  return -1;
}

/* base64url without padding: 3 bytes -> 4 characters. */
static void b64_encode(const uint8_t *p, size_t n, Buf *out)
{
  for (size_t i = 0; i < n; i += 3) {
    uint32_t w = (uint32_t)p[i] << 16;
    if (i + 1 < n) w |= (uint32_t)p[i + 1] << 8;
    if (i + 2 < n) w |= p[i + 2];
    size_t chars = n - i >= 3 ? 4 : n - i + 1;
    for (size_t c = 0; c < chars; c++)
      buf_putc(out, b64url[(w >> (18 - 6 * c)) & 63]);
  }
}

static int b64_value(char c)
{
  const char *p = c ? strchr(b64url, c) : NULL;
  return p ? (int)(p - b64url) : -1;
}

/* -1 on a character outside the alphabet or a dangling single one. */
static int b64_decode(const char *s, Buf *out)
{
  uint32_t w = 0;
  int bits = 0;
  for (; *s; s++) {
    int v = b64_value(*s);
    if (v < 0) return -1;
    w = (w << 6) | (uint32_t)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      buf_putc(out, (char)((w >> bits) & 0xff));
    }
  }
  return bits >= 6 ? -1 : 0;
}

void sched_token_format(Strategy st, int pct_depth, uint64_t seed,
                        const uint8_t *choices, size_t nchoices, Buf *out)
{
  buf_printf(out, "%s:", sched_strategy_name(st));
  if (pct_depth > 0) buf_printf(out, "%d", pct_depth);
  buf_printf(out, ":%" PRIu64, seed);
  if (choices && nchoices) {
    buf_putc(out, ':');
    b64_encode(choices, nchoices, out);
  }
}

/* A decimal field: digits only, in range. */
static int parse_num(const char *s, size_t n, uint64_t max, uint64_t *out)
{
  uint64_t v = 0;
  if (n == 0 || n > 20) return -1;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    uint64_t d = (uint64_t)(s[i] - '0');
    if (v > (max - d) / 10) return -1;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

static int token_error(Buf *err, const char *token, const char *why)
{
  if (err) buf_printf(err, "bad replay token \"%s\": %s", token, why);
  return -1;
}

int sched_token_parse(const char *token, SchedToken *tok, Buf *err)
{
  memset(tok, 0, sizeof *tok);
  const char *c1 = strchr(token, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
  if (!c2) return token_error(err, token, "want strategy:depth:seed[:choices]");
  char name[16];
  size_t nlen = (size_t)(c1 - token);
  if (nlen >= sizeof name) return token_error(err, token, "unknown strategy");
  memcpy(name, token, nlen);
  name[nlen] = 0;
  if (sched_strategy_parse(name, &tok->strategy))
    return token_error(err, token, "strategy must be go, random or pct");
  uint64_t depth = 0;
  size_t dlen = (size_t)(c2 - c1 - 1);
  if (dlen && parse_num(c1 + 1, dlen, SCHED_PCT_MAX_DEPTH, &depth))
    return token_error(err, token, "depth must be 1..16 or empty");
  tok->pct_depth = (int)depth;
  const char *c3 = strchr(c2 + 1, ':');
  size_t slen = c3 ? (size_t)(c3 - c2 - 1) : strlen(c2 + 1);
  if (parse_num(c2 + 1, slen, UINT64_MAX, &tok->seed))
    return token_error(err, token, "seed must be a decimal integer");
  if (!c3) return 0;
  Buf b = BUF_INIT;
  if (b64_decode(c3 + 1, &b)) {
    buf_fini(&b);
    return token_error(err, token, "choices must be base64url");
  }
  tok->nchoices = b.len;
  tok->choices = b.len ? (uint8_t *)buf_steal(&b) : NULL;
  buf_fini(&b);
  return 0;
}

void sched_token_fini(SchedToken *tok)
{
  free(tok->choices);
  tok->choices = NULL;
  tok->nchoices = 0;
}
