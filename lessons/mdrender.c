/* lessons/mdrender.c - see mdrender.h.
 *
 * md4c calls back per block and span; inline text of a paragraph, heading
 * or tight list item is gathered into one buffer with a style byte per text
 * byte, then wrapped when the block ends. Containers (block quotes, list
 * items) form a stack; each contributes its part of every line's prefix:
 * an item gives its marker on its first line and as many spaces after.
 */
#include "lessons/mdrender.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

/* Nesting deeper than this is drawn at this depth: md4c allows any depth,
 * and 32 levels of indentation already exceed any terminal. */
#define MAX_DEPTH 32
/* Text columns a line keeps after its indentation, whatever the width:
 * a deeply nested item still gets words, not one letter per line. */
#define MIN_AVAIL   10
#define TAB_STOP    4
#define CODE_INDENT "    "

/* --- display width ----------------------------------------------------------
 */

typedef struct Range {
  uint32_t lo, hi;
} Range;

/* East Asian Wide and Fullwidth (Unicode 15 EastAsianWidth.txt), merged
 * into the blocks lessons can contain: CJK, kana, Hangul, fullwidth forms,
 * the emoji a lesson might use (✅ ❌ ...). */
static const Range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},
    {0x23E9, 0x23EC},   {0x23F0, 0x23F0},   {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},
    {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},
    {0x26F2, 0x26F3},   {0x26F5, 0x26F5},   {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},
    {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x303E},
    {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
    {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

/* Combining marks and invisible format characters. */
static const Range zero[] = {
    {0x0300, 0x036F},
    {0x200B, 0x200F},
    {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F},
};

static bool in_ranges(uint32_t cp, const Range *r, size_t n)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < r[mid].lo)
      hi = mid;
    else if (cp > r[mid].hi)
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

int md_char_width(uint32_t cp)
{
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
    return 0;
  if (in_ranges(cp, zero, sizeof zero / sizeof zero[0]))
    return 0;
  return in_ranges(cp, wide, sizeof wide / sizeof wide[0]) ? 2 : 1;
}

/* Decodes the code point at s (n > 0 bytes left); returns its byte length.
 * An invalid sequence decodes as its first byte alone, so bad input still
 * advances and is never dropped. */
static size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
  const unsigned char *u = (const unsigned char *)s;
  size_t len = u[0] < 0x80 ? 1 : u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
  if (u[0] >= 0x80 && (u[0] < 0xC2 || u[0] > 0xF4 || len > n))
    len = 0;
  uint32_t v = len == 1 ? u[0] : (uint32_t)(u[0] & (0x7F >> len));
  for (size_t i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80)
      len = 0;
    else
      v = (v << 6) | (u[i] & 0x3F);
  }
  *cp = len ? v : 0xFFFD;
  return len ? len : 1;
}

int md_text_width(const char *s, size_t n)
{
  int w = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    i += utf8_decode(s + i, n - i, &cp);
    w += md_char_width(cp);
  }
  return w;
}

static void utf8_encode(uint32_t cp, Buf *out)
{
  char b[4];
  size_t n;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0)
    cp = 0xFFFD;
  if (cp < 0x80) {
    b[0] = (char)cp, n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
  } else {
    b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
  }
  buf_append(out, b, n);
}

/* Line breaking (after UAX #14, reduced to what lessons need): a line may
 * not start with closing punctuation, nor end with opening punctuation. */
static bool no_line_start(uint32_t cp)
{
  static const uint32_t set[] = {
      ',',    '.',    ';',    ':',    '!',    '?',    ')',    ']',    '}',
      0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0xFF09,
      0x300D, 0x300F, 0x201D, 0x2019, 0x300B, 0x3009, 0x3011, 0x2026};
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
    if (cp == set[i])
      return true;
  return false;
}

static bool no_line_end(uint32_t cp)
{
  static const uint32_t set[] = {0xFF08, 0x300C, 0x300E, 0x201C,
                                 0x2018, 0x300A, 0x3008, 0x3010};
  for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
    if (cp == set[i])
      return true;
  return false;
}

/* --- building lines ---------------------------------------------------------
 */

