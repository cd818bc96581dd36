/* tests/unit/test_layout.c - tui/layout.c: pane rectangles for the sizes
 * the TUI promises (80x24 projector, 100x30, 160x48, too small), and the
 * invariants every size keeps: inside the screen, no two panes sharing a
 * cell (lesson and code take turns in the tabbed shape), every cell
 * covered. Pure code: no curses is started.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tui/layout.h"

static void assert_rect(Rect r, int x, int y, int w, int h)
{
  assert_int_equal(r.x, x);
  assert_int_equal(r.y, y);
  assert_int_equal(r.w, w);
  assert_int_equal(r.h, h);
}

/* Inside the screen, no overlap, and every cell belongs to a pane. */
static void check_invariants(int cols, int rows)
{
  Layout l;
  layout_compute(cols, rows, &l);
  if (l.kind == LAYOUT_TOO_SMALL)
    return;
  long area = 0;
  for (int i = 0; i < LP_COUNT; i++) {
    Rect r = l.r[i];
    assert_true(r.x >= 0 && r.y >= 0 && r.w > 0 && r.h > 0);
    assert_true(r.x + r.w <= cols && r.y + r.h <= rows);
    if (!(l.kind == LAYOUT_TABBED && i == LP_CODE))
      area += (long)r.w * r.h;
    for (int j = i + 1; j < LP_COUNT; j++) {
      if (l.kind == LAYOUT_TABBED && i == LP_LESSON && j == LP_CODE)
        continue;
      if (layout_overlap(r, l.r[j]))
        fail_msg("%dx%d: %s overlaps %s", cols, rows, layout_pane_name(i),
                 layout_pane_name(j));
    }
  }
  assert_int_equal(area, (long)cols * rows);
  /* Bottom panes keep room for a panic line and its first frame. */
  assert_true(l.r[LP_OUTPUT].h >= LAYOUT_MIN_BOTTOM ||
              l.kind == LAYOUT_COLUMNS);
}

static void layout__80x24_tabbed(void **state)
{
  (void)state;
  Layout l;
  layout_compute(80, 24, &l);
  assert_int_equal(l.kind, LAYOUT_TABBED);
  assert_rect(l.r[LP_LESSON], 0, 0, 80, 13);
  assert_rect(l.r[LP_CODE], 0, 0, 80, 13);
  assert_rect(l.r[LP_OUTPUT], 0, 13, 48, 9);
  assert_rect(l.r[LP_DIAGRAM], 48, 13, 32, 9);
  assert_rect(l.r[LP_STATUS], 0, 22, 80, 1);
  assert_rect(l.r[LP_PROMPT], 0, 23, 80, 1);
}

static void layout__100x30_tabbed(void **state)
{
  (void)state;
  Layout l;
  layout_compute(100, 30, &l);
  assert_int_equal(l.kind, LAYOUT_TABBED);
  assert_rect(l.r[LP_LESSON], 0, 0, 100, 16);
  assert_rect(l.r[LP_CODE], 0, 0, 100, 16);
  assert_rect(l.r[LP_OUTPUT], 0, 16, 60, 12);
  assert_rect(l.r[LP_DIAGRAM], 60, 16, 40, 12);
  assert_rect(l.r[LP_STATUS], 0, 28, 100, 1);
  assert_rect(l.r[LP_PROMPT], 0, 29, 100, 1);
}

static void layout__160x48_columns(void **state)
{
  (void)state;
  Layout l;
  layout_compute(160, 48, &l);
  assert_int_equal(l.kind, LAYOUT_COLUMNS);
  assert_rect(l.r[LP_LESSON], 0, 0, 40, 46);
  assert_rect(l.r[LP_CODE], 40, 0, 72, 46);
  assert_rect(l.r[LP_OUTPUT], 112, 0, 48, 27);
  assert_rect(l.r[LP_DIAGRAM], 112, 27, 48, 19);
  assert_rect(l.r[LP_STATUS], 0, 46, 160, 1);
  assert_rect(l.r[LP_PROMPT], 0, 47, 160, 1);
}

static void layout__120_is_the_column_threshold(void **state)
{
  (void)state;
  Layout l;
  layout_compute(LAYOUT_WIDE_COLS - 1, 40, &l);
  assert_int_equal(l.kind, LAYOUT_TABBED);
  layout_compute(LAYOUT_WIDE_COLS, 40, &l);
  assert_int_equal(l.kind, LAYOUT_COLUMNS);
  /* The lesson keeps 30 columns, code the most room. */
  assert_int_equal(l.r[LP_LESSON].w, 30);
  assert_true(l.r[LP_CODE].w >= l.r[LP_OUTPUT].w);
}

static void layout__too_small(void **state)
{
  (void)state;
  static const int sizes[][2] = {{59, 24}, {80, 17}, {0, 0}, {-5, 30},
                                 {59, 17}};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    Layout l;
    layout_compute(sizes[i][0], sizes[i][1], &l);
    assert_int_equal(l.kind, LAYOUT_TOO_SMALL);
    for (int p = 0; p < LP_COUNT; p++)
      assert_rect(l.r[p], 0, 0, 0, 0);
  }
  Layout l;
  layout_compute(-5, 30, &l);
  assert_int_equal(l.cols, 0);
}

static void layout__smallest_usable(void **state)
{
  (void)state;
  Layout l;
  layout_compute(LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, &l);
  assert_int_equal(l.kind, LAYOUT_TABBED);
  assert_rect(l.r[LP_LESSON], 0, 0, 60, 9);
  assert_rect(l.r[LP_OUTPUT], 0, 9, 36, 7);
  assert_rect(l.r[LP_DIAGRAM], 36, 9, 24, 7);
}

static void layout__invariants_over_many_sizes(void **state)
{
  (void)state;
  for (int c = 40; c <= 260; c += 7)
    for (int r = 10; r <= 90; r += 5)
      check_invariants(c, r);
  check_invariants(80, 24);
  check_invariants(119, 30);
  check_invariants(120, 18);
}

static void layout__helpers(void **state)
{
  (void)state;
  Rect a = {0, 0, 10, 5}, b = {10, 0, 5, 5}, c = {9, 4, 3, 3};
  assert_false(layout_overlap(a, b));
  assert_true(layout_overlap(a, c));
  assert_true(layout_contains(a, 9, 4));
  assert_false(layout_contains(a, 10, 4));
  assert_string_equal(layout_pane_name(LP_DIAGRAM), "diagram");
  assert_string_equal(layout_pane_name(LP_COUNT), "?");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(layout__80x24_tabbed),
      cmocka_unit_test(layout__100x30_tabbed),
      cmocka_unit_test(layout__160x48_columns),
      cmocka_unit_test(layout__120_is_the_column_threshold),
      cmocka_unit_test(layout__too_small),
      cmocka_unit_test(layout__smallest_usable),
      cmocka_unit_test(layout__invariants_over_many_sizes),
      cmocka_unit_test(layout__helpers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
