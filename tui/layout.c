/* tui/layout.c - pane rectangles from the terminal size (see layout.h).
 * Proportions are integer arithmetic so a size always gives the same
 * rectangles, and every cell of the screen belongs to exactly one pane
 * (except lesson/code in the tabbed shape, which take turns). */
#include "tui/layout.h"

#include <string.h>

static Rect rect(int x, int y, int w, int h)
{
  Rect r = {x, y, w, h};
  return r;
}

/* lesson/code on top, output | diagram below. */
static void tabbed(int cols, int avail, Layout *out)
{
  int bottom = avail * 9 / 20;
  if (bottom < LAYOUT_MIN_BOTTOM)
    bottom = LAYOUT_MIN_BOTTOM;
  int top = avail - bottom;
  int outw = cols * 3 / 5;
  out->kind = LAYOUT_TABBED;
  out->r[LP_LESSON] = rect(0, 0, cols, top);
  out->r[LP_CODE] = rect(0, 0, cols, top);
  out->r[LP_OUTPUT] = rect(0, top, outw, bottom);
  out->r[LP_DIAGRAM] = rect(outw, top, cols - outw, bottom);
}

/* lesson | code | output over diagram. */
static void columns(int cols, int avail, Layout *out)
{
  int lessonw = cols / 4 < 30 ? 30 : cols / 4;
  int rightw = cols * 3 / 10;
  int codew = cols - lessonw - rightw;
  int outh = avail * 3 / 5;
  out->kind = LAYOUT_COLUMNS;
  out->r[LP_LESSON] = rect(0, 0, lessonw, avail);
  out->r[LP_CODE] = rect(lessonw, 0, codew, avail);
  out->r[LP_OUTPUT] = rect(lessonw + codew, 0, rightw, outh);
  out->r[LP_DIAGRAM] = rect(lessonw + codew, outh, rightw, avail - outh);
}

void layout_compute(int cols, int rows, Layout *out)
{
  memset(out, 0, sizeof *out);
  out->cols = cols < 0 ? 0 : cols;
  out->rows = rows < 0 ? 0 : rows;
  if (out->cols < LAYOUT_MIN_COLS || out->rows < LAYOUT_MIN_ROWS) {
    out->kind = LAYOUT_TOO_SMALL;
    return;
  }
  int avail = out->rows - 2; /* status + prompt */
  if (out->cols >= LAYOUT_WIDE_COLS)
    columns(out->cols, avail, out);
  else
    tabbed(out->cols, avail, out);
  out->r[LP_STATUS] = rect(0, avail, out->cols, 1);
  out->r[LP_PROMPT] = rect(0, avail + 1, out->cols, 1);
}

bool layout_contains(Rect r, int x, int y)
{
  return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

bool layout_overlap(Rect a, Rect b)
{
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
         b.y < a.y + a.h && a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0;
}

const char *layout_pane_name(LayoutPane p)
{
  static const char *const names[LP_COUNT] = {
      "lesson", "code", "output", "diagram", "status", "prompt"};
  return (unsigned)p < LP_COUNT ? names[p] : "?";
}
