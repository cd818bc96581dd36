/* runner/record.h - the exit record: how the child says how its run ended.
 *
 * The child writes one line on its result channel (fd RUN_RESULT_FD, see
 * child.h) as its last act; the parent parses it after the child is gone
 * and decides the verdict from it (verdict.h), never from stdout/stderr.
 *
 *   end=panic status=2 compile=0 steps=1234 goroutines=3 races=0 leaks=0
 *   first=panic:%20send%20on%20closed%20channel\n
 *
 * (one line; wrapped here).  Grammar, strict on purpose:
 *   - exactly these eight fields, in this order, one space between them,
 *     ending in "\n"; no other keys, nothing after the newline.  Parent and
 *     child are the same binary, so there is no version skew to tolerate,
 *     and a record that does not parse is evidence of a bug, not a dialect;
 *   - end: exit | panic | fatal | deadlock | steps | oom (engine/vm.h VMEnd);
 *   - status 0..255 (the child's exit status; must match what it _exit()s),
 *     compile 0 | 1, steps 0..INT64_MAX, goroutines/races/leaks 0..INT_MAX,
 *     decimal without sign or leading zeros;
 *   - first: the first stderr line of the crash or compile error, at most
 *     RECORD_FIRST_MAX bytes (longer lines are cut when written), with every
 *     byte outside '!'..'~' and '%' itself written as %XX (uppercase hex);
 *     empty when there was none.  %00 is rejected: a C string cannot hold it.
 * races= and leaks= are the hooks for the race detector and leak check
 * (Engine II); the engine reports 0 until then.
 *
 * The result channel may later carry trace events before the record (lines
 * starting with '{'); the record is always the last line.
 */
#ifndef PANICROOM_RUNNER_RECORD_H
#define PANICROOM_RUNNER_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "engine/engine.h"

/* A panic value can be long; the first line only labels the run, and the
 * full text is in the stderr capture. */
#define RECORD_FIRST_MAX 256
/* Longest valid record: the fixed fields (< 200 bytes) plus a first line
 * fully escaped (3 bytes per byte). */
#define RECORD_LINE_MAX (200 + 3 * RECORD_FIRST_MAX)

typedef struct Record {
  VMEnd end;
  int status;                       /* exit status, 0..255 */
  bool compile_error;
  int64_t steps;
  int goroutines;
  int races;                        /* data races reported */
  int leaks;                        /* goroutines blocked at exit */
  char first[RECORD_FIRST_MAX + 1]; /* unescaped, NUL-terminated */
} Record;

/* Fills rec from an engine result (races/leaks 0 until the engine has
 * them); first_error is cut to RECORD_FIRST_MAX bytes. */
void record_from_engine(Record *rec, const EngineResult *r);
/* Appends the record line, "\n" included. */
void record_format(const Record *rec, Buf *out);
/* The child side: formats r's record and writes it on fd in one write.
 * Returns 0, or -1 with errno set. */
int record_write(int fd, const EngineResult *r);
/* Parses one line (n bytes, the "\n" included).  Returns 0, or -1 with
 * *why set to a static phrase naming the first problem found
 * ("field 3 is not compile=", ...). rec is unspecified on failure. */
int record_parse(const char *line, size_t n, Record *rec, const char **why);
/* "exit", "panic", ...; NULL for a value outside VMEnd. */
const char *record_end_name(VMEnd end);

#endif
