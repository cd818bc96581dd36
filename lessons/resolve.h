/* lessons/resolve.h - what a FILE.go|ID argument names, shared by run,
 * verify, compare and trace (SPEC §3).
 *
 * The rule, in order:
 *   1. an argument that names an existing path that is not a directory is
 *      that file, whatever it looks like (a learner's own "send-closed"
 *      file wins over the lesson of that name: the file is what they typed
 *      and can see);
 *   2. an argument that cannot be a lesson id (ids are [a-z][a-z0-9-]*,
 *      so "x.go" or "dir/x" cannot) is a file too, missing or not: the
 *      command's own "cannot read x.go: No such file or directory" says
 *      more than "no lesson";
 *   3. otherwise it is a lesson id of the catalog (catalog.h), and names
 *      scenarios/<id>/broken.go, or fixed.go with --fixed;
 *   4. otherwise: `panicroom: no lesson or file "x" (see panicroom list)`,
 *      which callers turn into exit status 2.
 * --fixed with a file is an error too: there is no fixed twin to pick.
 *
 * The catalog is loaded only for rules 3 and 4, so running a file
 * never depends on the lesson content being present or valid; its load
 * errors are not ours to print here (`panicroom list` does), only whether
 * the id is in it.
 *
 * Ownership: a Resolved owns its strings; free them with resolve_fini().
 */
#ifndef PANICROOM_LESSONS_RESOLVE_H
#define PANICROOM_LESSONS_RESOLVE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"
#include "runner/verdict.h"

typedef struct Resolved {
  char *path;          /* the Go file to read and run */
  bool lesson;         /* the argument was a lesson id */
  /* Lesson only (else NULL / 0 / false): */
  char *id;
  char *expect_path;   /* scenarios/<id>/fixed.stdout: what a correct
                        * program prints (verify ID checks it) */
  bool fixed;          /* path is fixed.go */
  bool schedule_dependent;
  uint64_t seed;       /* front matter `seed:`; 0 = none */
  Verdict verdict;     /* what broken.go ends with */
} Resolved;

/* Resolves arg by the rules above against the data root root (NULL: the
 * catalog's own search, catalog_find_root()).  Returns 0, or -1 with the
 * message (no "panicroom: " prefix, no newline) appended to err. */
int resolve_arg(const char *root, const char *arg, bool fixed, Resolved *out,
                Buf *err);
void resolve_fini(Resolved *r);

/* resolve_arg() for a command: on failure prints "panicroom: <why>" to
 * stderr and returns -1 (the command then exits 2). */
int resolve_or_say(const char *arg, bool fixed, Resolved *out);

/* Whether `run ID` should follow the lesson's seed: only for a failure that
 * depends on the schedule and a seed that was recorded (0 means none). */
bool resolve_uses_seed(const Resolved *r);

#endif
