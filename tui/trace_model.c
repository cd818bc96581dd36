/* tui/trace_model.c - NDJSON trace lines into events, per-object and
 * per-goroutine indices, derived edges and failures, the cursor and
 * playback (see trace_model.h). */
#include "tui/trace_model.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static const int speeds[TM_NSPEEDS] = TM_SPEEDS;

/* --- small JSON helpers --------------------------------------------------- */

static int64_t jint(const json_t *o, const char *k)
{
  json_t *v = json_object_get(o, k);
  return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

static const char *jstr(const json_t *o, const char *k)
{
  return json_string_value(json_object_get(o, k));
}

static bool jbool(const json_t *o, const char *k)
{
  return json_is_true(json_object_get(o, k));
}

static void list_push(TmList *l, size_t i)
{
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 8;
    l->at = xrealloc(l->at, l->cap * sizeof *l->at);
  }
  l->at[l->n++] = i;
}

/* The position of the last entry <= i, or -1. */
static long list_find(const TmList *l, size_t i)
{
  long lo = 0, hi = (long)l->n - 1, best = -1;
  while (lo <= hi) {
    long mid = lo + (hi - lo) / 2;
    if (l->at[mid] <= i)
      best = mid, lo = mid + 1;
    else
      hi = mid - 1;
  }
  return best;
}

/* --- life cycle ----------------------------------------------------------- */

void tm_init(TraceModel *m)
{
  memset(m, 0, sizeof *m);
  m->speed = TM_DEFAULT_SPEED;
  buf_init(&m->err);
}

void tm_fini(TraceModel *m)
{
  for (size_t i = 0; i < m->n; i++)
    json_decref(m->ev[i].j);
  for (size_t i = 0; i < m->nobjs; i++)
    free(m->objs[i].evs.at);
  for (size_t i = 0; i < m->ngors; i++)
    free(m->gors[i].evs.at);
  for (size_t i = 0; i < m->nfiles; i++)
    free(m->files[i]);
  free(m->files);
  free(m->ev);
  free(m->objs);
  free(m->gors);
  json_decref(m->header);
  buf_fini(&m->err);
}

void tm_reset(TraceModel *m)
{
  int speed = m->speed;
  tm_fini(m);
  tm_init(m);
  m->speed = speed;
}

/* --- tables of objects and goroutines ------------------------------------- */

/* The slot of object id (the nil channel is slot 0); NULL when the id is
 * out of any sane range. */
static TmObject *obj_slot(TraceModel *m, int64_t id, bool grow)
{
  if (id != TM_NIL_CHAN && (id <= 0 || id > TM_MAX_EVENTS))
    return NULL;
  size_t k = id == TM_NIL_CHAN ? 0 : (size_t)id;
  if (k >= m->nobjs) {
    if (!grow)
      return NULL;
    size_t n = k + 16;
    m->objs = xrealloc(m->objs, n * sizeof *m->objs);
    memset(m->objs + m->nobjs, 0, (n - m->nobjs) * sizeof *m->objs);
    m->nobjs = n;
  }
  return &m->objs[k];
}

static const TmObject *obj_get(const TraceModel *m, int64_t id)
{
  return obj_slot((TraceModel *)m, id, false);
}

static TmGor *gor_slot(TraceModel *m, int64_t g)
{
  if (g <= 0 || g > TM_MAX_GID)
    return NULL;
  if ((size_t)g >= m->ngors) {
    size_t n = (size_t)g + 16;
    m->gors = xrealloc(m->gors, n * sizeof *m->gors);
    memset(m->gors + m->ngors, 0, (n - m->ngors) * sizeof *m->gors);
    m->ngors = n;
  }
  return &m->gors[g];
}

static bool kind_of(const char *s, DgKind *k)
{
  static const char *const names[DK_COUNT] = {"chan", "waitgroup", "mutex",
                                              "rwmutex"};
  for (int i = 0; s && i < DK_COUNT; i++)
    if (strcmp(s, names[i]) == 0)
      return *k = (DgKind)i, true;
  return false;
}

/* "file:line" split; the file names are interned (a run names one or
 * two files, so a linear search is the whole table). */
static const char *pos_of(TraceModel *m, const json_t *j, int *line)
{
  const char *pos = jstr(j, "pos");
  const char *colon = pos ? strrchr(pos, ':') : NULL;
  *line = colon ? atoi(colon + 1) : 0;
  if (!colon)
    return "";
  size_t n = (size_t)(colon - pos);
  for (size_t i = 0; i < m->nfiles; i++)
    if (strlen(m->files[i]) == n && !memcmp(m->files[i], pos, n))
      return m->files[i];
  m->files = xrealloc(m->files, (m->nfiles + 1) * sizeof *m->files);
  return m->files[m->nfiles++] = xstrndup(pos, n);
}

