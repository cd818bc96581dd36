/* trace.c - the NDJSON event trace (trace.h).
 *
 * Big decision: each line is a jansson object built for the event and
 * serialised with json_dumpb into a scratch buffer, then appended to an
 * output buffer written in TRACE_FLUSH_AT blocks: jansson does all the
 * escaping (Go strings may hold any bytes; those that are not UTF-8 are
 * shown as '?'), and one write(2) per block keeps a traced run within a
 * small factor of an untraced one.
 *
 * Objects get small ids in order of first sight from an open-addressing
 * table keyed by address; the same table keeps a name the compiler gave,
 * aliases (a sema field's address standing for its Mutex), and the
 * goroutine holding each lock (Go's Mutex does not record its owner).
 *
 * Values in a channel's buffer are rendered with fmt_value, except values
 * whose formatting would call the program's own String or Error methods:
 * tracing must not run user code (it could print, or block), so those
 * show as "(main.T)". */
#include "engine/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/os.h"
#include "engine/fmt.h"
#include "engine/program.h"
#include "engine/sched.h"
#include "engine/types.h"

/* Output is written once this much is buffered: large enough that write
 * calls do not show in a profile, small enough to watch a trace grow. */
#define TRACE_FLUSH_AT 65536
/* A channel's buffer shows its first TRACE_MAX_BUF values ("buf_more"
 * counts the rest), each cut to TRACE_MAX_VALUE bytes: a diagram draws a
 * few cells, not a megabyte. */
#define TRACE_MAX_BUF 16
#define TRACE_MAX_VALUE 40
/* Waiting goroutines listed per queue. */
#define TRACE_MAX_WAITERS 64
/* fmt_safe's recursion bound: deeper types are shown by name. */
#define TRACE_MAX_TYPE_DEPTH 4
/* Positions are cached per (function, line), direct-mapped: a loop's few
 * lines hit every time, and formatting "file:line" was a tenth of the
 * cost of a traced channel operation. */
#define TRACE_POS_CACHE 256

typedef struct PosCache {
  const Func *fn;
  int line;
  json_t *str; /* a reference we own */
} PosCache;

typedef struct ObjEntry {
  const void *key;  /* NULL: free slot */
  int64_t id;       /* 0 for an alias */
  const void *obj;  /* an alias's object; key itself otherwise */
  const char *kind; /* "chan", "mutex", ... (static strings) */
  char *name;       /* owned, or NULL */
  int64_t holder;   /* locks: goroutine holding it */
} ObjEntry;

struct Trace {
  int fd;        /* -1 until a trace_new_path trace is attached */
  char *path;    /* trace_new_path's; the fd is then ours */
  char *file;
  struct VM *vm;
  Sched *sched;
  Buf out;
  char *scratch; /* json_dumpb's target */
  size_t scratch_cap;
  int64_t seq, lines;
  char *err;
  ObjEntry *objs;
  size_t nobjs, objs_cap;
  int64_t next_id;
  PosCache pos[TRACE_POS_CACHE];
  json_t *names[TRACE_NEVENTS]; /* the "ev" strings, shared */
  json_t *empty;                /* "" */
};

static const char *const event_names[] = {
#define X(id, name) name,
    TRACE_EVENTS(X)
#undef X
};

const char *trace_event_name(TraceEv ev)
{
  return (unsigned)ev < TRACE_NEVENTS ? event_names[ev] : "?";
}

/* --- life cycle and output ------------------------------------------------- */

Trace *trace_new(int fd, const char *file)
{
  Trace *t = xcalloc(1, sizeof *t);
  t->fd = fd;
  t->file = xstrdup(file ? file : "");
  t->next_id = 1;
  for (int i = 0; i < TRACE_NEVENTS; i++)
    t->names[i] = json_string(event_names[i]);
  t->empty = json_string("");
  return t;
}

Trace *trace_new_path(const char *path, const char *file)
{
  Trace *t = trace_new(-1, file);
  t->path = xstrdup(path);
  return t;
}

