/* tui/pane_goroutines.c - the diagram slot's placeholder: the
 * goroutines of the last crash dump with their wait reasons, and the
 * primitives this lesson will draw once the event trace lands (issue 6,
 * part 2 replaces this class; see pane.h). */
#include "tui/pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lessons/frontmatter.h"
#include "tui/draw.h"
#include "tui/gorlist.h"
#include "tui/theme.h"

static void gor_init(Pane *p)
{
  p->data = NULL;
}

static void gor_free(Pane *p)
{
  p->data = NULL;
}

static int line(const Rect *in, int row, int scroll, const char *s,
                attr_t a)
{
  int y = row - scroll;
  if (y >= 0 && y < in->h)
    draw_str(in->y + y, in->x, in->w, s, a);
  return row + 1;
}

static int draw_list(const Rect *in, int row, int scroll, const App *app)
{
  GorEntry g[GORLIST_MAX];
  size_t n = gorlist_parse(app->console.data ? app->console.data : "",
                           app->console.len, g, GORLIST_MAX);
  char buf[160];
  if (n == 0) {
    const char *why = app->running ? "running\u2026"
                      : app->tone == TONE_NONE
                          ? "none yet: r runs the program"
                          : "no crash dump to list";
    return line(in, row, scroll, why, theme_attr(TH_DIM));
  }
  for (size_t i = 0; i < n && i < GORLIST_MAX; i++) {
    ThemeRole r = strcmp(g[i].state, "running") == 0 ? TH_FAIL : TH_NORMAL;
    snprintf(buf, sizeof buf, "g%ld [%s] %s", g[i].id, g[i].state,
             g[i].func);
    if (draw_width(buf, strlen(buf)) > in->w) { /* narrow: two lines */
      snprintf(buf, sizeof buf, "g%ld [%s]", g[i].id, g[i].state);
      row = line(in, row, scroll, buf, theme_attr(r));
      snprintf(buf, sizeof buf, "  %s", g[i].func);
    }
    row = line(in, row, scroll, buf, theme_attr(r));
  }
  if (n > GORLIST_MAX) {
    snprintf(buf, sizeof buf, "\u2026 and %zu more", n - GORLIST_MAX);
    row = line(in, row, scroll, buf, theme_attr(TH_DIM));
  }
  return row;
}

static void gor_draw(Pane *p, const App *app, bool focus)
{
  Rect in = pane_inner(p);
  draw_box(p->r, "goroutines", focus);
  int row = draw_list(&in, 0, p->scroll, app);
  const LessonMeta *m = &app_text(app)->meta;
  char buf[160] = "";
  size_t k = 0;
  for (size_t i = 0; i < m->nprims && k < sizeof buf; i++)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", i ? ", " : "",
                          fm_prim_name(m->prims[i]));
  row = line(&in, row, p->scroll, "", A_NORMAL);
  row = line(&in, row, p->scroll, "diagrams to come for:",
             theme_attr(TH_DIM));
  row = line(&in, row, p->scroll, buf, theme_attr(TH_DIM));
  row = line(&in, row, p->scroll, "(they need the event trace)",
             theme_attr(TH_DIM));
  p->rows = row;
  pane_clamp(p);
  pane_draw_scrollbar(p);
}

const PaneClass pane_goroutines_class = {
    "goroutines", gor_init, gor_free, pane_resize, gor_draw, pane_scroll_key,
    NULL,
};
