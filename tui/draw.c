/* tui/draw.c - clipped, sanitised text on stdscr (see draw.h). */
#include "tui/draw.h"

#include <langinfo.h>
#include <string.h>

#include "engine/lex.h"
#include "lessons/mdrender.h"
#include "tui/theme.h"

static bool utf8_term = true;

void draw_init(void)
{
  const char *cs = nl_langinfo(CODESET);
  utf8_term = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static void put_wc(int y, int x, wchar_t wc, attr_t a)
{
  attrset(a);
  mvaddnwstr(y, x, &wc, 1);
}

/* One code point: what to draw and in how many columns. */
static int glyph(int32_t cp, wchar_t *wc, bool *ctrl)
{
  *ctrl = false;
  if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
    *ctrl = true;
    *wc = L'?';
    return 1;
  }
  if (cp >= 0x80 && !utf8_term) {
    *wc = L'?';
    return md_char_width((uint32_t)cp) == 2 ? 2 : 1;
  }
  *wc = (wchar_t)cp;
  return md_char_width((uint32_t)cp);
}

bool draw_utf8(void)
{
  return utf8_term;
}

void draw_cp(int y, int x, uint32_t cp, attr_t a)
{
  wchar_t wc;
  bool ctrl;
  glyph(cp > 0x10ffff ? 0xfffd : (int32_t)cp, &wc, &ctrl);
  put_wc(y, x, wc, ctrl ? theme_attr(TH_CTRL) : a);
}

/* draw_run's walk; paints only when paint is set (draw_measure). */
static size_t walk(bool paint, int y, int x0, int *col, int maxw,
                   const char *s, size_t n, attr_t a)
{
  size_t i = 0;
  while (i < n && *col < maxw) {
    if (s[i] == '\t') {
      int next = (*col / DRAW_TAB + 1) * DRAW_TAB;
      for (; *col < next && *col < maxw; (*col)++)
        if (paint)
          put_wc(y, x0 + *col, L' ', a);
      i++;
      continue;
    }
    int bw;
    int32_t cp = lex_utf8_decode(s + i, n - i, &bw);
    wchar_t wc;
    bool ctrl;
    int w = glyph(cp, &wc, &ctrl);
    if (*col + w > maxw)
      break;
    if (w > 0 && paint) {
      if (wc == L'?' && w == 2) {
        put_wc(y, x0 + *col, L'?', a);
        put_wc(y, x0 + *col + 1, L'?', a);
      } else {
        put_wc(y, x0 + *col, wc, ctrl ? theme_attr(TH_CTRL) : a);
      }
    }
    *col += w;
    i += (size_t)bw;
  }
  return i;
}

size_t draw_run(int y, int x0, int *col, int maxw, const char *s, size_t n,
                attr_t a)
{
  return walk(true, y, x0, col, maxw, s, n, a);
}

size_t draw_measure(const char *s, size_t n, int maxw, int *col)
{
  return walk(false, 0, 0, col, maxw, s, n, A_NORMAL);
}

int draw_str(int y, int x, int maxw, const char *s, attr_t a)
{
  int col = 0;
  draw_run(y, x, &col, maxw, s, strlen(s), a);
  return col;
}

int draw_wstr(int y, int x, int maxw, const wchar_t *s, size_t n, attr_t a)
{
  int col = 0;
  for (size_t i = 0; i < n && col < maxw; i++) {
    wchar_t wc;
    bool ctrl;
    int w = glyph((int32_t)s[i], &wc, &ctrl);
    if (col + w > maxw)
      break;
    if (w > 0)
      put_wc(y, x + col, wc, ctrl ? theme_attr(TH_CTRL) : a);
    col += w;
  }
  return col;
}

void draw_fill(int y, int x, int w, attr_t a)
{
  attrset(a);
  for (int i = 0; i < w; i++)
    mvaddch(y, x + i, ' ');
}

void draw_box(Rect r, const char *title, bool focus)
{
  if (r.w < 2 || r.h < 2)
    return;
  attr_t a = theme_attr(focus ? TH_BORDER_FOCUS : TH_BORDER);
  cchar_t hl, vl, ul, ur, ll, lr;
  setcchar(&hl, L"\u2500", a, 0, NULL);
  setcchar(&vl, L"\u2502", a, 0, NULL);
  setcchar(&ul, L"\u250c", a, 0, NULL);
  setcchar(&ur, L"\u2510", a, 0, NULL);
  setcchar(&ll, L"\u2514", a, 0, NULL);
  setcchar(&lr, L"\u2518", a, 0, NULL);
  if (!utf8_term) {
    /* The WACS_ glyphs map to the terminal's line drawing set. */
    hl = *WACS_HLINE, vl = *WACS_VLINE, ul = *WACS_ULCORNER;
    ur = *WACS_URCORNER, ll = *WACS_LLCORNER, lr = *WACS_LRCORNER;
  }
  WINDOW *w = derwin(stdscr, r.h, r.w, r.y, r.x);
  if (w) {
    wattrset(w, a);
    wborder_set(w, &vl, &vl, &hl, &hl, &ul, &ur, &ll, &lr);
    delwin(w);
  }
  if (title && *title && r.w > 6) {
    int col = 0;
    attr_t ta = theme_attr(focus ? TH_BORDER_FOCUS : TH_TITLE);
    put_wc(r.y, r.x + 2, L' ', ta);
    col = draw_str(r.y, r.x + 3, r.w - 6, title, ta);
    put_wc(r.y, r.x + 3 + col, L' ', ta);
  }
}

int draw_width(const char *s, size_t n)
{
  return md_text_width(s, n);
}