/* Opens a trace_new_path file, in the process that runs the VM. */
static void open_path(Trace *t)
{
  t->fd = open(t->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (t->fd < 0 && !t->err) {
    Buf b = BUF_INIT;
    buf_printf(&b, "%s: %s", t->path, strerror(errno));
    t->err = buf_steal(&b);
  }
}

bool trace_flush(Trace *t)
{
  if (t->out.len && !t->err && t->fd >= 0 &&
      os_write_all(t->fd, t->out.data, t->out.len))
    t->err = xstrdup(strerror(errno));
  buf_clear(&t->out);
  return t->err == NULL;
}

void trace_free(Trace *t)
{
  if (!t) return;
  trace_flush(t);
  for (size_t i = 0; i < t->objs_cap; i++) free(t->objs[i].name);
  for (int i = 0; i < TRACE_POS_CACHE; i++) json_decref(t->pos[i].str);
  for (int i = 0; i < TRACE_NEVENTS; i++) json_decref(t->names[i]);
  json_decref(t->empty);
  if (t->path && t->fd >= 0) close(t->fd);
  free(t->path);
  free(t->objs);
  buf_fini(&t->out);
  free(t->scratch);
  free(t->file);
  free(t->err);
  free(t);
}

const char *trace_error(const Trace *t) { return t->err; }
int64_t trace_lines(const Trace *t) { return t->lines; }
struct VM *trace_vm(const Trace *t) { return t->vm; }

/* Serialises j as one line and releases it. */
static void emit(Trace *t, json_t *j)
{
  size_t n = json_dumpb(j, t->scratch, t->scratch_cap, JSON_COMPACT);
  if (n > t->scratch_cap) {
    t->scratch_cap = n * 2;
    t->scratch = xrealloc(t->scratch, t->scratch_cap);
    n = json_dumpb(j, t->scratch, t->scratch_cap, JSON_COMPACT);
  }
  json_decref(j);
  buf_append(&t->out, t->scratch, n);
  buf_putc(&t->out, '\n');
  t->lines++;
  if (t->out.len >= TRACE_FLUSH_AT) trace_flush(t);
}

/* jansson refuses strings that are not UTF-8; Go's may be anything. */
static json_t *jstr(const char *s, size_t n)
{
  json_t *j = json_stringn(s, n);
  if (j) return j;
  char *copy = xmalloc(n + 1);
  for (size_t i = 0; i < n; i++)
    copy[i] = (unsigned char)s[i] < 0x80 && s[i] ? s[i] : '?';
  j = json_stringn(copy, n);
  free(copy);
  return j;
}

static void set_int(json_t *o, const char *k, int64_t v)
{
  json_object_set_new_nocheck(o, k, json_integer(v));
}

static void set_str(json_t *o, const char *k, const char *v)
{
  json_object_set_new_nocheck(o, k, jstr(v, strlen(v)));
}

static void set_bool(json_t *o, const char *k, bool v)
{
  json_object_set_new_nocheck(o, k, json_boolean(v));
}

/* --- the object table ------------------------------------------------------ */

static size_t ptr_hash(const void *p, size_t cap)
{
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= UINT64_C(0xff51afd7ed558ccd);
  x ^= x >> 33;
  return (size_t)x & (cap - 1);
}

static ObjEntry *slot_for(ObjEntry *tab, size_t cap, const void *key)
{
  size_t i = ptr_hash(key, cap);
  while (tab[i].key && tab[i].key != key) i = (i + 1) & (cap - 1);
  return &tab[i];
}

static void table_grow(Trace *t)
{
  size_t ncap = t->objs_cap ? 2 * t->objs_cap : 64;
  ObjEntry *n = xcalloc(ncap, sizeof *n);
  for (size_t i = 0; i < t->objs_cap; i++)
    if (t->objs[i].key) *slot_for(n, ncap, t->objs[i].key) = t->objs[i];
  free(t->objs);
  t->objs = n;
  t->objs_cap = ncap;
}

static ObjEntry *lookup(const Trace *t, const void *key)
{
  if (!key || !t->objs_cap) return NULL;
  ObjEntry *e = slot_for(t->objs, t->objs_cap, key);
  return e->key ? e : NULL;
}

/* The entry of key, made on first sight (ids count from 1). */
static ObjEntry *intern(Trace *t, const void *key, const char *kind)
{
  ObjEntry *e = lookup(t, key);
  if (e) return e;
  if (2 * (t->nobjs + 1) > t->objs_cap) table_grow(t);
  e = slot_for(t->objs, t->objs_cap, key);
  e->key = e->obj = key;
  e->id = t->next_id++;
  e->kind = kind;
  t->nobjs++;
  return e;
}

void trace_name_object(Trace *t, void *obj, const char *name)
{
  ObjEntry *e = intern(t, obj, NULL);
  free(e->name);
  e->name = name ? xstrdup(name) : NULL;
}

void trace_alias(Trace *t, const void *addr, void *obj, const char *kind)
{
  ObjEntry *target = intern(t, obj, kind);
  if (!target->kind) target->kind = kind;
  if (lookup(t, addr)) return;
  if (2 * (t->nobjs + 1) > t->objs_cap) table_grow(t);
  ObjEntry *e = slot_for(t->objs, t->objs_cap, addr);
  *e = (ObjEntry){.key = addr, .obj = obj, .kind = kind};
  t->nobjs++;
}

int64_t trace_object_id(const Trace *t, const void *obj)
{
  const ObjEntry *e = lookup(t, obj);
  if (e && e->id == 0) e = lookup(t, e->obj);
  return e ? e->id : 0;
}

/* Linear: for viewers and tests after a run, not for the hot path. */
const void *trace_object_ptr(const Trace *t, int64_t id)
{
  for (size_t i = 0; i < t->objs_cap; i++)
    if (t->objs[i].key && t->objs[i].id == id) return t->objs[i].key;
  return NULL;
}

/* --- common fields ----------------------------------------------------------- */

/* "file:line", from the cache when it can. */
static json_t *pos_string(Trace *t, const Func *fn, int line)
{
  size_t h = ((uintptr_t)fn >> 4 ^ (size_t)line * 31) % TRACE_POS_CACHE;
  PosCache *c = &t->pos[h];
  if (c->fn != fn || c->line != line || !c->str) {
    Buf b = BUF_INIT;
    buf_printf(&b, "%s:%d", fn->file, line);
    json_decref(c->str);
    *c = (PosCache){fn, line, jstr(b.data, b.len)};
    buf_fini(&b);
  }
  return c->str;
}

/* Innermost frame outside the prelude; its line as traceback.c reckons:
 * a frame stopped AT an instruction (a parked goroutine's top frame)
 * reports pc, any other the instruction before its saved pc. */
static json_t *position(Trace *t, const Goroutine *g, bool at_pc)
{
  for (int i = g ? g->nframes - 1 : -1; i >= 0; i--) {
    const Frame *f = &g->frames[i];
    if (f->fn->native || f->fn->prelude || f->fn->wrapper) continue;
    /* Only a top frame can be stopped AT an instruction; one below a
     * blocked native is a caller, stopped after its CALL. */
    bool top = i == g->nframes - 1;
    uint32_t pc = f->pc > 0 && !(top && at_pc) ? f->pc - 1 : f->pc;
    return pos_string(t, f->fn, func_line(f->fn, pc));
  }
  return t->empty;
}

static json_t *begin_at(Trace *t, TraceEv ev, const Goroutine *g, bool at_pc)
{
  json_t *j = json_object();
  json_object_set_nocheck(j, "ev", t->names[ev]);
  set_int(j, "seq", t->seq++);
  set_int(j, "step", vm_steps(t->vm));
  set_int(j, "t", sched_now(t->sched) - SCHED_EPOCH_NS);
  set_int(j, "g", g ? g->id : 0);
  json_object_set_nocheck(j, "pos", position(t, g, at_pc));
  return j;
}

/* An event by g, running now. */
static json_t *begin(Trace *t, TraceEv ev, const Goroutine *g)
{
  return begin_at(t, ev, g, false);
}

static void add_obj(Trace *t, json_t *j, const void *obj, const char *kind)
{
  ObjEntry *e = intern(t, obj, kind);
  if (!e->kind) e->kind = kind;
  set_int(j, "obj", e->id);
  set_str(j, "kind", e->kind);
  if (e->name) set_str(j, "name", e->name);
}

/* --- attaching: the header --------------------------------------------------- */

void trace_attach(Trace *t, struct VM *vm)
{
  if (t->path && t->fd < 0) open_path(t);
  t->vm = vm;
  t->sched = vm_sched(vm);
  sched_set_trace(t->sched, t);
  Strategy st = sched_strategy(t->sched);
  int depth = st == STRAT_PCT ? sched_pct_depth(t->sched) : 0;
  json_t *j = json_object();
  set_int(j, "trace", TRACE_VERSION);
  set_str(j, "strategy", sched_strategy_name(st));
  json_object_set_new_nocheck(j, "seed",
                              json_integer((json_int_t)sched_seed(t->sched)));
  set_int(j, "pct_depth", depth);
  Buf tok = BUF_INIT;
  sched_token_format(st, depth, sched_seed(t->sched), NULL, 0, &tok);
  set_str(j, "token", buf_cstr(&tok));
  buf_fini(&tok);
  set_str(j, "file", t->file);
  emit(t, j);
}

/* --- goroutines ---------------------------------------------------------------- */

static const char *status_name(GStatus s)
{
  static const char *const names[] = {"runnable", "running", "waiting",
                                      "dead"};
  return names[s];
}

static json_t *chan_state(Trace *t, const ChanObj *c, const Goroutine *g);

/* The goroutine's own state: status, and what it waits on. */
static void add_gstate(json_t *j, const Goroutine *g)
{
  json_t *st = json_object();
  set_str(st, "status", status_name(g->status));
  if (g->status == G_WAITING && g->wait_reason)
    set_str(st, "reason", g->wait_reason);
  json_object_set_new_nocheck(j, "state", st);
}

void trace_go_create(Trace *t, Goroutine *g, Goroutine *parent)
{
  json_t *j = begin(t, TEV_GO_CREATE, parent);
  set_int(j, "g", g->id);
  set_int(j, "by", parent ? parent->id : 0);
  if (g->start_fn) set_str(j, "fn", g->start_fn->name);
  add_gstate(j, g);
  emit(t, j);
}

void trace_go_block(Trace *t, Goroutine *g)
{
  json_t *j = begin(t, TEV_GO_BLOCK, g);
  set_str(j, "reason", g->wait_reason ? g->wait_reason : "");
  const ObjEntry *e = lookup(t, g->park.obj);
  if (e && e->id == 0) e = lookup(t, e->obj);
  if (e) {
    set_int(j, "obj", e->id);
    set_str(j, "kind", e->kind ? e->kind : "?");
    if (e->name) set_str(j, "name", e->name);
    if (e->kind && strcmp(e->kind, "chan") == 0)
      json_object_set_new_nocheck(j, "obj_state",
                                  chan_state(t, e->obj, g));
  }
  add_gstate(j, g);
  emit(t, j);
}

void trace_go_unblock(Trace *t, Goroutine *g, Goroutine *waker)
{
  json_t *j = begin_at(t, TEV_GO_UNBLOCK, g, true);
  set_int(j, "by", waker ? waker->id : 0);
  add_gstate(j, g);
  emit(t, j);
}

void trace_go_exit(Trace *t, Goroutine *g)
{
  json_t *j = begin(t, TEV_GO_EXIT, g);
  add_gstate(j, g);
  emit(t, j);
}

/* --- channels ------------------------------------------------------------------- */

/* Formatting that cannot reach the program's String/Error methods. */
static bool fmt_safe(Type *t, int depth)
{
  if (!t) return true;
  if (depth > TRACE_MAX_TYPE_DEPTH) return false;
  if (t->nrtmethods &&
      (vm_find_method(t, "String") || vm_find_method(t, "Error")))
    return false;
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_POINTER:
  case TY_ARRAY:
  case TY_SLICE: return fmt_safe(u->elem, depth + 1);
  case TY_MAP: return fmt_safe(u->key, depth + 1) && fmt_safe(u->elem, depth + 1);
  case TY_STRUCT:
    for (int i = 0; i < u->nfields; i++)
      if (!fmt_safe(u->fields[i].type, depth + 1)) return false;
    return true;
  case TY_INTERFACE: return false; /* whatever is inside is unknown here */
  default: return true;
  }
}

