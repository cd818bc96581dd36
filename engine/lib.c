/* lib.c - the C natives of the library packages errors, os, strings,
 * strconv and sort (the engine/prelude .go files declare them without
 * bodies).
 *
 * Big decision: the library is Go code in the prelude wherever Go's own
 * behaviour is easy to state in Go (Split, Atoi, sort algorithms), and C
 * only where the subset lacks the tool - reflection (errors.As,
 * sort.Slice), raw output (os.File.Write), float conversion and quoting,
 * which reuse fmt.c so that strconv and fmt agree byte for byte - or where
 * an interpreted byte loop would be the hot spot of ordinary programs
 * (strings.Index, ToUpper).  Every native follows native.h's convention:
 * args[] are the parameters, results go to res[]. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/fmt.h"
#include "engine/native.h"
#include "engine/program.h"
#include "engine/sched.h"
#include "engine/types.h"
#include "engine/vm.h"

static Universe *universe(VM *vm) { return vm_program(vm)->universe; }

static Value v_int(int64_t i) { return (Value){{.i = i}, NULL}; }
static Value v_bool(bool b) { return (Value){{.i = b}, NULL}; }

static Value v_buf(VM *vm, Buf *b) {
  Value v = val_str(vm, b->data ? b->data : "", b->len);
  buf_fini(b);
  return v;
}

/* panic(msg) with a string value, as the Go code `panic("...")` would. */
static NatStatus panic_str(VM *vm, Goroutine *g, const char *msg) {
  Value v = val_str(vm, msg, strlen(msg));
  v.t = types_basic(universe(vm), TY_STRING);
  return vm_panic(vm, g, v);
}

/* ---- errors -------------------------------------------------------------- */

/* func comparable(x error) bool */
static NatStatus nat_errors_comparable(VM *vm, Goroutine *g, Value *args,
                                       Value *res) {
  (void)vm, (void)g;
  res[0] = v_bool(!args[0].t || type_comparable(args[0].t));
  return NAT_OK;
}

/* func asCheck(target any) int: 0 ok, 1 not a non-nil pointer, 2 the
 * element is neither an interface nor an error type (Go's two panics). */
static NatStatus nat_errors_as_check(VM *vm, Goroutine *g, Value *args,
                                     Value *res) {
  (void)g;
  Type *t = args[0].t;
  if (!t || type_under(t)->kind != TY_POINTER || !args[0].as.ref) {
    res[0] = v_int(1);
    return NAT_OK;
  }
  Type *elem = type_under(t)->elem;
  res[0] = v_int(type_is_interface(elem) ||
                         type_implements(elem, types_error(universe(vm)),
                                         NULL, NULL)
                     ? 0 : 2);
  return NAT_OK;
}

/* func asAssign(err error, target any) bool: *target = err when err's
 * dynamic type is assignable to the target's element type. */
static NatStatus nat_errors_as_assign(VM *vm, Goroutine *g, Value *args,
                                      Value *res) {
  (void)g;
  Value err = args[0];
  Type *elem = type_under(args[1].t)->elem;
  Value *slot = args[1].as.ref;
  if (type_is_interface(elem)) {
    if (!type_implements(err.t, elem, NULL, NULL)) {
      res[0] = v_bool(false);
      return NAT_OK;
    }
    *slot = err; /* interface slot: keeps the dynamic type */
  } else {
    if (err.t != elem) {
      res[0] = v_bool(false);
      return NAT_OK;
    }
    *slot = val_copy(vm, elem, err);
    slot->t = NULL; /* a concrete slot carries no type */
  }
  res[0] = v_bool(true);
  return NAT_OK;
}

/* ---- os ------------------------------------------------------------------ */

