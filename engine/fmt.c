/* fmt.c - Go's fmt package over the VM's values (fmt.h).
 *
 * Big decision: this file follows the structure of Go's own fmt (print.go
 * on top of format.go) function for function - printArg, handleMethods,
 * printValue, badVerb, fmtInteger, pad - rather than mapping verbs onto C's
 * printf.  Go's output has many small rules (zero padding that moves after
 * the sign, "%!d(string=hi)", methods ignored on unexported fields, "&"
 * only at depth 0) and each of them lives in the same place as in Go, so a
 * difference from real Go can be found by reading the two side by side.
 * Values are walked through their static Type (types.h); the dynamic type
 * of an interface slot is Value.t.
 *
 * Addresses: Go prints heap addresses (0xc000012080).  Ours must not
 * depend on malloc or ASLR, or runs would not be reproducible, so an
 * address is 0xc000010000 plus the bytes allocated on the VM heap before
 * the object (plus the offset inside it): deterministic for a given
 * (program, seed, schedule), distinct for distinct objects, and ordered
 * by allocation as Go's bump allocator roughly is.  Functions print as
 * 0x47e000 + 32 * their index in the Program.  See fake_addr(). */
#include "engine/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/lex.h"
#include "engine/map.h"
#include "engine/program.h"
#include "engine/types.h"
#include "engine/vm.h"

/* The flags of one verb (Go: fmt.fmtFlags plus wid/prec). */
typedef struct Flags {
  bool wid_present, prec_present;
  bool minus, plus, sharp, space, zero;
  bool plus_v, sharp_v; /* %+v and %#v */
  int wid, prec;
} Flags;

/* What badVerb prints after "%!v(": an interface argument (Go's p.arg)
 * or a typed value met while walking (p.value). */
typedef enum CurKind { CUR_NONE, CUR_ARG, CUR_VALUE } CurKind;

typedef struct Printer {
  VM *vm;
  Goroutine *g;
  Buf *out;
  Flags f;
  bool erroring;  /* inside badVerb: no methods (avoids recursion) */
  bool panicking; /* inside catchPanic */
  bool wrap_errs; /* Errorf: %w accepted */
  int wrapped;    /* Errorf: index of the %w operand, -1 if none */
  int argnum;     /* index of the operand being printed */
  CurKind cur;
  Type *cur_t;
  Value cur_v;
} Printer;

#define NIL_ANGLE "<nil>"
#define FAKE_HEAP_BASE UINT64_C(0xc000010000)
#define FAKE_TEXT_BASE UINT64_C(0x47e000)

static void print_arg(Printer *p, Value arg, int verb);
static void print_value(Printer *p, Type *t, Value v, int verb, int depth,
                        bool ro);

/* ------------------------------------------------------------------ */
/* UTF-8 (Go's unicode/utf8 rules: invalid bytes decode as U+FFFD, width 1) */

#define RUNE_ERROR 0xFFFD
#define MAX_RUNE 0x10FFFF

static int utf8_decode(const unsigned char *s, size_t n, int32_t *r) {
  unsigned c = s[0];
  int len = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3
          : c < 0xF5 ? 4 : 0;
  if (len == 1) { *r = (int32_t)c; return 1; }
  if (len == 0 || (size_t)len > n) { *r = RUNE_ERROR; return 1; }
  int32_t v = (int32_t)(c & (0x7F >> len));
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) { *r = RUNE_ERROR; return 1; }
    v = (v << 6) | (s[i] & 0x3F);
  }
  /* Overlong forms, surrogates and > U+10FFFF are invalid. */
  if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
      (v >= 0xD800 && v <= 0xDFFF) || v > MAX_RUNE) {
    *r = RUNE_ERROR;
    return 1;
  }
  *r = v;
  return len;
}

/* One UTF-8 encoder for the engine: the lexer's (invalid code points and
 * surrogates become U+FFFD, as Go's utf8.EncodeRune does). */
static int utf8_encode(int32_t r, char *b) { return lex_utf8_encode(r, b); }

int fmt_utf8_decode(const char *s, size_t n, int32_t *r) {
  return utf8_decode((const unsigned char *)s, n, r);
}

int fmt_utf8_encode(int32_t r, char *out) { return utf8_encode(r, out); }

static size_t rune_count(const char *s, size_t n) {
  size_t count = 0;
  int32_t r;
  for (size_t i = 0; i < n; count++)
    i += (size_t)utf8_decode((const unsigned char *)s + i, n - i, &r);
  return count;
}

/* ------------------------------------------------------------------ */
/* Quoting (strconv.Quote) */

/* unicode.IsPrint: exact for ASCII and Latin-1; above that every rune is
 * printable except the format/control/private-use/noncharacter ranges
 * below.  Go uses full Unicode tables; unassigned code points are the
 * only difference, and learners' programs do not print those. */
bool fmt_is_print(int32_t r) {
  if (r < 0x20 || r == 0x7F) return false;
  if (r < 0x7F) return true;
  if (r < 0xA0 || r == 0xAD) return false;
  if (r < 0x300) return true;
  if ((r >= 0x200B && r <= 0x200F) || (r >= 0x2028 && r <= 0x202E) ||
      (r >= 0x2060 && r <= 0x206F) || (r >= 0xD800 && r <= 0xF8FF) ||
      r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) || r >= 0xFFFE)
    return r >= 0x10000 && r < 0xE0000 && (r & 0xFFFE) != 0xFFFE;
  return r <= MAX_RUNE;
}

static void quote_rune_escaped(int32_t r, char quote, bool ascii, Buf *out) {
  static const char hex[] = "0123456789abcdef";
  char tmp[8];
  if (r == quote || r == '\\') {
    buf_putc(out, '\\');
    buf_putc(out, (char)r);
    return;
  }
  if (ascii ? (r < 0x80 && fmt_is_print(r)) : fmt_is_print(r)) {
    buf_append(out, tmp, (size_t)utf8_encode(r, tmp));
    return;
  }
  switch (r) {
  case '\a': buf_puts(out, "\\a"); return;
  case '\b': buf_puts(out, "\\b"); return;
  case '\f': buf_puts(out, "\\f"); return;
  case '\n': buf_puts(out, "\\n"); return;
  case '\r': buf_puts(out, "\\r"); return;
  case '\t': buf_puts(out, "\\t"); return;
  case '\v': buf_puts(out, "\\v"); return;
  default: break;
  }
  if (r < ' ' || r == 0x7F) {
    buf_printf(out, "\\x%c%c", hex[(r >> 4) & 0xF], hex[r & 0xF]);
  } else if (r > MAX_RUNE || (r >= 0xD800 && r <= 0xDFFF)) {
    buf_puts(out, "\\ufffd");
  } else if (r < 0x10000) {
    buf_printf(out, "\\u%04x", (unsigned)r);
  } else {
    buf_printf(out, "\\U%08x", (unsigned)r);
  }
}

void fmt_quote(const char *s, size_t n, char quote, bool ascii, Buf *out) {
  static const char hex[] = "0123456789abcdef";
  buf_putc(out, quote);
  for (size_t i = 0; i < n;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s + i, n - i, &r);
    if (w == 1 && r == RUNE_ERROR) { /* an invalid byte, not U+FFFD */
      unsigned char c = (unsigned char)s[i];
      buf_printf(out, "\\x%c%c", hex[c >> 4], hex[c & 0xF]);
    } else {
      quote_rune_escaped(r, quote, ascii, out);
    }
    i += (size_t)w;
  }
  buf_putc(out, quote);
}

static void quote_rune(int32_t r, bool ascii, Buf *out) {
  if (r < 0 || r > MAX_RUNE || (r >= 0xD800 && r <= 0xDFFF)) r = RUNE_ERROR;
  buf_putc(out, '\'');
  quote_rune_escaped(r, '\'', ascii, out);
  buf_putc(out, '\'');
}