/* A short rendering of one buffered value. */
static json_t *render(Trace *t, Type *elem, Value v, const Goroutine *g)
{
  if (type_under(elem)->kind != TY_INTERFACE) v.t = elem;
  Buf b = BUF_INIT;
  if (fmt_safe(v.t, 0))
    fmt_value(t->vm, (Goroutine *)g, v, &b);
  else
    buf_printf(&b, "(%s)", v.t->str ? v.t->str : "?");
  size_t n = b.len;
  if (n > TRACE_MAX_VALUE) {
    n = TRACE_MAX_VALUE;
    while (n > 0 && ((unsigned char)b.data[n] & 0xc0) == 0x80) n--;
  }
  json_t *j = jstr(b.data ? b.data : "", n);
  buf_fini(&b);
  return j;
}

static json_t *id_array(const int64_t *ids, int64_t n)
{
  json_t *a = json_array();
  for (int64_t i = 0; i < n && i < TRACE_MAX_WAITERS; i++)
    json_array_append_new(a, json_integer(ids[i]));
  return a;
}

static json_t *chan_state(Trace *t, const ChanObj *c, const Goroutine *g)
{
  json_t *st = json_object();
  int64_t len = chan_len(c), ids[TRACE_MAX_WAITERS];
  set_int(st, "len", len);
  set_int(st, "cap", chan_cap(c));
  set_bool(st, "closed", chan_closed(c));
  json_t *buf = json_array();
  for (int64_t i = 0; i < len && i < TRACE_MAX_BUF; i++)
    json_array_append_new(buf, render(t, chan_elem_type(c),
                                      chan_buf_at(c, i), g));
  json_object_set_new_nocheck(st, "buf", buf);
  if (len > TRACE_MAX_BUF) set_int(st, "buf_more", len - TRACE_MAX_BUF);
  int64_t n = chan_waiters(c, true, ids, TRACE_MAX_WAITERS);
  json_object_set_new_nocheck(st, "sendq", id_array(ids, n));
  n = chan_waiters(c, false, ids, TRACE_MAX_WAITERS);
  json_object_set_new_nocheck(st, "recvq", id_array(ids, n));
  return st;
}