/* func (f *File) Write(b []byte) (n int, err error) */
static NatStatus nat_os_file_write(VM *vm, Goroutine *g, Value *args,
                                   Value *res) {
  if (!args[0].as.ref) return vm_runtime_error(vm, g,
      "invalid memory address or nil pointer dereference");
  AggObj *file = args[0].as.ref->as.p;
  int fd = file ? (int)file->v[0].as.i : 0;
  int64_t n = val_slice_len(args[1]);
  char *p = xmalloc((size_t)n + 1);
  for (int64_t i = 0; i < n; i++) p[i] = (char)val_slice_at(args[1], i)->as.u;
  vm_write(vm, fd, p, (size_t)n);
  free(p);
  res[0] = v_int(n);
  res[1] = (Value){{0}, NULL};
  return NAT_OK;
}

/* func runtime_args() []string */
static NatStatus nat_os_args(VM *vm, Goroutine *g, Value *args, Value *res) {
  (void)g, (void)args;
  char **argv = NULL;
  int argc = vm_args(vm, &argv);
  Universe *u = universe(vm);
  Value s = val_slice_new(vm, types_slice(u, types_basic(u, TY_STRING)),
                          argc, argc);
  for (int i = 0; i < argc; i++)
    *val_slice_at(s, i) = val_str(vm, argv[i], strlen(argv[i]));
  res[0] = s;
  return NAT_OK;
}

/* func Exit(code int) */
static NatStatus nat_os_exit(VM *vm, Goroutine *g, Value *args, Value *res) {
  (void)g, (void)res;
  return vm_exit(vm, (int)args[0].as.i);
}

/* ---- math/rand ----------------------------------------------------------- */

/* func runtime_seed() int64: the run's seed, so the top-level functions
 * of math/rand change with --seed and repeat under the same seed or
 * replay token (see engine/prelude/math.rand.go). */
static NatStatus nat_rand_seed(VM *vm, Goroutine *g, Value *args,
                               Value *res) {
  (void)g, (void)args;
  res[0] = v_int((int64_t)sched_seed(vm_sched(vm)));
  return NAT_OK;
}

/* ---- strings ------------------------------------------------------------- */

static NatStatus nat_strings_index(VM *vm, Goroutine *g, Value *args,
                                   Value *res) {
  (void)vm, (void)g;
  const char *s = val_str_data(args[0]), *sub = val_str_data(args[1]);
  size_t n = (size_t)val_str_len(args[0]), m = (size_t)val_str_len(args[1]);
  int64_t at = -1;
  for (size_t i = 0; m <= n && i <= n - m; i++) {
    const char *p = m ? memchr(s + i, sub[0], n - m + 1 - i) : s;
    if (!p) break;
    i = (size_t)(p - s);
    if (memcmp(p, sub, m) == 0) { at = (int64_t)i; break; }
  }
  res[0] = v_int(at); /* memmem would do, but it is a GNU extension */
  return NAT_OK;
}

static NatStatus nat_strings_last_index(VM *vm, Goroutine *g, Value *args,
                                        Value *res) {
  (void)vm, (void)g;
  const char *s = val_str_data(args[0]), *sub = val_str_data(args[1]);
  int64_t n = val_str_len(args[0]), m = val_str_len(args[1]);
  int64_t i = n - m;
  while (i >= 0 && memcmp(s + i, sub, (size_t)m) != 0) i--;
  res[0] = v_int(i);
  return NAT_OK;
}

static NatStatus nat_strings_index_byte(VM *vm, Goroutine *g, Value *args,
                                        Value *res) {
  (void)vm, (void)g;
  const char *s = val_str_data(args[0]);
  const char *hit = memchr(s, (int)(args[1].as.u & 0xFF),
                           (size_t)val_str_len(args[0]));
  res[0] = v_int(hit ? hit - s : -1);
  return NAT_OK;
}

/* Simple case mapping (unicode.ToUpper/ToLower) for the scripts learners'
 * programs use: ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic.
 * Other runes map to themselves. */