/* strconv.CanBackquote */
static bool can_backquote(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    int32_t r;
    int w = utf8_decode((const unsigned char *)s + i, n - i, &r);
    i += (size_t)w;
    if (w > 1) {
      if (r == 0xFEFF) return false;
      continue;
    }
    if (r == RUNE_ERROR) return false;
    if ((r < ' ' && r != '\t') || r == '`' || r == 0x7F) return false;
  }
  return true;
}

/* ------------------------------------------------------------------ */
/* Floats: strconv.FormatFloat */

/* Decimal digits of |f| and the decimal point position dp: the value is
 * 0.d1d2...dn * 10^dp.  prec < 0: the shortest digits that read back as
 * the same float (of `bits` bits); else prec significant digits. */
typedef struct Digits {
  char d[40];
  int nd, dp;
} Digits;

static void digits_from_e(const char *e, Digits *dg) {
  /* e is "d.ddde[+-]x" from %e */
  dg->nd = 0;
  for (const char *c = e; *c && *c != 'e'; c++)
    if (*c != '.') dg->d[dg->nd++] = *c;
  dg->dp = atoi(strchr(e, 'e') + 1) + 1;
  while (dg->nd > 1 && dg->d[dg->nd - 1] == '0') dg->nd--;
  if (dg->nd == 1 && dg->d[0] == '0') dg->nd = 0, dg->dp = 0;
  dg->d[dg->nd] = 0;
}

static void float_digits(double f, int bits, int prec, Digits *dg) {
  char tmp[64];
  f = fabs(f);
  if (prec >= 0) {
    snprintf(tmp, sizeof tmp, "%.*e", prec > 0 ? prec - 1 : 0, f);
    digits_from_e(tmp, dg);
    return;
  }
  /* Shortest: the first precision whose correctly rounded digits read
   * back as f (strtod/strtof round correctly, as Go's parser does). */
  for (int p = 0; p < 17; p++) {
    snprintf(tmp, sizeof tmp, "%.*e", p, f);
    if (bits == 32 ? strtof(tmp, NULL) == (float)f : strtod(tmp, NULL) == f)
      break;
  }
  digits_from_e(tmp, dg);
}

/* %e: d.ddddde±dd */
static void fmt_e(const Digits *dg, int prec, char e, Buf *out) {
  buf_putc(out, dg->nd ? dg->d[0] : '0');
  if (prec > 0) {
    buf_putc(out, '.');
    for (int i = 1; i <= prec; i++) buf_putc(out, i < dg->nd ? dg->d[i] : '0');
  }
  int exp = dg->nd ? dg->dp - 1 : 0;
  buf_printf(out, "%c%c%02d", e, exp < 0 ? '-' : '+', abs(exp));
}

/* %f: ddd.ddd */
static void fmt_f(const Digits *dg, int prec, Buf *out) {
  if (dg->dp > 0) {
    for (int i = 0; i < dg->dp; i++) buf_putc(out, i < dg->nd ? dg->d[i] : '0');
  } else {
    buf_putc(out, '0');
  }
  if (prec > 0) {
    buf_putc(out, '.');
    for (int i = 0; i < prec; i++) {
      int j = dg->dp + i;
      buf_putc(out, j >= 0 && j < dg->nd ? dg->d[j] : '0');
    }
  }
}

/* %g, after strconv's ftoa: %e when the exponent is < -4 or >= the
 * precision (6 for shortest), trailing zeros never printed. */
static void fmt_g(const Digits *dg, int prec, bool shortest, char e, Buf *out) {
  int eprec = prec;
  if (eprec > dg->nd && dg->nd >= dg->dp) eprec = dg->nd;
  if (shortest) eprec = 6;
  int exp = dg->dp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > dg->nd) prec = dg->nd;
    fmt_e(dg, prec - 1, e, out);
    return;
  }
  if (prec > dg->dp) prec = dg->nd;
  fmt_f(dg, prec - dg->dp > 0 ? prec - dg->dp : 0, out);
}

/* %x/%X of a float: C's %a is the same hexadecimal mantissa (exact, or
 * rounded to prec digits); Go writes the exponent with at least two
 * digits ("0x1.cp+01"). */
static void fmt_hexfloat(double f, char verb, int prec, Buf *out) {
  char tmp[64];
  if (prec < 0)
    snprintf(tmp, sizeof tmp, verb == 'X' ? "%A" : "%a", fabs(f));
  else
    snprintf(tmp, sizeof tmp, verb == 'X' ? "%.*A" : "%.*a", prec, fabs(f));
  char *e = strpbrk(tmp, "pP");
  if (!e || !e[1]) { buf_puts(out, tmp); return; }
  buf_append(out, tmp, (size_t)(e + 2 - tmp)); /* up to the sign */
  if (strlen(e + 2) < 2) buf_putc(out, '0');
  buf_puts(out, e + 2);
}

void fmt_float(double f, int bits, char verb, int prec, Buf *out) {
  if (isnan(f)) { buf_puts(out, "NaN"); return; }
  if (isinf(f)) { buf_puts(out, f > 0 ? "+Inf" : "-Inf"); return; }
  if (bits == 32) f = (float)f;
  if (signbit(f)) buf_putc(out, '-');
  bool shortest = prec < 0;
  Digits dg;
  switch (verb) {
  case 'x': case 'X':
    fmt_hexfloat(f, verb, prec, out);
    return;
  case 'e': case 'E':
    float_digits(f, bits, shortest ? -1 : prec + 1, &dg);
    fmt_e(&dg, shortest ? (dg.nd > 0 ? dg.nd - 1 : 0) : prec, verb, out);
    return;
  case 'f': case 'F':
    if (shortest) {
      float_digits(f, bits, -1, &dg);
      fmt_f(&dg, dg.nd - dg.dp > 0 ? dg.nd - dg.dp : 0, out);
    } else {
      buf_printf(out, "%.*f", prec, fabs(f)); /* C rounds exactly too */
    }
    return;
  default: /* 'g', 'G' */
    if (prec == 0) prec = 1;
    float_digits(f, bits, prec, &dg);
    if (shortest) prec = dg.nd;
    fmt_g(&dg, prec, shortest, verb == 'G' ? 'E' : 'e', out);
    return;
  }
}

/* ------------------------------------------------------------------ */
/* Fake addresses (see the top of the file) */

static size_t obj_span(const Obj *o) {
  size_t n;
  switch (o->kind) {
  case OBJ_STRING: n = sizeof(StrObj) + (size_t)((const StrObj *)o)->len + 1;
    break;
  case OBJ_AGG:
    n = sizeof(AggObj) + (size_t)((const AggObj *)o)->n * sizeof(Value);
    break;
  case OBJ_SLICE: n = sizeof(SliceObj); break;
  case OBJ_BOX: n = sizeof(BoxObj); break;
  case OBJ_CLOSURE:
    n = sizeof(Closure) + (size_t)((const Closure *)o)->nup * sizeof(Value *);
    break;
  default: n = 64; break; /* maps, channels: opaque here */
  }
  return (n + 15) & ~(size_t)15;
}

/* Does object o contain address p?  Opaque objects only match exactly. */
static bool obj_contains(const Obj *o, const char *p) {
  const char *b = (const char *)o;
  if (o->kind > OBJ_BOX) return p == b;
  return p >= b && p < b + obj_span(o);
}

static uint64_t fake_addr(VM *vm, const void *ptr) {
  if (!ptr) return 0;
  const Obj *o = vm_heap(vm)->objects;
  while (o && !obj_contains(o, ptr)) o = o->next;
  if (!o) return FAKE_HEAP_BASE - 0x8000; /* not on the heap (a global?) */
  uint64_t addr = FAKE_HEAP_BASE + (uint64_t)((const char *)ptr -
                                              (const char *)o);
  for (const Obj *old = o->next; old; old = old->next) addr += obj_span(old);
  return addr;
}

