/* lessons/frontmatter.c - see frontmatter.h.
 *
 * libyaml's event API, not its document loader: events carry the line of
 * every key and value, so each error can point at the teacher's line, and
 * a wrong value is skipped without losing the rest of the mapping.
 *
 * Line numbers: the YAML text handed to libyaml starts on line 2 of the
 * file (line 1 is the opening "---"), and libyaml counts from 0, so a
 * mark's line + 2 is the file's line.
 *
 * Types are strict on purpose (exit: "2" with quotes is an error, as is
 * schedule_dependent: yes): the fields drive checks of the engine against
 * real Go, and a silently coerced value would make such a check lie.
 */
#include "lessons/frontmatter.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#define YAML_LINE0 2 /* file line of the YAML text's first line */

typedef enum FieldKind {
  FK_IDENT,   /* [a-z0-9-], starting with a letter */
  FK_TEXT,    /* a non-empty string */
  FK_LINE,    /* a string of one line, possibly empty */
  FK_RATE,    /* "N/M" with 0 <= N <= M, M >= 1 */
  FK_INT,     /* a plain decimal integer in [min, max] */
  FK_U64,     /* a plain decimal uint64 */
  FK_BOOL,    /* true or false */
  FK_VERDICT, /* a verdict name a lesson may expect */
  FK_PRIMS,   /* a non-empty list of distinct primitive names */
  FK_HINTS,   /* a list of exactly FM_NHINTS non-empty strings */
  FK_GUARDS   /* a mapping read by read_guards into a LessonGuards */
} FieldKind;

typedef struct FieldInfo {
  const char *key;
  FieldKind kind;
  size_t off; /* offsetof(LessonMeta, member) */
  int min, max;
  bool required, neutral;
} FieldInfo;

static const FieldInfo fields[] = {
#define FM_FIELD(e, key, kind, member, min, max, req, neutral)                 \
  {key, kind, offsetof(LessonMeta, member), min, max, req, neutral},
#include "lessons/fields.def"
#undef FM_FIELD
};

static const char *const prim_names[] = {
#define FM_PRIM(e, name) name,
#include "lessons/primitives.def"
#undef FM_PRIM
};

static const char *const verdict_names[] = {
#define VERDICT(e, name, meaning) name,
#include "runner/verdicts.def"
#undef VERDICT
};

/* --- errors ----------------------------------------------------------------
 */

static void errors_vadd(FmErrors *e, const char *path, int line,
                        const char *fmt, va_list ap) PANICROOM_PRINTF(4, 0);

static void errors_vadd(FmErrors *e, const char *path, int line,
                        const char *fmt, va_list ap)
{
  Buf b = BUF_INIT;
  if (line > 0)
    buf_printf(&b, "%s:%d: ", path, line);
  else
    buf_printf(&b, "%s: ", path);
  buf_vprintf(&b, fmt, ap);
  if (e->n == e->cap) {
    e->cap = e->cap ? 2 * e->cap : 8;
    e->msgs = xrealloc(e->msgs, e->cap * sizeof *e->msgs);
  }
  e->msgs[e->n++] = buf_steal(&b);
}

void fm_errors_add(FmErrors *e, const char *path, int line, const char *fmt,
                   ...)
{
  va_list ap;
  va_start(ap, fmt);
  errors_vadd(e, path, line, fmt, ap);
  va_end(ap);
}

void fm_errors_fini(FmErrors *e)
{
  for (size_t i = 0; i < e->n; i++)
    free(e->msgs[i]);
  free(e->msgs);
  memset(e, 0, sizeof *e);
}

/* --- names -----------------------------------------------------------------
 */

const char *fm_field_key(FmField f)
{
  return (unsigned)f < FM_FIELD_COUNT ? fields[f].key : "?";
}

bool fm_field_neutral(FmField f)
{
  return (unsigned)f < FM_FIELD_COUNT && fields[f].neutral;
}