static int32_t to_upper(int32_t r) {
  if (r >= 'a' && r <= 'z') return r - 32;
  if (r < 0x80) return r;
  if ((r >= 0xE0 && r <= 0xFE && r != 0xF7)) return r - 32;
  if (r == 0xFF) return 0x178;
  if (r == 0xB5) return 0x39C;
  if (r >= 0x100 && r <= 0x17F) {
    bool odd_upper = (r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E);
    if (r == 0x131) return 'I';
    if (r == 0x138 || r == 0x149 || r == 0x130 || r == 0x178) return r;
    if (odd_upper) return (r & 1) ? r : r - 1;
    return (r & 1) ? r - 1 : r;
  }
  if ((r >= 0x3B1 && r <= 0x3C9 && r != 0x3C2)) return r - 32;
  if (r == 0x3C2) return 0x3A3;
  if (r >= 0x430 && r <= 0x44F) return r - 32;
  if (r >= 0x450 && r <= 0x45F) return r - 80;
  return r;
}

static int32_t to_lower(int32_t r) {
  if (r >= 'A' && r <= 'Z') return r + 32;
  if (r < 0x80) return r;
  if ((r >= 0xC0 && r <= 0xDE && r != 0xD7)) return r + 32;
  if (r == 0x178) return 0xFF;
  if (r >= 0x100 && r <= 0x17F) {
    bool odd_upper = (r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E);
    if (r == 0x130) return 'i';
    if (r == 0x138 || r == 0x149 || r == 0x131 || r == 0x17F) return r;
    if (odd_upper) return (r & 1) ? r + 1 : r;
    return (r & 1) ? r : r + 1;
  }
  if ((r >= 0x391 && r <= 0x3A9 && r != 0x3A2)) return r + 32;
  if (r >= 0x410 && r <= 0x42F) return r + 32;
  if (r >= 0x400 && r <= 0x40F) return r + 80;
  return r;
}

/* Go maps rune by rune; invalid bytes become U+FFFD (strings.Map), but an
 * all-ASCII string takes a byte path that keeps everything else as is. */
static Value map_case(VM *vm, Value sv, int32_t (*fn)(int32_t)) {
  const char *s = val_str_data(sv);
  size_t n = (size_t)val_str_len(sv);
  Buf b = BUF_INIT;
  char tmp[4];
  for (size_t i = 0; i < n;) {
    int32_t r;
    int w = fmt_utf8_decode(s + i, n - i, &r);
    buf_append(&b, tmp, (size_t)fmt_utf8_encode(fn(r), tmp));
    i += (size_t)w;
  }
  return v_buf(vm, &b);
}

static NatStatus nat_strings_to_upper(VM *vm, Goroutine *g, Value *args,
                                      Value *res) {
  (void)g;
  res[0] = map_case(vm, args[0], to_upper);
  return NAT_OK;
}

static NatStatus nat_strings_to_lower(VM *vm, Goroutine *g, Value *args,
                                      Value *res) {
  (void)g;
  res[0] = map_case(vm, args[0], to_lower);
  return NAT_OK;
}

/* ---- strconv: formatting ------------------------------------------------- */

static void format_bits(uint64_t u, bool neg, int base, Buf *out) {
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char tmp[72], *e = tmp + sizeof tmp, *p = e;
  do {
    *--p = digits[u % (uint64_t)base];
    u /= (uint64_t)base;
  } while (u);
  if (neg) *--p = '-';
  buf_append(out, p, (size_t)(e - p));
}

static NatStatus format_int(VM *vm, Goroutine *g, Value *args, Value *res,
                            bool is_signed) {
  int64_t base = args[1].as.i;
  if (base < 2 || base > 36)
    return panic_str(vm, g, "strconv: illegal AppendInt/FormatInt base");
  Buf b = BUF_INIT;
  bool neg = is_signed && args[0].as.i < 0;
  format_bits(neg ? -args[0].as.u : args[0].as.u, neg, (int)base, &b);
  res[0] = v_buf(vm, &b);
  return NAT_OK;
}

static NatStatus nat_format_int(VM *vm, Goroutine *g, Value *args,
                                Value *res) {
  return format_int(vm, g, args, res, true);
}

static NatStatus nat_format_uint(VM *vm, Goroutine *g, Value *args,
                                 Value *res) {
  return format_int(vm, g, args, res, false);
}

