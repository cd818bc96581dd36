/* tui/trace_model.h - a run's NDJSON event trace (docs/trace.md) as an
 * array of events with a cursor: what the diagram pane draws, what step /
 * back / play move, and which goroutine and source line the code pane
 * follows. No curses: tests/unit/test_trace_model.c drives it.
 *
 * Big decision: the model never replays. Every trace event carries its
 * object's whole state after the event, so the state of object X at the
 * cursor is the state of X's last event at or before the cursor: each
 * object and goroutine keeps the indices of its events, and a binary
 * search finds it. Stepping back costs the same as stepping forward.
 *
 * Derived facts the trace does not state but the diagrams need, decided
 * once when a line is added: the edge each event took (a send that
 * blocked, a Wait that returned); which object and edge a panic or fatal
 * error failed on ("send on closed channel" names no channel: the
 * panicking goroutine's last operation on a channel does); the nil
 * channel, which has no object, as a pseudo-object TM_NIL_CHAN that the
 * "(nil chan)" blocks and "close of nil channel" land on.
 *
 * Lines may arrive one at a time while the program runs (tm_feed); with
 * play on, the cursor follows at the chosen speed (tm_tick).
 *
 * Ownership: the model owns every parsed line; the strings in DgObject
 * and DgGor it fills are borrowed from it and valid until tm_reset or
 * tm_fini.
 */
#ifndef PANICROOM_TUI_TRACE_MODEL_H
#define PANICROOM_TUI_TRACE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "base/buf.h"
#include "engine/trace.h"
#include "tui/diagram.h"

/* The nil channel's pseudo-object id (trace ids start at 1). */
#define TM_NIL_CHAN INT64_C(-1)
/* Events kept: ~1 KiB each parsed, so ~200 MiB at most. A runaway past
 * this keeps only its panic / fatal / exit lines, and says so. */
#define TM_MAX_EVENTS 200000
/* Goroutine ids index a table; ids are small (1, 5, 6, ...). */
#define TM_MAX_GID 100000

typedef struct TmEvent {
  TraceEv ev; /* TRACE_NEVENTS for a kind this build does not know */
  int64_t seq, g;
  int line;         /* of "pos"; 0 when none */
  const char *file; /* of "pos" (interned, borrowed); "" when none */
  int64_t obj;      /* the object the diagrams show it on; 0: none */
  DgKind kind;      /* of obj, when obj != 0 */
  DgEdge edge;      /* the edge obj took */
  json_t *state;    /* obj's state after it (borrowed from j) */
  int64_t wait_obj; /* go_block: what g waits on; 0: nothing known */
  bool wait_lock;   /* go_block on an RWMutex: in Lock, not RLock */
  const char *msg;  /* panic / fatal: the message, borrowed */
  json_t *j;        /* owned: the whole line */
} TmEvent;

typedef struct TmList {
  size_t *at; /* event indices, ascending */
  size_t n, cap;
} TmList;

typedef struct TmObject {
  int64_t id;
  bool used;
  DgKind kind;
  bool drawable; /* chan, WaitGroup, Mutex, RWMutex */
  const char *name, *elem;
  TmList evs;
} TmObject;

typedef struct TmGor {
  bool used;
  const char *fn;
  TmList evs; /* its go_* events */
} TmGor;

/* Playback speeds, events per second; the last one is "instant". */
#define TM_SPEEDS                                                              \
  {                                                                            \
    1, 2, 4, 8, 16, 32, 64, 256, 0                                             \
  }
#define TM_NSPEEDS       9
#define TM_DEFAULT_SPEED 4 /* 16 events a second: send-closed in ~2 s */

typedef struct TraceModel {
  json_t *header; /* owned; NULL until the header line */
  TmEvent *ev;
  size_t n, cap;
  size_t cur;     /* the current event (valid when n > 0) */
  TmObject *objs; /* by id; [0] is the nil channel */
  size_t nobjs;
  char **files; /* owned: the file names events name */
  size_t nfiles;
  TmGor *gors; /* by goroutine id */
  size_t ngors;
  bool playing;
  int speed;        /* index into TM_SPEEDS */
  int64_t due_ms;   /* when the next event is due while playing */
  bool ended;       /* the exit line arrived */
  bool truncated;   /* events were dropped at TM_MAX_EVENTS */
  size_t bad_lines; /* lines that were not trace JSON */
  Buf err;          /* the first such line's error */
} TraceModel;

void tm_init(TraceModel *m);
void tm_fini(TraceModel *m);
/* Forgets the run (a new run starts); keeps the speed. */
void tm_reset(TraceModel *m);

/* Adds one line (no '\n' needed); the header or an event. A line that is
 * not trace JSON is counted and its error kept; returns -1 then. */
int tm_feed(TraceModel *m, const char *line, size_t n);
/* Every line of an NDJSON text. Returns the lines that failed. */
size_t tm_load(TraceModel *m, const char *text, size_t len);

/* --- cursor and playback -------------------------------------------------- */
/* Each clamps to the events there are; returns true if the cursor moved. */
bool tm_seek(TraceModel *m, size_t i);
bool tm_step(TraceModel *m, long delta);
bool tm_start(TraceModel *m);
bool tm_end(TraceModel *m);
/* Play from the cursor (from the start when it is at the end). */
void tm_play(TraceModel *m, int64_t now_ms);
void tm_pause(TraceModel *m);
/* Speed up (+1) or down (-1); returns the new events per second (0:
 * instant). */
int tm_speed_step(TraceModel *m, int dir);
int tm_speed(const TraceModel *m);
/* Moves the cursor as far as the clock says; stops playing at the end of
 * a finished run. Returns true if it moved. */
bool tm_tick(TraceModel *m, int64_t now_ms);
/* Milliseconds until tm_tick has work (for the input timeout); -1 when
 * not playing. */
int tm_wait_ms(const TraceModel *m, int64_t now_ms);

/* --- what the cursor shows ------------------------------------------------ */
const TmEvent *tm_current(const TraceModel *m); /* NULL without events */
/* The current event's goroutine, file and line (0 when it has none: the
 * code pane then keeps its place). */
int tm_where(const TraceModel *m, const char **file, int64_t *g);
/* The object to draw at the cursor: the current event's if drawable;
 * else one that failed at or before it (its panic stays in view); else
 * the last one of kind prefer (a DgKind, or -1: any) touched before it;
 * else the last drawable one. 0 when none. */
int64_t tm_focus(const TraceModel *m, int prefer);
/* Object id's state at event i; false if it has no event at or before i
 * or is not drawable. */
bool tm_object_at(const TraceModel *m, int64_t id, size_t i, DgObject *out);
/* The goroutines known at event i, by id; returns how many were written
 * (at most max). */
int tm_gors_at(const TraceModel *m, size_t i, DgGor *out, int max);
/* "event 12/34  g1 chan_send  line 41" for the pane's title. */
void tm_describe(const TraceModel *m, Buf *out);

#endif
