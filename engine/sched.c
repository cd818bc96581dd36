/* sched.c - the deterministic scheduler, the virtual clock, timers and the
 * per-address semaphore queues (sched.h).
 *
 * Big decision: one seeded generator (xoshiro256**, seeded through
 * splitmix64) makes every choice, and time is a counter the VM advances, so
 * a run is a pure function of (program, seed, strategy).  The real clock
 * and /dev/urandom are never read.
 *
 * The run queue is a ring of goroutine pointers rather than a list through
 * schedlink: STRAT_GO pops its head, STRAT_RANDOM takes any element in
 * O(1) by swapping it with the head (order is meaningless there).
 * schedlink is left to the wait queues (the semaphore table below).
 *
 * Timers are a binary min-heap ordered by (when, sequence number), so two
 * timers due at the same virtual instant fire in creation order on every
 * run.  A timer either wakes a sleeping goroutine or calls a TimerFn. */
#include "engine/sched.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

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

uint64_t sched_rand(Sched *s)
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
  return s;
}

/* Goroutines belong to the VM and are not freed here. */
void sched_free(Sched *s)
{
  if (!s) return;
  free(s->q);
  free(s->timers);
  free(s->semas);
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

void sched_add(Sched *s, Goroutine *g, bool is_main)
{
  g->id = is_main ? 1 : s->next_id++;
  g->alllink = NULL;
  g->schedlink = NULL;
  memset(&g->park, 0, sizeof g->park);
  if (s->all_tail)
    s->all_tail->alllink = g;
  else
    s->all = g;
  s->all_tail = g;
  s->live++;
  make_runnable(s, g);
}

void sched_ready(Sched *s, Goroutine *g)
{
  assert(g->status == G_WAITING);
  g->park.woken = true;
  g->wait_reason = NULL;
  make_runnable(s, g);
}

void sched_park(Sched *s, Goroutine *g, const char *reason)
{
  g->status = G_WAITING;
  g->wait_reason = reason;
  g->park.woken = false;
  g->waiting_since = s->now;
  if (s->current == g) s->current = NULL;
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
  if (g->status != G_DEAD) s->live--;
  g->status = G_DEAD;
  if (s->current == g) s->current = NULL;
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
  g->wake_at = ns > INT64_MAX - s->now ? INT64_MAX : s->now + ns;
  timer_push(s, (Timer){.when = g->wake_at, .g = g});
  sched_park(s, g, "sleep");
}

void sched_tick(Sched *s, int64_t steps) { s->now += steps * SCHED_NS_PER_STEP; }

int64_t sched_now(const Sched *s) { return s->now; }

/* --- picking ------------------------------------------------------------- */

static bool has_runnable(const Sched *s) { return s->runnext || s->qlen > 0; }

/* Uniform choice among the runnable: swap the chosen one to the head. */
static Goroutine *pick_random(Sched *s)
{
  if (s->qlen == 0) return NULL;
  size_t k = (size_t)(sched_rand(s) % s->qlen);
  size_t a = s->qhead, b = (s->qhead + k) % s->qcap;
  Goroutine *t = s->q[a];
  s->q[a] = s->q[b];
  s->q[b] = t;
  return runq_pop(s);
}

/* Timers are checked here, as Go's schedule() calls checkTimers. */
Goroutine *sched_pick(Sched *s)
{
  fire_due(s);
  Goroutine *g = NULL;
  if (s->strategy == STRAT_GO) {
    g = s->runnext;
    s->runnext = NULL;
    if (!g) g = runq_pop(s);
  } else {
    /* STRAT_PCT behaves like STRAT_RANDOM for now: Engine II adds PCT's
     * priorities and change points. */
    g = pick_random(s);
  }
  if (!g) return NULL;
  g->status = G_RUNNING;
  s->current = g;
  return g;
}

int64_t sched_quantum(Sched *s, Goroutine *g)
{
  (void)g;
  if (s->strategy == STRAT_GO) return SCHED_GO_QUANTUM;
  int shift = (int)(sched_rand(s) % (SCHED_RANDOM_MAX_SHIFT + 1));
  return 1 + (int64_t)(sched_rand(s) % (UINT64_C(1) << shift));
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