/* func FormatFloat(f float64, fmt byte, prec, bitSize int) string */
static NatStatus nat_format_float(VM *vm, Goroutine *g, Value *args,
                                  Value *res) {
  (void)g;
  Buf b = BUF_INIT;
  char verb = (char)args[1].as.u;
  if (strchr("eEfFgG", verb) && verb) {
    fmt_float(args[0].as.f, args[3].as.i == 32 ? 32 : 64, verb,
              (int)args[2].as.i, &b);
  } else { /* 'b', 'x' are not in the subset; Go's answer to a bad fmt */
    buf_putc(&b, '%');
    buf_putc(&b, verb);
  }
  res[0] = v_buf(vm, &b);
  return NAT_OK;
}

static NatStatus quote(VM *vm, Value *args, Value *res, bool ascii) {
  Buf b = BUF_INIT;
  fmt_quote(val_str_data(args[0]), (size_t)val_str_len(args[0]), '"', ascii,
            &b);
  res[0] = v_buf(vm, &b);
  return NAT_OK;
}

static NatStatus quote_rune(VM *vm, Value *args, Value *res, bool ascii) {
  char tmp[4];
  int32_t r = (int32_t)args[0].as.i;
  if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
  int n = fmt_utf8_encode(r, tmp);
  Buf b = BUF_INIT;
  fmt_quote(tmp, (size_t)n, '\'', ascii, &b);
  res[0] = v_buf(vm, &b);
  return NAT_OK;
}

#define LIB_WRAP(name, fn, flag)                                            \
  static NatStatus name(VM *vm, Goroutine *g, Value *args, Value *res) {    \
    (void)g;                                                                \
    return fn(vm, args, res, flag);                                         \
  }
LIB_WRAP(nat_quote, quote, false)
LIB_WRAP(nat_quote_ascii, quote, true)
LIB_WRAP(nat_quote_rune, quote_rune, false)
LIB_WRAP(nat_quote_rune_ascii, quote_rune, true)

/* ---- strconv: parsing ---------------------------------------------------- */

static bool prefix_fold(const char *s, size_t n, const char *word) {
  size_t m = strlen(word);
  if (n != m) return false;
  for (size_t i = 0; i < m; i++)
    if ((s[i] | 0x20) != word[i]) return false;
  return true;
}

static bool is_digit_in(char c, bool hex) {
  return (c >= '0' && c <= '9') ||
         (hex && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'));
}

/* Go's float syntax: [sign] digits [. digits] [e [sign] digits], or
 * 0x mantissa with a mandatory p exponent; '_' only between digits (or
 * after the 0x prefix).  Copies the number without underscores to out. */
static bool float_syntax(const char *s, size_t n, Buf *out) {
  size_t i = 0;
  if (i < n && (s[i] == '+' || s[i] == '-')) buf_putc(out, s[i++]);
  bool hex = n - i > 2 && s[i] == '0' && (s[i + 1] | 0x20) == 'x';
  if (hex) buf_append(out, s + i, 2), i += 2;
  bool digits = false, dot = false;
  for (; i < n; i++) {
    char c = s[i];
    if (c == '_') {
      bool before = i > 0 && (is_digit_in(s[i - 1], hex) ||
                              (hex && (s[i - 1] | 0x20) == 'x'));
      if (!before || i + 1 >= n || !is_digit_in(s[i + 1], hex)) return false;
      continue;
    }
    if (c == '.' && !dot) dot = true;
    else if (is_digit_in(c, hex)) digits = true;
    else break;
    buf_putc(out, c);
  }
  if (!digits) return false;
  if (i < n && (s[i] | 0x20) == (hex ? 'p' : 'e')) {
    buf_putc(out, s[i++]);
    if (i < n && (s[i] == '+' || s[i] == '-')) buf_putc(out, s[i++]);
    size_t start = i;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) buf_putc(out, s[i]);
    if (i == start) return false;
  } else if (hex) {
    return false; /* a hexadecimal mantissa requires a 'p' exponent */
  }
  return i == n;
}

