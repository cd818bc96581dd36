/* tui/keys.h - the key table (keys.def) and the texts made from it: the
 * status line's hints and the help screen, which also lists the prompt's
 * commands (tui/cmds.h). Adding a binding is one line in keys.def; help
 * follows by construction. */
#ifndef PANICROOM_TUI_KEYS_H
#define PANICROOM_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"

typedef enum KeyAction {
  KA_COMMAND,  /* run the binding's command line */
  KA_VIEW,     /* next code view */
  KA_TAB,      /* lesson <-> code in the tabbed layout */
  KA_FOCUS,    /* next pane */
  KA_PROMPT,   /* focus the prompt */
  KA_PLAY,     /* play the trace, or pause it when it plays */
  KA_LINE_UP,
  KA_LINE_DOWN,
  KA_PAGE_UP,
  KA_PAGE_DOWN,
  KA_TOP,
  KA_BOTTOM,
  KA_REDRAW
} KeyAction;

typedef struct KeyBinding {
  bool fn;            /* a curses KEY_* code, not a character */
  int code;
  const char *label;  /* "r", "Tab", "PgUp" */
  KeyAction action;
  const char *command; /* KA_COMMAND only */
  const char *hint;   /* status-line word, or NULL */
  const char *help;
} KeyBinding;

const KeyBinding *keys_table(size_t *n);
/* The binding of a key, or NULL. */
const KeyBinding *keys_find(bool fn, int code);
/* "r run  f fix  ..." from the bindings that have a hint. */
void keys_status_hints(Buf *out);
/* The help screen: keys, then commands, one per line. */
void keys_help(Buf *out);

#endif