/* Registers event i on its object (kind, name, element type). */
static void obj_note(TraceModel *m, size_t i)
{
  TmEvent *e = &m->ev[i];
  TmObject *o = obj_slot(m, e->obj, true);
  if (!o)
    return;
  if (!o->used) {
    o->used = true;
    o->id = e->obj;
    o->kind = e->kind;
    o->drawable = true;
    o->name = e->obj == TM_NIL_CHAN ? "nil" : NULL;
  }
  if (!o->name)
    o->name = jstr(e->j, "name");
  if (!o->elem)
    o->elem = jstr(e->j, "elem");
  list_push(&o->evs, i);
}

/* --- deriving edges ------------------------------------------------------- */

/* g's last go_* event (so far), or NULL. */
static TmEvent *gor_last(TraceModel *m, int64_t g)
{
  TmGor *t = gor_slot(m, g);
  return t && t->evs.n ? &m->ev[t->evs.at[t->evs.n - 1]] : NULL;
}

static void classify_block(TmEvent *e)
{
  const json_t *j = e->j;
  const char *reason = jstr(json_object_get(j, "state"), "reason");
  const char *kind = jstr(j, "kind");
  reason = reason ? reason : "";
  e->wait_obj = jint(j, "obj");
  if (strstr(reason, "(nil chan)")) {
    e->obj = e->wait_obj = TM_NIL_CHAN;
    e->kind = DK_CHAN;
    e->edge = strncmp(reason, "chan send", 9) == 0 ? DE_SEND_NIL : DE_RECV_NIL;
  } else if (kind && strcmp(kind, "chan") == 0 && e->wait_obj) {
    e->obj = e->wait_obj;
    e->kind = DK_CHAN;
    e->state = json_object_get(j, "obj_state");
    e->edge =
        strncmp(reason, "chan send", 9) == 0 ? DE_SEND_BLOCK : DE_RECV_BLOCK;
  }
}

/* The edge of an event on a sync primitive or channel. */
static DgEdge edge_of(TraceModel *m, const TmEvent *e)
{
  bool acq = jbool(e->j, "acquired");
  switch (e->ev) {
  case TEV_CHAN_MAKE:
    return DE_MAKE;
  case TEV_CHAN_SEND:
    return DE_SEND;
  case TEV_CHAN_RECV:
    return DE_RECV;
  case TEV_CHAN_CLOSE:
    return DE_CLOSE;
  case TEV_WG_ADD:
    return jint(e->j, "delta") < 0 ? DE_DONE : DE_ADD;
  case TEV_WG_DONE:
    return DE_DONE;
  case TEV_WG_WAIT: {
    /* Raised when Wait blocks (just after g's go_block) and again when
     * it returns. */
    const TmEvent *b = gor_last(m, e->g);
    return b && b->ev == TEV_GO_BLOCK ? DE_WAIT_BLOCK : DE_WAIT_RETURN;
  }
  case TEV_MUTEX_LOCK:
  case TEV_RW_LOCK:
    return acq ? DE_LOCK : DE_LOCK_BLOCK;
  case TEV_RW_RLOCK:
    return acq ? DE_RLOCK : DE_RLOCK_BLOCK;
  case TEV_MUTEX_UNLOCK:
  case TEV_RW_UNLOCK:
    return DE_UNLOCK;
  case TEV_RW_RUNLOCK:
    return DE_RUNLOCK;
  default:
    return DE_NONE;
  }
}

static void classify(TraceModel *m, TmEvent *e)
{
  if (e->ev == TEV_GO_BLOCK) {
    classify_block(e);
    return;
  }
  DgKind k;
  if (!kind_of(jstr(e->j, "kind"), &k) || !(e->edge = edge_of(m, e)))
    return;
  e->obj = jint(e->j, "obj");
  e->kind = k;
  e->state = json_object_get(e->j, "state");
  if (e->edge == DE_LOCK_BLOCK && k == DK_RWMUTEX) {
    TmEvent *b = gor_last(m, e->g); /* the go_block just before */
    if (b && b->ev == TEV_GO_BLOCK)
      b->wait_lock = true;
  }
}

/* --- failures ------------------------------------------------------------- */

