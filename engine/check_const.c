/* check_const.c - constant literals and exact constant arithmetic for the
 * checker (Go's untyped constants).
 *
 * Decision: integer constants are computed in 128-bit arithmetic and stored
 * as int64 or, above INT64_MAX, as uint64 (ast.h ConstVal); anything wider
 * is "constant overflow".  That covers every constant the subset's programs
 * use (Go's own limit is 512 bits) while keeping ConstVal small.
 *
 * Untyped float constants are exact in Go, so `0.1 + 0.2` is 0.3, not
 * float64's 0.30000000000000004.  We keep them in long double (64-bit
 * mantissa on x86-64) as a pair of doubles: f, the value rounded to
 * float64 (what the compiler reads), and the rest in the otherwise unused
 * u field (cst_ld).  Eleven extra bits make the classic sums round as Go
 * rounds them; typed constants are rounded to their type
 * (type_representable), as Go rounds them. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/check_int.h"
#include "engine/check_const.h"

/* ---- literals ---------------------------------------------------------- */

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

bool cst_parse_int(const char *s, size_t n, ConstVal *out) {
  int base = 10;
  size_t i = 0;
  if (n > 1 && s[0] == '0') {
    char b = s[1];
    if (b == 'x' || b == 'X') base = 16, i = 2;
    else if (b == 'b' || b == 'B') base = 2, i = 2;
    else if (b == 'o' || b == 'O') base = 8, i = 2;
    else base = 8, i = 1;
  }
  CstInt v = 0;
  for (; i < n; i++) {
    if (s[i] == '_') continue;
    int d = hexval((unsigned char)s[i]);
    if (d < 0 || d >= base) return false;
    v = v * base + d;
    if (v > (CstInt)UINT64_MAX) return false;
  }
  return cst_from_int(v, out);
}

bool cst_from_int(CstInt v, ConstVal *out) {
  memset(out, 0, sizeof *out);
  out->kind = CV_INT;
  if (v >= INT64_MIN && v <= INT64_MAX) {
    out->i = (int64_t)v;
    return true;
  }
  if (v > 0 && v <= (CstInt)UINT64_MAX) {
    out->is_big_u = true;
    out->u = (uint64_t)v;
    return true;
  }
  /* Wider than 64 bits (1 << 100): kept approximately in f, marked by
   * is_big_u with u == 0 (see CST_HUGE); exact for powers of two, which
   * is what such constants are in practice. */
  out->is_big_u = true;
  out->u = 0;
  out->f = (double)v;
  return true;
}

CstInt cst_int(const ConstVal *v) {
  if (CST_HUGE(v)) return (CstInt)v->f;
  return v->is_big_u ? (CstInt)v->u : (CstInt)v->i;
}

double cst_float(const ConstVal *v) {
  if (v->kind == CV_FLOAT || CST_HUGE(v)) return v->f;
  return v->is_big_u ? (double)v->u : (double)v->i;
}

long double cst_ld(const ConstVal *v) {
  if (v->kind != CV_FLOAT) {
    if (CST_HUGE(v)) return v->f;
    return v->is_big_u ? (long double)v->u : (long double)v->i;
  }
  double lo;
  memcpy(&lo, &v->u, sizeof lo);
  return ldexpl((long double)v->f + lo, (int)v->i);
}

/* Beyond float64's range (1e400, 1e-400) f holds the mantissa and i the
 * binary exponent; such a constant never reaches the compiler, because it
 * is not representable as any typed float (types.c rounds it away). */
void cst_set_ld(ConstVal *v, long double x) {
  memset(v, 0, sizeof *v);
  v->kind = CV_FLOAT;
  long double ax = fabsl(x);
  if (isfinite(x) && (ax > DBL_MAX || (ax != 0 && ax < DBL_MIN))) {
    int e;
    x = frexpl(x, &e);
    v->i = e;
  }
  v->f = (double)x;
  double lo = isfinite(v->f) ? (double)(x - v->f) : 0;
  memcpy(&v->u, &lo, sizeof lo);
}