void trace_chan(Trace *t, TraceEv ev, Goroutine *g, ChanObj *c,
                Goroutine *peer)
{
  json_t *j = begin(t, ev, g);
  add_obj(t, j, c, "chan");
  if (ev == TEV_CHAN_MAKE) {
    Type *e = chan_elem_type(c);
    set_str(j, "elem", e && e->str ? e->str : "?");
  }
  if (ev == TEV_CHAN_SEND) set_int(j, "to", peer ? peer->id : 0);
  if (ev == TEV_CHAN_RECV) set_int(j, "from", peer ? peer->id : 0);
  json_object_set_new_nocheck(j, "state", chan_state(t, c, g));
  emit(t, j);
}

void trace_select(Trace *t, Goroutine *g, const SelectCase *cases, int n,
                  bool has_default, int chosen)
{
  json_t *j = begin(t, TEV_SELECT, g);
  json_t *arr = json_array();
  for (int i = 0; i < n; i++) {
    json_t *c = json_object();
    set_str(c, "dir", cases[i].send ? "send" : "recv");
    set_int(c, "obj", cases[i].c ? intern(t, cases[i].c, "chan")->id : 0);
    json_array_append_new(arr, c);
  }
  json_object_set_new_nocheck(j, "cases", arr);
  set_bool(j, "default", has_default);
  set_int(j, "chosen", chosen);
  set_bool(j, "blocked", chosen == -2);
  emit(t, j);
}

