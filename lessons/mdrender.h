/* lessons/mdrender.h - lesson Markdown (parsed by md4c) laid out as lines
 * of styled spans for a terminal of a given width.
 *
 * The big decision: layout (wrapping, indentation, list markers) happens
 * here, once, and yields a structured MdDoc; how a style looks is the
 * drawer's business. `panicroom show` writes the doc as plain text
 * (md_doc_text); the TUI draws the same lines with its own attributes. So
 * this file knows no terminal library and no escape codes.
 *
 * Layout rules: paragraphs wrap at the width by display columns (a CJK
 * character is 2 columns and a line may break between two of them, but not
 * before closing punctuation like "，" or "）"); code spans keep their
 * backticks so the text reads the same without colour; fenced and indented
 * code is indented 4 spaces, tabs expanded to 4-column stops, never
 * wrapped; lists are "- " and "1. ", nested by indentation; block quotes
 * are prefixed "> "; emphasis loses its markup and keeps its style. Raw
 * HTML is shown as text (a terminal cannot render it).
 *
 * Display width comes from a small built-in table of East Asian wide
 * ranges, not wcwidth(): it must not depend on the user's locale, or a
 * lesson would wrap differently under LANG=C and in tests.
 *
 * Ownership: an MdDoc owns its lines and spans (md_doc_fini).
 */
#ifndef PANICROOM_LESSONS_MDRENDER_H
#define PANICROOM_LESSONS_MDRENDER_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

typedef enum MdStyle {
  MD_STYLE_NORMAL,
  MD_STYLE_HEADING,
  MD_STYLE_CODE,  /* code spans (with their backticks) and code blocks */
  MD_STYLE_EMPH,  /* *x* */
  MD_STYLE_STRONG /* **x** */
} MdStyle;

typedef struct MdSpan {
  MdStyle style;
  char *text; /* owned, UTF-8, no newline */
} MdSpan;

typedef struct MdLine {
  MdSpan *spans; /* owned; a blank line has none */
  size_t nspans;
  int heading; /* 1..6 on a heading's lines, else 0 */
  int width;   /* display columns of all spans */
} MdLine;

typedef struct MdDoc {
  MdLine *lines; /* owned */
  size_t nlines;
} MdDoc;

/* Lays out the Markdown text (len bytes) for width columns (a line keeps at
 * least 10 columns for text after its indentation, so deep nesting still
 * leaves room for words). Returns 0, or -1 if
 * md4c gave up (it does not on any text; kept for its contract). The doc
 * is filled in either case and must be md_doc_fini'd. */
int md_render(const char *text, size_t len, int width, MdDoc *doc);
void md_doc_fini(MdDoc *doc);

/* Appends the doc as plain text, one '\n'-terminated line per MdLine:
 * level-1 and level-2 headings are underlined with '=' and '-'. */
void md_doc_text(const MdDoc *doc, Buf *out);

/* Display columns of one code point: 0, 1 or 2. */
int md_char_width(uint32_t cp);
/* Display columns of s[0..n) (UTF-8; an invalid byte counts 1). */
int md_text_width(const char *s, size_t n);

#endif