const char *fm_prim_name(FmPrim p)
{
  return (unsigned)p < FM_PRIM_COUNT ? prim_names[p] : "?";
}

/* oom and signal say something about the machine or about panicroom, never
 * about the lesson's Go program; a lesson program that does not compile
 * teaches nothing about concurrency. */
bool fm_verdict_allowed(Verdict v)
{
  return (unsigned)v < VERDICT_COUNT && v != VERDICT_OOM &&
         v != VERDICT_SIGNAL && v != VERDICT_COMPILE_ERROR;
}

/* "panic, fatal, ..., ok": ok last, because a lesson whose program ends
 * well (a myth that turns out false) is the exception. */
static void list_verdicts(Buf *out)
{
  for (int v = 1; v <= VERDICT_COUNT; v++) {
    int w = v % VERDICT_COUNT;
    if (fm_verdict_allowed((Verdict)w))
      buf_printf(out, "%s%s", out->len ? ", " : "", verdict_names[w]);
  }
}

/* --- the parser's state ----------------------------------------------------
 */

typedef struct Fp {
  yaml_parser_t yp;
  const char *path;
  FmErrors *errs;
  LessonMeta *m;
} Fp;

static void perr(Fp *p, int yline, const char *fmt, ...) PANICROOM_PRINTF(3, 4);

/* yline is a libyaml line (0-based, within the YAML text). */
static void perr(Fp *p, int yline, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  errors_vadd(p->errs, p->path, yline + YAML_LINE0, fmt, ap);
  va_end(ap);
}

/* The next event, or false after reporting libyaml's syntax error (libyaml
 * cannot go on after one, so the caller stops). */
static bool next_event(Fp *p, yaml_event_t *ev)
{
  if (yaml_parser_parse(&p->yp, ev))
    return true;
  const char *ctx = p->yp.context ? p->yp.context : "";
  perr(p, (int)p->yp.problem_mark.line, "invalid YAML: %s%s%s",
       p->yp.problem ? p->yp.problem : "syntax error", *ctx ? " " : "", ctx);
  return false;
}

/* After a start event of type t, consumes events up to its matching end, so
 * a misplaced list or mapping is skipped as a whole. */
static bool skip_rest(Fp *p, yaml_event_type_t t)
{
  int depth = t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT;
  while (depth > 0) {
    yaml_event_t ev;
    if (!next_event(p, &ev))
      return false;
    if (ev.type == YAML_SEQUENCE_START_EVENT ||
        ev.type == YAML_MAPPING_START_EVENT)
      depth++;
    else if (ev.type == YAML_SEQUENCE_END_EVENT ||
             ev.type == YAML_MAPPING_END_EVENT)
      depth--;
    yaml_event_delete(&ev);
  }
  return true;
}

/* A scalar as the parser hands it to the field setters. */
typedef struct Scalar {
  const char *s;
  size_t n;
  bool plain; /* unquoted: may be a number, a bool or null */
  int yline;
} Scalar;

static Scalar scalar_of(const yaml_event_t *ev)
{
  Scalar sc = {(const char *)ev->data.scalar.value, ev->data.scalar.length,
               ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE,
               (int)ev->start_mark.line};
  return sc;
}

static bool scalar_is_null(const Scalar *sc)
{
  if (!sc->plain)
    return false;
  static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
  for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
    if (strlen(nulls[i]) == sc->n && memcmp(nulls[i], sc->s, sc->n) == 0)
      return true;
  return false;
}

static bool scalar_is(const Scalar *sc, const char *word)
{
  return sc->plain && strlen(word) == sc->n && memcmp(word, sc->s, sc->n) == 0;
}

static bool all_blank(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      return false;
  return true;
}

/* Parses the digits of s[0..n) into *out; false if not all digits or the
 * value exceeds max. */