/* --- sync, time, context, maps, races -------------------------------------------- */

void trace_wg(Trace *t, TraceEv ev, Goroutine *g, void *wg, int64_t delta,
              int64_t counter, int64_t waiters)
{
  json_t *j = begin(t, ev, g);
  add_obj(t, j, wg, "waitgroup");
  if (ev != TEV_WG_WAIT) set_int(j, "delta", delta);
  json_t *st = json_object();
  set_int(st, "counter", counter);
  set_int(st, "waiters", waiters);
  json_object_set_new_nocheck(j, "state", st);
  emit(t, j);
}

/* Who holds the lock after ev, when the caller cannot say. */
static int64_t holder_after(ObjEntry *e, TraceEv ev, const Goroutine *g,
                            const TraceLock *st)
{
  if (st->holder) return e->holder = st->holder;
  if (ev == TEV_MUTEX_LOCK || ev == TEV_RW_LOCK) e->holder = g ? g->id : 0;
  if (ev == TEV_MUTEX_UNLOCK || ev == TEV_RW_UNLOCK || !st->locked)
    e->holder = 0;
  return e->holder;
}

void trace_lock_call(Trace *t, TraceEv ev, Goroutine *g, void *mu,
                     const TraceLock *st, int acquired)
{
  bool rw = ev >= TEV_RW_LOCK && ev <= TEV_RW_RUNLOCK;
  json_t *j = begin(t, ev, g);
  add_obj(t, j, mu, rw ? "rwmutex" : "mutex");
  if (acquired >= 0) set_bool(j, "acquired", acquired);
  json_t *s = json_object();
  set_bool(s, "locked", st->locked);
  TraceEv hev = acquired == 0 ? TRACE_NEVENTS : ev; /* no owner change */
  set_int(s, "holder", holder_after(lookup(t, mu), hev, g, st));
  if (rw) {
    set_int(s, "readers", st->readers);
    set_bool(s, "writer_waiting", st->writer_waiting);
    set_int(s, "waiting_readers", st->waiting_readers);
  }
  set_int(s, "waiting_writers", st->waiting_writers);
  json_object_set_new_nocheck(j, "state", s);
  emit(t, j);
}

