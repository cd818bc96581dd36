/* map.c - Go maps (map.h).
 *
 * Main decision: entries live in a dense array in insertion order, each
 * stamped with a sequence number, and an open-addressing index of entry
 * numbers finds them by hash.  Deleting tombstones an entry; the array is
 * compacted (order kept) only when it is full and at least half dead.
 * Range iteration works on sequence numbers, not array positions: it
 * snapshots the range [first, next) at the start, picks a seeded random
 * starting sequence number and walks round once.  So a compaction during a
 * range loop cannot make it visit an entry twice or skip one (it
 * re-finds its place by binary search), entries deleted before they are
 * reached are skipped, and entries added during the loop are not visited,
 * all of which Go allows. */
#include "engine/map.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/trace.h"
#include "engine/types.h"
#include "engine/vm.h"

typedef struct MapEntry {
  Value key, val;
  uint64_t hash;
  int64_t seq;
  bool live;
} MapEntry;

struct MapObj {
  Obj h;
  Type *type, *ktype;
  Heap *heap;        /* for accounting the arrays */
  MapEntry *e;       /* dense, by seq */
  int64_t n, cap;    /* used entries (dead included), allocated */
  int64_t count;     /* live entries */
  int64_t *index;    /* entry numbers, -1 = empty; size icap (power of 2) */
  int64_t icap;
  int64_t next_seq;
  uint64_t seed;
  uint64_t epoch;    /* bumped by each compaction */
  const void *writer; /* hashWriting: the goroutine mid-write, or NULL */
  Trace *trace;      /* the run's event trace (borrowed), or NULL */
};

static void map_finalize(Obj *o) {
  MapObj *m = (MapObj *)o;
  free(m->e);
  free(m->index);
}

static void index_build(MapObj *m, int64_t icap) {
  free(m->index);
  m->icap = icap;
  m->index = xmalloc((size_t)icap * sizeof *m->index);
  memset(m->index, 0xff, (size_t)icap * sizeof *m->index);
  for (int64_t i = 0; i < m->n; i++) {
    if (!m->e[i].live) continue;
    int64_t j = (int64_t)(m->e[i].hash & (uint64_t)(icap - 1));
    while (m->index[j] >= 0) j = (j + 1) & (icap - 1);
    m->index[j] = i;
  }
}

MapObj *map_new(struct VM *vm, struct Type *mt, int64_t hint) {
  Heap *heap = vm_heap(vm);
  MapObj *m = (MapObj *)heap_alloc(heap, OBJ_MAP, sizeof *m);
  m->h.finalize = map_finalize;
  m->type = mt;
  m->ktype = mt ? type_under(mt)->key : NULL;
  m->heap = heap;
  m->trace = vm_trace(vm); /* attached in vm_new, before any map exists */
  m->seed = (uint64_t)(uintptr_t)m * UINT64_C(0x9E3779B97F4A7C15);
  int64_t cap = 8;
  while (hint > 0 && cap < hint && cap < (INT64_C(1) << 40)) cap *= 2;
  m->cap = cap;
  m->e = xcalloc((size_t)cap, sizeof *m->e);
  index_build(m, 2 * cap);
  heap_account(heap, cap * (int64_t)(sizeof *m->e + 2 * sizeof(int64_t)));
  return m;
}

int64_t map_len(const MapObj *m) { return m ? m->count : 0; }
struct Type *map_type(const MapObj *m) { return m ? m->type : NULL; }

/* Entry number of key, or -1; *hash gets its hash. */
static int64_t find(MapObj *m, Value key, uint64_t *hash, Type **bad) {
  Type *b = NULL;
  uint64_t h = val_hash(m->ktype, key, m->seed, &b);
  *hash = h;
  if (b) {
    *bad = b;
    return -1;
  }
  for (int64_t j = (int64_t)(h & (uint64_t)(m->icap - 1));;
       j = (j + 1) & (m->icap - 1)) {
    int64_t i = m->index[j];
    if (i < 0) return -1;
    MapEntry *e = &m->e[i];
    if (e->live && e->hash == h && val_equal(m->ktype, e->key, key, NULL))
      return i;
  }
}

Value *map_find(MapObj *m, Value key, struct Type **bad) {
  if (!m) return NULL; /* the VM checks the key's hashability itself */
  uint64_t h;
  int64_t i = find(m, key, &h, bad);
  return i < 0 ? NULL : &m->e[i].val;
}

/* Drops dead entries, keeping order; bumps the epoch for iterators. */
static void compact(MapObj *m) {
  int64_t w = 0;
  for (int64_t i = 0; i < m->n; i++)
    if (m->e[i].live) m->e[w++] = m->e[i];
  memset(&m->e[w], 0, (size_t)(m->n - w) * sizeof *m->e);
  m->n = w;
  m->epoch++;
}

