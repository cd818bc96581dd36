/* tui/pane_code.c - the Go program: line numbers and syntax classes
 * from the engine's lexer (highlight.h), in one of four views (app.h
 * CodeView). The diff view shows the whole of broken.go with the fix
 * merged in: removed lines marked '-', added ones '+', both also in
 * colour; it opens scrolled to the first change. */
#include "tui/pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "tui/draw.h"
#include "tui/theme.h"

typedef struct CodePane {
  int gen;        /* lesson_gen last drawn */
  CodeView view;  /* view last drawn */
  int trace_gen;  /* the trace and cursor the view last followed */
  size_t trace_cur;
} CodePane;

/* The line of the current trace event (app_trace_line), for one frame. */
typedef struct Mark {
  int line; /* 1-based; 0: none */
  char side; /* diff view: 'a' broken.go's numbers, 'b' the right side's */
  int64_t g;
} Mark;

static void code_init(Pane *p)
{
  CodePane *cp = xcalloc(1, sizeof *cp);
  cp->gen = -1;
  cp->trace_gen = -1;
  p->data = cp;
}

static void code_free(Pane *p)
{
  free(p->data);
  p->data = NULL;
}

/* Columns for line numbers: at least 2, at most 9 (a billion lines). */
static int digits(int n)
{
  int d = 1;
  while (n >= 10 && d < 9)
    n /= 10, d++;
  return d < 2 ? 2 : d;
}

/* Line i (0-based) of s, highlighted, from column *col. */
static void draw_code_line(const Source *s, int i, int y, int x, int *col,
                           int w, attr_t force)
{
  const char *line = s->lines.start[i];
  size_t n = s->lines.len[i], k = 0;
  const unsigned char *hl = s->hl + (line - s->text);
  while (k < n && *col < w) {
    size_t run = 1;
    while (k + run < n && hl[k + run] == hl[k])
      run++;
    attr_t a = force ? force : theme_attr(theme_hl_role((HlClass)hl[k]));
    size_t used = draw_run(y, x, col, w, line + k, run, a);
    if (used < run)
      break;
    k += run;
  }
}

/* The gutter's number and, on the current event's line, a pointer in
 * place of the space (the mark carries the meaning without colour). */
static void draw_gutter(int y, int x, int *col, int w, const char *num,
                        bool current, ThemeRole role)
{
  size_t n = strlen(num);
  if (!current) {
    draw_run(y, x, col, w, num, n, theme_attr(role));
    return;
  }
  attr_t a = theme_attr(TH_CURLINE);
  draw_run(y, x, col, w, num, n - 1, a);
  const char *ptr = draw_utf8() ? "\u25b6" : ">";
  draw_run(y, x, col, w, ptr, strlen(ptr), a);
}

static void draw_plain(Pane *p, const Source *s, int gutter, const Mark *m)
{
  Rect in = pane_inner(p);
  p->rows = s->lines.n;
  pane_clamp(p);
  for (int row = 0; row < in.h && p->scroll + row < s->lines.n; row++) {
    int i = p->scroll + row, col = 0;
    char num[24];
    snprintf(num, sizeof num, "%*d ", gutter & 15, (i + 1) % 1000000000);
    draw_gutter(in.y + row, in.x, &col, in.w, num, m->line == i + 1,
                TH_LINENO);
    int code_col = 0;
    draw_code_line(s, i, in.y + row, in.x + col, &code_col, in.w - col, 0);
  }
}

/* Whether diff row l is the marked line. */
static bool diff_marked(const DiffLine *l, const Mark *m)
{
  if (!m->line)
    return false;
  if (m->side == 'a')
    return l->op != '+' && l->a == m->line;
  return l->op != '-' && l->b == m->line;
}

static void draw_diff(Pane *p, const App *app, int gutter, const Mark *m)
{
  Rect in = pane_inner(p);
  const Source *a = &app->src[VIEW_BROKEN];
  const Source *b = app_has_work(app) ? &app->src[VIEW_WORK]
                                      : &app->src[VIEW_FIXED];
  p->rows = app->diff.n;
  pane_clamp(p);
  for (int row = 0; row < in.h && p->scroll + row < app->diff.n; row++) {
    const DiffLine *l = &app->diff.lines[p->scroll + row];
    const Source *s = l->op == '-' ? a : b;
    int line = l->op == '-' ? l->a : l->b, col = 0;
    ThemeRole role = l->op == '+' ? TH_ADD : l->op == '-' ? TH_DEL
                                                            : TH_LINENO;
    char num[24];
    snprintf(num, sizeof num, "%c%*d ", l->op, gutter & 15,
             line % 1000000000);
    draw_gutter(in.y + row, in.x, &col, in.w, num, diff_marked(l, m), role);
    int code_col = 0;
    draw_code_line(s, line - 1, in.y + row, in.x + col, &code_col,
                   in.w - col, l->op == ' ' ? 0 : theme_attr(role));
  }
}