/* What Go's message says failed: the edge, and for sync primitives the
 * event kinds of the call that failed. */
static const struct {
  const char *msg; /* a prefix of the message */
  DgEdge edge;
  TraceEv op1, op2, op3; /* TRACE_NEVENTS: the panic lands on a channel */
} failures[] = {
    {"send on closed channel", DE_SEND_CLOSED, TRACE_NEVENTS, TRACE_NEVENTS,
     TRACE_NEVENTS},
    {"close of closed channel", DE_CLOSE_CLOSED, TRACE_NEVENTS, TRACE_NEVENTS,
     TRACE_NEVENTS},
    {"close of nil channel", DE_CLOSE_NIL, TRACE_NEVENTS, TRACE_NEVENTS,
     TRACE_NEVENTS},
    {"sync: negative WaitGroup counter", DE_NEGATIVE, TEV_WG_DONE, TEV_WG_ADD,
     TEV_WG_ADD},
    {"sync: WaitGroup is reused", DE_REUSE, TEV_WG_WAIT, TEV_WG_ADD,
     TEV_WG_DONE},
    {"sync: unlock of unlocked mutex", DE_UNLOCK_FATAL, TEV_MUTEX_UNLOCK,
     TEV_MUTEX_UNLOCK, TEV_MUTEX_UNLOCK},
    {"sync: Unlock of unlocked RWMutex", DE_UNLOCK_FATAL, TEV_RW_UNLOCK,
     TEV_RW_UNLOCK, TEV_RW_UNLOCK},
    {"sync: RUnlock of unlocked RWMutex", DE_RUNLOCK_FATAL, TEV_RW_RUNLOCK,
     TEV_RW_RUNLOCK, TEV_RW_RUNLOCK},
};
#define NFAILURES (sizeof failures / sizeof failures[0])

/* The channel a panic at event k is about: g's last channel event at
 * the panic's line, else g's last channel event, else (close of closed)
 * the last close, or (send on closed) the last closed channel. */
static int64_t failed_chan(const TraceModel *m, size_t k, DgEdge edge)
{
  const TmEvent *p = &m->ev[k];
  int64_t same_pos = 0, same_g = 0, other = 0;
  for (size_t i = k; i-- > 0 && !same_pos;) {
    const TmEvent *e = &m->ev[i];
    if (e->kind != DK_CHAN || e->obj <= 0)
      continue;
    if (e->g == p->g && e->line == p->line && !strcmp(e->file, p->file))
      same_pos = e->obj;
    if (e->g == p->g && !same_g)
      same_g = e->obj;
    bool closed = jbool(e->state, "closed");
    if (!other && closed &&
        (edge != DE_CLOSE_CLOSED || e->ev == TEV_CHAN_CLOSE))
      other = e->obj;
  }
  return same_pos ? same_pos : same_g ? same_g : other;
}

/* The panic at k names no channel: put it on one, with that channel's
 * last state, so the diagram shows the failing edge from where it was. */
static void fail_on_chan(TraceModel *m, size_t k, DgEdge edge)
{
  TmEvent *p = &m->ev[k];
  int64_t id = edge == DE_CLOSE_NIL ? TM_NIL_CHAN : failed_chan(m, k, edge);
  const TmObject *o = obj_get(m, id);
  if (!id)
    return;
  p->obj = id;
  p->kind = DK_CHAN;
  p->edge = edge;
  p->state = o && o->evs.n ? m->ev[o->evs.at[o->evs.n - 1]].state : NULL;
  obj_note(m, k);
}

/* The failing call of a sync primitive: g's last event of that kind. */
static void fail_on_call(TraceModel *m, size_t k, size_t f)
{
  for (size_t i = k; i-- > 0;) {
    TmEvent *e = &m->ev[i];
    if (e->g == m->ev[k].g && e->obj > 0 &&
        (e->ev == failures[f].op1 || e->ev == failures[f].op2 ||
         e->ev == failures[f].op3)) {
      e->edge = failures[f].edge;
      return;
    }
  }
}

static void resolve_failure(TraceModel *m, size_t k, const char *msg)
{
  static const char *const prefixes[] = {"fatal error: ", "panic: "};
  for (size_t i = 0; msg && i < 2; i++)
    if (strncmp(msg, prefixes[i], strlen(prefixes[i])) == 0)
      msg += strlen(prefixes[i]);
  for (size_t f = 0; msg && f < NFAILURES; f++) {
    if (strncmp(msg, failures[f].msg, strlen(failures[f].msg)) != 0)
      continue;
    if (failures[f].op1 == TRACE_NEVENTS)
      fail_on_chan(m, k, failures[f].edge);
    else
      fail_on_call(m, k, f);
    return;
  }
}

