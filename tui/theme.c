/* tui/theme.c - roles to curses attributes (see theme.h). Colours are
 * the 8 ANSI ones on the terminal's default background, so a light or a
 * dark terminal both stay readable. */
#include "tui/theme.h"

#include <stdlib.h>

typedef struct RoleStyle {
  short fg;      /* -1: default */
  attr_t color;  /* extra attributes with colour */
  attr_t mono;   /* attributes without colour */
} RoleStyle;

static const RoleStyle styles[TH_COUNT] = {
    [TH_NORMAL] = {-1, A_NORMAL, A_NORMAL},
    [TH_BORDER] = {-1, A_DIM, A_NORMAL},
    [TH_BORDER_FOCUS] = {COLOR_CYAN, A_BOLD, A_BOLD},
    [TH_TITLE] = {-1, A_BOLD, A_BOLD},
    [TH_HEADING] = {COLOR_CYAN, A_BOLD, A_BOLD | A_UNDERLINE},
    [TH_MDCODE] = {COLOR_YELLOW, A_NORMAL, A_NORMAL},
    [TH_EMPH] = {-1, A_UNDERLINE, A_UNDERLINE},
    [TH_STRONG] = {-1, A_BOLD, A_BOLD},
    [TH_KEYWORD] = {COLOR_MAGENTA, A_BOLD, A_BOLD},
    [TH_BUILTIN] = {COLOR_CYAN, A_NORMAL, A_NORMAL},
    [TH_STRING] = {COLOR_GREEN, A_NORMAL, A_NORMAL},
    [TH_NUMBER] = {COLOR_YELLOW, A_NORMAL, A_NORMAL},
    [TH_COMMENT] = {COLOR_BLUE, A_NORMAL, A_DIM},
    [TH_LINENO] = {-1, A_DIM, A_DIM},
    [TH_ADD] = {COLOR_GREEN, A_BOLD, A_BOLD},
    [TH_DEL] = {COLOR_RED, A_NORMAL, A_DIM},
    [TH_OK] = {COLOR_GREEN, A_BOLD, A_BOLD},
    [TH_FAIL] = {COLOR_RED, A_BOLD, A_BOLD | A_REVERSE},
    [TH_EXPECTED] = {COLOR_YELLOW, A_BOLD, A_BOLD},
    [TH_STATUS] = {-1, A_REVERSE, A_REVERSE},
    [TH_MESSAGE] = {COLOR_YELLOW, A_BOLD, A_BOLD},
    [TH_ERROR] = {COLOR_RED, A_BOLD, A_BOLD},
    [TH_CTRL] = {-1, A_REVERSE, A_REVERSE},
    [TH_DIM] = {-1, A_DIM, A_DIM},
    [TH_STATE] = {COLOR_GREEN, A_BOLD, A_BOLD},
    [TH_EDGE] = {COLOR_YELLOW, A_BOLD, A_BOLD | A_UNDERLINE},
    [TH_CURLINE] = {COLOR_YELLOW, A_BOLD | A_REVERSE, A_BOLD | A_REVERSE},
};

static attr_t attrs[TH_COUNT];
static bool use_color;

void theme_init(void)
{
  const char *nc = getenv("NO_COLOR");
  use_color = has_colors() && !(nc && *nc);
  if (use_color) {
    start_color();
    use_default_colors();
  }
  for (int r = 0; r < TH_COUNT; r++) {
    if (!use_color) {
      attrs[r] = styles[r].mono;
    } else if (styles[r].fg < 0) {
      attrs[r] = styles[r].color;
    } else {
      init_pair((short)(r + 1), styles[r].fg, -1);
      attrs[r] = styles[r].color | COLOR_PAIR(r + 1);
    }
  }
}

bool theme_has_color(void)
{
  return use_color;
}

attr_t theme_attr(ThemeRole r)
{
  return (unsigned)r < TH_COUNT ? attrs[r] : A_NORMAL;
}

ThemeRole theme_hl_role(HlClass c)
{
  static const ThemeRole map[HL_COUNT] = {
      [HL_PLAIN] = TH_NORMAL,   [HL_KEYWORD] = TH_KEYWORD,
      [HL_BUILTIN] = TH_BUILTIN, [HL_STRING] = TH_STRING,
      [HL_NUMBER] = TH_NUMBER,  [HL_COMMENT] = TH_COMMENT,
  };
  return (unsigned)c < HL_COUNT ? map[c] : TH_NORMAL;
}
