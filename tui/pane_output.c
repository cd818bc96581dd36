/* tui/pane_output.c - the console: the program's stdout and stderr as
 * captured (in arrival order), or a report, then the verdict line in
 * its tone. Long lines wrap, as in a terminal, so nothing Go printed is
 * cut off; every byte is drawn through draw_run, so the child's control
 * characters show as '?' and never reach the terminal.
 *
 * Where it opens: at the crash (the line before stderr began) when the
 * console is new; while a program runs, at its newest output. */
#include "tui/pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "tui/draw.h"
#include "tui/theme.h"

typedef struct OutputPane {
  int gen; /* console_gen last drawn */
} OutputPane;

static void output_init(Pane *p)
{
  OutputPane *op = xcalloc(1, sizeof *op);
  op->gen = -1;
  p->data = op;
}

static void output_free(Pane *p)
{
  free(p->data);
  p->data = NULL;
}

/* Calls fn for each display row of text wrapped at w columns; returns
 * the row count. first_row_of (may be NULL) receives the row where
 * logical line `line` starts. */
typedef struct Wrap {
  const char *text;
  size_t len;
  int w;
  int want_line, line_row;
} Wrap;

static int wrap_rows(Wrap *wr, void (*fn)(void *, int, const char *, size_t),
                     void *ctx)
{
  int rows = 0, line = 0;
  size_t i = 0;
  wr->line_row = 0;
  while (i < wr->len) {
    const char *nl = memchr(wr->text + i, '\n', wr->len - i);
    size_t end = nl ? (size_t)(nl - wr->text) : wr->len;
    if (line == wr->want_line)
      wr->line_row = rows;
    size_t k = i;
    do {
      int col = 0;
      size_t used = draw_measure(wr->text + k, end - k, wr->w, &col);
      if (used == 0 && k < end)
        used = 1; /* a glyph wider than the pane: skip it, never loop */
      /* Break after a space when one is in the right half of the row,
       * so words stay whole; the bytes shown are the same. */
      if (k + used < end)
        for (size_t b = used; b > used / 2; b--)
          if (wr->text[k + b - 1] == ' ') {
            used = b;
            break;
          }
      if (fn)
        fn(ctx, rows, wr->text + k, used);
      rows++;
      k += used;
    } while (k < end);
    line++;
    i = end + 1;
  }
  return rows;
}

typedef struct DrawCtx {
  Rect in;
  int scroll;
  attr_t a;
} DrawCtx;

static void draw_row(void *ctx, int row, const char *s, size_t n)
{
  DrawCtx *d = ctx;
  int y = row - d->scroll;
  if (y < 0 || y >= d->in.h)
    return;
  int col = 0;
  draw_run(d->in.y + y, d->in.x, &col, d->in.w, s, n, d->a);
}

static ThemeRole tone_role(Tone t)
{
  switch (t) {
  case TONE_OK: return TH_OK;
  case TONE_EXPECTED: return TH_EXPECTED;
  case TONE_FAIL: return TH_FAIL;
  case TONE_NONE: break;
  }
  return TH_NORMAL;
}

static void output_draw(Pane *p, const App *app, bool focus)
{
  OutputPane *op = p->data;
  Rect in = pane_inner(p);
  Wrap text = {app->console.data ? app->console.data : "", app->console.len,
               in.w > 0 ? in.w : 1, app->scroll_hint, 0};
  Wrap verdict = {app->verdict_line.data ? app->verdict_line.data : "",
                  app->verdict_line.len, text.w, -1, 0};
  /* The verdict stays on the pane's last rows, whatever is scrolled:
   * after a long report or dump the learner still sees how it ended. */
  int nv = wrap_rows(&verdict, NULL, NULL);
  if (nv > in.h - 1)
    nv = in.h > 1 ? in.h - 1 : 0;
  Pane view = *p;
  view.r.h -= nv; /* scrolling covers the text rows above the verdict */
  view.rows = wrap_rows(&text, NULL, NULL);
  if (app->running)
    view.scroll = view.rows; /* follow the newest output */
  else if (op->gen != app->console_gen)
    view.scroll = text.line_row;
  op->gen = app->console_gen;
  pane_clamp(&view);
  p->scroll = view.scroll;
  p->rows = view.rows + nv;
  char title[128];
  snprintf(title, sizeof title, "%s%s",
           app->console_title ? app->console_title : "output",
           app->running ? " (running\u2026)" : "");
  draw_box(p->r, title, focus);
  DrawCtx d = {pane_inner(&view), p->scroll, theme_attr(TH_NORMAL)};
  wrap_rows(&text, draw_row, &d);
  if (nv > 0) {
    d.in = (Rect){in.x, in.y + in.h - nv, in.w, nv};
    d.scroll = 0;
    d.a = theme_attr(tone_role(app->tone));
    wrap_rows(&verdict, draw_row, &d);
  }
  pane_draw_scrollbar(&view);
}

/* Scrolling moves the text above the pinned verdict rows. */
static bool output_key(Pane *p, const App *app, KeyAction act)
{
  Pane view = *p;
  Rect in = pane_inner(p);
  Wrap verdict = {app->verdict_line.data ? app->verdict_line.data : "",
                  app->verdict_line.len, in.w > 0 ? in.w : 1, -1, 0};
  int nv = wrap_rows(&verdict, NULL, NULL);
  if (nv > in.h - 1)
    nv = in.h > 1 ? in.h - 1 : 0;
  view.r.h -= nv;
  view.rows = p->rows - nv;
  bool used = pane_scroll_key(&view, app, act);
  p->scroll = view.scroll;
  return used;
}

const PaneClass pane_output_class = {
    "output", output_init, output_free, pane_resize, output_draw, output_key,
    NULL,
};