void trace_lock(Trace *t, TraceEv ev, Goroutine *g, void *mu,
                const TraceLock *st)
{
  trace_lock_call(t, ev, g, mu, st, -1);
}

void trace_once(Trace *t, Goroutine *g, void *once, bool done, bool running)
{
  json_t *j = begin(t, TEV_ONCE_DO, g);
  add_obj(t, j, once, "once");
  json_t *s = json_object();
  set_bool(s, "done", done);
  set_bool(s, "running", running);
  json_object_set_new_nocheck(j, "state", s);
  emit(t, j);
}

void trace_timer(Trace *t, TraceEv ev, Goroutine *g, void *timer,
                 int64_t when, bool active)
{
  json_t *j = begin(t, ev, g);
  add_obj(t, j, timer, "timer");
  json_t *s = json_object();
  set_int(s, "when", when - SCHED_EPOCH_NS);
  set_bool(s, "active", active);
  json_object_set_new_nocheck(j, "state", s);
  emit(t, j);
}

void trace_timer_vm(struct VM *vm, TraceEv ev, void *timer, int64_t when,
                    bool active)
{
  Sched *s = vm_sched(vm);
  if (sched_trace(s))
    trace_timer(sched_trace(s), ev, sched_current(s), timer, when, active);
}

void trace_ctx_cancel(Trace *t, Goroutine *g, void *ctx, void *parent,
                      const char *err)
{
  json_t *j = begin(t, TEV_CTX_CANCEL, g);
  add_obj(t, j, ctx, "context");
  set_int(j, "parent", parent ? intern(t, parent, "context")->id : 0);
  json_t *s = json_object();
  set_bool(s, "canceled", true);
  set_str(s, "err", err ? err : "");
  json_object_set_new_nocheck(j, "state", s);
  emit(t, j);
}

