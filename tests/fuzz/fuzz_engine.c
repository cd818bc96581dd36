/* fuzz_engine.c - libFuzzer entry point: compiles and runs arbitrary bytes
 * as a Go program.
 *
 * The engine's contract is that nothing, in the Go subset or outside it,
 * crashes it: every input goes through engine_compile and, if it compiles,
 * one engine_exec.  The step and heap limits keep each run short and small
 * (an endless loop ends as VM_END_STEPS, a huge make() as VM_END_OOM), and
 * the program's output is thrown away.  Any crash, sanitizer report, leak
 * or hang is a bug.  See README. */
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "engine/engine.h"

/* 20000 instructions run any seed program's interesting part; more only
 * slows the fuzzer down.  16 MiB is well above what a seed needs and well
 * below -rss_limit_mb. */
#define FUZZ_MAX_STEPS 20000
#define FUZZ_MEM_LIMIT ((size_t)16 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void sink(void *ctx, int fd, const char *p, size_t n)
{
  (void)ctx;
  (void)fd;
  (void)p;
  (void)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  Buf errors = BUF_INIT;
  Program *prog =
      engine_compile("fuzz.go", (const char *)data, size, &errors, false);
  if (prog) {
    VMOptions opts = {
        .max_steps = FUZZ_MAX_STEPS,
        .mem_limit = FUZZ_MEM_LIMIT,
        .write = sink,
    };
    EngineResult res;
    engine_exec(prog, &opts, &res);
    engine_result_fini(&res);
    program_free(prog);
  }
  buf_fini(&errors);
  return 0;
}