static void put_utf8(Buf *b, uint32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  if (r < 0x80) {
    buf_putc(b, (char)r);
  } else if (r < 0x800) {
    buf_putc(b, (char)(0xC0 | (r >> 6)));
    buf_putc(b, (char)(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    buf_putc(b, (char)(0xE0 | (r >> 12)));
    buf_putc(b, (char)(0x80 | ((r >> 6) & 0x3F)));
    buf_putc(b, (char)(0x80 | (r & 0x3F)));
  } else {
    buf_putc(b, (char)(0xF0 | (r >> 18)));
    buf_putc(b, (char)(0x80 | ((r >> 12) & 0x3F)));
    buf_putc(b, (char)(0x80 | ((r >> 6) & 0x3F)));
    buf_putc(b, (char)(0x80 | (r & 0x3F)));
  }
}

void cst_utf8(Buf *b, uint32_t r) { put_utf8(b, r); }

/* Decodes one escape after the backslash at s[*i]; returns the value and
 * whether it is a byte (\x, octal) rather than a code point. */
static uint32_t escape(const char *s, size_t n, size_t *i, bool *is_byte) {
  char e = s[(*i)++];
  int digits = 0, base = 16;
  *is_byte = false;
  switch (e) {
  case 'a': return 7;
  case 'b': return 8;
  case 'f': return 12;
  case 'n': return 10;
  case 'r': return 13;
  case 't': return 9;
  case 'v': return 11;
  case 'x': digits = 2; *is_byte = true; break;
  case 'u': digits = 4; break;
  case 'U': digits = 8; break;
  default:
    if (e >= '0' && e <= '7') {
      (*i)--;
      digits = 3;
      base = 8;
      *is_byte = true;
      break;
    }
    return (unsigned char)e; /* \\ \' \" */
  }
  uint32_t v = 0;
  for (int k = 0; k < digits && *i < n; k++) {
    int d = hexval((unsigned char)s[(*i)++]);
    v = v * (uint32_t)base + (uint32_t)(d < 0 ? 0 : d);
  }
  return v;
}

static uint32_t decode_rune(const unsigned char *s, size_t n, size_t *len) {
  if (n == 0) return *len = 0, 0xFFFD;
  if (s[0] < 0x80) return *len = 1, s[0];
  int k = s[0] >= 0xF0 ? 3 : s[0] >= 0xE0 ? 2 : 1;
  if ((size_t)k >= n) return *len = 1, 0xFFFD;
  uint32_t r = s[0] & (0x3F >> k);
  for (int j = 1; j <= k; j++) r = (r << 6) | (s[j] & 0x3F);
  *len = (size_t)k + 1;
  return r;
}

void cst_string(Arena *a, const char *lit, size_t n, ConstVal *out) {
  Buf b = BUF_INIT;
  buf_puts(&b, "");
  if (n >= 2 && lit[0] == '`') {
    for (size_t i = 1; i + 1 < n; i++)
      if (lit[i] != '\r') buf_putc(&b, lit[i]);
  } else {
    for (size_t i = 1; i + 1 < n;) {
      if (lit[i] != '\\') {
        buf_putc(&b, lit[i++]);
        continue;
      }
      i++;
      bool is_byte;
      uint32_t v = escape(lit, n - 1, &i, &is_byte);
      if (is_byte) buf_putc(&b, (char)v);
      else put_utf8(&b, v);
    }
  }
  memset(out, 0, sizeof *out);
  out->kind = CV_STRING;
  out->slen = b.len;
  out->s = arena_alloc(a, b.len + 1);
  memcpy((char *)out->s, b.data, b.len);
  buf_fini(&b);
}

void cst_char(const char *lit, size_t n, ConstVal *out) {
  memset(out, 0, sizeof *out);
  out->kind = CV_INT;
  if (n < 3) return;
  size_t i = 1;
  if (lit[1] == '\\') {
    i = 2;
    bool is_byte;
    out->i = escape(lit, n - 1, &i, &is_byte);
    return;
  }
  size_t len;
  out->i = decode_rune((const unsigned char *)lit + 1, n - 2, &len);
}

bool cst_float_lit(const char *lit, size_t n, ConstVal *out) {
  char *tmp = xmalloc(n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (lit[i] != '_') tmp[k++] = lit[i];
  tmp[k] = 0;
  long double x = strtold(tmp, NULL);
  free(tmp);
  cst_set_ld(out, x);
  return isfinite(x);
}

/* ---- arithmetic -------------------------------------------------------- */

static bool fold_int(TokKind op, CstInt x, CstInt y, CstInt *r) {
  const CstInt lim = (CstInt)1 << 125;
  switch (op) {
  case T_ADD: *r = x + y; break;
  case T_SUB: *r = x - y; break;
  case T_MUL:
    if ((x > lim || x < -lim) && y != 0 && y != 1 && y != -1) return false;
    if ((y > lim || y < -lim) && x != 0 && x != 1 && x != -1) return false;
    *r = x * y;
    break;
  case T_QUO: *r = x / y; break;
  case T_REM: *r = x % y; break;
  case T_AND: *r = x & y; break;
  case T_OR: *r = x | y; break;
  case T_XOR: *r = x ^ y; break;
  case T_AND_NOT: *r = x & ~y; break;
  default: return false;
  }
  return *r < lim && *r > -lim;
}

static bool fold_float(TokKind op, long double x, long double y,
                       long double *r) {
  switch (op) {
  case T_ADD: *r = x + y; break;
  case T_SUB: *r = x - y; break;
  case T_MUL: *r = x * y; break;
  case T_QUO: *r = x / y; break;
  default: return false;
  }
  return isfinite(*r);
}

static bool fold_string(Arena *a, TokKind op, const ConstVal *x,
                        const ConstVal *y, ConstVal *r) {
  if (op != T_ADD) return false;
  char *s = arena_alloc(a, x->slen + y->slen + 1);
  if (x->slen) memcpy(s, x->s, x->slen);
  if (y->slen) memcpy(s + x->slen, y->s, y->slen);
  memset(r, 0, sizeof *r);
  r->kind = CV_STRING;
  r->s = s;
  r->slen = x->slen + y->slen;
  return true;
}

CstStatus cst_binary(Arena *a, TokKind op, const ConstVal *x,
                     const ConstVal *y, bool as_float, ConstVal *r) {
  if (x->kind == CV_STRING && y->kind == CV_STRING)
    return fold_string(a, op, x, y, r) ? CST_OK : CST_BADOP;
  if (x->kind == CV_BOOL && y->kind == CV_BOOL) {
    memset(r, 0, sizeof *r);
    r->kind = CV_BOOL;
    if (op == T_LAND) r->b = x->b && y->b;
    else if (op == T_LOR) r->b = x->b || y->b;
    else return CST_BADOP;
    return CST_OK;
  }
  if (as_float || x->kind == CV_FLOAT || y->kind == CV_FLOAT) {
    long double d = cst_ld(y), v = 0;
    if (op == T_QUO && d == 0) return CST_DIVZERO;
    bool ok = fold_float(op, cst_ld(x), d, &v);
    cst_set_ld(r, v);
    return ok ? CST_OK : CST_OVERFLOW;
  }
  CstInt yi = cst_int(y), v;
  if ((op == T_QUO || op == T_REM) && yi == 0) return CST_DIVZERO;
  if (!fold_int(op, cst_int(x), yi, &v)) return CST_OVERFLOW;
  return cst_from_int(v, r) ? CST_OK : CST_OVERFLOW;
}

CstStatus cst_shift(TokKind op, const ConstVal *x, uint64_t s, ConstVal *r) {
  CstInt v = cst_int(x);
  if (op == T_SHR) {
    v = s >= 127 ? (v < 0 ? -1 : 0) : v >> s;
    return cst_from_int(v, r) ? CST_OK : CST_OVERFLOW;
  }
  if (v == 0) return cst_from_int(0, r) ? CST_OK : CST_OVERFLOW;
  if (s >= 126) return CST_OVERFLOW;
  CstInt lim = (CstInt)1 << 125;
  for (uint64_t k = 0; k < s; k++) {
    v *= 2;
    if (v > lim || v < -lim) return CST_OVERFLOW;
  }
  return cst_from_int(v, r) ? CST_OK : CST_OVERFLOW;
}

bool cst_compare(TokKind op, const ConstVal *x, const ConstVal *y) {
  int c;
  if (x->kind == CV_STRING) {
    size_t n = x->slen < y->slen ? x->slen : y->slen;
    c = n ? memcmp(x->s, y->s, n) : 0;
    if (c == 0) c = x->slen < y->slen ? -1 : x->slen > y->slen;
  } else if (x->kind == CV_BOOL) {
    c = x->b != y->b;
  } else if (x->kind == CV_FLOAT || y->kind == CV_FLOAT) {
    long double a = cst_ld(x), b = cst_ld(y);
    c = a < b ? -1 : a > b;
  } else {
    CstInt a = cst_int(x), b = cst_int(y);
    c = a < b ? -1 : a > b;
  }
  switch (op) {
  case T_EQL: return c == 0;
  case T_NEQ: return c != 0;
  case T_LSS: return c < 0;
  case T_LEQ: return c <= 0;
  case T_GTR: return c > 0;
  default: return c >= 0;
  }
}

/* Go's %v-like spelling of a constant in messages: 300, 1.5, "a", true. */
void cst_write(const ConstVal *v, Buf *out) {
  switch (v->kind) {
  case CV_BOOL: buf_puts(out, v->b ? "true" : "false"); break;
  case CV_INT:
    if (CST_HUGE(v)) buf_printf(out, "%.0f", v->f);
    else if (v->is_big_u) buf_printf(out, "%llu", (unsigned long long)v->u);
    else buf_printf(out, "%lld", (long long)v->i);
    break;
  case CV_FLOAT: {
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.6Lg", cst_ld(v));
    buf_puts(out, tmp);
    break;
  }
  case CV_STRING:
    buf_putc(out, '"');
    for (size_t i = 0; i < v->slen; i++) {
      unsigned char ch = (unsigned char)v->s[i];
      if (ch == '"' || ch == '\\') buf_printf(out, "\\%c", ch);
      else if (ch == '\n') buf_puts(out, "\\n");
      else if (ch == '\t') buf_puts(out, "\\t");
      else if (ch < 0x20 || ch == 0x7f) buf_printf(out, "\\x%02x", ch);
      else buf_putc(out, (char)ch);
    }
    buf_putc(out, '"');
    break;
  case CV_NIL: buf_puts(out, "nil"); break;
  default: break;
  }
}