static bool parse_digits(const char *s, size_t n, uint64_t max, uint64_t *out)
{
  uint64_t v = 0;
  if (n == 0)
    return false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    unsigned d = (unsigned)(s[i] - '0');
    if (v > (max - d) / 10)
      return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

/* --- scalar fields ----------------------------------------------------------
 * Each setter validates one value and stores it, or reports why not. */

static void *slot(LessonMeta *m, FmField f)
{
  return (char *)m + fields[f].off;
}

static void set_string(Fp *p, FmField f, const Scalar *sc)
{
  char **dst = slot(p->m, f);
  free(*dst);
  *dst = scalar_is_null(sc) ? xstrdup("") : xstrndup(sc->s, sc->n);
}

static bool ident_ok(const char *s, size_t n)
{
  if (n == 0 || s[0] < 'a' || s[0] > 'z')
    return false;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
          s[i] == '-'))
      return false;
  return true;
}

/* "N/M", 0 <= N <= M, 1 <= M. */
static bool rate_ok(const char *s, size_t n)
{
  const char *slash = memchr(s, '/', n);
  uint64_t num, den;
  if (!slash)
    return false;
  size_t k = (size_t)(slash - s);
  return parse_digits(s, k, UINT32_MAX, &num) &&
         parse_digits(slash + 1, n - k - 1, UINT32_MAX, &den) && den >= 1 &&
         num <= den;
}

static void set_text(Fp *p, FmField f, const Scalar *sc)
{
  const char *key = fields[f].key;
  switch (fields[f].kind) {
  case FK_IDENT:
    if (!ident_ok(sc->s, sc->n)) {
      perr(p, sc->yline,
           "%s: \"%.*s\" is not a lesson id (want lower-case letters, digits "
           "and '-', starting with a letter)",
           key, (int)sc->n, sc->s);
      return;
    }
    break;
  case FK_TEXT:
    if (scalar_is_null(sc) || all_blank(sc->s, sc->n)) {
      perr(p, sc->yline, "%s: is empty", key);
      return;
    }
    break;
  case FK_LINE:
    if (memchr(sc->s, '\n', sc->n)) {
      perr(p, sc->yline, "%s: must be a single line", key);
      return;
    }
    break;
  default: /* FK_RATE */
    if (!rate_ok(sc->s, sc->n)) {
      perr(p, sc->yline,
           "%s: \"%.*s\" is not a rate (want \"N/M\": N of M real Go runs, "
           "like \"20/20\")",
           key, (int)sc->n, sc->s);
      return;
    }
  }
  set_string(p, f, sc);
}

static void set_number(Fp *p, FmField f, const Scalar *sc)
{
  const FieldInfo *fi = &fields[f];
  uint64_t v;
  bool u64 = fi->kind == FK_U64;
  if (!sc->plain || !parse_digits(sc->s, sc->n, UINT64_MAX, &v)) {
    perr(p, sc->yline, "%s: \"%.*s\" is not a whole number%s", fi->key,
         (int)sc->n, sc->s, sc->plain ? "" : " (write it without quotes)");
    return;
  }
  if (u64) {
    *(uint64_t *)slot(p->m, f) = v;
  } else if (v < (uint64_t)fi->min || v > (uint64_t)fi->max) {
    perr(p, sc->yline, "%s: %" PRIu64 " is out of range (want %d..%d)", fi->key,
         v, fi->min, fi->max);
  } else {
    *(int *)slot(p->m, f) = (int)v;
  }
}

static void set_bool(Fp *p, FmField f, const Scalar *sc)
{
  if (scalar_is(sc, "true") || scalar_is(sc, "false")) {
    *(bool *)slot(p->m, f) = scalar_is(sc, "true");
    return;
  }
  perr(p, sc->yline, "%s: \"%.*s\" is not true or false", fields[f].key,
       (int)sc->n, sc->s);
}

