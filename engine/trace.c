/* trace.c - the NDJSON event trace (trace.h).
 *
 * Big decision: each line is written straight into an output buffer as
 * the event is described (no JSON tree per event: building and freeing
 * one cost more than the channel operation it traced).  Keys are our own
 * ASCII literals and integers are printed; every string value is escaped
 * by jansson (json_dumpb of one reused json_string; Go strings may hold
 * any bytes, and those that are not UTF-8 are shown as '?'), and strings
 * that live as long as the run are dumped once and cached.  The buffer is
 * written in TRACE_FLUSH_AT blocks, one write(2) each.
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

/* Run-long strings' JSON text, direct-mapped by address (w_cstr): event
 * names, kinds, wait reasons, function names - a few dozen in a run. */
#define TRACE_STR_CACHE 128

typedef struct PosCache {
  const Func *fn;
  int line;
  char *text; /* the JSON string, quotes included; owned */
  size_t len;
} PosCache;

typedef struct StrCache {
  const char *key;
  char *text; /* owned */
  size_t len;
} StrCache;

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
  StrCache strs[TRACE_STR_CACHE];
  json_t *jstr; /* the one json_string every string value goes through */
  bool comma;   /* the line being written needs a comma before more */
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
  t->jstr = json_string("");
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
  for (int i = 0; i < TRACE_POS_CACHE; i++) free(t->pos[i].text);
  for (int i = 0; i < TRACE_STR_CACHE; i++) free(t->strs[i].text);
  json_decref(t->jstr);
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

/* --- the line writer ---------------------------------------------------------
 * An event is written straight into t->out as it is described, with no
 * JSON tree in between: keys are our own ASCII literals and integers are
 * printed, neither ever needs escaping; every string value goes through
 * jansson (json_dumpb of one reused json_string), so escaping stays the
 * JSON library's job.  Strings that live as long as the run (event and
 * function names, kinds, wait reasons, positions) are dumped once and
 * cached by address. */

/* Appends n bytes: the common case inline, since an event is some thirty
 * small pieces and Buf's general path dominated a profile. */
