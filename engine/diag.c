/* diag.c - collects compile errors and prints them the way `go build` does.
 * See diag.h. */
#include "engine/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void diag_init(Diags *d, const char *file) {
  memset(d, 0, sizeof *d);
  d->file = file;
}

void diag_fini(Diags *d) {
  for (int i = 0; i < d->len; i++) free(d->items[i].msg);
  free(d->items);
  memset(d, 0, sizeof *d);
}

static bool is_syntax(const char *msg) {
  return strncmp(msg, "syntax error", 12) == 0;
}

/* Go's compiler reports one syntax error per line and drops repeats of
 * the same message on a line; distinct type errors on one line all show. */
static bool is_repeat(const Diags *d, Pos pos, const char *msg) {
  for (int i = 0; i < d->len; i++) {
    const DiagEntry *e = &d->items[i];
    if (e->pos.line != pos.line) continue;
    if (strcmp(e->msg, msg) == 0) return true;
    if (is_syntax(msg) && is_syntax(e->msg)) return true;
  }
  return false;
}

void diag_error(Diags *d, Pos pos, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (is_repeat(d, pos, tmp)) return;
  if (d->len == d->cap) {
    d->cap = d->cap ? 2 * d->cap : 8;
    d->items = xrealloc(d->items, (size_t)d->cap * sizeof *d->items);
  }
  d->items[d->len].pos = pos;
  d->items[d->len].msg = xstrdup(tmp);
  d->len++;
}

bool diag_any(const Diags *d) { return d->len > 0; }

static int by_pos(const void *x, const void *y) {
  const DiagEntry *a = x, *b = y;
  if (a->pos.line != b->pos.line) return a->pos.line < b->pos.line ? -1 : 1;
  if (a->pos.col != b->pos.col) return a->pos.col < b->pos.col ? -1 : 1;
  return 0;
}

void diag_format(Diags *d, Buf *out) {
  if (d->len > 1)
    qsort(d->items, (size_t)d->len, sizeof *d->items, by_pos);
  for (int i = 0; i < d->len && i < DIAG_MAX; i++)
    buf_printf(out, "%s:%d:%d: %s\n", d->file, d->items[i].pos.line,
               d->items[i].pos.col, d->items[i].msg);
  if (d->len > DIAG_MAX)
    buf_printf(out, "%s:%d:%d: too many errors\n", d->file,
               d->items[DIAG_MAX].pos.line, d->items[DIAG_MAX].pos.col);
}