static uint64_t func_addr(VM *vm, const Closure *c) {
  if (!c) return 0;
  Program *prog = vm_program(vm);
  for (int i = 0; i < prog->nfuncs; i++)
    if (prog->funcs[i] == c->fn) return FAKE_TEXT_BASE + 32 * (uint64_t)i;
  return FAKE_TEXT_BASE - 32;
}

/* The address a pointer-like value prints as; 0 for nil. */
static uint64_t value_addr(VM *vm, Type *t, Value v) {
  switch (type_under(t)->kind) {
  case TY_POINTER: return fake_addr(vm, v.as.ref);
  case TY_FUNC: return func_addr(vm, v.as.p);
  case TY_SLICE: {
    SliceObj *s = v.as.p;
    if (!s) return 0;
    if (!s->arr) return fake_addr(vm, s);
    return fake_addr(vm, &s->arr->v[s->off]);
  }
  default: return fake_addr(vm, v.as.p);
  }
}

/* ------------------------------------------------------------------ */
/* format.go: padding and the basic formatters */

static void write_padding(Printer *p, int n) {
  char c = p->f.zero ? '0' : ' ';
  for (int i = 0; i < n; i++) buf_putc(p->out, c);
}

/* Appends s padded to the width, counted in runes. */
static void pad(Printer *p, const char *s, size_t n) {
  if (!p->f.wid_present || p->f.wid == 0) {
    buf_append(p->out, s, n);
    return;
  }
  int width = p->f.wid - (int)rune_count(s, n);
  if (!p->f.minus) write_padding(p, width);
  buf_append(p->out, s, n);
  if (p->f.minus) write_padding(p, width);
}

static void pad_str(Printer *p, const char *s) { pad(p, s, strlen(s)); }

/* pad() with the zero flag off (Go saves and restores f.zero). */
static void pad_nozero(Printer *p, const char *s, size_t n) {
  bool zero = p->f.zero;
  p->f.zero = false;
  pad(p, s, n);
  p->f.zero = zero;
}

static void fmt_integer(Printer *p, uint64_t u, int base, bool is_signed,
                        int verb, bool upper) {
  const char *digits = upper ? "0123456789ABCDEFX" : "0123456789abcdefx";
  bool negative = is_signed && (int64_t)u < 0;
  if (negative) u = -u;
  int prec = 0;
  if (p->f.prec_present) {
    prec = p->f.prec;
    if (prec == 0 && u == 0) { /* "%.0d" of 0 prints nothing but padding */
      bool zero = p->f.zero;
      p->f.zero = false;
      write_padding(p, p->f.wid);
      p->f.zero = zero;
      return;
    }
  } else if (p->f.zero && p->f.wid_present) {
    prec = p->f.wid;
    if (negative || p->f.plus || p->f.space) prec--; /* room for the sign */
  }
  size_t cap = 80 + (size_t)(prec > 0 ? prec : 0);
  char *buf = xmalloc(cap), *e = buf + cap, *i = e;
  do {
    *--i = digits[u % (uint64_t)base];
    u /= (uint64_t)base;
  } while (u);
  while (e - i < prec) *--i = '0';
  if (p->f.sharp) {
    if (base == 2) { *--i = 'b'; *--i = '0'; }
    if (base == 8 && *i != '0') *--i = '0';
    if (base == 16) { *--i = digits[16]; *--i = '0'; }
  }
  if (verb == 'O') { *--i = 'o'; *--i = '0'; }
  if (negative) *--i = '-';
  else if (p->f.plus) *--i = '+';
  else if (p->f.space) *--i = ' ';
  pad_nozero(p, i, (size_t)(e - i)); /* zeros were handled as precision */
  free(buf);
}

/* Hexadecimal with or without 0x, as Go's fmt0x64. */
static void fmt_0x64(Printer *p, uint64_t v, bool leading0x) {
  bool sharp = p->f.sharp;
  p->f.sharp = leading0x;
  fmt_integer(p, v, 16, false, 'v', false);
  p->f.sharp = sharp;
}

static void fmt_c(Printer *p, uint64_t u) {
  char tmp[4];
  int32_t r = u > MAX_RUNE ? RUNE_ERROR : (int32_t)u;
  pad(p, tmp, (size_t)utf8_encode(r, tmp));
}

static void fmt_qc(Printer *p, uint64_t u) {
  int32_t r = u > MAX_RUNE ? RUNE_ERROR : (int32_t)u;
  Buf b = BUF_INIT;
  if (p->f.sharp && fmt_is_print(r)) {
    char tmp[4];
    buf_putc(&b, '\'');
    buf_append(&b, tmp, (size_t)utf8_encode(r, tmp));
    buf_putc(&b, '\'');
  } else {
    quote_rune(r, p->f.plus, &b);
  }
  pad(p, b.data, b.len);
  buf_fini(&b);
}

static void fmt_unicode(Printer *p, uint64_t u) {
  Buf b = BUF_INIT;
  int prec = p->f.prec_present && p->f.prec > 4 ? p->f.prec : 4;
  buf_printf(&b, "U+%0*llX", prec, (unsigned long long)u);
  if (p->f.sharp && u <= MAX_RUNE && fmt_is_print((int32_t)u)) {
    char tmp[4];
    buf_puts(&b, " '");
    buf_append(&b, tmp, (size_t)utf8_encode((int32_t)u, tmp));
    buf_putc(&b, '\'');
  }
  pad_nozero(p, b.data, b.len);
  buf_fini(&b);
}

/* Truncates s to the precision, counted in runes. */
static size_t truncate_prec(Printer *p, const char *s, size_t n) {
  if (!p->f.prec_present) return n;
  size_t i = 0;
  int32_t r;
  for (int k = 0; k < p->f.prec && i < n; k++)
    i += (size_t)utf8_decode((const unsigned char *)s + i, n - i, &r);
  return i;
}

static void fmt_s(Printer *p, const char *s, size_t n) {
  pad(p, s, truncate_prec(p, s, n));
}

/* %x / %X of a string or byte slice. */
static void fmt_sbx(Printer *p, const char *s, size_t n, bool upper) {
  const char *digits = upper ? "0123456789ABCDEFX" : "0123456789abcdefx";
  size_t len = n;
  if (p->f.prec_present && (size_t)p->f.prec < len) len = (size_t)p->f.prec;
  int width = 2 * (int)len;
  if (width == 0) {
    if (p->f.wid_present) write_padding(p, p->f.wid);
    return;
  }
  if (p->f.space) {
    if (p->f.sharp) width *= 2;
    width += (int)len - 1;
  } else if (p->f.sharp) {
    width += 2;
  }
  bool padded = p->f.wid_present && p->f.wid > width;
  if (padded && !p->f.minus) write_padding(p, p->f.wid - width);
  Buf *o = p->out;
  if (p->f.sharp) { buf_putc(o, '0'); buf_putc(o, digits[16]); }
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (p->f.space && i > 0) {
      buf_putc(o, ' ');
      if (p->f.sharp) { buf_putc(o, '0'); buf_putc(o, digits[16]); }
    }
    buf_putc(o, digits[c >> 4]);
    buf_putc(o, digits[c & 0xF]);
  }
  if (padded && p->f.minus) write_padding(p, p->f.wid - width);
}

static void fmt_q(Printer *p, const char *s, size_t n) {
  n = truncate_prec(p, s, n);
  Buf b = BUF_INIT;
  if (p->f.sharp && can_backquote(s, n)) {
    buf_putc(&b, '`');
    buf_append(&b, s, n);
    buf_putc(&b, '`');
  } else {
    fmt_quote(s, n, '"', p->f.plus, &b);
  }
  pad(p, b.data ? b.data : "", b.len);
  buf_fini(&b);
}

