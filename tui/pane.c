/* tui/pane.c - what every pane shares: its inside, scrolling, and the
 * scroll marks on its border. */
#include "tui/pane.h"

#include "tui/draw.h"
#include "tui/theme.h"

Rect pane_inner(const Pane *p)
{
  Rect r = {p->r.x + 1, p->r.y + 1, p->r.w - 2, p->r.h - 2};
  if (r.w < 0)
    r.w = 0;
  if (r.h < 0)
    r.h = 0;
  return r;
}

void pane_clamp(Pane *p)
{
  int max = p->rows - pane_inner(p).h;
  if (p->scroll > max)
    p->scroll = max;
  if (p->scroll < 0)
    p->scroll = 0;
}

bool pane_scroll_key(Pane *p, const App *app, KeyAction act)
{
  (void)app;
  int page = pane_inner(p).h > 2 ? pane_inner(p).h - 1 : 1;
  switch (act) {
  case KA_LINE_UP: p->scroll--; break;
  case KA_LINE_DOWN: p->scroll++; break;
  case KA_PAGE_UP: p->scroll -= page; break;
  case KA_PAGE_DOWN: p->scroll += page; break;
  case KA_TOP: p->scroll = 0; break;
  case KA_BOTTOM: p->scroll = p->rows; break;
  default: return false;
  }
  pane_clamp(p);
  return true;
}

void pane_resize(Pane *p, Rect r)
{
  p->r = r;
  pane_clamp(p);
}

void pane_draw_scrollbar(const Pane *p)
{
  Rect in = pane_inner(p);
  attr_t a = theme_attr(TH_BORDER_FOCUS);
  int x = p->r.x + p->r.w - 1;
  if (p->scroll > 0)
    draw_str(p->r.y + 1, x, 1, "\u25b2", a);
  if (p->scroll + in.h < p->rows)
    draw_str(p->r.y + p->r.h - 2, x, 1, "\u25bc", a);
}