static void set_verdict(Fp *p, FmField f, const Scalar *sc)
{
  for (int v = 0; v < VERDICT_COUNT; v++)
    if (fm_verdict_allowed((Verdict)v) && strlen(verdict_names[v]) == sc->n &&
        memcmp(verdict_names[v], sc->s, sc->n) == 0) {
      *(Verdict *)slot(p->m, f) = (Verdict)v;
      return;
    }
  Buf want = BUF_INIT;
  list_verdicts(&want);
  perr(p, sc->yline, "%s: unknown verdict \"%.*s\" (want %s)", fields[f].key,
       (int)sc->n, sc->s, buf_cstr(&want));
  buf_fini(&want);
}

static void set_scalar(Fp *p, FmField f, const Scalar *sc)
{
  switch (fields[f].kind) {
  case FK_INT:
  case FK_U64:
    set_number(p, f, sc);
    break;
  case FK_BOOL:
    set_bool(p, f, sc);
    break;
  case FK_VERDICT:
    set_verdict(p, f, sc);
    break;
  default:
    set_text(p, f, sc);
  }
}

/* --- list fields -----------------------------------------------------------
 */

static void add_prim(Fp *p, const Scalar *sc)
{
  LessonMeta *m = p->m;
  for (int k = 0; k < FM_PRIM_COUNT; k++) {
    if (strlen(prim_names[k]) != sc->n || memcmp(prim_names[k], sc->s, sc->n))
      continue;
    for (size_t i = 0; i < m->nprims; i++)
      if (m->prims[i] == (FmPrim)k) {
        perr(p, sc->yline, "primitives: %s is listed twice", prim_names[k]);
        return;
      }
    m->prims[m->nprims++] = (FmPrim)k;
    return;
  }
  Buf want = BUF_INIT;
  for (int k = 0; k < FM_PRIM_COUNT; k++)
    buf_printf(&want, "%s%s", k ? ", " : "", prim_names[k]);
  perr(p, sc->yline, "primitives: unknown primitive \"%.*s\" (want %s)",
       (int)sc->n, sc->s, buf_cstr(&want));
  buf_fini(&want);
}

static void add_hint(Fp *p, const Scalar *sc, size_t i)
{
  if (scalar_is_null(sc) || all_blank(sc->s, sc->n))
    perr(p, sc->yline, "hints: hint %zu is empty", i + 1);
  else if (i < FM_NHINTS)
    p->m->hints[i] = xstrndup(sc->s, sc->n);
}

/* After the SEQUENCE_START of field f (on yline): its items and the end. */
static bool read_list(Fp *p, FmField f, int yline)
{
  size_t count = 0;
  for (;; count++) {
    yaml_event_t ev;
    if (!next_event(p, &ev))
      return false;
    yaml_event_type_t t = ev.type;
    if (t == YAML_SEQUENCE_END_EVENT) {
      yaml_event_delete(&ev);
      break;
    }
    if (t != YAML_SCALAR_EVENT) {
      perr(p, (int)ev.start_mark.line, "%s: item %zu is not a single value",
           fields[f].key, count + 1);
    } else {
      Scalar sc = scalar_of(&ev);
      if (f == FM_PRIMITIVES)
        add_prim(p, &sc);
      else
        add_hint(p, &sc, count);
    }
    yaml_event_delete(&ev);
    if (!skip_rest(p, t))
      return false;
  }
  if (f == FM_HINTS && count != FM_NHINTS)
    perr(p, yline,
         "hints: want exactly %d hints (gentle, more specific, explicit), "
         "got %zu",
         FM_NHINTS, count);
  if (f == FM_PRIMITIVES && count == 0)
    perr(p, yline, "primitives: name at least one primitive to draw");
  return true;
}

/* --- guards ----------------------------------------------------------------
 * guards: {goroutines: N, ops: [kind, {kind: N}], no_sleep_sync: BOOL};
 * see lessons/guards.h for what each key means. */

/* A plain whole number in [lo, hi] into *out; reports why not. */
static bool guard_int(Fp *p, const char *key, const Scalar *sc, int lo, int hi,
                      int *out)
{
  uint64_t v;
  if (!sc->plain || !parse_digits(sc->s, sc->n, UINT64_MAX, &v) ||
      v < (uint64_t)lo || v > (uint64_t)hi) {
    perr(p, sc->yline, "guards: %s: \"%.*s\" is not a whole number from %d "
         "to %d", key, (int)sc->n, sc->s, lo, hi);
    return false;
  }
  *out = (int)v;
  return true;
}

