/* cmd_trace.c - `panicroom trace FILE.go|ID [--fixed] [--seed N]
 * [--strategy S] [--depth D] [--replay TOKEN] [--max-steps N]`: runs a Go
 * file in the lab engine and writes its event trace (docs/trace.md) to
 * stdout.  An ID names a lesson's broken.go (fixed.go with --fixed), run on
 * the lesson's seed as `run ID` does (lessons/resolve.h, cmd_run.c).
 *
 * Why stdout for the trace and stderr for the program: the trace is the
 * product (piped into a viewer, jq, a grader), and the program's own
 * output must not interleave with it; both of the program's streams go to
 * stderr, in order.  The exit status is the program's, as for `run`.
 *
 * The engine runs in this process: tracing is for looking at a program,
 * and a runaway one is stopped with --max-steps (or ^C).  The replay
 * token may carry a recorded choice list (sched.h), which is followed
 * exactly; the choices of this run are always recorded, and the trace's
 * last line carries the full token that reproduces it. */
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/os.h"
#include "engine/engine.h"
#include "engine/trace.h"
#include "lessons/resolve.h"

typedef struct TraceArgs {
  const char *file;
  const char *replay;
  uint64_t seed, depth, max_steps;
  Strategy strategy;
  bool schedule_set; /* --seed, --strategy or --depth given */
  bool fixed;        /* --fixed: a lesson's fixed.go */
} TraceArgs;

bool cli_trace_writable(const char *path)
{
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    fprintf(stderr, "panicroom: cannot write %s: %s\n", path,
            strerror(errno));
    return false;
  }
  close(fd);
  return true;
}

/* Both of the program's streams go to stderr (see the top). */
static void to_stderr(void *ctx, int fd, const char *p, size_t n)
{
  (void)ctx;
  (void)fd;
  (void)os_write_all(2, p, n);
}

static int parse_opt(const char *a, const char *v, TraceArgs *ta)
{
  if (strcmp(a, "--replay") == 0) {
    ta->replay = v;
    return 0;
  }
  if (strcmp(a, "--strategy") == 0) {
    ta->schedule_set = true;
    if (sched_strategy_parse(v, &ta->strategy))
      return cli_usage_error("--strategy must be go, random or pct");
    return 0;
  }
  uint64_t *dst = strcmp(a, "--seed") == 0        ? &ta->seed
                  : strcmp(a, "--depth") == 0     ? &ta->depth
                  : strcmp(a, "--max-steps") == 0 ? &ta->max_steps
                                                  : NULL;
  if (!dst) return cli_usage_error("trace: unknown option %s", a);
  if (cli_parse_u64(v, dst))
    return cli_usage_error("%s needs a non-negative integer", a);
  ta->schedule_set |= dst != &ta->max_steps;
  return 0;
}

static int parse_args(int argc, char **argv, TraceArgs *ta)
{
  memset(ta, 0, sizeof *ta);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--fixed") == 0) {
      ta->fixed = true;
    } else if (a[0] == '-' && a[1]) {
      if (i + 1 >= argc) return cli_usage_error("trace: %s needs a value", a);
      int rc = parse_opt(a, argv[++i], ta);
      if (rc) return rc;
    } else if (!ta->file) {
      ta->file = a;
    } else {
      return cli_usage_error("trace: one file at a time");
    }
  }
  if (!ta->file)
    return cli_usage_error("trace: which file? (trace FILE.go|ID)");
  if (ta->replay && ta->schedule_set)
    return cli_usage_error("trace: --replay already names the strategy, "
                           "depth and seed");
  if (ta->depth > 16) return cli_usage_error("--depth must be from 1 to 16");
  return 0;
}

/* The schedule from the token or the options; CLI_USAGE on a bad token. */
static int schedule(const TraceArgs *ta, SchedToken *tok, VMOptions *opts)
{
  memset(tok, 0, sizeof *tok);
  if (ta->replay) {
    Buf err = BUF_INIT;
    if (sched_token_parse(ta->replay, tok, &err)) {
      int rc = cli_usage_error("trace: %s", buf_cstr(&err));
      buf_fini(&err);
      return rc;
    }
  } else {
    tok->strategy = ta->strategy;
    tok->seed = ta->seed;
    tok->pct_depth = (int)ta->depth;
  }
  opts->strategy = tok->strategy;
  opts->seed = tok->seed;
  opts->pct_depth = tok->pct_depth;
  opts->replay = tok->choices;
  opts->nreplay = tok->nchoices;
  return 0;
}

static int run_traced(const TraceArgs *ta, const char *src, size_t len)
{
  SchedToken tok;
  VMOptions opts = {.max_steps = (int64_t)ta->max_steps, .write = to_stderr};
  int rc = schedule(ta, &tok, &opts);
  if (rc) return rc;
  Buf record = BUF_INIT;
  char *argv0[] = {(char *)ta->file, NULL};
  opts.argc = 1;
  opts.argv = argv0;
  opts.record = &record;
  opts.trace = trace_new(1, ta->file);
  EngineResult res;
  rc = engine_run(ta->file, src, len, &opts, &res);
  if (!trace_flush(opts.trace))
    fprintf(stderr, "panicroom: trace: %s\n", trace_error(opts.trace));
  engine_result_fini(&res);
  trace_free(opts.trace);
  buf_fini(&record);
  sched_token_fini(&tok);
  return rc;
}

/* FILE.go or a lesson id, with the lesson's seed as for `run ID`. */
static int resolve_file(TraceArgs *ta, Resolved *res)
{
  if (resolve_or_say(ta->file, ta->fixed, res) < 0) return CLI_USAGE;
  ta->file = res->path;
  if (resolve_uses_seed(res) && !ta->schedule_set && !ta->replay) {
    ta->strategy = STRAT_RANDOM;
    ta->seed = res->seed;
  }
  return 0;
}

int cmd_trace(int argc, char **argv)
{
  TraceArgs ta;
  Resolved res;
  int rc = parse_args(argc, argv, &ta);
  if (rc) return rc;
  if (resolve_file(&ta, &res)) return CLI_USAGE;
  size_t len;
  char *src = cli_read_source(ta.file, &len);
  if (!src) {
    resolve_fini(&res);
    return CLI_USAGE;
  }
  rc = run_traced(&ta, src, len);
  free(src);
  resolve_fini(&res);
  return rc;
}