/* inf, infinity (with sign) and nan, any case. */
static bool float_special(const char *s, size_t n, double *f) {
  double sign = 1;
  if (n > 0 && (s[0] == '+' || s[0] == '-')) {
    sign = s[0] == '-' ? -1 : 1;
    if (prefix_fold(s + 1, n - 1, "inf") ||
        prefix_fold(s + 1, n - 1, "infinity")) {
      *f = sign * HUGE_VAL;
      return true;
    }
    return false;
  }
  if (prefix_fold(s, n, "inf") || prefix_fold(s, n, "infinity")) {
    *f = HUGE_VAL;
    return true;
  }
  if (prefix_fold(s, n, "nan")) {
    *f = NAN;
    return true;
  }
  return false;
}

/* func parseFloat(s string, bitSize int) (f float64, code int): code 0 ok,
 * 1 syntax error, 2 out of range (f is then ±Inf, as Go returns). */
static NatStatus nat_parse_float(VM *vm, Goroutine *g, Value *args,
                                 Value *res) {
  (void)vm, (void)g;
  const char *s = val_str_data(args[0]);
  size_t n = (size_t)val_str_len(args[0]);
  double f = 0;
  int code = 0;
  Buf num = BUF_INIT;
  if (float_special(s, n, &f)) {
    code = 0;
  } else if (!float_syntax(s, n, &num)) {
    code = 1;
  } else {
    f = args[1].as.i == 32 ? (double)strtof(buf_cstr(&num), NULL)
                           : strtod(buf_cstr(&num), NULL);
    if (isinf(f)) code = 2; /* overflow; underflow to 0 is no error */
  }
  buf_fini(&num);
  res[0] = (Value){{.f = code == 1 ? 0 : f}, NULL};
  res[1] = v_int(code);
  return NAT_OK;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c |= 0x20;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* One escape after the backslash at s[*i]; appends it.  q is the quote. */
static bool unquote_escape(const char *s, size_t n, size_t *i, char q,
                           Buf *out) {
  static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\";
  char c = s[(*i)++];
  for (const char *p = simple; *p; p += 2)
    if (c == p[0]) { buf_putc(out, p[1]); return true; }
  if (c == '\'' || c == '"') {
    if (c != q) return false;
    buf_putc(out, c);
    return true;
  }
  int len = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
  if (c >= '0' && c <= '7') { /* \ooo */
    int v = c - '0';
    for (int k = 0; k < 2; k++, (*i)++) {
      if (*i >= n || s[*i] < '0' || s[*i] > '7') return false;
      v = v * 8 + (s[*i] - '0');
    }
    if (v > 255) return false;
    buf_putc(out, (char)v);
    return true;
  }
  if (!len || *i + (size_t)len > n) return false;
  int32_t v = 0;
  for (int k = 0; k < len; k++, (*i)++) {
    int h = hexval(s[*i]);
    if (h < 0) return false;
    v = v * 16 + h;
  }
  if (c == 'x') { buf_putc(out, (char)v); return true; }
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
  char tmp[4];
  buf_append(out, tmp, (size_t)fmt_utf8_encode(v, tmp));
  return true;
}

/* strconv.Unquote's rules for "...", '...' and `...`. */
static bool unquote_str(const char *s, size_t n, Buf *out) {
  if (n < 2 || s[0] != s[n - 1]) return false;
  char q = s[0];
  s++, n -= 2;
  if (q == '`') {
    for (size_t i = 0; i < n; i++) {
      if (s[i] == '`') return false;
      if (s[i] != '\r') buf_putc(out, s[i]); /* Go drops \r in raw strings */
    }
    return true;
  }
  if (q != '"' && q != '\'') return false;
  size_t runes = 0;
  for (size_t i = 0; i < n; runes++) {
    if (s[i] == q || s[i] == '\n') return false;
    if (s[i] == '\\') {
      i++;
      if (i >= n || !unquote_escape(s, n, &i, q, out)) return false;
      continue;
    }
    int32_t r;
    int w = fmt_utf8_decode(s + i, n - i, &r);
    buf_append(out, s + i, (size_t)w);
    i += (size_t)w;
  }
  return q == '"' || runes == 1;
}

/* func unquote(s string) (string, bool) */
static NatStatus nat_unquote(VM *vm, Goroutine *g, Value *args, Value *res) {
  (void)g;
  Buf b = BUF_INIT;
  bool ok = unquote_str(val_str_data(args[0]), (size_t)val_str_len(args[0]),
                        &b);
  if (!ok) b.len = 0;
  res[0] = v_buf(vm, &b);
  res[1] = v_bool(ok);
  return NAT_OK;
}

/* ---- sort ------------------------------------------------------------------ */

/* reflect's Kind names, for "reflect: call of Swapper on int Value". */
static const char *kind_name(Type *t) {
  Type *u = type_under(t);
  switch (u->kind) {
  case TY_STRUCT: return "struct";
  case TY_POINTER: return "ptr";
  case TY_MAP: return "map";
  case TY_CHAN: return "chan";
  case TY_FUNC: return "func";
  case TY_ARRAY: return "array";
  case TY_INTERFACE: return "interface";
  default: return u->name ? u->name : "invalid";
  }
}

static NatStatus not_slice(VM *vm, Goroutine *g, Type *t) {
  Buf b = BUF_INIT;
  buf_printf(&b, "reflect: call of Swapper on %s Value",
             t ? kind_name(t) : "zero");
  NatStatus st = panic_str(vm, g, buf_cstr(&b));
  buf_fini(&b);
  return st;
}

/* func reflectLen(x any) int */
static NatStatus nat_sort_len(VM *vm, Goroutine *g, Value *args,
                              Value *res) {
  if (!args[0].t || type_under(args[0].t)->kind != TY_SLICE)
    return not_slice(vm, g, args[0].t);
  res[0] = v_int(val_slice_len(args[0]));
  return NAT_OK;
}

/* func reflectSwap(x any, i, j int) */
static NatStatus nat_sort_swap(VM *vm, Goroutine *g, Value *args,
                               Value *res) {
  (void)res;
  if (!args[0].t || type_under(args[0].t)->kind != TY_SLICE)
    return not_slice(vm, g, args[0].t);
  int64_t n = val_slice_len(args[0]), i = args[1].as.i, j = args[2].as.i;
  if (i < 0 || j < 0 || i >= n || j >= n)
    return panic_str(vm, g, "reflect: slice index out of range");
  Value *a = val_slice_at(args[0], i), *b = val_slice_at(args[0], j);
  Value t = *a;
  *a = *b;
  *b = t;
  return NAT_OK;
}

const NativeEntry natives_lib[] = {
    {"errors.comparable", nat_errors_comparable},
    {"errors.asCheck", nat_errors_as_check},
    {"errors.asAssign", nat_errors_as_assign},
    {"os.(*File).Write", nat_os_file_write},
    {"os.runtime_args", nat_os_args},
    {"os.Exit", nat_os_exit},
    {"math/rand.runtime_seed", nat_rand_seed},
    {"strings.Index", nat_strings_index},
    {"strings.LastIndex", nat_strings_last_index},
    {"strings.IndexByte", nat_strings_index_byte},
    {"strings.ToUpper", nat_strings_to_upper},
    {"strings.ToLower", nat_strings_to_lower},
    {"strconv.FormatInt", nat_format_int},
    {"strconv.FormatUint", nat_format_uint},
    {"strconv.FormatFloat", nat_format_float},
    {"strconv.Quote", nat_quote},
    {"strconv.QuoteToASCII", nat_quote_ascii},
    {"strconv.QuoteRune", nat_quote_rune},
    {"strconv.QuoteRuneToASCII", nat_quote_rune_ascii},
    {"strconv.unquote", nat_unquote},
    {"strconv.parseFloat", nat_parse_float},
    {"sort.reflectLen", nat_sort_len},
    {"sort.reflectSwap", nat_sort_swap},
    {NULL, NULL}};
