/* race.c - the race detector proper: FastTrack over vector clocks
 * (race.h).
 *
 * Big decision: vector clocks that share.  A program that starts 100,000
 * goroutines and then closes one channel they all wait on makes every one
 * of them acquire main's clock, which by then names all 100,000: plain
 * arrays would cost 10^10 entries.  So a clock is an immutable, reference
 * counted, sorted base (shared between clocks that acquired the same
 * thing) plus a small private sorted delta whose entries win when larger;
 * the delta is folded into a fresh base once it outgrows a quarter of the
 * base.  Joining a clock whose base is ours (or one we already absorbed)
 * only merges deltas.
 *
 * Locations follow FastTrack: the last write as an epoch (thread, clock),
 * the reads as one epoch until two unordered reads need a read set.  Every
 * epoch carries the stack of its access (interned in a depot) because the
 * report prints the earlier access's stack.  Clocks start at 1 so 0 means
 * "no access".  Addresses are only keys: nothing is ever freed during a
 * run (value.h: no GC), so an address is never reused for another
 * variable. */
#include "engine/race.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* Below this many delta entries a clock never folds. */
#define VC_FOLD_MIN 16
/* Shared bases a clock remembers having absorbed: joins from clocks that
 * still sit on one of them (100,000 receivers of one close doing Done on
 * one WaitGroup) then cost only their deltas. */
#define VC_ABSORBED 4

typedef struct VcEnt {
  uint32_t tid, clk;
} VcEnt;

typedef struct VcBase {
  int refs, n;
  VcEnt e[];
} VcBase;

typedef struct VClock {
  VcBase *base;          /* shared; never written while refs > 1 */
  const VcBase *absorbed[VC_ABSORBED]; /* shared bases inside base */
  VcEnt *d;              /* private delta, sorted by tid */
  int nd, capd;
} VClock;

typedef struct Thread {
  VClock c;
  uint32_t clk;          /* c[tid], kept at hand */
  RaceStack created;
} Thread;

typedef struct ReadEnt {
  uint32_t tid, clk;
  RaceStack stack;
} ReadEnt;

typedef struct Shadow {
  const void *addr;      /* NULL: free slot */
  int64_t seq;
  uint32_t wtid, wclk, rtid, rclk;
  RaceStack wstack, rstack;
  ReadEnt *rs;           /* shared reads (FastTrack's read VC), or NULL */
  int nrs, caprs;
} Shadow;

typedef struct SyncVar {
  const void *addr;
  VClock vc;
  int64_t counter[2];
} SyncVar;

/* Open-addressing tables keyed by address. */
typedef struct Table {
  void *slots;
  size_t n, cap, size;   /* size: bytes per slot, key first */
} Table;

typedef struct StackEnt {
  uint32_t off, n;       /* frames[off..off+n) */
  uint64_t hash;
} StackEnt;

struct Race {
  Thread *th;
  int nth, capth;
  Table shadow, syncs;
  int64_t nseq;
  RaceFrame *frames;     /* the depot: all stacks' frames */
  size_t nframes, capframes;
  StackEnt *stacks;      /* id-1 -> entry */
  uint32_t nstacks, capstacks;
  uint32_t *stack_index; /* open addressing over ids, 0 = empty */
  uint32_t stack_icap;
  Table reported;        /* addresses already reported */
  uint64_t *pairs;       /* reported stack pairs, (lo << 32 | hi) */
  size_t npairs, cappairs;
};

/* --- vector clocks -------------------------------------------------------- */

