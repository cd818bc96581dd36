/* tui/theme.h - what each kind of text looks like: one role per kind,
 * mapped to curses attributes once, after initscr().
 *
 * The decision: meaning never depends on colour alone. Under NO_COLOR
 * (https://no-color.org), or on a terminal without colours, every role
 * falls back to bold / underline / reverse / dim, and the text itself
 * carries a marker (verdict lines start with a check or a cross; diff
 * lines with + and -), so a projector in black and white or a learner
 * who cannot tell red from green loses nothing.
 */
#ifndef PANICROOM_TUI_THEME_H
#define PANICROOM_TUI_THEME_H

#include <stdbool.h>

#include <curses.h>

#include "tui/highlight.h"

typedef enum ThemeRole {
  TH_NORMAL,
  TH_BORDER,
  TH_BORDER_FOCUS,
  TH_TITLE,
  TH_HEADING,
  TH_MDCODE,
  TH_EMPH,
  TH_STRONG,
  TH_KEYWORD,
  TH_BUILTIN,
  TH_STRING,
  TH_NUMBER,
  TH_COMMENT,
  TH_LINENO,
  TH_ADD,
  TH_DEL,
  TH_OK,
  TH_FAIL,
  TH_EXPECTED, /* the failure the lesson is about: shown, not alarming */
  TH_STATUS,
  TH_MESSAGE,
  TH_ERROR,
  TH_CTRL,     /* a control byte of the child's output, shown as '?' */
  TH_DIM,
  TH_STATE,    /* a diagram's current state */
  TH_EDGE,     /* a diagram's edge just taken */
  TH_CURLINE,  /* the code line of the current trace event */
  TH_COUNT
} ThemeRole;

/* Call after initscr(). Colour is used when the terminal has it and
 * NO_COLOR is unset or empty. */
void theme_init(void);
bool theme_has_color(void);
attr_t theme_attr(ThemeRole r);
ThemeRole theme_hl_role(HlClass c);

#endif