/* A panic's value may print as "(runtime.plainError)" (the trace never
 * calls Error methods); the exit line then carries Go's message. */
static void end_event(TraceModel *m, size_t i)
{
  TmEvent *e = &m->ev[i];
  if (e->ev == TEV_FATAL) {
    e->msg = jstr(e->j, "msg");
    resolve_failure(m, i, e->msg);
  } else if (e->ev == TEV_PANIC) {
    e->msg = jstr(e->j, "value");
    if (e->msg && e->msg[0] != '(')
      resolve_failure(m, i, e->msg);
  } else if (e->ev == TEV_EXIT) {
    m->ended = true;
    e->msg = jstr(e->j, "msg");
    const char *end = jstr(e->j, "end");
    for (size_t k = i; k-- > 0 && end && !strcmp(end, "panic");)
      if (m->ev[k].ev == TEV_PANIC) {
        if (!m->ev[k].obj && m->ev[k].msg && m->ev[k].msg[0] == '(')
          resolve_failure(m, k, e->msg);
        break;
      }
  }
}

/* --- feeding lines -------------------------------------------------------- */

static TraceEv ev_kind(const char *name)
{
  for (int i = 0; name && i < TRACE_NEVENTS; i++)
    if (strcmp(name, trace_event_name((TraceEv)i)) == 0)
      return (TraceEv)i;
  return TRACE_NEVENTS;
}

static void add_event(TraceModel *m, json_t *j)
{
  TmEvent e;
  memset(&e, 0, sizeof e);
  e.j = j;
  e.ev = ev_kind(jstr(j, "ev"));
  bool end = e.ev == TEV_PANIC || e.ev == TEV_FATAL || e.ev == TEV_EXIT;
  if (m->n >= TM_MAX_EVENTS && !end) {
    m->truncated = true;
    json_decref(j);
    return;
  }
  e.seq = jint(j, "seq");
  e.g = jint(j, "g");
  e.file = pos_of(m, j, &e.line);
  classify(m, &e);
  if (m->n == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 256;
    m->ev = xrealloc(m->ev, m->cap * sizeof *m->ev);
  }
  size_t i = m->n++;
  m->ev[i] = e;
  if (e.obj)
    obj_note(m, i);
  if (e.ev >= TEV_GO_CREATE && e.ev <= TEV_GO_EXIT) {
    TmGor *t = gor_slot(m, e.g);
    if (t) {
      t->used = true;
      if (e.ev == TEV_GO_CREATE)
        t->fn = jstr(j, "fn");
      list_push(&t->evs, i);
    }
  }
  if (end)
    end_event(m, i);
}

static int bad_line(TraceModel *m, const char *why)
{
  if (!m->bad_lines++)
    buf_puts(&m->err, why);
  return -1;
}

int tm_feed(TraceModel *m, const char *line, size_t n)
{
  while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
    n--;
  if (!n)
    return 0;
  json_error_t jerr;
  json_t *j = json_loadb(line, n, 0, &jerr);
  if (!json_is_object(j)) {
    json_decref(j);
    return bad_line(m, j ? "not a JSON object" : jerr.text);
  }
  if (json_object_get(j, "trace") && !json_object_get(j, "ev")) {
    json_decref(m->header);
    m->header = j;
    return 0;
  }
  if (!jstr(j, "ev")) {
    json_decref(j);
    return bad_line(m, "no \"ev\" key");
  }
  add_event(m, j);
  return 0;
}

size_t tm_load(TraceModel *m, const char *text, size_t len)
{
  size_t bad = 0;
  while (len) {
    const char *nl = memchr(text, '\n', len);
    size_t n = nl ? (size_t)(nl - text) : len;
    bad += tm_feed(m, text, n) != 0;
    text += n + (nl != NULL);
    len -= n + (nl != NULL);
  }
  return bad;
}

/* --- cursor and playback -------------------------------------------------- */

bool tm_seek(TraceModel *m, size_t i)
{
  if (!m->n)
    return false;
  if (i >= m->n)
    i = m->n - 1;
  bool moved = i != m->cur;
  m->cur = i;
  return moved;
}

bool tm_step(TraceModel *m, long delta)
{
  if (delta < 0 && (size_t)-delta > m->cur)
    return tm_seek(m, 0);
  return tm_seek(m, m->cur + (size_t)delta);
}

