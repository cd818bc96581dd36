/* engine.h - the engine's front door: source text in, Go's behaviour out.
 *
 * engine_run() parses, checks, compiles and runs one Go file in this
 * process, writing the program's stdout/stderr as Go would and returning
 * Go's exit status (2 for compile errors, printed as `go build` prints
 * them, file:line:col: message).  The runner forks before calling it. */
#ifndef PANICROOM_ENGINE_ENGINE_H
#define PANICROOM_ENGINE_ENGINE_H

#include <stddef.h>

#include "engine/vm.h"

typedef struct EngineResult {
  int exit_status;
  VMEnd end;          /* how the run ended; VM_END_EXIT also for compile
                       * errors, see compile_error */
  int compile_error;  /* 1 if the program did not compile */
  char *first_error;  /* first stderr line of the crash or compile error,
                       * malloc'd, NULL if none */
  int64_t steps;      /* instructions executed */
  int ngoroutines;    /* goroutines ever created */
  int races;          /* data races reported (VMOptions.race) */
  int leaks;          /* goroutines blocked when main returned
                       * (VMOptions.leaks) */
} EngineResult;

/* filename is what positions print; src/len the text. */
int engine_run(const char *filename, const char *src, size_t len,
               const VMOptions *opts, EngineResult *res);
void engine_result_fini(EngineResult *res);

#endif
