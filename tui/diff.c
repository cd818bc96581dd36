/* tui/diff.c - line diff by longest common subsequence (see diff.h). */
#include "tui/diff.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void lines_split(const char *text, size_t n, Lines *out)
{
  size_t cap = 16;
  memset(out, 0, sizeof *out);
  out->start = xmalloc(cap * sizeof *out->start);
  out->len = xmalloc(cap * sizeof *out->len);
  size_t i = 0;
  while (i < n) {
    const char *nl = memchr(text + i, '\n', n - i);
    size_t end = nl ? (size_t)(nl - text) : n;
    if ((size_t)out->n == cap) {
      cap *= 2;
      out->start = xrealloc(out->start, cap * sizeof *out->start);
      out->len = xrealloc(out->len, cap * sizeof *out->len);
    }
    out->start[out->n] = text + i;
    out->len[out->n] = end - i;
    out->n++;
    i = end + 1;
  }
}

void lines_fini(Lines *l)
{
  free(l->start);
  free(l->len);
  memset(l, 0, sizeof *l);
}

static int same(const Lines *a, int i, const Lines *b, int j)
{
  return a->len[i] == b->len[j] &&
         memcmp(a->start[i], b->start[j], a->len[i]) == 0;
}

static void push(Diff *d, char op, int a, int b)
{
  DiffLine *l = &d->lines[d->n++];
  l->op = op;
  l->a = a;
  l->b = b;
  d->added += op == '+';
  d->removed += op == '-';
}

/* The middle a[lo_a, hi_a) against b[lo_b, hi_b) by an LCS table of
 * suffix lengths, then one walk from the top. */
static void middle(const Lines *a, int lo_a, int hi_a, const Lines *b,
                   int lo_b, int hi_b, Diff *d)
{
  size_t na = (size_t)(hi_a - lo_a), nb = (size_t)(hi_b - lo_b);
  size_t w = nb + 1;
  if ((na + 1) * w > DIFF_MAX_CELLS) {
    for (int i = lo_a; i < hi_a; i++)
      push(d, '-', i + 1, 0);
    for (int j = lo_b; j < hi_b; j++)
      push(d, '+', 0, j + 1);
    return;
  }
  int *t = xcalloc((na + 1) * w, sizeof *t);
  for (size_t i = na; i-- > 0;)
    for (size_t j = nb; j-- > 0;)
      t[i * w + j] = same(a, lo_a + (int)i, b, lo_b + (int)j)
                         ? t[(i + 1) * w + j + 1] + 1
                         : (t[(i + 1) * w + j] > t[i * w + j + 1]
                                ? t[(i + 1) * w + j]
                                : t[i * w + j + 1]);
  size_t i = 0, j = 0;
  while (i < na || j < nb) {
    if (i < na && j < nb && same(a, lo_a + (int)i, b, lo_b + (int)j)) {
      push(d, ' ', lo_a + (int)i + 1, lo_b + (int)j + 1);
      i++, j++;
    } else if (i < na && (j == nb || t[(i + 1) * w + j] >= t[i * w + j + 1])) {
      /* Removed lines before added ones, as diff -u shows a change. */
      push(d, '-', lo_a + (int)++i, 0);
    } else {
      push(d, '+', 0, lo_b + (int)++j);
    }
  }
  free(t);
}

void diff_compute(const Lines *a, const Lines *b, Diff *out)
{
  memset(out, 0, sizeof *out);
  out->lines = xmalloc(((size_t)a->n + (size_t)b->n + 1) * sizeof *out->lines);
  int head = 0;
  while (head < a->n && head < b->n && same(a, head, b, head))
    head++;
  int tail = 0;
  while (tail < a->n - head && tail < b->n - head &&
         same(a, a->n - 1 - tail, b, b->n - 1 - tail))
    tail++;
  for (int i = 0; i < head; i++)
    push(out, ' ', i + 1, i + 1);
  middle(a, head, a->n - tail, b, head, b->n - tail, out);
  for (int k = tail; k > 0; k--)
    push(out, ' ', a->n - k + 1, b->n - k + 1);
}

void diff_fini(Diff *d)
{
  free(d->lines);
  memset(d, 0, sizeof *d);
}
