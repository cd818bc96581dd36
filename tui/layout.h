/* tui/layout.h - where each pane goes, as a pure function of the terminal
 * size: no curses here, so it is unit-tested (tests/unit/test_layout.c).
 *
 * Three shapes:
 *   - too small (< LAYOUT_MIN_COLS x LAYOUT_MIN_ROWS): no panes; the screen
 *     says how big it needs to be instead of drawing a garbled frame;
 *   - tabbed (fewer than LAYOUT_WIDE_COLS columns, the 80x24 projector
 *     case): lesson and code share the top area (one shown at a time, the
 *     screen picks which), output and diagram share the bottom, side by
 *     side;
 *   - columns (LAYOUT_WIDE_COLS or more): lesson | code | output over
 *     diagram.
 * The status line and the prompt line are always the last two rows.
 * Every pane rectangle includes its border.
 */
#ifndef PANICROOM_TUI_LAYOUT_H
#define PANICROOM_TUI_LAYOUT_H

#include <stdbool.h>

/* Below this a pane border plus a Go line of ~50 columns does not fit,
 * and the bottom panes lose their last text row: say so instead. */
#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 18
/* Three columns need ~30 for the lesson and ~50 for code (4 digits of
 * line number + marker + the usual Go line); 120 gives both plus 36 for
 * output. */
#define LAYOUT_WIDE_COLS 120
/* Bottom panes keep at least this many rows: border + 5 text rows, enough
 * for "panic: ..." and its first frame. */
#define LAYOUT_MIN_BOTTOM 7

typedef struct Rect {
  int x, y, w, h;
} Rect;

typedef enum LayoutPane {
  LP_LESSON,
  LP_CODE,
  LP_OUTPUT,
  LP_DIAGRAM,
  LP_STATUS,
  LP_PROMPT,
  LP_COUNT
} LayoutPane;

typedef enum LayoutKind {
  LAYOUT_TOO_SMALL,
  LAYOUT_TABBED,  /* LP_LESSON and LP_CODE have the same rectangle */
  LAYOUT_COLUMNS
} LayoutKind;

typedef struct Layout {
  LayoutKind kind;
  int cols, rows;
  Rect r[LP_COUNT]; /* all zero when too small */
} Layout;

/* Fills *out for a terminal of cols x rows (negative sizes count as 0). */
void layout_compute(int cols, int rows, Layout *out);
/* True if the point (x, y) lies in r. */
bool layout_contains(Rect r, int x, int y);
/* True if the two rectangles share a cell. */
bool layout_overlap(Rect a, Rect b);
/* "lesson", "code", ...: for messages and tests. */
const char *layout_pane_name(LayoutPane p);

#endif
