/* lex.c - Go's lexer (see lex.h), a port of the structure of Go 1.19's
 * cmd/compile/internal/syntax scanner.
 *
 * Design: like Go's scanner we decode the current character once (ch) and
 * advance with nextch(); errors that Go reports "at the current character"
 * use the current position and errors "at the token start" use the start,
 * so positions and words match `go build` byte for byte.  Literals are
 * only validated here; lex_unquote_* and lex_parse_int decode them for the
 * checker. */
#include "engine/lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- characters ---- */

static bool is_letter_ascii(int32_t c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_decimal(int32_t c) { return c >= '0' && c <= '9'; }

static bool is_hex(int32_t c)
{
  return is_decimal(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int32_t lower(int32_t c) { return c | 0x20; }

/* Letter ranges beyond ASCII.  Not all of Unicode (we carry no tables),
 * but every script a learner is likely to use; symbols, punctuation and
 * emoji stay non-letters, as in Go. */
static const int32_t letter_ranges[][2] = {
    {0xAA, 0xAA},     {0xB5, 0xB5},     {0xBA, 0xBA},     {0xC0, 0xD6},
    {0xD8, 0xF6},     {0xF8, 0x2C1},    {0x2C6, 0x2D1},   {0x370, 0x374},
    {0x376, 0x37D},   {0x386, 0x386},   {0x388, 0x3FF},   {0x400, 0x481},
    {0x48A, 0x52F},   {0x531, 0x556},   {0x561, 0x587},   {0x5D0, 0x5EA},
    {0x620, 0x64A},   {0x671, 0x6D3},   {0x904, 0x939},   {0xE01, 0xE30},
    {0x10A0, 0x10FF}, {0x1100, 0x11FF}, {0x1E00, 0x1FFF}, {0x3041, 0x3096},
    {0x30A1, 0x30FA}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3},
    {0xF900, 0xFAFF}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0x20000, 0x2FA1F},
};

static bool is_unicode_letter(int32_t c)
{
  size_t n = sizeof letter_ranges / sizeof letter_ranges[0];
  for (size_t i = 0; i < n; i++)
    if (c >= letter_ranges[i][0] && c <= letter_ranges[i][1])
      return true;
  return false;
}

int32_t lex_utf8_decode(const char *s, size_t n, int *width)
{
  const unsigned char *u = (const unsigned char *)s;
  *width = 1;
  if (u[0] < 0x80)
    return u[0];
  int len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
  if (len == 0 || u[0] > 0xF4 || (size_t)len > n)
    return 0xFFFD;
  int32_t r = u[0] & (0x7F >> len);
  for (int i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80)
      return 0xFFFD;
    r = (r << 6) | (u[i] & 0x3F);
  }
  static const int32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (r < min[len] || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000))
    return 0xFFFD;
  *width = len;
  return r;
}

