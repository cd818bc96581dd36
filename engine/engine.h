/* engine.h - the engine's front door: source text in, Go's behaviour out.
 *
 * engine_run() parses, checks, compiles and runs one Go file in this
 * process, writing the program's stdout/stderr as Go would and returning
 * Go's exit status (2 for compile errors, printed as `go build` prints
 * them, file:line:col: message).  The runner forks before calling it. */
#ifndef PANICROOM_ENGINE_ENGINE_H
#define PANICROOM_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "engine/program.h"

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

/* filename is what positions print; src/len the text.  The same as
 * engine_compile, then engine_exec (or the diagnostics on stderr, exit
 * status 2), then program_free. */
int engine_run(const char *filename, const char *src, size_t len,
               const VMOptions *opts, EngineResult *res);

/* Parses, checks and compiles: the Program (caller frees it with
 * program_free; it borrows filename, which must outlive it), or NULL with
 * Go's diagnostics ("prog.go:3:5: undefined: x" lines, as `go build`
 * prints them) appended to errors (may be NULL).  race compiles the
 * memory accesses --race checks (VMOptions.race needs it). */
Program *engine_compile(const char *filename, const char *src, size_t len,
                        Buf *errors, bool race);

/* Runs a compiled program once in a fresh VM and fills res; returns the
 * exit status.  The VM only reads prog, so one Program serves any number
 * of runs (a verify batch runs every schedule on one). */
int engine_exec(Program *prog, const VMOptions *opts, EngineResult *res);
void engine_result_fini(EngineResult *res);

#endif