static void guard_add_op(Fp *p, const Scalar *name, const Scalar *count)
{
  LessonGuards *g = &p->m->guards;
  int ev = guard_event_from_name(name->s, name->n), n = 1;
  if (ev < 0) {
    perr(p, name->yline, "guards: ops: \"%.*s\" is not a trace event kind "
         "(see docs/trace.md: chan_send, chan_close, mutex_lock, ...)",
         (int)name->n, name->s);
    return;
  }
  if (count && !guard_int(p, "ops", count, 1, GUARDS_MAX_GOROUTINES, &n))
    return;
  if (g->nops == GUARDS_MAX_OPS) {
    perr(p, name->yline, "guards: ops: at most %d operations",
         GUARDS_MAX_OPS);
    return;
  }
  g->ops[g->nops++] = (GuardOp){(TraceEv)ev, n};
}

/* An ops item written {kind: N}: after its MAPPING_START. */
static bool guard_op_mapping(Fp *p, int yline)
{
  yaml_event_t k, v;
  bool ok = false;
  if (!next_event(p, &k))
    return false;
  if (k.type == YAML_SCALAR_EVENT && next_event(p, &v)) {
    Scalar name = scalar_of(&k), count = scalar_of(&v);
    if (v.type == YAML_SCALAR_EVENT)
      guard_add_op(p, &name, &count);
    else
      perr(p, yline, "guards: ops: write {kind: N}");
    ok = skip_rest(p, v.type) && skip_rest(p, YAML_MAPPING_START_EVENT);
    yaml_event_delete(&v);
  } else if (k.type != YAML_SCALAR_EVENT) {
    perr(p, yline, "guards: ops: write {kind: N}");
    ok = skip_rest(p, k.type) && skip_rest(p, YAML_MAPPING_START_EVENT);
  }
  yaml_event_delete(&k);
  return ok;
}

/* ops: [kind, {kind: N}, ...], after its SEQUENCE_START. */
static bool guard_ops(Fp *p)
{
  for (;;) {
    yaml_event_t ev;
    bool ok = true;
    if (!next_event(p, &ev))
      return false;
    yaml_event_type_t t = ev.type;
    if (t == YAML_SCALAR_EVENT) {
      Scalar sc = scalar_of(&ev);
      guard_add_op(p, &sc, NULL);
    } else if (t == YAML_MAPPING_START_EVENT) {
      ok = guard_op_mapping(p, (int)ev.start_mark.line);
    } else if (t != YAML_SEQUENCE_END_EVENT) {
      perr(p, (int)ev.start_mark.line, "guards: ops: want an event kind");
      ok = skip_rest(p, t);
    }
    yaml_event_delete(&ev);
    if (!ok || t == YAML_SEQUENCE_END_EVENT)
      return ok;
  }
}

/* The value of guard key k (a scalar event already read into *v). */
static bool guard_value(Fp *p, const Scalar *key, yaml_event_t *v)
{
  LessonGuards *g = &p->m->guards;
  Scalar sc = scalar_of(v);
  bool scalar = v->type == YAML_SCALAR_EVENT;
  if (scalar_is(key, "ops") && v->type == YAML_SEQUENCE_START_EVENT)
    return guard_ops(p);
  if (scalar_is(key, "goroutines") && scalar)
    guard_int(p, "goroutines", &sc, 0, GUARDS_MAX_GOROUTINES, &g->goroutines);
  else if (scalar_is(key, "no_sleep_sync") && scalar &&
           (scalar_is(&sc, "true") || scalar_is(&sc, "false")))
    g->no_sleep_sync = scalar_is(&sc, "true");
  else if (scalar_is(key, "goroutines") || scalar_is(key, "ops") ||
           scalar_is(key, "no_sleep_sync"))
    perr(p, key->yline, "guards: %.*s: want %s", (int)key->n, key->s,
         scalar_is(key, "ops") ? "a list, like [chan_send, {mutex_lock: 2}]"
         : scalar_is(key, "goroutines") ? "a whole number"
                                         : "true or false");
  else
    perr(p, key->yline, "guards: unknown key \"%.*s\" (keys: goroutines, "
         "ops, no_sleep_sync)", (int)key->n, key->s);
  return skip_rest(p, v->type);
}