/* %#g and friends: keep the decimal point and trailing zeros. */
static void sharp_float(Buf *num, int verb, int prec) {
  int digits = (verb == 'v' || verb == 'g' || verb == 'G')
                   ? (prec == -1 ? 6 : prec) : 0;
  char tail[16] = "";
  bool has_point = false, nonzero = false;
  for (size_t i = 1; i < num->len; i++) {
    char c = num->data[i];
    if (c == '.') { has_point = true; continue; }
    if (c == 'e' || c == 'E') {
      snprintf(tail, sizeof tail, "%s", num->data + i);
      num->len = i;
      break;
    }
    if (c != '0') nonzero = true;
    if (nonzero) digits--;
  }
  if (!has_point) {
    if (num->len == 2 && num->data[1] == '0') digits--;
    buf_putc(num, '.');
  }
  for (; digits > 0; digits--) buf_putc(num, '0');
  buf_puts(num, tail);
}

static void fmt_float_verb(Printer *p, double v, int size, int verb,
                           int prec) {
  if (p->f.prec_present) prec = p->f.prec;
  Buf num = BUF_INIT;
  buf_putc(&num, '+'); /* room for a sign, as Go's intbuf[:1] */
  fmt_float(v, size, verb == 'F' ? 'f' : (char)verb, prec, &num);
  char *s = num.data;
  size_t n = num.len;
  if (s[1] == '-' || s[1] == '+') s++, n--;
  if (p->f.space && s[0] == '+' && !p->f.plus) s[0] = ' ';
  if (s[1] == 'I' || s[1] == 'N') { /* no zero padding for Inf/NaN */
    if (s[1] == 'N' && !p->f.space && !p->f.plus) s++, n--;
    pad_nozero(p, s, n);
  } else {
    if (p->f.sharp) {
      Buf t = BUF_INIT;
      buf_append(&t, s, n);
      sharp_float(&t, verb, prec);
      buf_fini(&num);
      num = t;
      s = num.data, n = num.len;
    }
    if (p->f.plus || s[0] != '+') {
      if (p->f.zero && p->f.wid_present && p->f.wid > (int)n) {
        buf_putc(p->out, s[0]); /* the sign goes before the zeros */
        write_padding(p, p->f.wid - (int)n);
        buf_append(p->out, s + 1, n - 1);
      } else {
        pad(p, s, n);
      }
    } else {
      pad(p, s + 1, n - 1);
    }
  }
  buf_fini(&num);
}

/* ------------------------------------------------------------------ */
/* print.go: one operand */

static bool kind_signed(TypeKind k) { return k >= TY_INT && k <= TY_INT64; }
static bool kind_unsigned(TypeKind k) {
  return k >= TY_UINT && k <= TY_UINTPTR;
}

static void put_type(Printer *p, Type *t) { type_write(t, NULL, p->out); }

static void bad_verb(Printer *p, int verb) {
  p->erroring = true;
  char tmp[4];
  buf_puts(p->out, "%!");
  buf_append(p->out, tmp, (size_t)utf8_encode(verb, tmp));
  buf_putc(p->out, '(');
  CurKind cur = p->cur;
  Type *t = p->cur_t;
  Value v = p->cur_v;
  if (cur == CUR_ARG && v.t) {
    put_type(p, v.t);
    buf_putc(p->out, '=');
    print_arg(p, v, 'v');
  } else if (cur == CUR_VALUE && t) {
    put_type(p, t);
    buf_putc(p->out, '=');
    print_value(p, t, v, 'v', 0, false);
  } else {
    buf_puts(p->out, NIL_ANGLE);
  }
  buf_putc(p->out, ')');
  p->erroring = false;
}

static void p_fmt_bool(Printer *p, bool b, int verb) {
  if (verb == 't' || verb == 'v') pad_str(p, b ? "true" : "false");
  else bad_verb(p, verb);
}

static void p_fmt_integer(Printer *p, uint64_t v, bool is_signed, int verb) {
  switch (verb) {
  case 'v':
    if (p->f.sharp_v && !is_signed) fmt_0x64(p, v, true);
    else fmt_integer(p, v, 10, is_signed, verb, false);
    break;
  case 'd': fmt_integer(p, v, 10, is_signed, verb, false); break;
  case 'b': fmt_integer(p, v, 2, is_signed, verb, false); break;
  case 'o': case 'O': fmt_integer(p, v, 8, is_signed, verb, false); break;
  case 'x': fmt_integer(p, v, 16, is_signed, verb, false); break;
  case 'X': fmt_integer(p, v, 16, is_signed, verb, true); break;
  case 'c': fmt_c(p, v); break;
  case 'q': fmt_qc(p, v); break;
  case 'U': fmt_unicode(p, v); break;
  default: bad_verb(p, verb); break;
  }
}

static void p_fmt_float(Printer *p, double v, int size, int verb) {
  switch (verb) {
  case 'v': fmt_float_verb(p, v, size, 'g', -1); break;
  case 'g': case 'G': fmt_float_verb(p, v, size, verb, -1); break;
  case 'f': case 'e': case 'E': case 'F':
    fmt_float_verb(p, v, size, verb, 6);
    break;
  case 'x': case 'X': fmt_float_verb(p, v, size, verb, -1); break;
  default: bad_verb(p, verb); break; /* %b of floats: not in the subset */
  }
}

static void p_fmt_string(Printer *p, const char *s, size_t n, int verb) {
  switch (verb) {
  case 'v':
    if (p->f.sharp_v) fmt_q(p, s, n);
    else fmt_s(p, s, n);
    break;
  case 's': fmt_s(p, s, n); break;
  case 'x': fmt_sbx(p, s, n, false); break;
  case 'X': fmt_sbx(p, s, n, true); break;
  case 'q': fmt_q(p, s, n); break;
  default: bad_verb(p, verb); break;
  }
}

static void fmt_pointer(Printer *p, Type *t, Value v, int verb) {
  TypeKind k = type_under(t)->kind;
  if (k != TY_CHAN && k != TY_FUNC && k != TY_MAP && k != TY_POINTER &&
      k != TY_SLICE) {
    bad_verb(p, verb);
    return;
  }
  uint64_t u = value_addr(p->vm, t, v);
  switch (verb) {
  case 'v':
    if (p->f.sharp_v) {
      buf_putc(p->out, '(');
      put_type(p, t);
      buf_puts(p->out, ")(");
      if (u == 0) buf_puts(p->out, "nil");
      else fmt_0x64(p, u, true);
      buf_putc(p->out, ')');
    } else if (u == 0) {
      pad_str(p, NIL_ANGLE);
    } else {
      fmt_0x64(p, u, !p->f.sharp);
    }
    break;
  case 'p': fmt_0x64(p, u, !p->f.sharp); break;
  case 'b': case 'o': case 'd': case 'x': case 'X':
    p_fmt_integer(p, u, false, verb);
    break;
  default: bad_verb(p, verb); break;
  }
}

/* ------------------------------------------------------------------ */
/* Error() and String() */

/* The method if t has it as `name() string`. */
static Func *string_method(Type *t, const char *name) {
  Func *m = vm_find_method(t, name);
  if (!m || !m->type) return m;
  Type *sig = m->type;
  if (sig->nparams != 0 || sig->nresults != 1 ||
      sig->results[0]->kind != TY_STRING)
    return NULL;
  return m;
}

/* Go's catchPanic: the method panicked with value pv. */
static void catch_panic(Printer *p, Value arg, int verb, const char *method,
                        Value pv) {
  if (type_under(arg.t)->kind == TY_POINTER && !arg.as.ref) {
    buf_puts(p->out, NIL_ANGLE); /* nil receiver: just say <nil> */
    return;
  }
  Flags old = p->f;
  memset(&p->f, 0, sizeof p->f);
  char tmp[4];
  buf_puts(p->out, "%!");
  buf_append(p->out, tmp, (size_t)utf8_encode(verb, tmp));
  buf_puts(p->out, "(PANIC=");
  buf_puts(p->out, method);
  bool nested = p->panicking;
  p->panicking = true;
  if (nested) buf_puts(p->out, "nested panic"); /* Go re-panics here */
  else print_arg(p, pv, 'v');
  p->panicking = nested;
  buf_putc(p->out, ')');
  p->f = old;
}

