/* tui/pane_diagram.c - the diagram slot (pane.h): the state machine of
 * the object the current trace event is about (tui/diagram.h), with the
 * goroutines under it, at the App's trace cursor (app_trace.c).
 *
 * The pane only copies cells: app_trace_render fills a grid the size of
 * the pane's inside (no curses there, so the same picture is unit-tested
 * and printed by line mode), and each cell is drawn with its role's
 * attribute. Under NO_COLOR, or without colours, the grid is rendered
 * with marks (double-line current state, '*' edge, '!' failure) so the
 * meaning survives without colour.
 *
 * The run's lines reach the model through the App (app_trace_feed), not
 * through run_line: this pane never changes the App, it draws it.
 */
#include "tui/pane.h"

#include <stdlib.h>

#include "base/mem.h"
#include "tui/diagram.h"
#include "tui/draw.h"
#include "tui/theme.h"

typedef struct DiagramPane {
  DgGrid g; /* the last frame's cells, reused while the size holds */
} DiagramPane;

static void dia_init(Pane *p)
{
  DiagramPane *dp = xcalloc(1, sizeof *dp);
  dg_grid_init(&dp->g);
  p->data = dp;
}

static void dia_free(Pane *p)
{
  DiagramPane *dp = p->data;
  if (dp)
    dg_grid_fini(&dp->g);
  free(dp);
  p->data = NULL;
}

static attr_t cell_attr(uint8_t a)
{
  static const ThemeRole roles[DA_COUNT] = {
      [DA_NORMAL] = TH_NORMAL, [DA_CURRENT] = TH_STATE, [DA_EDGE] = TH_EDGE,
      [DA_FAIL] = TH_FAIL,     [DA_DIM] = TH_DIM,       [DA_TITLE] = TH_TITLE,
  };
  return theme_attr(a < DA_COUNT ? roles[a] : TH_NORMAL);
}

static void dia_draw(Pane *p, const App *app, bool focus)
{
  DiagramPane *dp = p->data;
  Rect in = pane_inner(p);
  Buf t = BUF_INIT;
  buf_puts(&t, "diagram");
  if (app->tm.n) {
    buf_puts(&t, " ");
    tm_describe(&app->tm, &t);
  }
  draw_box(p->r, buf_cstr(&t), focus);
  buf_fini(&t);
  if (dp->g.w != in.w || dp->g.h != in.h)
    dg_grid_resize(&dp->g, in.w, in.h);
  DgOpts o = {.marks = !theme_has_color(), .ascii = !draw_utf8()};
  app_trace_render(app, &o, &dp->g);
  for (int y = 0; y < in.h; y++)
    for (int x = 0; x < in.w; x++) {
      DgCell c = dg_cell(&dp->g, x, y);
      /* 0: the second half of a wide glyph; blank cells are erased. */
      if (c.ch == 0 || (c.ch == ' ' && c.attr == DA_NORMAL))
        continue;
      draw_cp(in.y + y, in.x + x, c.ch, cell_attr(c.attr));
    }
  p->rows = in.h;
}

/* Nothing to scroll: the diagram is laid out to the pane's size. */
static bool dia_key(Pane *p, const App *app, KeyAction act)
{
  (void)p, (void)app, (void)act;
  return false;
}

const PaneClass pane_diagram_class = {
    "diagram", dia_init, dia_free, pane_resize, dia_draw, dia_key, NULL,
};
