/* tui/pane.h - a pane is a const vtable plus a little state (tmux's
 * window_mode, htop's PanelClass): the screen owns four of them and only
 * ever calls through the class, so a pane can be replaced without
 * touching the screen.
 *
 * The diagram slot is the one meant to be replaced (screen.c,
 * TUI_DIAGRAM_CLASS): it holds pane_diagram_class, the state machines
 * drawn from the App's event trace; pane_goroutines_class (the goroutine
 * list of a crash dump, read from the output) fits the same slot. A class
 * may also take the run's result-channel lines through run_line as they
 * arrive; the trace itself is fed to the App (app_trace.c), so that keys,
 * commands and line mode share one cursor.
 *
 * Drawing rule: draw() paints the pane's whole rectangle (border
 * included) from the App and the pane's own state, every frame; it never
 * changes the App. Panes may keep caches (a laid-out lesson) keyed by
 * the App's generation counters.
 */
#ifndef PANICROOM_TUI_PANE_H
#define PANICROOM_TUI_PANE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/app.h"
#include "tui/keys.h"
#include "tui/layout.h"

typedef struct Pane Pane;

typedef struct PaneClass {
  const char *name;
  void (*init)(Pane *p);                     /* may set p->data */
  void (*free)(Pane *p);                     /* frees p->data */
  void (*resize)(Pane *p, Rect r);           /* may be NULL: p->r is set */
  void (*draw)(Pane *p, const App *app, bool focus);
  /* A scroll key while focused; returns whether it was used. */
  bool (*key)(Pane *p, const App *app, KeyAction act);
  /* Optional (NULL): a line of the running program's result channel
   * (trace events, then the exit record), as it arrives. */
  void (*run_line)(Pane *p, const App *app, const char *line, size_t n);
} PaneClass;

struct Pane {
  const PaneClass *cls;
  Rect r;         /* border included */
  int scroll;     /* first content row shown */
  int rows;       /* content rows at the last draw, for scrolling */
  void *data;     /* the class's own */
};

extern const PaneClass pane_lesson_class;
extern const PaneClass pane_code_class;
extern const PaneClass pane_output_class;
extern const PaneClass pane_goroutines_class;
extern const PaneClass pane_diagram_class;

/* The inside of a pane's border. */
Rect pane_inner(const Pane *p);
/* The common scroll keys over p->rows rows of content. */
bool pane_scroll_key(Pane *p, const App *app, KeyAction act);
/* Keeps p->scroll within [0, rows - visible]. */
void pane_clamp(Pane *p);
/* Default resize: records r. */
void pane_resize(Pane *p, Rect r);
/* A "more above/below" mark on the right edge of the border. */
void pane_draw_scrollbar(const Pane *p);

#endif
