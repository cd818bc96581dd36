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
#include <stdint.h>

#include "base/buf.h"
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
  /* --- internal: the current character, decoded once (as Go's scanner
   * does, so "invalid UTF-8 encoding" is reported once per byte). --- */
  int32_t ch;         /* current rune, -1 at EOF */
  const char *chp;    /* where ch starts */
  int chw;            /* its width in bytes */
  bool pending_semi;  /* LEX_KEEP_COMMENTS: a multi-line comment ended a
                       * line after a token that wants a semicolon */
} Lexer;

/* src must stay alive while tokens are used. */
void lex_init(Lexer *lx, const char *src, size_t len, Diags *diags,
              int flags);
Token lex_next(Lexer *lx);
/* Keyword kind for an identifier spelling, or T_IDENT. */
TokKind lex_keyword(const char *s, size_t len);

/* An automatic semicolon inserted at EOF (Go says "unexpected EOF" for it,
 * not "unexpected newline"). */
bool lex_semi_at_eof(const Token *t);

/* --- Literal decoding for the checker.  The lexer has already reported
 * malformed literals, so these assume a literal the lexer accepted; on a
 * malformed one they return false and decode what they can. --- */

/* Appends the bytes of a string literal (raw text incl. quotes, "..." or
 * `...`) to out: escapes decoded, \r dropped from raw strings. */
bool lex_unquote_string(const char *lit, size_t len, Buf *out);
/* The value of a rune literal ('a', '\n', '\u4e2d', ...). */
bool lex_unquote_rune(const char *lit, size_t len, int32_t *out);
/* The value of an integer literal (any base, underscores allowed).  Returns
 * false if it does not fit in 64 bits (*out then holds garbage). */
bool lex_parse_int(const char *lit, size_t len, uint64_t *out);
/* Encodes r as UTF-8 (invalid runes as U+FFFD); returns the length (1-4). */
int lex_utf8_encode(int32_t r, char out[4]);
/* Decodes one rune from s[0..n); on invalid UTF-8 returns U+FFFD with
 * *width 1.  n must be > 0. */
int32_t lex_utf8_decode(const char *s, size_t n, int *width);

#endif