/* Errorf's %w: accepted once, for an error operand. */
static bool handle_w(Printer *p, Value arg) {
  if (!p->wrap_errs || p->wrapped >= 0 || !string_method(arg.t, "Error")) {
    p->wrap_errs = false;
    p->wrapped = -1;
    bad_verb(p, 'w');
    return false;
  }
  p->wrapped = p->argnum;
  return true;
}

static bool handle_methods(Printer *p, Value arg, int verb) {
  if (p->erroring || !arg.t) return false;
  if (verb == 'w') {
    if (!handle_w(p, arg)) return true;
    verb = 'v';
  }
  if (p->f.sharp_v) return false; /* GoStringer: not in the subset */
  if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q')
    return false;
  const char *method = "Error method: ";
  Func *m = string_method(arg.t, "Error");
  if (!m) {
    method = "String method: ";
    m = string_method(arg.t, "String");
  }
  if (!m) return false;
  Value res = {0}, pv = {0};
  int rc = vm_call_method0(p->vm, p->g, arg, m, &res, &pv);
  if (rc == 0) {
    p_fmt_string(p, val_str_data(res), (size_t)val_str_len(res), verb);
  } else if (rc == 1) {
    catch_panic(p, arg, verb, method, pv);
  } else {
    Value msg = val_str(p->vm, "blocking operation in method", 28);
    msg.t = types_basic(vm_program(p->vm)->universe, TY_STRING);
    catch_panic(p, arg, verb, method, msg);
  }
  return true;
}

static void print_arg(Printer *p, Value arg, int verb) {
  p->cur = CUR_ARG;
  p->cur_v = arg;
  p->cur_t = NULL;
  if (!arg.t) {
    if (verb == 'T' || verb == 'v') pad_str(p, NIL_ANGLE);
    else bad_verb(p, verb);
    return;
  }
  if (verb == 'T') {
    Buf b = BUF_INIT;
    type_write(arg.t, NULL, &b);
    fmt_s(p, b.data ? b.data : "", b.len);
    buf_fini(&b);
    return;
  }
  if (verb == 'p') {
    fmt_pointer(p, arg.t, arg, 'p');
    return;
  }
  if (handle_methods(p, arg, verb)) return;
  print_value(p, arg.t, arg, verb, 0, false);
}

/* ------------------------------------------------------------------ */
/* Map keys in fmtsort's order */

typedef struct Entry {
  Value k, v;
  uint64_t addr; /* for pointer/chan keys */
} Entry;

static int cmp_i(int64_t a, int64_t b) { return a < b ? -1 : a > b; }
static int cmp_u(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

static int key_compare(VM *vm, Type *t, Value a, Value b);

static int cmp_float(double a, double b) {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a == b) return 0;
  if (isnan(a) && !isnan(b)) return -1;
  if (!isnan(a) && isnan(b)) return 1;
  return 0;
}

static int cmp_string(Value a, Value b) {
  int64_t la = val_str_len(a), lb = val_str_len(b);
  int c = memcmp(val_str_data(a), val_str_data(b),
                 (size_t)(la < lb ? la : lb));
  return c ? (c < 0 ? -1 : 1) : cmp_i(la, lb);
}

/* Interfaces: nil first, then by dynamic type, then by value.  Go orders
 * types by their address in the binary; ours is the type table order. */
static int cmp_iface(VM *vm, Value a, Value b) {
  if (!a.t || !b.t) return b.t ? -1 : a.t ? 1 : 0;
  if (a.t != b.t) return a.t->id != b.t->id ? cmp_i(a.t->id, b.t->id)
                                            : (a.t < b.t ? -1 : 1);
  return key_compare(vm, a.t, a, b);
}

static int key_compare(VM *vm, Type *t, Value a, Value b) {
  Type *u = type_under(t);
  if (kind_signed(u->kind)) return cmp_i(a.as.i, b.as.i);
  if (kind_unsigned(u->kind)) return cmp_u(a.as.u, b.as.u);
  switch (u->kind) {
  case TY_FLOAT32: case TY_FLOAT64: return cmp_float(a.as.f, b.as.f);
  case TY_STRING: return cmp_string(a, b);
  case TY_BOOL: return a.as.i == b.as.i ? 0 : a.as.i ? 1 : -1;
  case TY_POINTER: case TY_CHAN:
    return cmp_u(value_addr(vm, t, a), value_addr(vm, t, b));
  case TY_INTERFACE: return cmp_iface(vm, a, b);
  case TY_STRUCT: case TY_ARRAY: {
    AggObj *x = a.as.p, *y = b.as.p;
    int64_t n = u->kind == TY_STRUCT ? u->nfields : u->len;
    for (int64_t i = 0; x && y && i < n; i++) {
      Type *et = u->kind == TY_STRUCT ? u->fields[i].type : u->elem;
      int c = key_compare(vm, et, x->v[i], y->v[i]);
      if (c) return c;
    }
    return 0;
  }
  default: return 0;
  }
}

/* A stable merge sort (fmtsort uses sort.Stable). */
static void sort_entries(VM *vm, Type *kt, Entry *e, Entry *tmp, size_t n) {
  if (n < 2) return;
  size_t h = n / 2;
  sort_entries(vm, kt, e, tmp, h);
  sort_entries(vm, kt, e + h, tmp, n - h);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n)
    tmp[k++] = key_compare(vm, kt, e[j].k, e[i].k) < 0 ? e[j++] : e[i++];
  while (i < h) tmp[k++] = e[i++];
  while (j < n) tmp[k++] = e[j++];
  memcpy(e, tmp, n * sizeof *e);
}

/* ------------------------------------------------------------------ */
/* print.go: printValue */

static bool exported(const char *name) {
  return name && name[0] >= 'A' && name[0] <= 'Z';
}

/* A value as an interface value of static type t (t itself when t is an
 * interface: v.t is then already the dynamic type). */
static Value as_iface(Type *t, Value v) {
  if (type_under(t)->kind != TY_INTERFACE) v.t = t;
  return v;
}

static void print_map(Printer *p, Type *t, Value v, int verb, int depth,
                      bool ro) {
  Type *u = type_under(t);
  if (p->f.sharp_v) {
    put_type(p, t);
    if (!v.as.p) { buf_puts(p->out, "(nil)"); return; }
    buf_putc(p->out, '{');
  } else {
    buf_puts(p->out, "map[");
  }
  MapObj *m = v.as.p;
  int64_t slots = m ? map_entries(m) : 0;
  size_t got = 0;
  Entry *e = xcalloc((size_t)slots + 1, sizeof *e);
  Entry *tmp = xcalloc((size_t)slots + 1, sizeof *e);
  for (int64_t i = 0; m && i < slots; i++)
    if (map_entry(m, i, &e[got].k, &e[got].v)) got++;
  sort_entries(p->vm, u->key, e, tmp, got);
  for (size_t i = 0; i < got; i++) {
    if (i > 0) buf_puts(p->out, p->f.sharp_v ? ", " : " ");
    print_value(p, u->key, e[i].k, verb, depth + 1, ro);
    buf_putc(p->out, ':');
    print_value(p, u->elem, e[i].v, verb, depth + 1, ro);
  }
  buf_putc(p->out, p->f.sharp_v ? '}' : ']');
  free(e);
  free(tmp);
}

