/* runner/run.c - see run.h. */
#include "runner/run.h"

#include <string.h>

#include "engine/engine.h"
#include "engine/trace.h"
#include "runner/record.h"

typedef struct SourceJob {
  const char *filename;
  const char *src;
  size_t len;
  VMOptions opts;
} SourceJob;

/* In the child.  The status returned is engine_run()'s, not the record's,
 * so that verdict_decide() catches an engine whose two disagree. */
static int source_child(void *arg, int result_fd)
{
  SourceJob *job = arg;
  EngineResult res;
  int status;

  memset(&res, 0, sizeof res);
  status = engine_run(job->filename, job->src, job->len, &job->opts, &res);
  /* A trace on the result channel (a Trace made on RUN_RESULT_FD, as the
   * TUI does) streams its events ahead of the record, which must be the
   * channel's last line: whatever it still buffers goes out first. */
  if (job->opts.trace)
    (void)trace_flush(job->opts.trace);
  /* A failed write leaves no record: the parent then says so (a `signal`
   * verdict naming the missing record), which is the truth. */
  (void)record_write(result_fd, &res);
  engine_result_fini(&res);
  return status;
}

int runner_run_source(const char *filename, const char *src, size_t len,
                      const VMOptions *opts, const RunLimits *lim,
                      RunResult *out)
{
  SourceJob job = {.filename = filename, .src = src, .len = len};

  if (opts)
    job.opts = *opts;
  job.opts.write = NULL; /* straight to fd 1 and 2: our pipes */
  job.opts.write_ctx = NULL;
  return runner_spawn(lim, source_child, &job, out);
}
