/* tui/diagram.h - state-machine diagrams of channels, WaitGroups, Mutexes
 * and RWMutexes, and the goroutine list, as pure functions: an object's
 * state in, a grid of cells (a character and a style) out. No curses
 * here: the diagram pane (tui/pane_diagram.c) maps styles to attributes,
 * and tests/unit/test_diagram.c compares grids with text art.
 *
 * Big decision: each primitive's full drawing is a text-art template with
 * a parallel mask that says which cells belong to which state box and
 * which edge; drawing = copy the template, then style the current state,
 * the edge just taken and a failing edge by mask letter. The drawings stay
 * readable as art in the source, and adding an edge is one letter.
 * Below 60x16 (an 80x24 screen gives the pane ~30x7) a compact form lists
 * the same facts line by line: state chain, buffer, queues, last edge.
 *
 * Meaning never depends on colour alone: with opts.marks (NO_COLOR or a
 * monochrome terminal) the current state is drawn with a double-line box
 * or a leading '>', the edge just taken with heavy lines and a '*', and a
 * failing edge with 'x' lines and a leading '!'.
 */
#ifndef PANICROOM_TUI_DIAGRAM_H
#define PANICROOM_TUI_DIAGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"

typedef enum DgAttr {
  DA_NORMAL,
  DA_CURRENT, /* the state the object is in */
  DA_EDGE,    /* the edge its last event took */
  DA_FAIL,    /* an edge that panics, throws or blocks forever */
  DA_DIM,     /* types, ids, states not reachable from here */
  DA_TITLE,
  DA_COUNT
} DgAttr;

typedef struct DgCell {
  uint32_t ch; /* a Unicode code point; every glyph we use is one column */
  uint8_t attr;
} DgCell;

typedef struct DgGrid {
  int w, h;
  DgCell *cells; /* owned, w * h */
} DgGrid;

typedef struct DgOpts {
  bool marks; /* mark states and edges in the text, not only by style */
  bool ascii; /* +-| and -> instead of box drawing (non-UTF-8 terminal) */
} DgOpts;

/* The edges, with the words drawn for them and whether they fail. */
#define DG_EDGES(X)                                                            \
  X(NONE, "", 0)                                                               \
  X(MAKE, "make", 0)                                                           \
  X(SEND, "send", 0)                                                           \
  X(RECV, "recv", 0)                                                           \
  X(CLOSE, "close", 0)                                                         \
  X(SEND_BLOCK, "send blocks", 0)                                              \
  X(RECV_BLOCK, "recv blocks", 0)                                              \
  X(SEND_CLOSED, "send on closed channel", 1)                                  \
  X(CLOSE_CLOSED, "close of closed channel", 1)                                \
  X(CLOSE_NIL, "close of nil channel", 1)                                      \
  X(SEND_NIL, "send on nil blocks forever", 1)                                 \
  X(RECV_NIL, "recv on nil blocks forever", 1)                                 \
  X(ADD, "Add", 0)                                                             \
  X(DONE, "Done", 0)                                                           \
  X(WAIT_BLOCK, "Wait blocks", 0)                                              \
  X(WAIT_RETURN, "Wait returns", 0)                                            \
  X(NEGATIVE, "negative WaitGroup counter", 1)                                 \
  X(REUSE, "reused before Wait returned", 1)                                   \
  X(LOCK, "Lock", 0)                                                           \
  X(LOCK_BLOCK, "Lock waits", 0)                                               \
  X(UNLOCK, "Unlock", 0)                                                       \
  X(RLOCK, "RLock", 0)                                                         \
  X(RLOCK_BLOCK, "RLock waits", 0)                                             \
  X(RUNLOCK, "RUnlock", 0)                                                     \
  X(UNLOCK_FATAL, "Unlock of unlocked", 1)                                     \
  X(RUNLOCK_FATAL, "RUnlock of unlocked", 1)

typedef enum DgEdge {
#define X(id, label, fail) DE_##id,
  DG_EDGES(X)
#undef X
      DE_COUNT
} DgEdge;

const char *dg_edge_label(DgEdge e);
bool dg_edge_fails(DgEdge e);

typedef enum DgKind { DK_CHAN, DK_WG, DK_MUTEX, DK_RWMUTEX, DK_COUNT } DgKind;

/* The trace caps a channel's buffer at 16 values; queues are cut here and
 * counted in *_more (a lesson has a handful of goroutines). */
#define DG_MAXQ 16

typedef struct DgIds {
  int n;
  int64_t id[DG_MAXQ];
  int64_t more;
} DgIds;

typedef struct DgChan {
  bool nil;
  int64_t len, cap;
  bool closed;
  int nbuf;
  const char *buf[DG_MAXQ]; /* borrowed */
  int64_t buf_more;
  DgIds sendq, recvq;
} DgChan;

typedef struct DgWg {
  int64_t counter, waiters;
} DgWg;

/* Mutex uses locked, holder and waiting_writers only. */
typedef struct DgLock {
  bool locked;
  int64_t holder, readers;
  bool writer_waiting;
  int64_t waiting_readers, waiting_writers;
} DgLock;

typedef struct DgObject {
  DgKind kind;
  int64_t id;
  const char *name; /* borrowed, may be NULL */
  const char *elem; /* channel element type, may be NULL */
  DgEdge edge;      /* what its last event did (DE_NONE: nothing yet) */
  int64_t edge_g;   /* the goroutine that did it */
  bool edge_now;    /* that event is the current one */
  DgIds blocked;    /* goroutines parked on it (RWMutex: in RLock) */
  DgIds blocked_w;  /* RWMutex: goroutines parked in Lock */
  union {
    DgChan ch;
    DgWg wg;
    DgLock lk;
  } u;
} DgObject;

typedef struct DgGor {
  int64_t id;
  const char *status; /* borrowed: runnable, running, waiting, dead */
  const char *reason; /* borrowed, may be NULL */
  const char *fn;     /* borrowed, may be NULL */
  int64_t obj;        /* what it waits on, 0 if none */
  bool current;       /* the current event's goroutine */
} DgGor;

/* Grids: dg_grid_resize keeps nothing (callers draw the whole frame). */
void dg_grid_init(DgGrid *g);
void dg_grid_fini(DgGrid *g);
void dg_grid_resize(DgGrid *g, int w, int h);
void dg_grid_clear(DgGrid *g);
DgCell dg_cell(const DgGrid *g, int x, int y);
/* UTF-8 text from (x, y), clipped at x + maxw and the grid's edge; a
 * control byte shows as '?'. Returns the columns drawn. */
int dg_text(DgGrid *g, int x, int y, int maxw, const char *s, DgAttr a);
/* The grid as text, one line per row, trailing spaces trimmed; with
 * attrs, a second block of one letter per cell (. normal, C current,
 * E edge, F fail, d dim, T title) for tests. */
void dg_grid_dump(const DgGrid *g, Buf *out, bool attrs);

/* Draws o into the whole grid (sized by the caller): the full drawing
 * when it fits, else the compact form. Returns the rows used. */
int dg_render(const DgObject *o, const DgOpts *opts, DgGrid *g);
/* The goroutine list into rows [y, y + h) of g. Returns the rows used. */
int dg_render_gors(const DgGor *gs, int n, const DgOpts *opts, DgGrid *g, int y,
                   int h);

/* The current state's name ("closed, 3 to drain"); after a failing edge
 * the state it failed in (the edge line says what failed). */
void dg_state_name(const DgObject *o, Buf *out);

#endif