static void print_struct(Printer *p, Type *t, Value v, int verb, int depth,
                         bool ro) {
  Type *u = type_under(t);
  AggObj *a = v.as.p;
  if (p->f.sharp_v) put_type(p, t);
  buf_putc(p->out, '{');
  for (int i = 0; i < u->nfields; i++) {
    Field *f = &u->fields[i];
    if (i > 0) buf_puts(p->out, p->f.sharp_v ? ", " : " ");
    if ((p->f.plus_v || p->f.sharp_v) && f->name) {
      buf_puts(p->out, f->name);
      buf_putc(p->out, ':');
    }
    Value fv = a ? a->v[i] : (Value){{0}, NULL};
    Type *ft = f->type;
    if (type_under(ft)->kind == TY_INTERFACE && fv.t) ft = fv.t; /* getField */
    print_value(p, ft, fv, verb, depth + 1, ro || !exported(f->name));
  }
  buf_putc(p->out, '}');
}

/* %s %q %x %X of a byte array or slice. */
static void print_bytes(Printer *p, Type *t, Value *elems, int64_t n,
                        int verb) {
  char *b = xmalloc((size_t)n + 1);
  for (int64_t i = 0; i < n; i++) b[i] = (char)elems[i].as.u;
  (void)t;
  switch (verb) {
  case 's': fmt_s(p, b, (size_t)n); break;
  case 'x': fmt_sbx(p, b, (size_t)n, false); break;
  case 'X': fmt_sbx(p, b, (size_t)n, true); break;
  default: fmt_q(p, b, (size_t)n); break;
  }
  free(b);
}

static void print_list(Printer *p, Type *t, Value v, int verb, int depth,
                       bool ro) {
  Type *u = type_under(t);
  Value *elems = NULL;
  int64_t n = 0;
  if (u->kind == TY_ARRAY) {
    AggObj *a = v.as.p;
    n = a ? a->n : 0;
    elems = a ? a->v : NULL;
  } else if (v.as.p) {
    SliceObj *s = v.as.p;
    n = s->len;
    elems = n ? &s->arr->v[s->off] : NULL;
  }
  if ((verb == 's' || verb == 'q' || verb == 'x' || verb == 'X') &&
      type_under(u->elem)->kind == TY_UINT8) {
    print_bytes(p, t, elems, n, verb);
    return;
  }
  if (p->f.sharp_v) {
    /* Go's printArg fast path spells an operand of type []byte "[]byte" */
    if (depth == 0 && t->kind == TY_SLICE && t->elem->kind == TY_UINT8)
      buf_puts(p->out, "[]byte");
    else
      put_type(p, t);
    if (u->kind == TY_SLICE && !v.as.p) {
      buf_puts(p->out, "(nil)");
      return;
    }
  }
  buf_putc(p->out, p->f.sharp_v ? '{' : '[');
  for (int64_t i = 0; i < n; i++) {
    if (i > 0) buf_puts(p->out, p->f.sharp_v ? ", " : " ");
    print_value(p, u->elem, elems[i], verb, depth + 1, ro);
  }
  buf_putc(p->out, p->f.sharp_v ? '}' : ']');
}

static void print_iface(Printer *p, Type *t, Value v, int verb, int depth,
                        bool ro) {
  if (!v.t) {
    if (p->f.sharp_v) {
      put_type(p, t);
      buf_puts(p->out, "(nil)");
    } else {
      buf_puts(p->out, NIL_ANGLE);
    }
    return;
  }
  print_value(p, v.t, v, verb, depth + 1, ro);
}

static void print_pointer(Printer *p, Type *t, Value v, int verb, int depth,
                          bool ro) {
  if (depth == 0 && v.as.ref) {
    Type *et = type_under(t)->elem;
    TypeKind k = type_under(et)->kind;
    if (k == TY_ARRAY || k == TY_SLICE || k == TY_STRUCT || k == TY_MAP) {
      buf_putc(p->out, '&');
      print_value(p, et, *v.as.ref, verb, depth + 1, ro);
      return;
    }
  }
  fmt_pointer(p, t, v, verb);
}

static void print_value(Printer *p, Type *t, Value v, int verb, int depth,
                        bool ro) {
  if (depth > 0 && !ro && handle_methods(p, as_iface(t, v), verb)) return;
  p->cur = CUR_VALUE;
  p->cur_t = t;
  p->cur_v = v;
  TypeKind k = type_under(t)->kind;
  if (kind_signed(k)) { p_fmt_integer(p, v.as.u, true, verb); return; }
  if (kind_unsigned(k)) { p_fmt_integer(p, v.as.u, false, verb); return; }
  switch (k) {
  case TY_BOOL: p_fmt_bool(p, v.as.i != 0, verb); break;
  case TY_FLOAT32: p_fmt_float(p, v.as.f, 32, verb); break;
  case TY_FLOAT64: p_fmt_float(p, v.as.f, 64, verb); break;
  case TY_STRING:
    p_fmt_string(p, val_str_data(v), (size_t)val_str_len(v), verb);
    break;
  case TY_MAP: print_map(p, t, v, verb, depth, ro); break;
  case TY_STRUCT: print_struct(p, t, v, verb, depth, ro); break;
  case TY_INTERFACE: print_iface(p, t, v, verb, depth, ro); break;
  case TY_ARRAY: case TY_SLICE: print_list(p, t, v, verb, depth, ro); break;
  case TY_POINTER: print_pointer(p, t, v, verb, depth, ro); break;
  case TY_CHAN: case TY_FUNC: fmt_pointer(p, t, v, verb); break;
  default:
    buf_puts(p->out, "?");
    put_type(p, t);
    buf_puts(p->out, "?");
    break;
  }
}

/* ------------------------------------------------------------------ */
/* Print, Println, Printf */

static void printer_init(Printer *p, VM *vm, Goroutine *g, Buf *out) {
  memset(p, 0, sizeof *p);
  p->vm = vm;
  p->g = g;
  p->out = out;
  p->wrapped = -1;
}

static bool is_string_arg(Value v) {
  return v.t && type_under(v.t)->kind == TY_STRING;
}

void fmt_sprint(VM *vm, Goroutine *g, Value *args, int n, Buf *out) {
  Printer p;
  printer_init(&p, vm, g, out);
  bool prev_string = false;
  for (int i = 0; i < n; i++) {
    bool is_string = is_string_arg(args[i]);
    /* a space only between two operands that are not strings */
    if (i > 0 && !is_string && !prev_string) buf_putc(out, ' ');
    memset(&p.f, 0, sizeof p.f);
    print_arg(&p, args[i], 'v');
    prev_string = is_string;
  }
}

void fmt_sprintln(VM *vm, Goroutine *g, Value *args, int n, Buf *out) {
  Printer p;
  printer_init(&p, vm, g, out);
  for (int i = 0; i < n; i++) {
    if (i > 0) buf_putc(out, ' ');
    memset(&p.f, 0, sizeof p.f);
    print_arg(&p, args[i], 'v');
  }
  buf_putc(out, '\n');
}

void fmt_value(VM *vm, Goroutine *g, Value v, Buf *out) {
  fmt_sprint(vm, g, &v, 1, out);
}

/* Widths and precisions over 1e6 are refused, as Go's tooLarge. */
static bool too_large(int64_t x) { return x > 1000000 || x < -1000000; }

/* Go's parsenum: digits of s[*i..end). */
static bool parse_num(const char *s, size_t *i, size_t end, int *num) {
  bool isnum = false;
  *num = 0;
  for (; *i < end && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
    if (too_large(*num)) { *i = end; *num = 0; return false; }
    *num = *num * 10 + (s[*i] - '0');
    isnum = true;
  }
  return isnum;
}

/* Go's intFromArg: the operand of a '*'. */
static bool int_from_arg(Value *args, int n, int *argnum, int *num) {
  *num = 0;
  if (*argnum >= n) return false;
  Value a = args[(*argnum)++];
  bool ok = false;
  if (a.t) {
    TypeKind k = type_under(a.t)->kind;
    if (kind_signed(k) && !too_large(a.as.i)) *num = (int)a.as.i, ok = true;
    if (kind_unsigned(k) && a.as.u <= 1000000) *num = (int)a.as.u, ok = true;
  }
  return ok;
}