static void make_room(MapObj *m) {
  if (m->n < m->cap) return;
  if (m->n - m->count >= m->n / 2) {
    compact(m);
    index_build(m, m->icap);
    return;
  }
  heap_account(m->heap, m->cap * (int64_t)(sizeof *m->e + 2 * sizeof(int64_t)));
  m->cap *= 2;
  m->e = xrealloc(m->e, (size_t)m->cap * sizeof *m->e);
  memset(&m->e[m->n], 0, (size_t)(m->cap - m->n) * sizeof *m->e);
  index_build(m, 2 * m->cap);
}

Value *map_set(struct VM *vm, MapObj *m, Value key, Value val,
               struct Type **bad) {
  (void)vm;
  uint64_t h;
  Type *b = NULL;
  int64_t i = find(m, key, &h, &b);
  if (b) {
    *bad = b;
    return NULL;
  }
  if (i < 0) {
    make_room(m);
    i = m->n++;
    MapEntry *e = &m->e[i];
    e->key = key;
    e->hash = h;
    e->seq = m->next_seq++;
    e->live = true;
    m->count++;
    int64_t j = (int64_t)(h & (uint64_t)(m->icap - 1));
    while (m->index[j] >= 0) j = (j + 1) & (m->icap - 1);
    m->index[j] = i;
  }
  m->e[i].val = val;
  return &m->e[i].val;
}

void map_delete(MapObj *m, Value key, struct Type **bad) {
  if (!m) return;
  uint64_t h;
  int64_t i = find(m, key, &h, bad);
  if (i < 0) return;
  /* The index slot keeps pointing at the dead entry: it is the tombstone
   * that keeps later keys of the same probe chain reachable. */
  m->e[i].live = false;
  m->e[i].key = m->e[i].val = (Value){{0}, NULL};
  m->count--;
}

bool map_writing(const MapObj *m) { return m && m->writer; }
const void *map_writer(const MapObj *m) { return m ? m->writer : NULL; }

/* The two phases are also the trace's map_write_begin/end (docs/trace.md):
 * raised here, where hashWriting changes, so the VM's write path needs no
 * hook of its own.  The end event names the goroutine that held the flag
 * and the length after the write. */
void map_set_writing(MapObj *m, const void *writer) {
  const void *g = writer ? writer : m->writer;
  m->writer = writer;
  if (m->trace && g)
    trace_map_write(m->trace, (Goroutine *)g, m, writer != NULL, m->count);
}

bool map_key_ok(const MapObj *m, Value key, struct Type **bad) {
  Type *b = NULL;
  (void)val_hash(m->ktype, key, m->seed, &b);
  if (b) *bad = b;
  return b == NULL;
}

int64_t map_entries(const MapObj *m) { return m ? m->n : 0; }

bool map_entry(const MapObj *m, int64_t i, Value *key, Value *val) {
  if (!m || i < 0 || i >= m->n || !m->e[i].live) return false;
  if (key) *key = m->e[i].key;
  if (val) *val = m->e[i].val;
  return true;
}

/* --- iteration ------------------------------------------------------------ */

/* First entry number whose seq is >= seq (entries are sorted by seq). */
static int64_t lower_bound(const MapObj *m, int64_t seq) {
  int64_t lo = 0, hi = m->n;
  while (lo < hi) {
    int64_t mid = lo + (hi - lo) / 2;
    if (m->e[mid].seq < seq)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void map_iter_init(MapIter *it, MapObj *m, uint64_t rand) {
  memset(it, 0, sizeof *it);
  it->m = m;
  if (!m || m->count == 0) return;
  it->first = m->n ? m->e[0].seq : 0;
  it->end = m->next_seq;
  it->start = it->first + (int64_t)(rand % (uint64_t)(it->end - it->first));
  it->cur = it->start;
  it->pos = lower_bound(m, it->cur);
  it->epoch = m->epoch;
  it->n = m->count;
}

bool map_iter_next(MapIter *it, Value *key, Value *val) {
  MapObj *m = it->m;
  if (!m || it->n == 0 || it->done) return false;
  if (it->epoch != m->epoch) {
    it->pos = lower_bound(m, it->cur);
    it->epoch = m->epoch;
  }
  for (;;) {
    int64_t limit = it->wrapped ? it->start : it->end;
    while (it->pos < m->n && m->e[it->pos].seq < limit) {
      MapEntry *e = &m->e[it->pos++];
      it->cur = e->seq + 1;
      if (!e->live) continue;
      if (key) *key = e->key;
      if (val) *val = e->val;
      return true;
    }
    if (it->wrapped) break;
    it->wrapped = true;
    it->cur = it->first;
    it->pos = lower_bound(m, it->first);
  }
  it->done = true;
  return false;
}