/* After the MAPPING_START of guards: its pairs and the end. */
static bool read_guards(Fp *p)
{
  p->m->guards.declared = true;
  for (;;) {
    yaml_event_t k, v;
    bool ok;
    if (!next_event(p, &k))
      return false;
    if (k.type == YAML_MAPPING_END_EVENT) {
      yaml_event_delete(&k);
      return true;
    }
    if (!next_event(p, &v)) {
      yaml_event_delete(&k);
      return false;
    }
    Scalar key = scalar_of(&k);
    if (k.type == YAML_SCALAR_EVENT) {
      ok = guard_value(p, &key, &v);
    } else {
      perr(p, (int)k.start_mark.line, "guards: a key must be a plain word");
      ok = skip_rest(p, k.type) && skip_rest(p, v.type);
    }
    yaml_event_delete(&k);
    yaml_event_delete(&v);
    if (!ok)
      return false;
  }
}

/* The value of field f, whose key was on yline. False: stop parsing. */
static bool read_value(Fp *p, FmField f, int yline)
{
  yaml_event_t ev;
  if (!next_event(p, &ev))
    return false;
  yaml_event_type_t t = ev.type;
  bool is_list = fields[f].kind == FK_PRIMS || fields[f].kind == FK_HINTS;
  bool ok = true;
  if (fields[f].kind == FK_GUARDS) {
    if (t == YAML_MAPPING_START_EVENT) {
      ok = read_guards(p);
      t = YAML_NO_EVENT; /* read_guards consumed the end */
    } else {
      perr(p, yline, "%s: want a mapping, like {goroutines: 2, ops: "
           "[chan_send], no_sleep_sync: true}", fields[f].key);
    }
  } else if (is_list && t == YAML_SEQUENCE_START_EVENT) {
    ok = read_list(p, f, yline);
    t = YAML_NO_EVENT; /* read_list consumed the end */
  } else if (is_list) {
    perr(p, yline, "%s: want a list, like [a, b, c]", fields[f].key);
  } else if (t == YAML_SCALAR_EVENT) {
    Scalar sc = scalar_of(&ev);
    set_scalar(p, f, &sc);
  } else {
    perr(p, yline, "%s: want a single value, not a list or mapping",
         fields[f].key);
  }
  yaml_event_delete(&ev);
  return ok && skip_rest(p, t);
}

/* --- the mapping -----------------------------------------------------------
 */

static int find_field(const char *s, size_t n)
{
  for (int f = 0; f < FM_FIELD_COUNT; f++)
    if (strlen(fields[f].key) == n && memcmp(fields[f].key, s, n) == 0)
      return f;
  return -1;
}

static void unknown_field(Fp *p, const Scalar *key)
{
  Buf want = BUF_INIT;
  for (int f = 0; f < FM_FIELD_COUNT; f++)
    buf_printf(&want, "%s%s", f ? ", " : "", fields[f].key);
  perr(p, key->yline, "unknown field \"%.*s\" (fields: %s)", (int)key->n,
       key->s, buf_cstr(&want));
  buf_fini(&want);
}

/* Skips the value after a key that is not taken. */
static bool skip_value(Fp *p)
{
  yaml_event_t ev;
  if (!next_event(p, &ev))
    return false;
  yaml_event_type_t t = ev.type;
  yaml_event_delete(&ev);
  return skip_rest(p, t);
}