typedef struct Verbs {
  const char *s;
  size_t end, i;
  int argnum, n;
  bool reordered, good_argnum, after_index;
} Verbs;

/* Go's argNumber: an explicit index "[n]". */
static void arg_number(Printer *p, Verbs *st) {
  (void)p;
  st->after_index = false;
  if (st->i >= st->end || st->s[st->i] != '[') return;
  st->reordered = true;
  size_t j = st->i + 1;
  while (j < st->end && st->s[j] != ']') j++;
  if (st->end - st->i < 3 || j >= st->end) { /* no closing bracket */
    st->i++;
    st->good_argnum = false;
    return;
  }
  size_t k = st->i + 1;
  int idx;
  bool ok = parse_num(st->s, &k, j, &idx) && k == j;
  st->i = j + 1;
  if (ok && idx - 1 >= 0 && idx - 1 < st->n) {
    st->argnum = idx - 1;
    st->after_index = true;
    return;
  }
  st->good_argnum = false;
  st->after_index = ok;
}

/* %v takes # and + as its own %#v and %+v. */
static void v_flags(Flags *f) {
  f->sharp_v = f->sharp;
  f->sharp = false;
  f->plus_v = f->plus;
  f->plus = false;
}

/* Flags after '%'.  Returns true when the verb was a simple one and has
 * been printed (Go's fast path). */
static bool parse_flags(Printer *p, Verbs *st, Value *args) {
  for (; st->i < st->end; st->i++) {
    char c = st->s[st->i];
    switch (c) {
    case '#': p->f.sharp = true; break;
    case '0': p->f.zero = !p->f.minus; break; /* zeros only on the left */
    case '+': p->f.plus = true; break;
    case '-': p->f.minus = true; p->f.zero = false; break;
    case ' ': p->f.space = true; break;
    default:
      if (c >= 'a' && c <= 'z' && st->argnum < st->n) {
        if (c == 'v') v_flags(&p->f);
        p->argnum = st->argnum;
        print_arg(p, args[st->argnum++], c);
        st->i++;
        return true;
      }
      return false;
    }
  }
  return false;
}

static void parse_width(Printer *p, Verbs *st, Value *args) {
  if (st->i < st->end && st->s[st->i] == '*') {
    st->i++;
    p->f.wid_present = int_from_arg(args, st->n, &st->argnum, &p->f.wid);
    if (!p->f.wid_present) buf_puts(p->out, "%!(BADWIDTH)");
    if (p->f.wid < 0) {
      p->f.wid = -p->f.wid;
      p->f.minus = true;
      p->f.zero = false;
    }
    st->after_index = false;
    return;
  }
  p->f.wid_present = parse_num(st->s, &st->i, st->end, &p->f.wid);
  if (st->after_index && p->f.wid_present) st->good_argnum = false;
}

static void parse_prec(Printer *p, Verbs *st, Value *args) {
  if (!(st->i + 1 < st->end && st->s[st->i] == '.')) return;
  st->i++;
  if (st->after_index) st->good_argnum = false;
  arg_number(p, st);
  if (st->i < st->end && st->s[st->i] == '*') {
    st->i++;
    p->f.prec_present = int_from_arg(args, st->n, &st->argnum, &p->f.prec);
    if (p->f.prec < 0) {
      p->f.prec = 0;
      p->f.prec_present = false;
    }
    if (!p->f.prec_present) buf_puts(p->out, "%!(BADPREC)");
    st->after_index = false;
    return;
  }
  if (!parse_num(st->s, &st->i, st->end, &p->f.prec)) p->f.prec = 0;
  p->f.prec_present = true;
}

static void verb_error(Printer *p, int32_t verb, const char *what) {
  char tmp[4];
  buf_puts(p->out, "%!");
  buf_append(p->out, tmp, (size_t)utf8_encode(verb, tmp));
  buf_puts(p->out, what);
}

/* One directive after its '%'.  Returns false at a missing verb. */
static bool do_verb(Printer *p, Verbs *st, Value *args) {
  memset(&p->f, 0, sizeof p->f);
  if (parse_flags(p, st, args)) return true;
  arg_number(p, st);
  parse_width(p, st, args);
  parse_prec(p, st, args);
  if (!st->after_index) arg_number(p, st);
  if (st->i >= st->end) {
    buf_puts(p->out, "%!(NOVERB)");
    return false;
  }
  int32_t verb;
  st->i += (size_t)utf8_decode((const unsigned char *)st->s + st->i,
                               st->end - st->i, &verb);
  if (verb == '%') {
    buf_putc(p->out, '%'); /* absorbs no operand, ignores width */
  } else if (!st->good_argnum) {
    verb_error(p, verb, "(BADINDEX)");
  } else if (st->argnum >= st->n) {
    verb_error(p, verb, "(MISSING)");
  } else {
    if (verb == 'v') v_flags(&p->f);
    p->argnum = st->argnum;
    print_arg(p, args[st->argnum++], verb);
  }
  return true;
}

static void extra_args(Printer *p, Value *args, int from, int n) {
  memset(&p->f, 0, sizeof p->f);
  buf_puts(p->out, "%!(EXTRA ");
  for (int i = from; i < n; i++) {
    if (i > from) buf_puts(p->out, ", ");
    if (!args[i].t) {
      buf_puts(p->out, NIL_ANGLE);
      continue;
    }
    put_type(p, args[i].t);
    buf_putc(p->out, '=');
    print_arg(p, args[i], 'v');
  }
  buf_putc(p->out, ')');
}

static void do_printf(Printer *p, const char *format, size_t flen,
                      Value *args, int n) {
  Verbs st = {format, flen, 0, 0, n, false, true, false};
  while (st.i < st.end) {
    st.good_argnum = true;
    size_t last = st.i;
    while (st.i < st.end && format[st.i] != '%') st.i++;
    if (st.i > last) buf_append(p->out, format + last, st.i - last);
    if (st.i >= st.end) break;
    st.i++;
    if (!do_verb(p, &st, args)) break;
  }
  /* Operands left over, unless indexes reordered them. */
  if (!st.reordered && st.argnum < n) extra_args(p, args, st.argnum, n);
}

void fmt_sprintf(VM *vm, Goroutine *g, const char *format, size_t flen,
                 Value *args, int n, Buf *out) {
  Printer p;
  printer_init(&p, vm, g, out);
  do_printf(&p, format, flen, args, n);
}

/* ------------------------------------------------------------------ */
/* The runtime's own printing: panic values and print/println */

/* Go's runtime printfloat: +d.dddddde±ddd with 7 significant digits,
 * computed the way the runtime does it (by repeated scaling, not exactly
 * rounded), so the last digit matches Go's. */
static void runtime_float(double v, Buf *out) {
  if (isnan(v)) { buf_puts(out, "NaN"); return; }
  if (isinf(v)) { buf_puts(out, v > 0 ? "+Inf" : "-Inf"); return; }
  char b[14];
  int e = 0;
  b[0] = '+';
  if (v == 0) {
    if (signbit(v)) b[0] = '-';
  } else {
    if (v < 0) { v = -v; b[0] = '-'; }
    while (v >= 10) { e++; v /= 10; }
    while (v < 1) { e--; v *= 10; }
    double h = 5.0;
    for (int i = 0; i < 7; i++) h /= 10;
    v += h;
    if (v >= 10) { e++; v /= 10; }
  }
  for (int i = 0; i < 7; i++) {
    int s = (int)v;
    b[i + 2] = (char)(s + '0');
    v -= s;
    v *= 10;
  }
  b[1] = b[2];
  b[2] = '.';
  b[9] = 'e';
  b[10] = e < 0 ? '-' : '+';
  if (e < 0) e = -e;
  b[11] = (char)(e / 100 + '0');
  b[12] = (char)(e / 10 % 10 + '0');
  b[13] = (char)(e % 10 + '0');
  buf_append(out, b, sizeof b);
}