int lex_utf8_encode(int32_t r, char out[4])
{
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r < 0xE000))
    r = 0xFFFD;
  if (r < 0x80) {
    out[0] = (char)r;
    return 1;
  }
  if (r < 0x800) {
    out[0] = (char)(0xC0 | (r >> 6));
    out[1] = (char)(0x80 | (r & 0x3F));
    return 2;
  }
  if (r < 0x10000) {
    out[0] = (char)(0xE0 | (r >> 12));
    out[1] = (char)(0x80 | ((r >> 6) & 0x3F));
    out[2] = (char)(0x80 | (r & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (r >> 18));
  out[1] = (char)(0x80 | ((r >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((r >> 6) & 0x3F));
  out[3] = (char)(0x80 | (r & 0x3F));
  return 4;
}

/* ---- source reading ---- */

static Pos pos_at(const Lexer *lx, const char *p)
{
  Pos pos = {lx->line, (int)(p - lx->line_start) + 1};
  return pos;
}

static Pos cur_pos(const Lexer *lx) { return pos_at(lx, lx->chp); }

static void errorf_at(Lexer *lx, Pos pos, const char *fmt, ...)
    PANICROOM_PRINTF(3, 4);

static void errorf_at(Lexer *lx, Pos pos, const char *fmt, ...)
{
  if (!lx->diags)
    return;
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  diag_error(lx->diags, pos, "%s", msg);
}

/* "%#U" of Go's fmt: U+0040 '@' (the character only when printable). */
static void format_U(int32_t c, char *out, size_t n)
{
  char enc[5] = {0};
  if (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) && c != 0xFFFD &&
      !(c >= 0xD800 && c < 0xE000) && c <= 0x10FFFF) {
    enc[lex_utf8_encode(c, enc)] = 0;
    snprintf(out, n, "U+%04X '%s'", (unsigned)c, enc);
  } else if (c == 0xFFFD) {
    snprintf(out, n, "U+FFFD '\xEF\xBF\xBD'");
  } else {
    snprintf(out, n, "U+%04X", (unsigned)c);
  }
}

/* Advances to the next character, decoding UTF-8 and reporting NUL, bad
 * encodings and stray BOMs the way Go's source reader does. */
static void nextch(Lexer *lx)
{
  for (;;) {
    const char *p = lx->chp + lx->chw;
    if (lx->chw == 1 && lx->ch == '\n') {
      lx->line++;
      lx->line_start = p;
    }
    lx->chp = p;
    lx->p = p;
    if (p >= lx->end) {
      lx->ch = -1;
      lx->chw = 0;
      return;
    }
    unsigned char b = (unsigned char)*p;
    if (b - 1u < 0x7Fu) { /* ASCII but NUL: most of every file, and the
                          * prelude is lexed on each run */
      lx->ch = b;
      lx->chw = 1;
      return;
    }
    lx->ch = lex_utf8_decode(p, (size_t)(lx->end - p), &lx->chw);
    if (lx->ch == 0) {
      errorf_at(lx, cur_pos(lx), "invalid NUL character");
      continue;
    }
    if (lx->ch == 0xFFFD && lx->chw == 1) {
      errorf_at(lx, cur_pos(lx), "invalid UTF-8 encoding");
    } else if (lx->ch == 0xFEFF) {
      if (p != lx->src)
        errorf_at(lx, cur_pos(lx), "invalid BOM in the middle of the file");
      continue;
    }
    return;
  }
}

void lex_init(Lexer *lx, const char *src, size_t len, Diags *diags, int flags)
{
  memset(lx, 0, sizeof *lx);
  lx->src = src;
  lx->p = src;
  lx->end = src + len;
  lx->line = 1;
  lx->line_start = src;
  lx->flags = flags;
  lx->diags = diags;
  lx->chp = src;
  lx->chw = 0;
  lx->ch = ' ';
  nextch(lx);
}

/* ---- keywords ---- */

/* Each entry keeps its length: an identifier's text may hold NUL bytes
 * (nextch reports and skips them, as Go's source reader does), so a
 * keyword's own NUL cannot end the comparison. */
/* clang-format off */
#define KW(s, k) {s, sizeof(s) - 1, k}
/* clang-format on */

static const struct {
  const char *s;
  size_t len;
  TokKind k;
} keywords[] = {
    KW("break", T_BREAK),
    KW("case", T_CASE),
    KW("chan", T_CHAN),
    KW("const", T_CONST),
    KW("continue", T_CONTINUE),
    KW("default", T_DEFAULT),
    KW("defer", T_DEFER),
    KW("else", T_ELSE),
    KW("fallthrough", T_FALLTHROUGH),
    KW("for", T_FOR),
    KW("func", T_FUNC),
    KW("go", T_GO),
    KW("goto", T_GOTO),
    KW("if", T_IF),
    KW("import", T_IMPORT),
    KW("interface", T_INTERFACE),
    KW("map", T_MAP),
    KW("package", T_PACKAGE),
    KW("range", T_RANGE),
    KW("return", T_RETURN),
    KW("select", T_SELECT),
    KW("struct", T_STRUCT),
    KW("switch", T_SWITCH),
    KW("type", T_TYPE),
    KW("var", T_VAR),
};

#undef KW

TokKind lex_keyword(const char *s, size_t len)
{
  if (len < 2 || len > 11 || s[0] < 'a' || s[0] > 'z')
    return T_IDENT;
  for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
    if (keywords[i].len == len && keywords[i].s[0] == s[0] &&
        memcmp(keywords[i].s, s, len) == 0)
      return keywords[i].k;
  return T_IDENT;
}

/* The automatic semicolon at EOF has this text, which is not in any
 * source, so the parser can tell it from a newline. */
static const char eof_semi_text[] = "\n";

bool lex_semi_at_eof(const Token *t)
{
  return t->kind == T_SEMICOLON && t->text == eof_semi_text;
}

/* ---- identifiers ---- */

/* Go's atIdentChar: letters and '_' continue an identifier; digits too
 * (except first); other non-ASCII characters are reported and kept in the
 * identifier, so one bad character gives one error. */
static bool at_ident_char(Lexer *lx, bool first)
{
  int32_t c = lx->ch;
  if (is_letter_ascii(c) || (c >= 0x80 && is_unicode_letter(c)))
    return true;
  if (is_decimal(c))
    return !first;
  if (c >= 0x80) {
    char u[32];
    format_U(c, u, sizeof u);
    errorf_at(lx, cur_pos(lx), "invalid character %s in identifier", u);
    return true;
  }
  return false;
}

static TokKind scan_ident(Lexer *lx, const char *start)
{
  nextch(lx);
  while (lx->ch >= 0 && at_ident_char(lx, false))
    nextch(lx);
  return lex_keyword(start, (size_t)(lx->chp - start));
}

/* ---- numbers ---- */

static const char *base_name(int base)
{
  switch (base) {
  case 2:
    return "binary";
  case 8:
    return "octal";
  case 10:
    return "decimal";
  default:
    return "hexadecimal";
  }
}

/* Go's digits(): consumes digits and '_'; bit 0 = digit seen, bit 1 = '_'
 * seen; records the first digit invalid for base. */
static int scan_digits(Lexer *lx, int base, const char **invalid)
{
  int digsep = 0;
  for (;;) {
    int32_t c = lx->ch;
    bool ok = base <= 10 ? is_decimal(c) : is_hex(c);
    if (!ok && c != '_')
      return digsep;
    if (c == '_') {
      digsep |= 2;
    } else {
      digsep |= 1;
      if (base < 10 && c >= '0' + base && invalid && !*invalid)
        *invalid = lx->chp;
    }
    nextch(lx);
  }
}

/* Index of the first misplaced '_' in a number literal, or -1 (Go's
 * invalidSep). */
static long invalid_sep(const char *x, size_t n)
{
  int32_t x1 = ' ', d = '.';
  size_t i = 0;
  if (n >= 2 && x[0] == '0') {
    x1 = lower(x[1]);
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < n; i++) {
    int32_t p = d;
    d = x[i];
    if (d == '_') {
      if (p != '0')
        return (long)i;
    } else if (is_decimal(d) || (x1 == 'x' && is_hex(d))) {
      d = '0';
    } else {
      if (p == '_')
        return (long)i - 1;
      d = '.';
    }
  }
  return d == '_' ? (long)n - 1 : -1;
}

typedef struct NumState {
  int base;
  int32_t prefix;
  int digsep;
  bool ok;
  TokKind kind;
  const char *invalid;
} NumState;

static void number_prefix(Lexer *lx, NumState *ns)
{
  if (lx->ch != '0')
    return;
  nextch(lx);
  switch (lower(lx->ch)) {
  case 'x':
    ns->base = 16;
    break;
  case 'o':
    ns->base = 8;
    break;
  case 'b':
    ns->base = 2;
    break;
  default:
    ns->base = 8;
    ns->prefix = '0';
    ns->digsep = 1; /* the leading 0 is a digit */
    return;
  }
  ns->prefix = lower(lx->ch);
  nextch(lx);
}

static void number_exponent(Lexer *lx, NumState *ns)
{
  int32_t e = lower(lx->ch);
  if (e == 'e' || e == 'p') {
    if (ns->ok && e == 'e' && ns->prefix != 0 && ns->prefix != '0') {
      errorf_at(lx, cur_pos(lx), "'%s' exponent requires decimal mantissa",
                lx->ch == 'e' ? "e" : "E");
      ns->ok = false;
    } else if (ns->ok && e == 'p' && ns->prefix != 'x') {
      errorf_at(lx, cur_pos(lx), "'%s' exponent requires hexadecimal mantissa",
                lx->ch == 'p' ? "p" : "P");
      ns->ok = false;
    }
    nextch(lx);
    ns->kind = T_FLOAT;
    if (lx->ch == '+' || lx->ch == '-')
      nextch(lx);
    int ds = scan_digits(lx, 10, NULL);
    ns->digsep = ds | (ns->digsep & 2);
    if (!(ds & 1) && ns->ok) {
      errorf_at(lx, cur_pos(lx), "exponent has no digits");
      ns->ok = false;
    }
  } else if (ns->prefix == 'x' && ns->kind == T_FLOAT && ns->ok) {
    errorf_at(lx, cur_pos(lx),
              "hexadecimal mantissa requires a 'p' "
              "exponent");
    ns->ok = false;
  }
}

static void number_checks(Lexer *lx, NumState *ns, const char *start)
{
  if (ns->kind == T_INT && ns->invalid && ns->ok) {
    errorf_at(lx, pos_at(lx, ns->invalid), "invalid digit '%c' in %s literal",
              *ns->invalid, base_name(ns->base));
    ns->ok = false;
  }
  if ((ns->digsep & 2) && ns->ok) {
    long i = invalid_sep(start, (size_t)(lx->chp - start));
    if (i >= 0)
      errorf_at(lx, pos_at(lx, start + i),
                "'_' must separate successive digits");
  }
}

/* number -> decimal / 0x / 0o / 0b / legacy-octal int, float, imaginary */
static TokKind scan_number(Lexer *lx, const char *start, bool seen_point)
{
  NumState ns = {10, 0, 0, true, T_INT, NULL};
  if (!seen_point) {
    number_prefix(lx, &ns);
    ns.digsep |= scan_digits(lx, ns.base, &ns.invalid);
    if (lx->ch == '.') {
      if (ns.prefix == 'o' || ns.prefix == 'b') {
        errorf_at(lx, cur_pos(lx), "invalid radix point in %s literal",
                  base_name(ns.base));
        ns.ok = false;
      }
      nextch(lx);
      seen_point = true;
    }
  }
  if (seen_point) {
    ns.kind = T_FLOAT;
    ns.digsep |= scan_digits(lx, ns.base, &ns.invalid);
  }
  if (!(ns.digsep & 1) && ns.ok) {
    errorf_at(lx, cur_pos(lx), "%s literal has no digits", base_name(ns.base));
    ns.ok = false;
  }
  number_exponent(lx, &ns);
  if (lx->ch == 'i') {
    ns.kind = T_IMAG;
    nextch(lx);
  }
  number_checks(lx, &ns, start);
  return ns.kind;
}

/* ---- strings, runes, comments ---- */

/* Go's %q of a rune: 'Z', '\n', '\x01', or the UTF-8 character. */
static void quote_rune(int32_t ch, char *q, size_t n)
{
  if (ch == '\n')
    snprintf(q, n, "'\\n'");
  else if (ch == '\t')
    snprintf(q, n, "'\\t'");
  else if (ch == '\r')
    snprintf(q, n, "'\\r'");
  else if (ch < 0x20 || ch == 0x7f)
    snprintf(q, n, "'\\x%02x'", (unsigned)ch);
  else {
    char enc[5] = {0};
    enc[lex_utf8_encode(ch, enc)] = 0;
    snprintf(q, n, "'%s'", enc);
  }
}

/* escape -> \a \b ... | \ooo | \xhh | \uhhhh | \Uhhhhhhhh.  The backslash
 * has been consumed.  Go's escape(). */
static bool scan_escape(Lexer *lx, int32_t quote)
{
  int n, base;
  uint32_t max;
  int32_t c = lx->ch;
  if (c == quote || strchr("abfnrtv\\", (int)(c > 0 && c < 128 ? c : 1))) {
    nextch(lx);
    return true;
  }
  if (c >= '0' && c <= '7') {
    n = 3, base = 8, max = 255;
  } else if (c == 'x' || c == 'u' || c == 'U') {
    n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
    base = 16;
    max = c == 'x' ? 255 : 0x10FFFF;
    nextch(lx);
  } else {
    if (c < 0)
      return true; /* the caller complains about EOF */
    errorf_at(lx, cur_pos(lx), "unknown escape");
    return false;
  }
  uint32_t x = 0;
  for (int i = n; i > 0; i--) {
    if (lx->ch < 0)
      return true;
    int32_t ch = lx->ch;
    uint32_t d = (uint32_t)base;
    if (is_decimal(ch))
      d = (uint32_t)(ch - '0');
    else if (lower(ch) >= 'a' && lower(ch) <= 'f')
      d = (uint32_t)(lower(ch) - 'a' + 10);
    if (d >= (uint32_t)base) {
      char q[48];
      quote_rune(ch, q, sizeof q);
      errorf_at(lx, cur_pos(lx), "invalid character %s in %s escape", q,
                base_name(base));
      return false;
    }
    x = x * (uint32_t)base + d;
    nextch(lx);
  }
  if (x > max && base == 8) {
    errorf_at(lx, cur_pos(lx), "octal escape value %u > 255", x);
    return false;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    char u[32];
    format_U((int32_t)x, u, sizeof u);
    errorf_at(lx, cur_pos(lx), "escape is invalid Unicode code point %s", u);
    return false;
  }
  return true;
}

static void scan_string(Lexer *lx, Pos start)
{
  for (;;) {
    if (lx->ch == '"') {
      nextch(lx);
      return;
    }
    if (lx->ch == '\\') {
      nextch(lx);
      scan_escape(lx, '"');
      continue;
    }
    if (lx->ch == '\n') {
      errorf_at(lx, cur_pos(lx), "newline in string");
      return;
    }
    if (lx->ch < 0) {
      errorf_at(lx, start, "string not terminated");
      return;
    }
    nextch(lx);
  }
}

static void scan_raw_string(Lexer *lx, Pos start)
{
  for (;;) {
    if (lx->ch == '`') {
      nextch(lx);
      return;
    }
    if (lx->ch < 0) {
      errorf_at(lx, start, "string not terminated");
      return;
    }
    nextch(lx);
  }
}

static void scan_rune(Lexer *lx, Pos start)
{
  bool ok = true;
  for (int n = 0;; n++) {
    if (lx->ch == '\'') {
      if (ok && n == 0)
        errorf_at(lx, cur_pos(lx), "empty rune literal or unescaped '");
      else if (ok && n != 1)
        errorf_at(lx, start, "more than one character in rune literal");
      nextch(lx);
      return;
    }
    if (lx->ch == '\\') {
      nextch(lx);
      if (!scan_escape(lx, '\''))
        ok = false;
      continue;
    }
    if (lx->ch == '\n') {
      if (ok)
        errorf_at(lx, cur_pos(lx), "newline in rune literal");
      return;
    }
    if (lx->ch < 0) {
      if (ok)
        errorf_at(lx, start, "rune literal not terminated");
      return;
    }
    nextch(lx);
  }
}

/* Skips a block comment whose opening has been consumed; returns whether
 * it spanned a newline. */
static bool skip_block_comment(Lexer *lx, Pos start)
{
  int line = lx->line;
  for (;;) {
    if (lx->ch == '*') {
      nextch(lx);
      if (lx->ch == '/') {
        nextch(lx);
        return lx->line != line;
      }
      continue;
    }
    if (lx->ch < 0) {
      errorf_at(lx, start, "comment not terminated");
      return lx->line != line;
    }
    nextch(lx);
  }
}

static void skip_line_comment(Lexer *lx)
{
  while (lx->ch >= 0 && lx->ch != '\n')
    nextch(lx);
}

/* ---- operators ---- */

/* An operator that may be followed by '=' (op-assign). */
static TokKind op_assign(Lexer *lx, TokKind op, TokKind assign)
{
  if (lx->ch == '=') {
    nextch(lx);
    return assign;
  }
  return op;
}

static TokKind scan_dot(Lexer *lx, const char *start)
{
  if (is_decimal(lx->ch))
    return scan_number(lx, start, true);
  if (lx->ch == '.' && lx->chp + 1 < lx->end && lx->chp[1] == '.') {
    nextch(lx);
    nextch(lx);
    return T_ELLIPSIS;
  }
  return T_PERIOD;
}

/* Operators whose first character may double (+ ++ += & && &= &^ &^= ...).
 * The first character has been consumed. */
static TokKind scan_operator2(Lexer *lx, int32_t c)
{
  switch (c) {
  case '+':
    if (lx->ch == '+')
      return nextch(lx), T_INC;
    return op_assign(lx, T_ADD, T_ADD_ASSIGN);
  case '-':
    if (lx->ch == '-')
      return nextch(lx), T_DEC;
    return op_assign(lx, T_SUB, T_SUB_ASSIGN);
  case '&':
    if (lx->ch == '&')
      return nextch(lx), T_LAND;
    if (lx->ch == '^')
      return nextch(lx), op_assign(lx, T_AND_NOT, T_AND_NOT_ASSIGN);
    return op_assign(lx, T_AND, T_AND_ASSIGN);
  case '|':
    if (lx->ch == '|')
      return nextch(lx), T_LOR;
    return op_assign(lx, T_OR, T_OR_ASSIGN);
  case '<':
    if (lx->ch == '-')
      return nextch(lx), T_ARROW;
    if (lx->ch == '<')
      return nextch(lx), op_assign(lx, T_SHL, T_SHL_ASSIGN);
    return op_assign(lx, T_LSS, T_LEQ);
  case '>':
    if (lx->ch == '>')
      return nextch(lx), op_assign(lx, T_SHR, T_SHR_ASSIGN);
    return op_assign(lx, T_GTR, T_GEQ);
  default:
    return T_ILLEGAL;
  }
}

static TokKind scan_operator(Lexer *lx, int32_t c)
{
  switch (c) {
  case '(':
    return T_LPAREN;
  case '[':
    return T_LBRACK;
  case '{':
    return T_LBRACE;
  case ')':
    return T_RPAREN;
  case ']':
    return T_RBRACK;
  case '}':
    return T_RBRACE;
  case ',':
    return T_COMMA;
  case ';':
    return T_SEMICOLON;
  case '~':
    return T_TILDE;
  case ':':
    return op_assign(lx, T_COLON, T_DEFINE);
  case '*':
    return op_assign(lx, T_MUL, T_MUL_ASSIGN);
  case '/':
    return op_assign(lx, T_QUO, T_QUO_ASSIGN);
  case '%':
    return op_assign(lx, T_REM, T_REM_ASSIGN);
  case '^':
    return op_assign(lx, T_XOR, T_XOR_ASSIGN);
  case '=':
    return op_assign(lx, T_ASSIGN, T_EQL);
  case '!':
    return op_assign(lx, T_NOT, T_NEQ);
  default:
    return scan_operator2(lx, c);
  }
}

/* ---- the token loop ---- */

static bool wants_semi(TokKind k)
{
  switch (k) {
  case T_IDENT:
  case T_INT:
  case T_FLOAT:
  case T_IMAG:
  case T_CHAR:
  case T_STRING:
  case T_BREAK:
  case T_CONTINUE:
  case T_FALLTHROUGH:
  case T_RETURN:
  case T_INC:
  case T_DEC:
  case T_RPAREN:
  case T_RBRACK:
  case T_RBRACE:
    return true;
  default:
    return false;
  }
}

static Token make_tok(Lexer *lx, TokKind k, Pos pos, const char *start)
{
  Token t = {k, pos, start, (size_t)(lx->chp - start)};
  lx->need_semi = wants_semi(k);
  return t;
}

static Token auto_semi(Lexer *lx, Pos pos, const char *text)
{
  Token t = {T_SEMICOLON, pos, text, 1};
  lx->need_semi = false;
  return t;
}

/* A comment at the current position.  Returns true (and sets *t) when a
 * token results: a COMMENT in highlighting mode, or the semicolon a
 * multi-line comment stands for. */
static bool scan_comment(Lexer *lx, Pos pos, const char *start, Token *t)
{
  bool multiline = false;
  nextch(lx);
  if (lx->ch == '/') {
    skip_line_comment(lx);
  } else {
    nextch(lx);
    multiline = skip_block_comment(lx, pos);
  }
  if (lx->flags & LEX_KEEP_COMMENTS) {
    bool semi = multiline && lx->need_semi;
    Token c = {T_COMMENT, pos, start, (size_t)(lx->chp - start)};
    *t = c;
    lx->pending_semi = semi;
    return true;
  }
  if (multiline && lx->need_semi) {
    *t = auto_semi(lx, pos, "\n");
    return true;
  }
  return false;
}

static Token illegal_char(Lexer *lx, Pos pos, const char *start)
{
  char u[32];
  format_U(lx->ch, u, sizeof u);
  errorf_at(lx, pos, "invalid character %s", u);
  nextch(lx);
  Token t = {T_ILLEGAL, pos, start, (size_t)(lx->chp - start)};
  return t;
}

static void skip_space(Lexer *lx)
{
  while (lx->ch == ' ' || lx->ch == '\t' || lx->ch == '\r' ||
         (lx->ch == '\n' && !lx->need_semi))
    nextch(lx);
}

Token lex_next(Lexer *lx)
{
  Token t;
  if (lx->pending_semi) {
    lx->pending_semi = false;
    return auto_semi(lx, cur_pos(lx), "\n");
  }
  for (;;) {
    skip_space(lx);
    Pos pos = cur_pos(lx);
    const char *start = lx->chp;
    int32_t c = lx->ch;
    if (c < 0) {
      if (lx->need_semi)
        return auto_semi(lx, pos, eof_semi_text);
      Token e = {T_EOF, pos, lx->end, 0};
      return e;
    }
    if (c == '\n') {
      nextch(lx);
      return auto_semi(lx, pos, start);
    }
    if (is_letter_ascii(c) || (c >= 0x80 && at_ident_char(lx, true)))
      return make_tok(lx, scan_ident(lx, start), pos, start);
    if (is_decimal(c))
      return make_tok(lx, scan_number(lx, start, false), pos, start);
    if (c == '/' && lx->chp + 1 < lx->end &&
        (lx->chp[1] == '/' || lx->chp[1] == '*')) {
      if (scan_comment(lx, pos, start, &t))
        return t;
      continue;
    }
    if (c >= 0x80 || !strchr("\"`'.()[]{},;~:*/%^=!+-&|<>", (int)c)) {
      /* Not a token: report and skip it as Go does (or hand it out as
       * ILLEGAL when nobody collects errors, for highlighting). */
      t = illegal_char(lx, pos, start);
      if (!lx->diags)
        return t;
      continue;
    }
    nextch(lx);
    switch (c) {
    case '"':
      scan_string(lx, pos);
      return make_tok(lx, T_STRING, pos, start);
    case '`':
      scan_raw_string(lx, pos);
      return make_tok(lx, T_STRING, pos, start);
    case '\'':
      scan_rune(lx, pos);
      return make_tok(lx, T_CHAR, pos, start);
    case '.':
      return make_tok(lx, scan_dot(lx, start), pos, start);
    default:
      return make_tok(lx, scan_operator(lx, c), pos, start);
    }
  }
}

/* ---- literal decoding (for the checker) ---- */

static int hexval(char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  c = (char)(c | 0x20);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes one escape at s (just after the backslash); returns the bytes
 * consumed, or 0 if malformed.  *byte says the value is one raw byte
 * (\x, octal) rather than a rune to encode. */
static size_t unescape(const char *s, size_t n, int32_t *val, bool *byte)
{
  static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\'\'\"\"";
  *byte = false;
  if (n == 0)
    return 0;
  for (size_t i = 0; simple[i]; i += 2)
    if (s[0] == simple[i])
      return *val = simple[i + 1], 1;
  int digits = s[0] == 'x' ? 2 : s[0] == 'u' ? 4 : s[0] == 'U' ? 8 : 3;
  int base = digits == 3 ? 8 : 16;
  size_t i = digits == 3 ? 0 : 1;
  uint32_t x = 0;
  for (int k = 0; k < digits; k++, i++) {
    int d = i < n ? hexval(s[i]) : -1;
    if (d < 0 || d >= base)
      return 0;
    x = x * (uint32_t)base + (uint32_t)d;
  }
  *byte = s[0] == 'x' || digits == 3;
  *val = (int32_t)x;
  return i;
}

bool lex_unquote_string(const char *lit, size_t len, Buf *out)
{
  if (len < 2)
    return false;
  bool raw = lit[0] == '`';
  for (size_t i = 1; i + 1 < len; i++) {
    char c = lit[i];
    if (raw || c != '\\') {
      if (!(raw && c == '\r'))
        buf_putc(out, c);
      continue;
    }
    int32_t v;
    bool byte;
    size_t used = unescape(lit + i + 1, len - 2 - i, &v, &byte);
    if (used == 0)
      return false;
    if (byte) {
      buf_putc(out, (char)v);
    } else {
      char enc[4];
      buf_append(out, enc, (size_t)lex_utf8_encode(v, enc));
    }
    i += used;
  }
  return true;
}

bool lex_unquote_rune(const char *lit, size_t len, int32_t *out)
{
  *out = 0;
  if (len < 3 || lit[0] != '\'')
    return false;
  if (lit[1] != '\\') {
    int w;
    *out = lex_utf8_decode(lit + 1, len - 2, &w);
    return (size_t)w + 2 == len;
  }
  bool byte;
  size_t used = unescape(lit + 2, len - 3, out, &byte);
  return used > 0 && used + 3 == len;
}

bool lex_parse_int(const char *lit, size_t len, uint64_t *out)
{
  unsigned base = 10;
  size_t i = 0;
  *out = 0;
  if (len >= 2 && lit[0] == '0') {
    char p = (char)(lit[1] | 0x20);
    base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 8;
    i = base == 8 && p != 'o' ? 1 : 2;
  }
  for (; i < len; i++) {
    if (lit[i] == '_')
      continue;
    int d = hexval(lit[i]);
    if (d < 0 || (unsigned)d >= base)
      return false;
    if (*out > (UINT64_MAX - (unsigned)d) / base)
      return false;
    *out = *out * base + (unsigned)d;
  }
  return true;
}