static int ents_find(const VcEnt *e, int n, uint32_t tid) {
  int lo = 0, hi = n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (e[mid].tid < tid)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static uint32_t ents_get(const VcEnt *e, int n, uint32_t tid) {
  int i = ents_find(e, n, tid);
  return i < n && e[i].tid == tid ? e[i].clk : 0;
}

static uint32_t vc_get(const VClock *v, uint32_t tid) {
  uint32_t a = ents_get(v->d, v->nd, tid);
  uint32_t b = v->base ? ents_get(v->base->e, v->base->n, tid) : 0;
  return a > b ? a : b;
}

static void base_unref(const VcBase *b) {
  VcBase *m = (VcBase *)b;
  if (m && --m->refs == 0) free(m);
}

/* a and b merged (max per tid) into a new base of refcount 1. */
static VcBase *base_merge(const VcEnt *a, int na, const VcEnt *b, int nb) {
  VcBase *m = xmalloc(sizeof *m + (size_t)(na + nb) * sizeof(VcEnt));
  int i = 0, j = 0, k = 0;
  while (i < na || j < nb) {
    if (j >= nb || (i < na && a[i].tid < b[j].tid)) {
      m->e[k++] = a[i++];
    } else if (i >= na || b[j].tid < a[i].tid) {
      m->e[k++] = b[j++];
    } else {
      m->e[k] = a[i];
      if (b[j].clk > m->e[k].clk) m->e[k].clk = b[j].clk;
      i++, j++, k++;
    }
  }
  m->refs = 1;
  m->n = k;
  return m;
}

static bool absorbed(const VClock *v, const VcBase *b) {
  for (int i = 0; i < VC_ABSORBED; i++)
    if (v->absorbed[i] == b) return true;
  return false;
}

/* Takes over the reference to b, a base that is now part of v's base:
 * remembered if others share it, else dropped. */
static void absorb(VClock *v, const VcBase *b) {
  if (!b || b->refs == 1 || absorbed(v, b)) {
    base_unref(b);
    return;
  }
  base_unref(v->absorbed[VC_ABSORBED - 1]);
  memmove(&v->absorbed[1], &v->absorbed[0],
          (VC_ABSORBED - 1) * sizeof v->absorbed[0]);
  v->absorbed[0] = b;
}

static void vc_fold(VClock *v) {
  const VcBase *old = v->base;
  VcBase *m = old ? base_merge(old->e, old->n, v->d, v->nd)
                  : base_merge(v->d, v->nd, NULL, 0);
  v->base = m;
  v->nd = 0;
  absorb(v, old);
}

/* c[tid] = max(c[tid], clk). */
static void vc_set(VClock *v, uint32_t tid, uint32_t clk) {
  int i = ents_find(v->d, v->nd, tid);
  if (i < v->nd && v->d[i].tid == tid) {
    if (clk > v->d[i].clk) v->d[i].clk = clk;
    return;
  }
  if (v->base && ents_get(v->base->e, v->base->n, tid) >= clk) return;
  if (v->nd == v->capd) {
    v->capd = v->capd ? 2 * v->capd : 4;
    v->d = xrealloc(v->d, (size_t)v->capd * sizeof *v->d);
  }
  memmove(&v->d[i + 1], &v->d[i], (size_t)(v->nd - i) * sizeof *v->d);
  v->d[i] = (VcEnt){tid, clk};
  v->nd++;
  if (v->nd > VC_FOLD_MIN + (v->base ? v->base->n / 4 : 0)) vc_fold(v);
}

/* dst = dst join src.  A src with a big delta is folded first (its value
 * does not change, only its shape): otherwise every clock that acquires
 * it would copy the delta, and 100,000 receivers of one close would copy
 * main's 25,000-entry delta each. */
static void vc_join(VClock *dst, VClock *src) {
  if (src->nd > VC_FOLD_MIN) vc_fold(src);
  VcBase *sb = src->base;
  if (sb && sb != dst->base && !absorbed(dst, sb)) {
    sb->refs++;
    if (!dst->base) {
      dst->base = sb;
    } else {
      const VcBase *old = dst->base;
      dst->base = base_merge(old->e, old->n, sb->e, sb->n);
      absorb(dst, old);
      absorb(dst, sb);
    }
  }
  for (int i = 0; i < src->nd; i++) vc_set(dst, src->d[i].tid, src->d[i].clk);
}

static void vc_fini(VClock *v) {
  base_unref(v->base);
  for (int i = 0; i < VC_ABSORBED; i++) base_unref(v->absorbed[i]);
  free(v->d);
  memset(v, 0, sizeof *v);
}

/* --- address tables ------------------------------------------------------- */

static size_t addr_hash(const void *addr) {
  uint64_t x = (uint64_t)(uintptr_t)addr;
  x ^= x >> 33;
  x *= UINT64_C(0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (size_t)x;
}

static void *slot_at(const Table *t, size_t i) {
  return (char *)t->slots + i * t->size;
}

static void *table_find(Table *t, const void *addr, bool create);

static void table_grow(Table *t) {
  Table old = *t;
  t->cap = old.cap ? 2 * old.cap : 256;
  t->slots = xcalloc(t->cap, t->size);
  t->n = 0;
  for (size_t i = 0; i < old.cap; i++) {
    const void **k = slot_at(&old, i);
    if (*k) memcpy(table_find(t, *k, true), k, t->size);
  }
  free(old.slots);
}

/* The slot of addr (its key set), or NULL when absent and !create. */
static void *table_find(Table *t, const void *addr, bool create) {
  if (create && 2 * (t->n + 1) > t->cap) table_grow(t);
  if (!t->cap) return NULL;
  for (size_t i = addr_hash(addr) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
    const void **k = slot_at(t, i);
    if (*k == addr) return k;
    if (*k) continue;
    if (!create) return NULL;
    *k = addr;
    t->n++;
    return k;
  }
}

/* --- threads and sync objects --------------------------------------------- */

Race *race_new(void) {
  Race *r = xcalloc(1, sizeof *r);
  r->shadow.size = sizeof(Shadow);
  r->syncs.size = sizeof(SyncVar);
  r->reported.size = sizeof(void *);
  return r;
}

void race_free(Race *r) {
  if (!r) return;
  for (int i = 0; i < r->nth; i++) vc_fini(&r->th[i].c);
  for (size_t i = 0; i < r->shadow.cap; i++)
    free(((Shadow *)slot_at(&r->shadow, i))->rs);
  for (size_t i = 0; i < r->syncs.cap; i++)
    vc_fini(&((SyncVar *)slot_at(&r->syncs, i))->vc);
  free(r->th);
  free(r->shadow.slots);
  free(r->syncs.slots);
  free(r->reported.slots);
  free(r->frames);
  free(r->stacks);
  free(r->stack_index);
  free(r->pairs);
  free(r);
}

static void tick(Thread *t, int tid) {
  t->clk++;
  vc_set(&t->c, (uint32_t)tid, t->clk);
}

int race_thread(Race *r, int parent, RaceStack created) {
  if (r->nth == r->capth) {
    r->capth = r->capth ? 2 * r->capth : 16;
    r->th = xrealloc(r->th, (size_t)r->capth * sizeof *r->th);
  }
  int tid = r->nth++;
  Thread *t = &r->th[tid];
  memset(t, 0, sizeof *t);
  t->created = created;
  if (parent >= 0) {
    Thread *p = &r->th[parent];
    vc_join(&t->c, &p->c);
    tick(p, parent);
  }
  tick(t, tid);
  return tid;
}

RaceStack race_thread_created(const Race *r, int tid) {
  return tid >= 0 && tid < r->nth ? r->th[tid].created : 0;
}

int race_threads(const Race *r) { return r->nth; }

void race_acquire(Race *r, int tid, const void *addr) {
  SyncVar *s = table_find(&r->syncs, addr, false);
  if (s) vc_join(&r->th[tid].c, &s->vc);
}

void race_release(Race *r, int tid, const void *addr) {
  SyncVar *s = table_find(&r->syncs, addr, true);
  vc_join(&s->vc, &r->th[tid].c);
  tick(&r->th[tid], tid);
}

int64_t *race_sync_counter(Race *r, const void *addr, int which) {
  SyncVar *s = table_find(&r->syncs, addr, true);
  return &s->counter[which & 1];
}

/* --- accesses (FastTrack) ------------------------------------------------- */

/* Is the epoch (tid, clk) ordered before thread t's present? */
static bool hb(const Race *r, int t, uint32_t tid, uint32_t clk) {
  if (tid == (uint32_t)t) return true;
  return vc_get(&r->th[t].c, tid) >= clk;
}

static Shadow *shadow_of(Race *r, const void *addr) {
  Shadow *s = table_find(&r->shadow, addr, true);
  if (s->seq == 0) s->seq = ++r->nseq; /* 1-based here, 0-based outside */
  return s;
}

/* The read set is sorted by tid: goroutines are numbered in creation
 * order, so a new reader usually appends. */
static int readset_find(const Shadow *s, uint32_t tid) {
  int lo = 0, hi = s->nrs;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (s->rs[mid].tid < tid)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static void readset_put(Shadow *s, uint32_t tid, uint32_t clk, RaceStack k) {
  int i = readset_find(s, tid);
  if (i < s->nrs && s->rs[i].tid == tid) {
    s->rs[i].clk = clk;
    s->rs[i].stack = k;
    return;
  }
  if (s->nrs == s->caprs) {
    s->caprs = s->caprs ? 2 * s->caprs : 4;
    s->rs = xrealloc(s->rs, (size_t)s->caprs * sizeof *s->rs);
  }
  memmove(&s->rs[i + 1], &s->rs[i], (size_t)(s->nrs - i) * sizeof *s->rs);
  s->rs[i] = (ReadEnt){tid, clk, k};
  s->nrs++;
}

static bool same_read_epoch(const Shadow *s, uint32_t tid, uint32_t clk) {
  if (!s->rs) return s->rtid == tid && s->rclk == clk;
  int i = readset_find(s, tid);
  return i < s->nrs && s->rs[i].tid == tid && s->rs[i].clk == clk;
}

static bool check_read(Race *r, int t, Shadow *s, RaceAccess *prev) {
  if (!s->wclk || hb(r, t, s->wtid, s->wclk)) return false;
  *prev = (RaceAccess){(int)s->wtid, true, s->wstack};
  return true;
}

static void record_read(Race *r, int t, Shadow *s, RaceStack k) {
  uint32_t clk = r->th[t].clk;
  if (s->rs) {
    readset_put(s, (uint32_t)t, clk, k);
  } else if (!s->rclk || hb(r, t, s->rtid, s->rclk)) {
    s->rtid = (uint32_t)t, s->rclk = clk, s->rstack = k;
  } else { /* two unordered reads: FastTrack's read-shared state */
    readset_put(s, s->rtid, s->rclk, s->rstack);
    readset_put(s, (uint32_t)t, clk, k);
  }
}

static bool check_write(Race *r, int t, Shadow *s, RaceAccess *prev) {
  if (s->wclk && !hb(r, t, s->wtid, s->wclk)) {
    *prev = (RaceAccess){(int)s->wtid, true, s->wstack};
    return true;
  }
  if (!s->rs) {
    if (!s->rclk || hb(r, t, s->rtid, s->rclk)) return false;
    *prev = (RaceAccess){(int)s->rtid, false, s->rstack};
    return true;
  }
  for (int i = 0; i < s->nrs; i++)
    if (!hb(r, t, s->rs[i].tid, s->rs[i].clk)) {
      *prev = (RaceAccess){(int)s->rs[i].tid, false, s->rs[i].stack};
      return true;
    }
  return false;
}

bool race_access(Race *r, int tid, const void *addr, bool write,
                 RaceStackFn stack, void *ctx, RaceAccess *prev) {
  Shadow *s = shadow_of(r, addr);
  uint32_t clk = r->th[tid].clk, t = (uint32_t)tid;
  if (write ? s->wtid == t && s->wclk == clk : same_read_epoch(s, t, clk))
    return false; /* same epoch: nothing new to learn or remember */
  bool racy = write ? check_write(r, tid, s, prev)
                    : check_read(r, tid, s, prev);
  RaceStack k = stack ? stack(ctx) : 0; /* interns only: s stays valid */
  if (!write) {
    record_read(r, tid, s, k);
    return racy;
  }
  s->wtid = t, s->wclk = clk, s->wstack = k;
  s->rclk = 0;
  free(s->rs);
  s->rs = NULL;
  s->nrs = s->caprs = 0;
  return racy;
}

int64_t race_addr_seq(const Race *r, const void *addr) {
  Shadow *s = table_find((Table *)&r->shadow, addr, false);
  return s ? s->seq - 1 : -1;
}

/* --- the stack depot ------------------------------------------------------ */

static uint64_t frames_hash(const RaceFrame *f, int n) {
  uint64_t h = UINT64_C(1469598103934665603);
  for (int i = 0; i < n; i++) {
    h = (h ^ (uint64_t)(uintptr_t)f[i].fn) * UINT64_C(1099511628211);
    h = (h ^ f[i].pc) * UINT64_C(1099511628211);
  }
  return h;
}

static void index_insert(Race *r, uint32_t id) {
  uint32_t m = r->stack_icap - 1;
  for (uint32_t i = (uint32_t)r->stacks[id - 1].hash & m;; i = (i + 1) & m)
    if (!r->stack_index[i]) {
      r->stack_index[i] = id;
      return;
    }
}

static void index_grow(Race *r) {
  free(r->stack_index);
  r->stack_icap = r->stack_icap ? 2 * r->stack_icap : 256;
  r->stack_index = xcalloc(r->stack_icap, sizeof *r->stack_index);
  for (uint32_t id = 1; id <= r->nstacks; id++) index_insert(r, id);
}

static bool stack_equal(const Race *r, uint32_t id, const RaceFrame *f,
                        int n, uint64_t h) {
  const StackEnt *e = &r->stacks[id - 1];
  return e->hash == h && e->n == (uint32_t)n &&
         memcmp(&r->frames[e->off], f, (size_t)n * sizeof *f) == 0;
}

static RaceStack stack_add(Race *r, const RaceFrame *f, int n, uint64_t h) {
  if (r->nframes + (size_t)n > r->capframes) {
    r->capframes = 2 * (r->nframes + (size_t)n) + 64;
    r->frames = xrealloc(r->frames, r->capframes * sizeof *r->frames);
  }
  memcpy(&r->frames[r->nframes], f, (size_t)n * sizeof *f);
  if (r->nstacks == r->capstacks) {
    r->capstacks = r->capstacks ? 2 * r->capstacks : 64;
    r->stacks = xrealloc(r->stacks, r->capstacks * sizeof *r->stacks);
  }
  r->stacks[r->nstacks++] = (StackEnt){(uint32_t)r->nframes, (uint32_t)n, h};
  r->nframes += (size_t)n;
  if (2 * (r->nstacks + 1) > r->stack_icap)
    index_grow(r);
  else
    index_insert(r, r->nstacks);
  return r->nstacks;
}

RaceStack race_stack_intern(Race *r, const RaceFrame *f, int n) {
  if (n <= 0) return 0;
  if (n > RACE_MAX_FRAMES) n = RACE_MAX_FRAMES;
  uint64_t h = frames_hash(f, n);
  if (r->stack_icap) {
    uint32_t m = r->stack_icap - 1;
    for (uint32_t i = (uint32_t)h & m; r->stack_index[i]; i = (i + 1) & m)
      if (stack_equal(r, r->stack_index[i], f, n, h))
        return r->stack_index[i];
  }
  return stack_add(r, f, n, h);
}

int race_stack_frames(const Race *r, RaceStack s, const RaceFrame **f) {
  if (s == 0 || s > r->nstacks) {
    *f = NULL;
    return 0;
  }
  *f = &r->frames[r->stacks[s - 1].off];
  return (int)r->stacks[s - 1].n;
}

/* --- deduplication -------------------------------------------------------- */

bool race_first_report(Race *r, const void *addr, RaceStack a, RaceStack b) {
  uint64_t key = a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
  for (size_t i = 0; i < r->npairs; i++)
    if (r->pairs[i] == key) return false;
  if (table_find(&r->reported, addr, false)) return false;
  table_find(&r->reported, addr, true);
  if (r->npairs == r->cappairs) {
    r->cappairs = r->cappairs ? 2 * r->cappairs : 16;
    r->pairs = xrealloc(r->pairs, r->cappairs * sizeof *r->pairs);
  }
  r->pairs[r->npairs++] = key;
  return true;
}
