/* lex.h - Go's lexer, with automatic semicolons.
 *
 * Follows the Go spec's "Semicolons" rule: a newline or EOF after an
 * identifier, literal, one of the keywords break/continue/fallthrough/
 * return, or one of ++ -- ) ] } becomes a SEMICOLON token whose text is
 * "\n" (so the parser can say "unexpected newline" as Go does).  Errors go
 * to the Diags in Go's words ("newline in string", "invalid character
 * U+0040 '@'", "rune literal not terminated").  The TUI reuses it for
 * syntax highlighting with LEX_KEEP_COMMENTS. */
#ifndef PANICROOM_ENGINE_LEX_H
#define PANICROOM_ENGINE_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "engine/ast.h"
#include "engine/diag.h"

typedef struct Token {
  TokKind kind;
  Pos pos;
  const char *text; /* points into the source */
  size_t len;       /* for an automatic semicolon: text "\n", len 1 */
} Token;

enum { LEX_KEEP_COMMENTS = 1 };

typedef struct Lexer {
  const char *src, *p, *end;
  int line;
  const char *line_start;
  bool need_semi; /* the last token allows an automatic semicolon */
  int flags;
  Diags *diags;   /* may be NULL: errors become T_ILLEGAL tokens only */
} Lexer;

/* src must stay alive while tokens are used. */
void lex_init(Lexer *lx, const char *src, size_t len, Diags *diags,
              int flags);
Token lex_next(Lexer *lx);
/* Keyword kind for an identifier spelling, or T_IDENT. */
TokKind lex_keyword(const char *s, size_t len);

#endif