bool tm_start(TraceModel *m) { return tm_seek(m, 0); }

bool tm_end(TraceModel *m) { return m->n && tm_seek(m, m->n - 1); }

static int interval_ms(const TraceModel *m)
{
  int s = speeds[m->speed];
  return s ? 1000 / s : 0;
}

void tm_play(TraceModel *m, int64_t now_ms)
{
  if (m->n && m->cur + 1 >= m->n && m->ended)
    m->cur = 0;
  m->playing = true;
  m->due_ms = now_ms + interval_ms(m);
}

void tm_pause(TraceModel *m) { m->playing = false; }

int tm_speed_step(TraceModel *m, int dir)
{
  m->speed += dir > 0 ? 1 : dir < 0 ? -1 : 0;
  m->speed = m->speed < 0             ? 0
             : m->speed >= TM_NSPEEDS ? TM_NSPEEDS - 1
                                      : m->speed;
  return speeds[m->speed];
}

int tm_speed(const TraceModel *m) { return speeds[m->speed]; }

bool tm_tick(TraceModel *m, int64_t now_ms)
{
  if (!m->playing || !m->n)
    return false;
  int iv = interval_ms(m);
  size_t was = m->cur;
  if (iv == 0) {
    m->cur = m->n - 1;
  } else {
    /* After a stall (a slow frame, a suspended terminal) resume at the
     * speed instead of racing to catch up. */
    if (now_ms - m->due_ms > 1000)
      m->due_ms = now_ms;
    while (now_ms >= m->due_ms && m->cur + 1 < m->n) {
      m->cur++;
      m->due_ms += iv;
    }
  }
  if (m->cur + 1 >= m->n) {
    if (m->ended)
      m->playing = false;
    else if (now_ms >= m->due_ms)
      m->due_ms = now_ms + iv; /* live: wait for the next line */
  }
  return m->cur != was;
}

int tm_wait_ms(const TraceModel *m, int64_t now_ms)
{
  if (!m->playing)
    return -1;
  int64_t d = m->due_ms - now_ms;
  return d < 0 ? 0 : d > 1000 ? 1000 : (int)d;
}

/* --- what the cursor shows ------------------------------------------------ */

const TmEvent *tm_current(const TraceModel *m)
{
  return m->n ? &m->ev[m->cur] : NULL;
}

int tm_where(const TraceModel *m, const char **file, int64_t *g)
{
  const TmEvent *e = tm_current(m);
  *file = e ? e->file : "";
  *g = e ? e->g : 0;
  return e ? e->line : 0;
}

static bool drawable(const TraceModel *m, int64_t id)
{
  const TmObject *o = obj_get(m, id);
  return o && o->used && o->drawable;
}

int64_t tm_focus(const TraceModel *m, int prefer)
{
  const TmEvent *e = tm_current(m);
  if (!e)
    return 0;
  if (e->obj && drawable(m, e->obj))
    return e->obj;
  int64_t any = 0, kind = 0;
  for (size_t i = m->cur + 1; i-- > 0;) {
    const TmEvent *p = &m->ev[i];
    if (!p->obj || !drawable(m, p->obj))
      continue;
    /* Once something failed, the rest of the run is its aftermath (a
     * deferred Done, the exit): keep the failure in view. */
    if (dg_edge_fails(p->edge))
      return p->obj;
    if (!kind && prefer >= 0 && (int)p->kind == prefer)
      kind = p->obj;
    if (!any)
      any = p->obj;
  }
  return kind ? kind : any;
}

static void ids_of(const json_t *arr, DgIds *out)
{
  size_t n = json_array_size(arr);
  out->n = 0;
  out->more = 0;
  for (size_t i = 0; i < n; i++) {
    json_t *v = json_array_get(arr, i);
    if (out->n < DG_MAXQ)
      out->id[out->n++] = json_is_integer(v) ? json_integer_value(v) : 0;
    else
      out->more++;
  }
}

static void chan_of(const json_t *s, DgChan *c)
{
  json_t *buf = json_object_get(s, "buf");
  c->len = jint(s, "len");
  c->cap = jint(s, "cap");
  c->closed = jbool(s, "closed");
  c->nbuf = 0;
  for (size_t i = 0; i < json_array_size(buf); i++) {
    if (c->nbuf < DG_MAXQ)
      c->buf[c->nbuf++] = json_string_value(json_array_get(buf, i));
    else
      c->buf_more++;
  }
  c->buf_more += jint(s, "buf_more");
  ids_of(json_object_get(s, "sendq"), &c->sendq);
  ids_of(json_object_get(s, "recvq"), &c->recvq);
}

