/* runner/gorun.h - run a Go file with the real toolchain (`go run FILE`)
 * in a forked child, under the same limits as the lab engine (child.h).
 *
 * This is the reference the lab engine is measured against (`run --engine
 * go`, `compare`), so its output is passed through untouched: `go run`
 * itself prints "exit status N" and exits 1 for a program that exited N
 * != 0, and 2 for a compile error (shared/ground-truth.md); callers that
 * compare statuses undo that with gorun_program_status().
 *
 * The environment is fixed so that a run needs no network and does not
 * depend on the learner's Go set-up:
 *   GOCACHE      a private, persistent build cache (gorun_cache_dir), so a
 *                second run of a file costs ~90 ms instead of ~150 ms and
 *                the learner's own cache is never touched;
 *   GO111MODULE=off  a single file needs no module, so no go.mod lookup;
 *   GOPROXY=off, GOTOOLCHAIN=local, GOENV=off, GOFLAGS unset
 *                never download anything, ignore `go env -w` settings.
 * The child has no result channel (no exit record): the verdict comes from
 * the process facts alone (gorun_verdict).
 */
#ifndef PANICROOM_RUNNER_GORUN_H
#define PANICROOM_RUNNER_GORUN_H

#include <stdbool.h>

#include "base/buf.h"
#include "runner/child.h"
#include "runner/verdict.h"

/* What the child _exit()s with when `go` could not be exec'd (the shell's
 * "command not found" status). */
#define GORUN_EXIT_NOEXEC 127

/* Finds an executable `go` on $PATH; fills path and returns 0, or -1. */
int gorun_find(Buf *path);
/* The private build cache: $XDG_CACHE_HOME/panicroom/gocache, else
 * $HOME/.cache/panicroom/gocache, else /tmp/panicroom-gocache-UID;
 * created (mode 0700) if missing.  Returns 0, or -1 with errno set. */
int gorun_cache_dir(Buf *dir);

/* Runs `GO run FILE ARGS...` (go: the path gorun_find gave) in a child
 * under lim (NULL: defaults).  Returns 0 or -1 as runner_spawn(); free out
 * with runner_result_fini(). */
int runner_run_go(const char *go, const char *file, int argc,
                  char *const *argv, const RunLimits *lim, RunResult *out);

/* OK when the child ended by itself (whatever its status); TIMEOUT when we
 * killed it at the wall clock or it hit the CPU limit; SIGNAL when it was
 * killed by another signal (for `go` that is not our bug, but the run did
 * not end normally either). */
Verdict gorun_verdict(const RunResult *r);

/* The status the program itself exited with, from go run's own status
 * and its stderr: go run exits 1 and ends stderr with "exit status N"
 * when the program exited N; *stderr_len is then shortened to drop that
 * line.  Otherwise go run's status stands (0, or 2 for a compile error). */
int gorun_program_status(int go_status, const char *stderr_text,
                         size_t *stderr_len);

#endif