static MdLine *new_line(MdDoc *doc, int heading)
{
  doc->lines = xrealloc(doc->lines, (doc->nlines + 1) * sizeof *doc->lines);
  MdLine *l = &doc->lines[doc->nlines++];
  memset(l, 0, sizeof *l);
  l->heading = heading;
  return l;
}

/* Appends s[0..n) in style to l, joining the last span if it has the same
 * style (so a drawer sees as few spans as the text has style changes). */
static void line_add(MdLine *l, MdStyle style, const char *s, size_t n)
{
  if (n == 0)
    return;
  l->width += md_text_width(s, n);
  MdSpan *last = l->nspans ? &l->spans[l->nspans - 1] : NULL;
  if (last && last->style == style) {
    size_t old = strlen(last->text);
    last->text = xrealloc(last->text, old + n + 1);
    memcpy(last->text + old, s, n);
    last->text[old + n] = '\0';
    return;
  }
  l->spans = xrealloc(l->spans, (l->nspans + 1) * sizeof *l->spans);
  l->spans[l->nspans].style = style;
  l->spans[l->nspans++].text = xstrndup(s, n);
}

/* --- the renderer's state ---------------------------------------------------
 */

typedef enum ContKind { CONT_QUOTE, CONT_LIST, CONT_ITEM } ContKind;

typedef struct Container {
  ContKind kind;
  char marker[16]; /* CONT_ITEM: "- " or "12. "; CONT_QUOTE: "> " */
  bool pending;    /* CONT_ITEM: its marker is not printed yet */
  bool ordered;    /* CONT_LIST */
  unsigned next;   /* CONT_LIST, ordered: the next item's number */
} Container;

typedef struct R {
  MdDoc *doc;
  int width;
  Container stack[MAX_DEPTH];
  int depth;    /* may exceed MAX_DEPTH; see container() */
  Buf text;     /* inline text of the block being gathered */
  Buf styles;   /* one MdStyle byte per byte of text */
  int heading;  /* level of the heading being gathered, else 0 */
  bool in_code; /* inside a code block */
  Buf code;     /* its text */
  int em, strong, code_span;
  char *href;        /* of the link being gathered */
  size_t link_start; /* where its text starts in text */
  bool need_blank;   /* a block ended: the next one starts after a blank */
} R;

static Container *container(R *r, int i)
{
  return &r->stack[i < MAX_DEPTH ? i : MAX_DEPTH - 1];
}

/* Starts a line with the prefixes of every container, consuming the list
 * markers that were pending. */
static MdLine *start_line(R *r, int heading)
{
  MdLine *l = new_line(r->doc, heading);
  int n = r->depth < MAX_DEPTH ? r->depth : MAX_DEPTH;
  for (int i = 0; i < n; i++) {
    Container *c = &r->stack[i];
    size_t len = strlen(c->marker);
    if (c->kind == CONT_QUOTE || (c->kind == CONT_ITEM && c->pending))
      line_add(l, MD_STYLE_NORMAL, c->marker, len);
    else if (c->kind == CONT_ITEM)
      line_add(l, MD_STYLE_NORMAL, "                ", len);
    c->pending = false;
  }
  return l;
}

static int prefix_width(const R *r)
{
  int w = 0, n = r->depth < MAX_DEPTH ? r->depth : MAX_DEPTH;
  for (int i = 0; i < n; i++)
    w += (int)strlen(r->stack[i].marker);
  return w;
}

static void blank_if_needed(R *r)
{
  if (r->need_blank && r->doc->nlines)
    new_line(r->doc, 0);
  r->need_blank = false;
}

static MdStyle current_style(const R *r)
{
  if (r->code_span)
    return MD_STYLE_CODE;
  if (r->heading)
    return MD_STYLE_HEADING;
  if (r->strong)
    return MD_STYLE_STRONG;
  return r->em ? MD_STYLE_EMPH : MD_STYLE_NORMAL;
}

static void add_text(R *r, const char *s, size_t n, MdStyle style)
{
  buf_append(&r->text, s, n);
  for (size_t i = 0; i < n; i++)
    buf_putc(&r->styles, (char)style);
}

/* --- wrapping ----------------------------------------------------------------
 */