/* The diff opens at its first change, with three lines of context. */
static void first_change(Pane *p, const App *app)
{
  for (int i = 0; i < app->diff.n; i++)
    if (app->diff.lines[i].op != ' ') {
      p->scroll = i > 3 ? i - 3 : 0;
      return;
    }
}

/* Keeps the marked line in view when the cursor has moved (else the
 * learner's own scrolling stands): a third of the way down. */
static void follow_mark(Pane *p, const App *app, const Mark *m)
{
  CodePane *cp = p->data;
  if (cp->trace_gen == app->trace_gen && cp->trace_cur == app->tm.cur)
    return;
  cp->trace_gen = app->trace_gen;
  cp->trace_cur = app->tm.cur;
  if (!m->line)
    return;
  int row = m->line - 1;
  if (app->view == VIEW_DIFF)
    for (int i = 0; i < app->diff.n; i++)
      if (diff_marked(&app->diff.lines[i], m)) {
        row = i;
        break;
      }
  int h = pane_inner(p).h;
  if (row < p->scroll || row >= p->scroll + h)
    p->scroll = row - h / 3;
  pane_clamp(p);
}

static void code_title(const App *app, const Mark *m, char *buf, size_t n)
{
  size_t k;
  switch (app->view) {
  case VIEW_BROKEN: snprintf(buf, n, "code: broken.go"); break;
  case VIEW_FIXED: snprintf(buf, n, "code: fixed.go (reference)"); break;
  case VIEW_WORK: snprintf(buf, n, "code: your copy (main.go)"); break;
  default:
    snprintf(buf, n, "diff: broken.go \u2192 %s (+%d -%d)",
             app_has_work(app) ? "your copy" : "fixed.go", app->diff.added,
             app->diff.removed);
  }
  k = strlen(buf);
  if (m->line && k < n)
    snprintf(buf + k, n - k, " \u00b7 g%lld line %d", (long long)m->g,
             m->line);
}

/* A new lesson or view opens at its top, the diff at its first change
 * (the marked line is followed from the next move of the cursor), any
 * other view at the marked line. */
static void view_opened(Pane *p, const App *app)
{
  CodePane *cp = p->data;
  if (cp->gen == app->lesson_gen && cp->view == app->view)
    return;
  p->scroll = 0;
  p->rows = app->view == VIEW_DIFF ? app->diff.n : 0;
  cp->gen = app->lesson_gen;
  cp->view = app->view;
  cp->trace_gen = -1;
  if (app->view == VIEW_DIFF) {
    first_change(p, app);
    cp->trace_gen = app->trace_gen;
    cp->trace_cur = app->tm.cur;
  }
}

static void code_draw(Pane *p, const App *app, bool focus)
{
  view_opened(p, app);
  Mark m;
  m.line = app_trace_line(app, app->view, &m.g, &m.side);
  char title[128];
  code_title(app, &m, title, sizeof title);
  draw_box(p->r, title, focus);
  const Source *s = &app->src[app->view == VIEW_DIFF ? VIEW_BROKEN
                                                      : app->view];
  if (!s->text) {
    Rect in = pane_inner(p);
    draw_str(in.y, in.x, in.w, "(no source for this view)",
             theme_attr(TH_DIM));
    return;
  }
  int maxline = s->lines.n;
  if (app->view == VIEW_DIFF) {
    int nb = app_has_work(app) ? app->src[VIEW_WORK].lines.n
                               : app->src[VIEW_FIXED].lines.n;
    maxline = nb > maxline ? nb : maxline;
    p->rows = app->diff.n;
    follow_mark(p, app, &m);
    draw_diff(p, app, digits(maxline), &m);
  } else {
    p->rows = s->lines.n;
    follow_mark(p, app, &m);
    draw_plain(p, s, digits(maxline), &m);
  }
  pane_draw_scrollbar(p);
}

const PaneClass pane_code_class = {
    "code", code_init, code_free, pane_resize, code_draw, pane_scroll_key,
    NULL,
};
