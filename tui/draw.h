/* tui/draw.h - the few ways anything reaches the screen: clipped text,
 * filled rows and pane borders, all on stdscr.
 *
 * The decision that keeps a child's output from corrupting the screen:
 * every byte we did not write ourselves goes through draw_run, which
 * decodes UTF-8 (an invalid byte becomes U+FFFD), expands tabs, and
 * shows every control character (ESC included) as a reverse-video '?'.
 * No escape sequence from a Go program ever reaches the terminal, and
 * nothing is drawn past the rectangle it was given.
 */
#ifndef PANICROOM_TUI_DRAW_H
#define PANICROOM_TUI_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include <curses.h>

#include "tui/layout.h"

/* Tab stops for program output and code: gofmt's tabs read well at 4. */
#define DRAW_TAB 4

/* Call once after setlocale(): whether the terminal takes UTF-8 (else
 * everything outside ASCII is drawn as '?'). */
void draw_init(void);

/* Whether draw_init found a UTF-8 terminal (box drawing, arrows). */
bool draw_utf8(void);
/* One code point at (y, x), as draw_run would show it (a control
 * character as '?', non-ASCII as '?' on a terminal without UTF-8). */
void draw_cp(int y, int x, uint32_t cp, attr_t a);

/* Draws s[0, n) starting at column x0 + *col of row y, stopping before
 * column x0 + maxw; *col advances by the columns drawn (tab stops count
 * from x0). Returns the byte count consumed (all n unless clipped). */
size_t draw_run(int y, int x0, int *col, int maxw, const char *s, size_t n,
                attr_t a);
/* How many bytes of s[0, n) draw_run would draw from *col before maxw,
 * advancing *col the same way; draws nothing (wrapping, no curses). */
size_t draw_measure(const char *s, size_t n, int maxw, int *col);
/* A NUL-terminated convenience form; returns the columns drawn. */
int draw_str(int y, int x, int maxw, const char *s, attr_t a);
/* Wide text (the prompt's line): returns the columns drawn. */
int draw_wstr(int y, int x, int maxw, const wchar_t *s, size_t n, attr_t a);
/* Spaces over w columns. */
void draw_fill(int y, int x, int w, attr_t a);
/* A border around r (wborder_set glyphs, never box(): see the libedit
 * note) with a title on its top edge. */
void draw_box(Rect r, const char *title, bool focus);
/* Display columns of UTF-8 s[0, n) as draw_run counts them (no tabs). */
int draw_width(const char *s, size_t n);

#endif