/* The end of the unbreakable run of text that starts at t[i]. */
static size_t word_end(const char *t, size_t n, size_t i)
{
  uint32_t cp;
  size_t j = i + utf8_decode(t + i, n - i, &cp);
  bool joins_next = no_line_end(cp);
  if (md_char_width(cp) < 2 || joins_next) {
    /* Latin: up to a blank or a CJK character that may start a line. */
    while (j < n && t[j] != ' ' && t[j] != '\t' && t[j] != '\n') {
      size_t k = utf8_decode(t + j, n - j, &cp);
      if (md_char_width(cp) == 2 && !no_line_start(cp) && !joins_next)
        break;
      joins_next = no_line_end(cp);
      j += k;
    }
    return j;
  }
  /* CJK: one character, and the closing punctuation after it. */
  while (j < n) {
    size_t k = utf8_decode(t + j, n - j, &cp);
    if (!no_line_start(cp))
      break;
    j += k;
  }
  return j;
}

/* Appends t[i..j) to l, span by span of equal style. */
static void add_styled(MdLine *l, const char *t, const char *st, size_t i,
                       size_t j)
{
  while (i < j) {
    size_t k = i;
    while (k < j && st[k] == st[i])
      k++;
    line_add(l, (MdStyle)st[i], t + i, k - i);
    i = k;
  }
}

/* Wraps the gathered inline text into lines and clears it. */
static void flush_inline(R *r)
{
  const char *t = r->text.data, *st = r->styles.data;
  size_t n = r->text.len;
  int avail = r->width - prefix_width(r), used = 0;
  MdLine *l = NULL;
  size_t space = 0; /* index of a pending blank + 1, or 0 */
  avail = avail < MIN_AVAIL ? MIN_AVAIL : avail;
  for (size_t i = 0; i < n;) {
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n') {
      if (t[i] == '\n' && l)
        l = NULL, used = 0; /* a hard break */
      space = t[i] == '\n' || !used ? 0 : i + 1;
      i++;
      continue;
    }
    size_t j = word_end(t, n, i);
    int w = md_text_width(t + i, j - i);
    if (l && used + (space ? 1 : 0) + w > avail)
      l = NULL, used = 0, space = 0;
    if (!l)
      l = start_line(r, r->heading);
    if (space)
      add_styled(l, t, st, space - 1, space), used++;
    add_styled(l, t, st, i, j);
    used += w, space = 0, i = j;
  }
  buf_clear(&r->text);
  buf_clear(&r->styles);
}

/* Writes the code block's lines, tabs expanded, never wrapped. */
static void flush_code(R *r)
{
  const char *s = r->code.data ? r->code.data : "";
  Buf line = BUF_INIT;
  while (*s) {
    size_t n = strcspn(s, "\n");
    buf_clear(&line);
    for (size_t i = 0; i < n; i++) {
      if (s[i] != '\t') {
        buf_putc(&line, s[i]);
        continue;
      }
      int col = md_text_width(line.data, line.len);
      do
        buf_putc(&line, ' ');
      while (++col % TAB_STOP);
    }
    MdLine *l = start_line(r, 0);
    if (line.len) {
      line_add(l, MD_STYLE_NORMAL, CODE_INDENT, strlen(CODE_INDENT));
      line_add(l, MD_STYLE_CODE, line.data, line.len);
    }
    s += n + (s[n] == '\n');
  }
  buf_fini(&line);
  buf_clear(&r->code);
}

/* --- blocks ------------------------------------------------------------------
 */

static void push(R *r, ContKind kind, const char *marker)
{
  Container *c = container(r, r->depth++);
  memset(c, 0, sizeof *c);
  c->kind = kind;
  snprintf(c->marker, sizeof c->marker, "%s", marker);
  c->pending = kind == CONT_ITEM;
}

/* True if a list item encloses the current position. */
static bool inside_item(const R *r)
{
  for (int i = 0; i < r->depth && i < MAX_DEPTH; i++)
    if (r->stack[i].kind == CONT_ITEM)
      return true;
  return false;
}

static void enter_item(R *r)
{
  char marker[16] = "- ";
  Container *list = r->depth ? container(r, r->depth - 1) : NULL;
  if (list && list->kind == CONT_LIST && list->ordered)
    snprintf(marker, sizeof marker, "%u. ", list->next++);
  push(r, CONT_ITEM, marker);
}

