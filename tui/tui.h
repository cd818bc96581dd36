/* tui/tui.h - panicroom's interactive front ends: the full screen
 * (ncursesw) and line mode (`--line`: the same commands, one per line,
 * for pipes, screen readers and tests).
 *
 * Contract with the terminal: in full-screen mode the terminal is put
 * back on every way out (return, die(), a fatal signal, SIGTERM/HUP/INT)
 * before anything is printed; nothing is written with stdio while curses
 * is active.
 */
#ifndef PANICROOM_TUI_TUI_H
#define PANICROOM_TUI_TUI_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

#include "lessons/catalog.h"

typedef struct TuiOptions {
  const char *lesson; /* NULL: the first unfinished lesson */
  Lang lang;
  bool line_mode;
} TuiOptions;

/* Runs until quit; returns the process exit status (0, or 1 when the
 * lessons could not be loaded, after saying why on stderr). */
int tui_main(const TuiOptions *o);

/* The full screen (screen.c) and line mode (tui.c) on an opened App. */
struct App;
int screen_run(struct App *app);
int tui_line_run(struct App *app);

/* The prompt's completion over the App's lesson ids (for both). */
void tui_complete(void *app, const char *line, size_t cursor, Buf *insert,
                  Buf *listing);
/* The history file ($XDG_STATE_HOME/panicroom/history), or NULL. */
char *tui_history_path(const struct App *app);

#endif