/* One "key: value" pair; *done at the end of the mapping. False: stop. */
static bool read_pair(Fp *p, bool *done)
{
  yaml_event_t ev;
  if (!next_event(p, &ev))
    return false;
  yaml_event_type_t t = ev.type;
  if (t == YAML_MAPPING_END_EVENT || t != YAML_SCALAR_EVENT) {
    if (t != YAML_MAPPING_END_EVENT)
      perr(p, (int)ev.start_mark.line, "a field name must be a plain word");
    yaml_event_delete(&ev);
    *done = t == YAML_MAPPING_END_EVENT;
    return *done || (skip_rest(p, t) && skip_value(p));
  }
  Scalar key = scalar_of(&ev);
  int f = find_field(key.s, key.n);
  if (f < 0)
    unknown_field(p, &key);
  else if (p->m->line[f])
    perr(p, key.yline, "%s: given twice (first on line %d)", fields[f].key,
         p->m->line[f]);
  int yline = key.yline;
  yaml_event_delete(&ev);
  if (f < 0 || p->m->line[f])
    return skip_value(p);
  p->m->line[f] = yline + YAML_LINE0;
  return read_value(p, (FmField)f, yline);
}

/* stream-start [document-start mapping-start pair* mapping-end ...].
 * Returns false if the YAML was unreadable, so absent fields may just be
 * unread ones (the caller then does not call them missing). */
static bool read_document(Fp *p)
{
  yaml_event_t ev;
  int seen = 0;
  while (seen < 3) {
    if (!next_event(p, &ev))
      return false;
    yaml_event_type_t t = ev.type;
    int yline = (int)ev.start_mark.line;
    yaml_event_delete(&ev);
    if (t == YAML_STREAM_END_EVENT)
      return true; /* empty front matter: every field is missing */
    if (++seen < 3)
      continue; /* stream-start, document-start */
    if (t != YAML_MAPPING_START_EVENT) {
      perr(p, yline, "front matter must be lines of \"field: value\"");
      return false;
    }
  }
  for (bool done = false; !done;)
    if (!read_pair(p, &done))
      return false;
  return true;
}

/* --- splitting the file ----------------------------------------------------
 */

/* True if the line s[0..n) is "---", allowing trailing blanks and a CR. */
static bool is_delimiter(const char *s, size_t n)
{
  if (n < 3 || memcmp(s, "---", 3) != 0)
    return false;
  return all_blank(s + 3, n - 3);
}

/* Finds the YAML between the "---" lines. Returns false if the file does
 * not open with one or never closes it. */
static bool split(const char *text, size_t len, const char **yaml, size_t *ylen,
                  const char **body, int *end_line)
{
  const char *end = text + len, *line = text;
  for (int no = 1; line < end; no++) {
    const char *nl = memchr(line, '\n', (size_t)(end - line));
    const char *eol = nl ? nl : end;
    bool delim = is_delimiter(line, (size_t)(eol - line));
    if (no == 1 && !delim)
      return false;
    if (no == 1) {
      *yaml = nl ? nl + 1 : end;
    } else if (delim) {
      *ylen = (size_t)(line - *yaml);
      *body = nl ? nl + 1 : end;
      *end_line = no;
      return true;
    }
    line = nl ? nl + 1 : end;
  }
  return false;
}

/* --- the public face -------------------------------------------------------
 */

static void check_required(Fp *p, int end_line)
{
  for (int f = 0; f < FM_FIELD_COUNT; f++)
    if (fields[f].required && !p->m->line[f])
      fm_errors_add(p->errs, p->path, end_line, "missing field \"%s\"",
                    fields[f].key);
}