static inline void put(Trace *t, const char *p, size_t n)
{
  Buf *b = &t->out;
  if (b->cap - b->len <= n) {
    buf_append(b, p, n);
    return;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

/* Before a key or a value: the comma, unless first in its container. */
static void w_sep(Trace *t)
{
  if (t->comma) put(t, ",", 1);
  t->comma = true;
}

static void w_open(Trace *t, char c)
{
  put(t, &c, 1);
  t->comma = false;
}

static void w_close(Trace *t, char c)
{
  put(t, &c, 1);
  t->comma = true;
}

/* A key, given as its JSON text ("\"k\":"): see W_KEY. */
static void w_keytext(Trace *t, const char *text, size_t n)
{
  w_sep(t);
  put(t, text, n);
  t->comma = false;
}

/* Keys are our own literals: their JSON text is made at compile time. */
#define W_KEY(k) "\"" k "\":", sizeof("\"" k "\":") - 1
#define w_key(t, k) w_keytext((t), W_KEY(k))

static void w_int(Trace *t, int64_t v)
{
  char tmp[24], *p = tmp + sizeof tmp;
  uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  do *--p = (char)('0' + u % 10);
  while (u /= 10);
  if (v < 0) *--p = '-';
  w_sep(t);
  put(t, p, (size_t)(tmp + sizeof tmp - p));
}

static void w_bool(Trace *t, bool v)
{
  w_sep(t);
  if (v)
    put(t, "true", 4);
  else
    put(t, "false", 5);
}

/* jansson refuses strings that are not UTF-8; Go's may be anything: then
 * every byte outside ASCII (and NUL) shows as '?'. */
static void set_jstr(Trace *t, const char *s, size_t n)
{
  if (json_string_setn(t->jstr, s, n) == 0) return;
  char *copy = xmalloc(n + 1);
  for (size_t i = 0; i < n; i++)
    copy[i] = (unsigned char)s[i] < 0x80 && s[i] ? s[i] : '?';
  json_string_setn(t->jstr, copy, n);
  free(copy);
}

/* The JSON text of the string s[0..n) ("..." with escapes) into t->scratch;
 * returns its length. */
static size_t dump_str(Trace *t, const char *s, size_t n)
{
  set_jstr(t, s, n);
  size_t len = json_dumpb(t->jstr, t->scratch, t->scratch_cap,
                          JSON_COMPACT | JSON_ENCODE_ANY);
  if (len > t->scratch_cap) {
    t->scratch_cap = len * 2;
    t->scratch = xrealloc(t->scratch, t->scratch_cap);
    len = json_dumpb(t->jstr, t->scratch, t->scratch_cap,
                     JSON_COMPACT | JSON_ENCODE_ANY);
  }
  return len;
}

static void w_strn(Trace *t, const char *s, size_t n)
{
  size_t len = dump_str(t, s, n);
  w_sep(t);
  put(t, t->scratch, len);
}

static void w_str(Trace *t, const char *s) { w_strn(t, s, strlen(s)); }

/* A string that lives as long as the run, dumped once. */
static void w_cstr(Trace *t, const char *s)
{
  StrCache *c = &t->strs[((uintptr_t)s >> 3) % TRACE_STR_CACHE];
  if (c->key != s) {
    size_t len = dump_str(t, s, strlen(s));
    free(c->text);
    c->text = xstrndup(t->scratch, len);
    c->len = len;
    c->key = s;
  }
  w_sep(t);
  put(t, c->text, c->len);
}

/* key: value pairs; k is always a literal (W_KEY). */
static void set_int_(Trace *t, const char *k, size_t kn, int64_t v)
{
  w_keytext(t, k, kn);
  w_int(t, v);
}

static void set_bool_(Trace *t, const char *k, size_t kn, bool v)
{
  w_keytext(t, k, kn);
  w_bool(t, v);
}

static void set_str_(Trace *t, const char *k, size_t kn, const char *v)
{
  w_keytext(t, k, kn);
  w_str(t, v);
}

/* set_str for strings that live as long as the run (see w_cstr). */
static void set_cstr_(Trace *t, const char *k, size_t kn, const char *v)
{
  w_keytext(t, k, kn);
  w_cstr(t, v);
}

#define set_int(t, k, v) set_int_((t), W_KEY(k), (v))
#define set_bool(t, k, v) set_bool_((t), W_KEY(k), (v))
#define set_str(t, k, v) set_str_((t), W_KEY(k), (v))
#define set_cstr(t, k, v) set_cstr_((t), W_KEY(k), (v))

/* Ends the line begun by begin_at. */
static void emit(Trace *t)
{
  w_close(t, '}');
  put(t, "\n", 1);
  t->lines++;
  if (t->out.len >= TRACE_FLUSH_AT) trace_flush(t);
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

/* "file:line" as JSON text, from the cache when it can. */
static void w_pos(Trace *t, const Func *fn, int line)
{
  size_t h = ((uintptr_t)fn >> 4 ^ (size_t)line * 31) % TRACE_POS_CACHE;
  PosCache *c = &t->pos[h];
  if (c->fn != fn || c->line != line || !c->text) {
    Buf b = BUF_INIT;
    buf_printf(&b, "%s:%d", fn->file, line);
    size_t len = dump_str(t, b.data, b.len);
    buf_fini(&b);
    free(c->text);
    *c = (PosCache){fn, line, xstrndup(t->scratch, len), len};
  }
  w_sep(t);
  put(t, c->text, c->len);
}

/* Innermost frame outside the prelude; its line as traceback.c reckons:
 * a frame stopped AT an instruction (a parked goroutine's top frame)
 * reports pc, any other the instruction before its saved pc. */
static void w_position(Trace *t, const Goroutine *g, bool at_pc)
{
  for (int i = g ? g->nframes - 1 : -1; i >= 0; i--) {
    const Frame *f = &g->frames[i];
    if (f->fn->native || f->fn->prelude || f->fn->wrapper) continue;
    /* Only a top frame can be stopped AT an instruction; one below a
     * blocked native is a caller, stopped after its CALL. */
    bool top = i == g->nframes - 1;
    uint32_t pc = f->pc > 0 && !(top && at_pc) ? f->pc - 1 : f->pc;
    w_pos(t, f->fn, func_line(f->fn, pc));
    return;
  }
  w_cstr(t, "");
}

/* Starts an event line: what every event has.  g is who acted (its
 * position is reported), gid the goroutine the event is about. */
static void begin_full(Trace *t, TraceEv ev, const Goroutine *g, int64_t gid,
                       bool at_pc)
{
  w_open(t, '{');
  set_cstr(t, "ev", event_names[ev]);
  set_int(t, "seq", t->seq++);
  set_int(t, "step", vm_steps(t->vm));
  set_int(t, "t", sched_now(t->sched) - SCHED_EPOCH_NS);
  set_int(t, "g", gid);
  w_key(t, "pos");
  w_position(t, g, at_pc);
}

static void begin_at(Trace *t, TraceEv ev, const Goroutine *g, bool at_pc)
{
  begin_full(t, ev, g, g ? g->id : 0, at_pc);
}

/* An event by g, running now. */
static void begin(Trace *t, TraceEv ev, const Goroutine *g)
{
  begin_at(t, ev, g, false);
}

static void add_obj(Trace *t, const void *obj, const char *kind)
{
  ObjEntry *e = intern(t, obj, kind);
  if (!e->kind) e->kind = kind;
  set_int(t, "obj", e->id);
  set_cstr(t, "kind", e->kind);
  if (e->name) set_str(t, "name", e->name);
}

/* Opens the object value of key k ("state"); close with w_close. */
#define open_obj(t, k) (w_key((t), k), w_open((t), '{'))

static void clear_caches(Trace *t)
{
  for (int i = 0; i < TRACE_POS_CACHE; i++) {
    free(t->pos[i].text);
    t->pos[i] = (PosCache){0};
  }
  for (int i = 0; i < TRACE_STR_CACHE; i++) {
    free(t->strs[i].text);
    t->strs[i] = (StrCache){0};
  }
}

/* --- attaching: the header --------------------------------------------------- */

void trace_attach(Trace *t, struct VM *vm)
{
  if (t->path && t->fd < 0) open_path(t);
  clear_caches(t); /* their keys were another program's, if any */
  t->vm = vm;
  t->sched = vm_sched(vm);
  sched_set_trace(t->sched, t);
  Strategy st = sched_strategy(t->sched);
  int depth = st == STRAT_PCT ? sched_pct_depth(t->sched) : 0;
  w_open(t, '{');
  set_int(t, "trace", TRACE_VERSION);
  set_str(t, "strategy", sched_strategy_name(st));
  set_int(t, "seed", (int64_t)sched_seed(t->sched)); /* as json_int_t */
  set_int(t, "pct_depth", depth);
  Buf tok = BUF_INIT;
  sched_token_format(st, depth, sched_seed(t->sched), NULL, 0, &tok);
  set_str(t, "token", buf_cstr(&tok));
  buf_fini(&tok);
  set_str(t, "file", t->file);
  emit(t);
}

/* --- goroutines ---------------------------------------------------------------- */

static const char *status_name(int s)
{
  static const char *const names[] = {"runnable", "running", "waiting",
                                      "dead"};
  return names[s];
}

static void chan_state(Trace *t, const char *k, size_t kn, const ChanObj *c,
                       const Goroutine *g);

/* The goroutine's own state: status, and what it waits on. */
static void add_gstate(Trace *t, const Goroutine *g)
{
  open_obj(t, "state");
  set_cstr(t, "status", status_name(g->status));
  if (g->status == G_WAITING && g->wait_reason)
    set_cstr(t, "reason", g->wait_reason);
  w_close(t, '}');
}

void trace_go_create(Trace *t, Goroutine *g, Goroutine *parent)
{
  begin_full(t, TEV_GO_CREATE, parent, g->id, false);
  set_int(t, "by", parent ? parent->id : 0);
  /* Just made: its only frame is the function the go statement called. */
  if (g->nframes) set_cstr(t, "fn", g->frames[0].fn->name);
  add_gstate(t, g);
  emit(t);
}

void trace_go_block(Trace *t, Goroutine *g)
{
  begin(t, TEV_GO_BLOCK, g);
  set_cstr(t, "reason", g->wait_reason ? g->wait_reason : "");
  const ObjEntry *e = lookup(t, g->park.obj);
  if (e && e->id == 0) e = lookup(t, e->obj);
  if (e) {
    set_int(t, "obj", e->id);
    set_cstr(t, "kind", e->kind ? e->kind : "?");
    if (e->name) set_str(t, "name", e->name);
    if (e->kind && strcmp(e->kind, "chan") == 0)
      chan_state(t, W_KEY("obj_state"), e->obj, g);
  }
  add_gstate(t, g);
  emit(t);
}

void trace_go_unblock(Trace *t, Goroutine *g, Goroutine *waker)
{
  begin_at(t, TEV_GO_UNBLOCK, g, true);
  set_int(t, "by", waker ? waker->id : 0);
  add_gstate(t, g);
  emit(t);
}

void trace_go_exit(Trace *t, Goroutine *g)
{
  begin(t, TEV_GO_EXIT, g);
  add_gstate(t, g);
  emit(t);
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

/* A short rendering of one buffered value.  Formatted into its own Buf
 * before anything is written: fmt_value must not see a half line. */
static void w_render(Trace *t, Type *elem, Value v, const Goroutine *g)
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
  w_strn(t, b.data ? b.data : "", n);
  buf_fini(&b);
}

static void id_array(Trace *t, const char *k, size_t kn, const int64_t *ids,
                     int64_t n)
{
  w_keytext(t, k, kn);
  w_open(t, '[');
  for (int64_t i = 0; i < n && i < TRACE_MAX_WAITERS; i++) w_int(t, ids[i]);
  w_close(t, ']');
}

/* The channel's state as the object value of key k (W_KEY text). */
static void chan_state(Trace *t, const char *k, size_t kn, const ChanObj *c,
                       const Goroutine *g)
{
  int64_t len = chan_len(c), ids[TRACE_MAX_WAITERS];
  w_keytext(t, k, kn);
  w_open(t, '{');
  set_int(t, "len", len);
  set_int(t, "cap", chan_cap(c));
  set_bool(t, "closed", chan_closed(c));
  w_key(t, "buf");
  w_open(t, '[');
  for (int64_t i = 0; i < len && i < TRACE_MAX_BUF; i++)
    w_render(t, chan_elem_type(c), chan_buf_at(c, i), g);
  w_close(t, ']');
  if (len > TRACE_MAX_BUF) set_int(t, "buf_more", len - TRACE_MAX_BUF);
  int64_t n = chan_waiters(c, true, ids, TRACE_MAX_WAITERS);
  id_array(t, W_KEY("sendq"), ids, n);
  n = chan_waiters(c, false, ids, TRACE_MAX_WAITERS);
  id_array(t, W_KEY("recvq"), ids, n);
  w_close(t, '}');
}

void trace_chan(Trace *t, TraceEv ev, Goroutine *g, ChanObj *c,
                Goroutine *peer)
{
  begin(t, ev, g);
  add_obj(t, c, "chan");
  if (ev == TEV_CHAN_MAKE) {
    Type *e = chan_elem_type(c);
    set_cstr(t, "elem", e && e->str ? e->str : "?");
  }
  if (ev == TEV_CHAN_SEND) set_int(t, "to", peer ? peer->id : 0);
  if (ev == TEV_CHAN_RECV) set_int(t, "from", peer ? peer->id : 0);
  chan_state(t, W_KEY("state"), c, g);
  emit(t);
}

void trace_select(Trace *t, Goroutine *g, const SelectCase *cases, int n,
                  bool has_default, int chosen)
{
  begin(t, TEV_SELECT, g);
  w_key(t, "cases");
  w_open(t, '[');
  for (int i = 0; i < n; i++) {
    w_sep(t);
    w_open(t, '{');
    set_cstr(t, "dir", cases[i].send ? "send" : "recv");
    set_int(t, "obj", cases[i].c ? intern(t, cases[i].c, "chan")->id : 0);
    w_close(t, '}');
  }
  w_close(t, ']');
  set_bool(t, "default", has_default);
  set_int(t, "chosen", chosen);
  set_bool(t, "blocked", chosen == -2);
  emit(t);
}

/* --- sync, time, context, maps, races -------------------------------------------- */

void trace_wg(Trace *t, TraceEv ev, Goroutine *g, void *wg, int64_t delta,
              int64_t counter, int64_t waiters)
{
  begin(t, ev, g);
  add_obj(t, wg, "waitgroup");
  if (ev != TEV_WG_WAIT) set_int(t, "delta", delta);
  open_obj(t, "state");
  set_int(t, "counter", counter);
  set_int(t, "waiters", waiters);
  w_close(t, '}');
  emit(t);
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
  begin(t, ev, g);
  add_obj(t, mu, rw ? "rwmutex" : "mutex");
  if (acquired >= 0) set_bool(t, "acquired", acquired);
  open_obj(t, "state");
  set_bool(t, "locked", st->locked);
  TraceEv hev = acquired == 0 ? TRACE_NEVENTS : ev; /* no owner change */
  set_int(t, "holder", holder_after(lookup(t, mu), hev, g, st));
  if (rw) {
    set_int(t, "readers", st->readers);
    set_bool(t, "writer_waiting", st->writer_waiting);
    set_int(t, "waiting_readers", st->waiting_readers);
  }
  set_int(t, "waiting_writers", st->waiting_writers);
  w_close(t, '}');
  emit(t);
}

void trace_lock(Trace *t, TraceEv ev, Goroutine *g, void *mu,
                const TraceLock *st)
{
  trace_lock_call(t, ev, g, mu, st, -1);
}

void trace_once(Trace *t, Goroutine *g, void *once, bool done, bool running)
{
  begin(t, TEV_ONCE_DO, g);
  add_obj(t, once, "once");
  open_obj(t, "state");
  set_bool(t, "done", done);
  set_bool(t, "running", running);
  w_close(t, '}');
  emit(t);
}

void trace_timer(Trace *t, TraceEv ev, Goroutine *g, void *timer,
                 int64_t when, bool active)
{
  begin(t, ev, g);
  add_obj(t, timer, "timer");
  open_obj(t, "state");
  set_int(t, "when", when - SCHED_EPOCH_NS);
  set_bool(t, "active", active);
  w_close(t, '}');
  emit(t);
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
  begin(t, TEV_CTX_CANCEL, g);
  add_obj(t, ctx, "context");
  set_int(t, "parent", parent ? intern(t, parent, "context")->id : 0);
  open_obj(t, "state");
  set_bool(t, "canceled", true);
  set_str(t, "err", err ? err : "");
  w_close(t, '}');
  emit(t);
}

void trace_map_write(Trace *t, Goroutine *g, void *map, bool begin_write,
                     int64_t len)
{
  begin(t, begin_write ? TEV_MAP_WRITE_BEGIN : TEV_MAP_WRITE_END, g);
  add_obj(t, map, "map");
  open_obj(t, "state");
  set_bool(t, "writing", begin_write);
  set_int(t, "len", len);
  w_close(t, '}');
  emit(t);
}

void trace_race(Trace *t, Goroutine *g, void *obj, const char *access,
                int64_t other, const char *other_access)
{
  begin(t, TEV_RACE, g);
  if (obj) {
    add_obj(t, obj, "memory");
    open_obj(t, "state");
    w_close(t, '}');
  }
  set_str(t, "access", access ? access : "");
  set_int(t, "other", other);
  set_str(t, "other_access", other_access ? other_access : "");
  emit(t);
}

/* --- the end ---------------------------------------------------------------------- */

void trace_panic(Trace *t, Goroutine *g, Value v, bool goexit)
{
  if (goexit) return; /* runtime.Goexit unwinds like a panic; not one */
  Buf b = BUF_INIT; /* formatted before the line starts, as in w_render */
  if (fmt_safe(v.t, 0))
    fmt_panic_value(t->vm, g, v, &b);
  else
    buf_printf(&b, "(%s)", v.t->str ? v.t->str : "?");
  begin(t, TEV_PANIC, g);
  w_key(t, "value");
  w_strn(t, b.data ? b.data : "", b.len);
  buf_fini(&b);
  emit(t);
}

static const char *end_name(VMEnd end)
{
  static const char *const names[] = {"exit",     "panic",   "fatal",
                                      "deadlock", "timeout", "oom"};
  return (unsigned)end < sizeof names / sizeof names[0] ? names[end] : "?";
}

/* The exit line's replay token, when the choices were recorded. */
static void add_token(Trace *t)
{
  const Buf *rec = vm_options(t->vm)->record;
  if (!rec) return;
  Buf tok = BUF_INIT;
  Strategy st = sched_strategy(t->sched);
  sched_token_format(st, st == STRAT_PCT ? sched_pct_depth(t->sched) : 0,
                     sched_seed(t->sched), (const uint8_t *)rec->data,
                     rec->len, &tok);
  set_str(t, "token", buf_cstr(&tok));
  buf_fini(&tok);
}

void trace_end(Trace *t, VMEnd end, int status, const char *msg)
{
  Goroutine *g = sched_current(t->sched);
  if (end == VM_END_FATAL || end == VM_END_DEADLOCK || end == VM_END_OOM) {
    begin(t, TEV_FATAL, g);
    set_str(t, "msg", msg ? msg : "");
    emit(t);
  }
  begin(t, TEV_EXIT, g);
  set_int(t, "status", status);
  set_cstr(t, "end", end_name(end));
  set_str(t, "msg", msg ? msg : "");
  set_int(t, "choices", sched_nchoices(t->sched));
  add_token(t);
  if (sched_replay_error(t->sched))
    set_str(t, "replay_error", sched_replay_error(t->sched));
  emit(t);
  trace_flush(t);
}
