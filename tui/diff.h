/* tui/diff.h - a line diff of two texts, for the code pane's diff view
 * (broken.go against the fix or the learner's copy).
 *
 * The decision: a plain longest-common-subsequence table after trimming
 * the common head and tail. Lesson programs are under 100 lines and a fix
 * changes at most 7 (SPEC §1), so the table is tiny; past
 * DIFF_MAX_CELLS the middle is shown as all removed then all added rather
 * than spending memory on a learner's pasted megabyte.
 *
 * Ownership: Lines borrow the text they were split from; a Diff owns its
 * array (diff_fini).
 */
#ifndef PANICROOM_TUI_DIFF_H
#define PANICROOM_TUI_DIFF_H

#include <stddef.h>

/* 4M ints = 16 MiB: ~2000 x 2000 lines of changed middle. */
#define DIFF_MAX_CELLS ((size_t)4 << 20)

typedef struct Lines {
  const char **start; /* owned array; the bytes are borrowed */
  size_t *len;        /* without the '\n' */
  int n;
} Lines;

/* Splits text at '\n'; a final newline does not open an empty line. */
void lines_split(const char *text, size_t n, Lines *out);
void lines_fini(Lines *l);

typedef struct DiffLine {
  char op; /* ' ' same, '-' only in a, '+' only in b */
  int a;   /* 1-based line in a, 0 for '+' */
  int b;   /* 1-based line in b, 0 for '-' */
} DiffLine;

typedef struct Diff {
  DiffLine *lines; /* owned */
  int n;
  int added, removed;
} Diff;

/* The whole of both texts, in order, unchanged lines included. */
void diff_compute(const Lines *a, const Lines *b, Diff *out);
void diff_fini(Diff *d);

#endif