static void enter_list(R *r, bool ordered, unsigned start)
{
  flush_inline(r); /* a tight item's own text comes before its sublist */
  if (!inside_item(r))
    blank_if_needed(r);
  push(r, CONT_LIST, "");
  Container *c = container(r, r->depth - 1);
  c->ordered = ordered;
  c->next = start;
}

static void hr(R *r)
{
  blank_if_needed(r);
  MdLine *l = start_line(r, 0);
  int n = r->width - prefix_width(r);
  for (int i = 0; i < (n < MIN_AVAIL ? MIN_AVAIL : n); i++)
    line_add(l, MD_STYLE_NORMAL, "-", 1);
  r->need_blank = true;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
  R *r = userdata;
  switch (type) {
  case MD_BLOCK_QUOTE:
    flush_inline(r);
    blank_if_needed(r);
    push(r, CONT_QUOTE, "> ");
    break;
  case MD_BLOCK_UL:
    enter_list(r, false, 0);
    break;
  case MD_BLOCK_OL:
    enter_list(r, true, ((MD_BLOCK_OL_DETAIL *)detail)->start);
    break;
  case MD_BLOCK_LI:
    enter_item(r);
    break;
  case MD_BLOCK_HR:
    hr(r);
    break;
  case MD_BLOCK_H:
    blank_if_needed(r);
    r->heading = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
    break;
  case MD_BLOCK_CODE:
    flush_inline(r);
    blank_if_needed(r);
    r->in_code = true;
    break;
  case MD_BLOCK_P:
  case MD_BLOCK_HTML:
    flush_inline(r);
    blank_if_needed(r);
    break;
  default: /* MD_BLOCK_DOC; tables are not enabled */
    break;
  }
  return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
  R *r = userdata;
  (void)detail;
  switch (type) {
  case MD_BLOCK_CODE:
    flush_code(r);
    r->in_code = false;
    r->need_blank = true;
    break;
  case MD_BLOCK_QUOTE:
  case MD_BLOCK_UL:
  case MD_BLOCK_OL:
  case MD_BLOCK_LI:
    flush_inline(r);
    r->depth--;
    if (type != MD_BLOCK_LI && !inside_item(r))
      r->need_blank = true;
    break;
  case MD_BLOCK_H:
  case MD_BLOCK_P:
  case MD_BLOCK_HTML:
    flush_inline(r);
    r->heading = 0;
    r->need_blank = true;
    break;
  default:
    break;
  }
  return 0;
}

/* --- spans and text ----------------------------------------------------------
 */

static int enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
  R *r = userdata;
  if (type == MD_SPAN_EM)
    r->em++;
  else if (type == MD_SPAN_STRONG)
    r->strong++;
  else if (type == MD_SPAN_CODE && r->code_span++ == 0)
    add_text(r, "`", 1, MD_STYLE_CODE);
  else if (type == MD_SPAN_A) {
    const MD_SPAN_A_DETAIL *a = detail;
    free(r->href);
    r->href = xstrndup(a->href.text, a->href.size);
    r->link_start = r->text.len;
  }
  return 0;
}

/* A link shows its target after its text, unless the text is the target. */
static void leave_link(R *r)
{
  if (!r->href)
    return;
  size_t n = r->text.len - r->link_start;
  if (*r->href && (strlen(r->href) != n ||
                   memcmp(r->text.data + r->link_start, r->href, n) != 0)) {
    add_text(r, " (", 2, MD_STYLE_NORMAL);
    add_text(r, r->href, strlen(r->href), MD_STYLE_NORMAL);
    add_text(r, ")", 1, MD_STYLE_NORMAL);
  }
  free(r->href);
  r->href = NULL;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
  R *r = userdata;
  (void)detail;
  if (type == MD_SPAN_EM)
    r->em--;
  else if (type == MD_SPAN_STRONG)
    r->strong--;
  else if (type == MD_SPAN_CODE && --r->code_span == 0)
    add_text(r, "`", 1, MD_STYLE_CODE);
  else if (type == MD_SPAN_A)
    leave_link(r);
  return 0;
}

/* &amp; &#955; &#x3bb; and the few named entities lessons use; any other
 * named entity is kept as written. */