void trace_map_write(Trace *t, Goroutine *g, void *map, bool begin_write,
                     int64_t len)
{
  json_t *j = begin(t, begin_write ? TEV_MAP_WRITE_BEGIN : TEV_MAP_WRITE_END,
                    g);
  add_obj(t, j, map, "map");
  json_t *s = json_object();
  set_bool(s, "writing", begin_write);
  set_int(s, "len", len);
  json_object_set_new_nocheck(j, "state", s);
  emit(t, j);
}

void trace_race(Trace *t, Goroutine *g, void *obj, const char *access,
                int64_t other, const char *other_access)
{
  json_t *j = begin(t, TEV_RACE, g);
  if (obj) {
    add_obj(t, j, obj, "memory");
    json_object_set_new_nocheck(j, "state", json_object());
  }
  set_str(j, "access", access ? access : "");
  set_int(j, "other", other);
  set_str(j, "other_access", other_access ? other_access : "");
  emit(t, j);
}

/* --- the end ---------------------------------------------------------------------- */

void trace_panic(Trace *t, Goroutine *g, Value v, bool goexit)
{
  if (goexit) return; /* runtime.Goexit unwinds like a panic; not one */
  json_t *j = begin(t, TEV_PANIC, g);
  Buf b = BUF_INIT;
  if (fmt_safe(v.t, 0))
    fmt_panic_value(t->vm, g, v, &b);
  else
    buf_printf(&b, "(%s)", v.t->str ? v.t->str : "?");
  json_object_set_new_nocheck(j, "value", jstr(b.data ? b.data : "", b.len));
  buf_fini(&b);
  emit(t, j);
}

static const char *end_name(VMEnd end)
{
  static const char *const names[] = {"exit",     "panic",   "fatal",
                                      "deadlock", "timeout", "oom"};
  return (unsigned)end < sizeof names / sizeof names[0] ? names[end] : "?";
}

void trace_end(Trace *t, VMEnd end, int status, const char *msg)
{
  Goroutine *g = sched_current(t->sched);
  if (end == VM_END_FATAL || end == VM_END_DEADLOCK || end == VM_END_OOM) {
    json_t *f = begin(t, TEV_FATAL, g);
    set_str(f, "msg", msg ? msg : "");
    emit(t, f);
  }
  json_t *j = begin(t, TEV_EXIT, g);
  set_int(j, "status", status);
  set_str(j, "end", end_name(end));
  set_str(j, "msg", msg ? msg : "");
  set_int(j, "choices", sched_nchoices(t->sched));
  const Buf *rec = vm_options(t->vm)->record;
  if (rec) {
    Buf tok = BUF_INIT;
    Strategy st = sched_strategy(t->sched);
    sched_token_format(st, st == STRAT_PCT ? sched_pct_depth(t->sched) : 0,
                       sched_seed(t->sched), (const uint8_t *)rec->data,
                       rec->len, &tok);
    set_str(j, "token", buf_cstr(&tok));
    buf_fini(&tok);
  }
  if (sched_replay_error(t->sched))
    set_str(j, "replay_error", sched_replay_error(t->sched));
  emit(t, j);
  trace_flush(t);
}
