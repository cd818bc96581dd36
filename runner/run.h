/* runner/run.h - run one Go source file in the lab engine, in a forked
 * child under limits (child.h), and return everything needed for a verdict
 * (verdict_decide()).
 *
 * The design decision is that this layer is thin: the child calls
 * engine_run() with the program's output going straight to its own fd 1
 * and 2 (the parent's pipes), then writes the exit record (record.h) on its
 * result channel and _exit()s with the engine's exit status.  Everything
 * about limits, capture and reaping lives in child.c, where it is tested
 * with child functions that need no engine.
 */
#ifndef PANICROOM_RUNNER_RUN_H
#define PANICROOM_RUNNER_RUN_H

#include <stddef.h>

#include "engine/vm.h"
#include "runner/child.h"

/* opts may be NULL (defaults); its write/write_ctx are ignored, since a
 * callback into the parent's memory would write into the child's copy.
 * All arguments are only read, and only until the function returns.
 * Returns 0 or -1 as runner_spawn(); free out with runner_result_fini(). */
int runner_run_source(const char *filename, const char *src, size_t len,
                      const VMOptions *opts, const RunLimits *lim,
                      RunResult *out);

#endif
