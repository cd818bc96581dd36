/* diag.h - diagnostics about the learner's Go code.
 *
 * Errors in the program being compiled are data, not failures of panicroom:
 * the lexer, parser and checker append them here and go on, so one run
 * reports as many errors as it can (like Go's compiler, which stops after
 * 10).  Messages use the Go compiler's words; diag_print() writes them as
 * "file.go:LINE:COL: message", sorted by position, one per line. */
#ifndef PANICROOM_ENGINE_DIAG_H
#define PANICROOM_ENGINE_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "base/buf.h"

/* A source position.  line and col are 1-based; col counts bytes, as Go's
 * compiler does. */
typedef struct Pos {
  int line, col;
} Pos;

typedef struct DiagEntry {
  Pos pos;
  char *msg; /* owned */
} DiagEntry;

/* The list owns its entries.  file is borrowed: it must outlive the list. */
typedef struct Diags {
  const char *file;
  DiagEntry *items;
  int len, cap;
} Diags;

/* Go's compiler gives up after this many errors ("too many errors"). */
#define DIAG_MAX 10

void diag_init(Diags *d, const char *file);
void diag_fini(Diags *d);
/* Records an error at pos.  Like Go's compiler, a second syntax error on
 * a line and a repeated message on a line are dropped. */
void diag_error(Diags *d, Pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool diag_any(const Diags *d);
/* Sorts by position and writes "file:L:C: msg\n" lines (at most DIAG_MAX,
 * then "too many errors") into out. */
void diag_format(Diags *d, Buf *out);

#endif