static void lock_of(const json_t *s, DgLock *l)
{
  l->locked = jbool(s, "locked");
  l->holder = jint(s, "holder");
  l->readers = jint(s, "readers");
  l->writer_waiting = jbool(s, "writer_waiting");
  l->waiting_readers = jint(s, "waiting_readers");
  l->waiting_writers = jint(s, "waiting_writers");
}

static void ids_add(DgIds *ids, int64_t g)
{
  if (ids->n < DG_MAXQ)
    ids->id[ids->n++] = g;
  else
    ids->more++;
}

/* The goroutines parked on object id at event i (from their go_block). */
static void blocked_at(const TraceModel *m, int64_t id, size_t i, DgObject *out)
{
  for (size_t g = 1; g < m->ngors; g++) {
    const TmGor *t = &m->gors[g];
    long k = t->used ? list_find(&t->evs, i) : -1;
    if (k < 0)
      continue;
    const TmEvent *e = &m->ev[t->evs.at[k]];
    if (e->ev != TEV_GO_BLOCK || e->wait_obj != id)
      continue;
    ids_add(e->wait_lock ? &out->blocked_w : &out->blocked, (int64_t)g);
  }
}

bool tm_object_at(const TraceModel *m, int64_t id, size_t i, DgObject *out)
{
  const TmObject *o = obj_get(m, id);
  long k = o && o->used && o->drawable ? list_find(&o->evs, i) : -1;
  if (k < 0)
    return false;
  size_t at = o->evs.at[k];
  const TmEvent *e = &m->ev[at];
  memset(out, 0, sizeof *out);
  out->kind = o->kind;
  out->id = id;
  out->name = o->name;
  out->elem = o->elem;
  out->edge = e->edge;
  out->edge_g = e->g;
  out->edge_now = at == i;
  if (o->kind == DK_CHAN)
    out->u.ch.nil = id == TM_NIL_CHAN;
  if (o->kind == DK_CHAN && e->state)
    chan_of(e->state, &out->u.ch);
  else if (o->kind == DK_WG) {
    out->u.wg.counter = jint(e->state, "counter");
    out->u.wg.waiters = jint(e->state, "waiters");
  } else if (o->kind == DK_MUTEX || o->kind == DK_RWMUTEX)
    lock_of(e->state, &out->u.lk);
  blocked_at(m, id, i, out);
  return true;
}

static void gor_at(const TraceModel *m, size_t g, size_t i, DgGor *out)
{
  const TmGor *t = &m->gors[g];
  const TmEvent *e = &m->ev[t->evs.at[list_find(&t->evs, i)]];
  json_t *st = json_object_get(e->j, "state");
  memset(out, 0, sizeof *out);
  out->id = (int64_t)g;
  out->status = jstr(st, "status");
  out->reason = jstr(st, "reason");
  out->fn = t->fn;
  out->obj = e->ev == TEV_GO_BLOCK ? e->wait_obj : 0;
  out->current = m->ev[i].g == (int64_t)g;
  /* The trace says "runnable" until g blocks; the goroutine acting at
   * the cursor is the one running. */
  if (out->current && out->status && !strcmp(out->status, "runnable"))
    out->status = "running";
}

int tm_gors_at(const TraceModel *m, size_t i, DgGor *out, int max)
{
  int n = 0;
  if (i >= m->n)
    return 0;
  for (size_t g = 1; g < m->ngors && n < max; g++) {
    const TmGor *t = &m->gors[g];
    if (t->used && list_find(&t->evs, i) >= 0)
      gor_at(m, g, i, &out[n++]);
  }
  return n;
}

void tm_describe(const TraceModel *m, Buf *out)
{
  const TmEvent *e = tm_current(m);
  if (!e) {
    buf_puts(out, "no events");
    return;
  }
  buf_printf(out, "%zu/%zu", m->cur + 1, m->n);
  if (e->g)
    buf_printf(out, " g%lld", (long long)e->g);
  buf_printf(out, " %s",
             e->ev < TRACE_NEVENTS ? trace_event_name(e->ev)
                                   : jstr(e->j, "ev"));
  if (e->line)
    buf_printf(out, " :%d", e->line);
  if (m->playing) {
    int s = tm_speed(m);
    if (s)
      buf_printf(out, " >%d/s", s);
    else
      buf_puts(out, " >>");
  }
  if (m->truncated)
    buf_puts(out, " (cut)");
}
