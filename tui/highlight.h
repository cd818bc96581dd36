/* tui/highlight.h - Go syntax classes for the code pane, from the
 * engine's own lexer (engine/lex.h with LEX_KEEP_COMMENTS), so what is
 * coloured a keyword is exactly what the interpreter treats as one.
 *
 * The result is one class per byte of the source: the drawer needs no
 * token list and a line can be drawn on its own. Bytes the lexer skips
 * (spaces) and automatic semicolons stay HL_PLAIN. A lexing error never
 * stops highlighting: T_ILLEGAL is plain and the lexer goes on.
 *
 * No curses here (the theme maps classes to attributes).
 */
#ifndef PANICROOM_TUI_HIGHLIGHT_H
#define PANICROOM_TUI_HIGHLIGHT_H

#include <stddef.h>

typedef enum HlClass {
  HL_PLAIN,
  HL_KEYWORD,
  HL_BUILTIN, /* predeclared identifiers: int, error, make, close, nil... */
  HL_STRING,  /* string and rune literals */
  HL_NUMBER,
  HL_COMMENT,
  HL_COUNT
} HlClass;

/* One HlClass per byte of src[0, len); the caller frees it. */
unsigned char *hl_classify(const char *src, size_t len);

#endif