int fm_parse(const char *path, const char *text, size_t len, LessonMeta *m,
             const char **body, FmErrors *errs)
{
  const char *yaml = NULL;
  size_t ylen = 0, nerr = errs->n;
  int end_line = 0;
  memset(m, 0, sizeof *m);
  if (len == 0 || !split(text, len, &yaml, &ylen, body, &end_line)) {
    const char *nl = memchr(text, '\n', len);
    size_t first = nl ? (size_t)(nl - text) : len;
    fm_errors_add(errs, path, 1,
                  is_delimiter(text, first)
                      ? "front matter is not closed by a \"---\" line"
                      : "no front matter: the file must start with a "
                        "\"---\" line");
    return -1;
  }
  Fp p = {.path = path, .errs = errs, .m = m};
  if (!yaml_parser_initialize(&p.yp))
    die("libyaml: cannot initialise a parser (out of memory)");
  yaml_parser_set_input_string(&p.yp, (const unsigned char *)yaml, ylen);
  bool complete = read_document(&p);
  yaml_parser_delete(&p.yp);
  m->end_line = end_line;
  if (complete)
    check_required(&p, end_line);
  if (errs->n == nerr)
    return 0;
  fm_meta_fini(m);
  return -1;
}

void fm_meta_fini(LessonMeta *m)
{
  for (int f = 0; f < FM_FIELD_COUNT; f++) {
    FieldKind k = fields[f].kind;
    if (k == FK_IDENT || k == FK_TEXT || k == FK_LINE || k == FK_RATE)
      free(*(char **)slot(m, (FmField)f));
  }
  for (int i = 0; i < FM_NHINTS; i++)
    free(m->hints[i]);
  memset(m, 0, sizeof *m);
}

static void format_string(const char *s, Buf *out)
{
  if (!s) {
    buf_puts(out, "(none)");
    return;
  }
  buf_putc(out, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      buf_putc(out, '\\');
    buf_putc(out, *s);
  }
  buf_putc(out, '"');
}

void fm_field_format(const LessonMeta *m, FmField f, Buf *out)
{
  const void *v = (const char *)m + fields[f].off;
  switch (fields[f].kind) {
  case FK_INT:
    buf_printf(out, "%d", *(const int *)v);
    break;
  case FK_U64:
    buf_printf(out, "%" PRIu64, *(const uint64_t *)v);
    break;
  case FK_BOOL:
    buf_puts(out, *(const bool *)v ? "true" : "false");
    break;
  case FK_VERDICT:
    buf_puts(out, verdict_names[*(const Verdict *)v]);
    break;
  case FK_PRIMS:
    buf_putc(out, '[');
    for (size_t i = 0; i < m->nprims; i++)
      buf_printf(out, "%s%s", i ? ", " : "", prim_names[m->prims[i]]);
    buf_putc(out, ']');
    break;
  case FK_GUARDS:
    guard_format(&m->guards, out);
    break;
  case FK_HINTS:
    buf_putc(out, '[');
    for (int i = 0; i < FM_NHINTS; i++) {
      buf_puts(out, i ? ", " : "");
      format_string(m->hints[i], out);
    }
    buf_putc(out, ']');
    break;
  default:
    format_string(*(char *const *)v, out);
  }
}

int fm_compare_neutral(const LessonMeta *a, const char *apath,
                       const LessonMeta *b, const char *bpath, FmErrors *errs)
{
  int diffs = 0;
  Buf av = BUF_INIT, bv = BUF_INIT;
  for (int f = 0; f < FM_FIELD_COUNT; f++) {
    if (!fields[f].neutral)
      continue;
    buf_clear(&av);
    buf_clear(&bv);
    fm_field_format(a, (FmField)f, &av);
    fm_field_format(b, (FmField)f, &bv);
    if (strcmp(buf_cstr(&av), buf_cstr(&bv)) == 0)
      continue;
    fm_errors_add(errs, bpath, b->line[f],
                  "%s: %s here but %s in %s:%d (language-neutral fields "
                  "must be the same in every language)",
                  fields[f].key, buf_cstr(&bv), buf_cstr(&av), apath,
                  a->line[f]);
    diffs++;
  }
  buf_fini(&av);
  buf_fini(&bv);
  return diffs;
}