/* A basic value as the runtime's print() shows it; false if t is not a
 * bool, number or string. */
static bool runtime_basic(Type *t, Value v, Buf *out) {
  TypeKind k = type_under(t)->kind;
  if (kind_signed(k)) buf_printf(out, "%lld", (long long)v.as.i);
  else if (kind_unsigned(k)) buf_printf(out, "%llu", (unsigned long long)v.as.u);
  else if (k == TY_FLOAT32 || k == TY_FLOAT64) runtime_float(v.as.f, out);
  else if (k == TY_BOOL) buf_puts(out, v.as.i ? "true" : "false");
  else if (k == TY_STRING) buf_append(out, val_str_data(v), (size_t)val_str_len(v));
  else return false;
  return true;
}

/* Error() or String() of a panic value, as Go's preprintpanics. */
static bool panic_method(VM *vm, Goroutine *g, Value v, Buf *out) {
  Func *m = string_method(v.t, "Error");
  if (!m) m = string_method(v.t, "String");
  if (!m) return false;
  Value res = {0}, pv = {0};
  if (vm_call_method0(vm, g, v, m, &res, &pv) != 0) {
    buf_puts(out, "(panic in Error/String method)");
    return true;
  }
  buf_append(out, val_str_data(res), (size_t)val_str_len(res));
  return true;
}

void fmt_panic_value(VM *vm, Goroutine *g, Value v, Buf *out) {
  if (!v.t) { buf_puts(out, "nil"); return; }
  if (panic_method(vm, g, v, out)) return;
  Type *t = v.t;
  bool named = t->kind == TY_NAMED;
  TypeKind k = type_under(t)->kind;
  if (named && (k <= TY_STRING)) { /* printanycustomtype */
    type_write(t, NULL, out);
    buf_puts(out, k == TY_STRING ? "(\"" : "(");
    runtime_basic(t, v, out);
    buf_puts(out, k == TY_STRING ? "\")" : ")");
    return;
  }
  if (!named && runtime_basic(t, v, out)) return;
  buf_putc(out, '(');
  type_write(t, NULL, out);
  bool ptrlike = k == TY_POINTER || k == TY_MAP || k == TY_CHAN ||
                 k == TY_FUNC;
  uint64_t addr = ptrlike ? value_addr(vm, t, v) : fake_addr(vm, v.as.p);
  buf_printf(out, ") 0x%llx", (unsigned long long)addr);
}

/* One operand of print/println. */
static void builtin_operand(VM *vm, Type *t, Value v, Buf *out) {
  if (runtime_basic(t, v, out)) return;
  Type *u = type_under(t);
  if (u->kind == TY_INTERFACE) { /* (type word, data word) */
    buf_printf(out, "(0x%llx,0x%llx)",
               (unsigned long long)(v.t ? FAKE_TEXT_BASE + 0x30000 +
                                              16 * (uint64_t)(v.t->id + 1)
                                        : 0),
               (unsigned long long)(v.t ? fake_addr(vm, v.as.p) : 0));
  } else if (u->kind == TY_SLICE) {
    SliceObj *s = v.as.p;
    buf_printf(out, "[%lld/%lld]0x%llx", (long long)(s ? s->len : 0),
               (long long)(s ? s->cap : 0),
               (unsigned long long)value_addr(vm, t, v));
  } else {
    buf_printf(out, "0x%llx", (unsigned long long)value_addr(vm, t, v));
  }
}

void fmt_builtin_print(VM *vm, Value *args, Type **types, int n,
                       int newline) {
  Buf out = BUF_INIT;
  for (int i = 0; i < n; i++) {
    if (newline && i > 0) buf_putc(&out, ' ');
    builtin_operand(vm, types[i], args[i], &out);
  }
  if (newline) buf_putc(&out, '\n');
  if (out.len) vm_write(vm, 2, out.data, out.len);
  buf_fini(&out);
}

/* ------------------------------------------------------------------ */
/* Natives (prelude fmt.go) */

/* The operands of a variadic `a ...any` parameter. */
static Value *variadic(Value slice, int *n) {
  *n = (int)val_slice_len(slice);
  return *n ? val_slice_at(slice, 0) : NULL;
}

typedef enum PrintKind { PK_PRINT, PK_PRINTLN, PK_PRINTF } PrintKind;

static void format_call(VM *vm, Goroutine *g, PrintKind kind, Value *args,
                        Buf *out) {
  int n;
  if (kind == PK_PRINTF) {
    Value *a = variadic(args[1], &n);
    fmt_sprintf(vm, g, val_str_data(args[0]), (size_t)val_str_len(args[0]),
                a, n, out);
    return;
  }
  Value *a = variadic(args[0], &n);
  if (kind == PK_PRINT) fmt_sprint(vm, g, a, n, out);
  else fmt_sprintln(vm, g, a, n, out);
}

/* Print* write to stdout; results (n int, err error). */
static NatStatus print_to_stdout(VM *vm, Goroutine *g, PrintKind kind,
                                 Value *args, Value *res) {
  Buf out = BUF_INIT;
  format_call(vm, g, kind, args, &out);
  if (out.len) vm_write(vm, 1, out.data, out.len);
  res[0] = (Value){{.i = (int64_t)out.len}, NULL};
  res[1] = (Value){{0}, NULL};
  buf_fini(&out);
  return NAT_OK;
}

static NatStatus sprint_any(VM *vm, Goroutine *g, PrintKind kind,
                            Value *args, Value *res) {
  Buf out = BUF_INIT;
  format_call(vm, g, kind, args, &out);
  res[0] = val_str(vm, out.data ? out.data : "", out.len);
  buf_fini(&out);
  return NAT_OK;
}

#define FMT_NATIVE(name, fn, kind)                                          \
  static NatStatus name(VM *vm, Goroutine *g, Value *args, Value *res) {    \
    return fn(vm, g, kind, args, res);                                      \
  }
FMT_NATIVE(nat_print, print_to_stdout, PK_PRINT)
FMT_NATIVE(nat_println, print_to_stdout, PK_PRINTLN)
FMT_NATIVE(nat_printf, print_to_stdout, PK_PRINTF)
FMT_NATIVE(nat_sprint, sprint_any, PK_PRINT)
FMT_NATIVE(nat_sprintln, sprint_any, PK_PRINTLN)
FMT_NATIVE(nat_sprintf, sprint_any, PK_PRINTF)

/* func sprintfw(format string, a []any) (s string, wrapped int): Sprintf
 * that accepts one %w (Errorf), reporting its operand's index or -1. */
static NatStatus nat_sprintfw(VM *vm, Goroutine *g, Value *args,
                              Value *res) {
  Buf out = BUF_INIT;
  Printer p;
  printer_init(&p, vm, g, &out);
  p.wrap_errs = true;
  int n;
  Value *a = variadic(args[1], &n);
  do_printf(&p, val_str_data(args[0]), (size_t)val_str_len(args[0]), a, n);
  res[0] = val_str(vm, out.data ? out.data : "", out.len);
  res[1] = (Value){{.i = p.wrapped}, NULL};
  buf_fini(&out);
  return NAT_OK;
}

const NativeEntry natives_fmt[] = {
    {"fmt.Print", nat_print},       {"fmt.Println", nat_println},
    {"fmt.Printf", nat_printf},     {"fmt.Sprint", nat_sprint},
    {"fmt.Sprintln", nat_sprintln}, {"fmt.Sprintf", nat_sprintf},
    {"fmt.sprintfw", nat_sprintfw}, {NULL, NULL}};