static void add_entity(R *r, const char *s, size_t n)
{
  static const struct {
    const char *name, *text;
  } named[] = {{"&amp;", "&"},   {"&lt;", "<"},    {"&gt;", ">"},
               {"&quot;", "\""}, {"&apos;", "'"},  {"&nbsp;", " "},
               {"&mdash;", "—"}, {"&ndash;", "–"}, {"&hellip;", "…"},
               {"&rarr;", "→"},  {"&larr;", "←"}};
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
    if (strlen(named[i].name) == n && memcmp(named[i].name, s, n) == 0) {
      add_text(r, named[i].text, strlen(named[i].text), current_style(r));
      return;
    }
  if (n > 3 && s[1] == '#') {
    bool hex = s[2] == 'x' || s[2] == 'X';
    Buf b = BUF_INIT;
    utf8_encode((uint32_t)strtoul(s + 2 + hex, NULL, hex ? 16 : 10), &b);
    add_text(r, b.data, b.len, current_style(r));
    buf_fini(&b);
    return;
  }
  add_text(r, s, n, current_style(r));
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n,
                   void *userdata)
{
  R *r = userdata;
  if (r->in_code) {
    buf_append(&r->code, s, n);
    return 0;
  }
  switch (type) {
  case MD_TEXT_BR:
    add_text(r, "\n", 1, MD_STYLE_NORMAL);
    break;
  case MD_TEXT_SOFTBR:
    add_text(r, " ", 1, current_style(r));
    break;
  case MD_TEXT_NULLCHAR:
    add_text(r, "\xEF\xBF\xBD", 3, current_style(r));
    break;
  case MD_TEXT_ENTITY:
    add_entity(r, s, n);
    break;
  default: /* normal text, code span text, HTML shown as text */
    for (MD_SIZE i = 0; i < n; i++)
      add_text(r, s[i] == '\n' ? " " : s + i, 1, current_style(r));
  }
  return 0;
}

/* --- the public face ---------------------------------------------------------
 */

int md_render(const char *text, size_t len, int width, MdDoc *doc)
{
  memset(doc, 0, sizeof *doc);
  R r = {.doc = doc, .width = width};
  /* NOHTML: "<-ch" and "<T>" in prose must stay text on a terminal. */
  MD_PARSER parser = {.abi_version = 0,
                      .flags = MD_DIALECT_COMMONMARK | MD_FLAG_NOHTML,
                      .enter_block = enter_block,
                      .leave_block = leave_block,
                      .enter_span = enter_span,
                      .leave_span = leave_span,
                      .text = on_text};
  int rc = md_parse(text, (MD_SIZE)len, &parser, &r);
  flush_inline(&r);
  buf_fini(&r.text);
  buf_fini(&r.styles);
  buf_fini(&r.code);
  free(r.href);
  return rc == 0 ? 0 : -1;
}

void md_doc_fini(MdDoc *doc)
{
  for (size_t i = 0; i < doc->nlines; i++) {
    for (size_t k = 0; k < doc->lines[i].nspans; k++)
      free(doc->lines[i].spans[k].text);
    free(doc->lines[i].spans);
  }
  free(doc->lines);
  memset(doc, 0, sizeof *doc);
}

/* Underlines a heading once, under its last line, as wide as its widest. */
static void underline(const MdDoc *doc, size_t i, Buf *out)
{
  const MdLine *l = &doc->lines[i];
  if (l->heading < 1 || l->heading > 2 ||
      (i + 1 < doc->nlines && doc->lines[i + 1].heading == l->heading))
    return;
  int w = 0;
  for (size_t k = i + 1; k-- > 0 && doc->lines[k].heading == l->heading;)
    w = doc->lines[k].width > w ? doc->lines[k].width : w;
  for (int k = 0; k < w; k++)
    buf_putc(out, l->heading == 1 ? '=' : '-');
  buf_putc(out, '\n');
}

void md_doc_text(const MdDoc *doc, Buf *out)
{
  for (size_t i = 0; i < doc->nlines; i++) {
    const MdLine *l = &doc->lines[i];
    size_t start = out->len;
    for (size_t k = 0; k < l->nspans; k++)
      buf_puts(out, l->spans[k].text);
    while (out->len > start && out->data[out->len - 1] == ' ')
      out->len--; /* prefixes of blank lines in lists leave only spaces */
    buf_putc(out, '\n');
    underline(doc, i, out);
  }
}
