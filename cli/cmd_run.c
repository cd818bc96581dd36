/* cmd_run.c - `panicroom run FILE.go|ID [--fixed] [options] [-- ARGS]`:
 * runs one Go file and behaves like the compiled Go program: same stdout,
 * same stderr for panics, fatal errors and deadlocks, same exit status.
 *
 * An ID names a lesson (lessons/resolve.h): its broken.go, or fixed.go
 * with --fixed.  When the lesson's failure depends on the schedule and its
 * front matter records a seed, the run follows `random::SEED` (the search
 * in check-lessons finds such seeds under the random strategy), unless
 * --seed, --strategy or --replay says otherwise; a seed of 0 means none
 * was recorded and the default schedule stands.
 *
 * The program runs in a forked child under limits (runner/), and its
 * stdout and stderr are passed through to ours as they arrive, byte for
 * byte, so a learner sees output live and a script sees exactly Go's.
 * The defaults, each overridable where an option says so:
 *   wall clock   15 s      (--timeout SECS sets wall clock and CPU time)
 *   CPU time     10 s
 *   address space 1 GiB    (RLIMIT_AS, the backstop; the lab engine's own
 *                           heap limit is 256 MiB and ends a run as Go
 *                           does: "fatal error: runtime: out of memory")
 *   steps        none      (--max-steps N: a deterministic limit)
 *   output       the first 64 MiB of each stream are passed through; the
 *                rest is read and dropped, and said so.
 *
 * An ending that is not the program's own doing is reported after the
 * program's output, on stderr, with a "panicroom: " prefix, and gives a
 * status of its own:
 *   timeout  124 (as coreutils timeout(1): the program did not end, we
 *                 ended it)
 *   oom      2   (as Go: "fatal error: runtime: out of memory" exits 2)
 *   signal   3   (the child crashed: a panicroom bug, said as such;
 *                 CLI_INTERNAL, as a sandbox failure)
 * With --engine go, `go run` runs the file under the same limits and its
 * output and status are passed through unchanged (go run exits 1 and
 * prints "exit status N" for a program that exited N); without a go
 * toolchain the status is 2, like any other thing we could not run.
 */
#include "cli/cli.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/os.h"
#include "engine/trace.h"
#include "lessons/resolve.h"
#include "runner/gorun.h"
#include "runner/run.h"
#include "runner/schedule.h"
#include "runner/verdict.h"
#include "runner/verify.h"

#define RUN_CLI_WALL_MS 15000
#define RUN_CLI_CPU_S 10
/* Per stream: far beyond what a lesson prints, small enough that a
 * runaway print loop does not bury the terminal's scrollback. */
#define RUN_PASS_MAX ((uint64_t)64 << 20)
#define RUN_EXIT_TIMEOUT 124

typedef struct RunArgs {
  const char *file;
  ScheduleSpec spec;
  bool seed_set, strategy_set, depth_set;
  const char *replay;
  const char *trace;   /* --trace FILE: the event trace (docs/trace.md) */
  int64_t max_steps;
  uint64_t timeout_s;
  bool engine_go;
  bool race, leaks; /* --race, --leaks (VMOptions) */
  bool fixed;       /* --fixed: a lesson's fixed.go */
  int prog_argc;
  char **prog_argv;
} RunArgs;

/* --- shared helpers (cli.h) ---------------------------------------------- */

int cli_parse_u64(const char *s, uint64_t *out)
{
  char *end;
  unsigned long long v;

  if (!s || *s < '0' || *s > '9')
    return -1;
  errno = 0;
  v = strtoull(s, &end, 10);
  if (errno || *end)
    return -1;
  *out = v;
  return 0;
}

char *cli_read_source(const char *path, size_t *len)
{
  char *src = os_read_file(path, len);

  if (!src)
    fprintf(stderr, "panicroom: cannot read %s: %s\n", path,
            strerror(errno));
  return src;
}

char **cli_prog_args(const char *file, int n, char **args)
{
  char **v = xcalloc((size_t)n + 2, sizeof *v);

  v[0] = (char *)file; /* os.Args[0], as for a built Go binary */
  for (int i = 0; i < n; i++)
    v[i + 1] = args[i];
  return v;
}

/* --- arguments ------------------------------------------------------------ */

/* The value of option argv[*i]; NULL (after the message) if missing. */
static const char *opt_value(int argc, char **argv, int *i)
{
  if (*i + 1 >= argc) {
    cli_usage_error("run: %s needs a value", argv[*i]);
    return NULL;
  }
  return argv[++*i];
}

static int parse_number_opt(const char *a, const char *v, RunArgs *ra)
{
  uint64_t n;

  if (cli_parse_u64(v, &n) < 0)
    return cli_usage_error("%s needs a non-negative integer", a);
  if (strcmp(a, "--seed") == 0) {
    ra->spec.seed = n;
    ra->seed_set = true;
  } else if (strcmp(a, "--depth") == 0) {
    if (n < 1 || n > SCHEDULE_MAX_DEPTH)
      return cli_usage_error("--depth must be from 1 to %d",
                             SCHEDULE_MAX_DEPTH);
    ra->spec.depth = (int)n;
    ra->depth_set = true;
  } else if (strcmp(a, "--max-steps") == 0) {
    if (n == 0 || n > INT64_MAX)
      return cli_usage_error("--max-steps must be from 1 to %" PRId64,
                             INT64_MAX);
    ra->max_steps = (int64_t)n;
  } else {
    if (n == 0 || n > 86400)
      return cli_usage_error("--timeout must be from 1 to 86400 seconds");
    ra->timeout_s = n;
  }
  return 0;
}

/* One option with its value; returns 0 or CLI_USAGE. */
static int parse_option(int argc, char **argv, int *i, RunArgs *ra)
{
  const char *a = argv[*i], *v;

  if (strcmp(a, "--race") == 0 || strcmp(a, "--leaks") == 0) {
    *(a[2] == 'r' ? &ra->race : &ra->leaks) = true;
    return 0;
  }
  if (strcmp(a, "--fixed") == 0) {
    ra->fixed = true;
    return 0;
  }
  if (strcmp(a, "--seed") && strcmp(a, "--strategy") && strcmp(a, "--depth")
      && strcmp(a, "--max-steps") && strcmp(a, "--timeout") &&
      strcmp(a, "--engine") && strcmp(a, "--replay") && strcmp(a, "--trace"))
    return cli_usage_error("run: unknown option %s", a);
  if (!(v = opt_value(argc, argv, i)))
    return CLI_USAGE;
  if (strcmp(a, "--strategy") == 0) {
    if (schedule_strategy_from_name(v, &ra->spec.strategy) < 0)
      return cli_usage_error("--strategy must be go, random or pct");
    ra->strategy_set = true;
  } else if (strcmp(a, "--engine") == 0) {
    if (strcmp(v, "lab") && strcmp(v, "go"))
      return cli_usage_error("--engine must be lab or go");
    ra->engine_go = strcmp(v, "go") == 0;
  } else if (strcmp(a, "--replay") == 0) {
    ra->replay = v;
  } else if (strcmp(a, "--trace") == 0) {
    ra->trace = v;
  } else {
    return parse_number_opt(a, v, ra);
  }
  return 0;
}

/* The schedule from --replay, or from --strategy/--seed/--depth. */
static int settle_schedule(RunArgs *ra)
{
  const char *why;

  if (ra->replay) {
    if (ra->seed_set || ra->strategy_set || ra->depth_set)
      return cli_usage_error("run: --replay already names the strategy, "
                             "depth and seed");
    if (schedule_parse(ra->replay, &ra->spec, &why) < 0)
      return cli_usage_error("run: bad replay token %s: %s", ra->replay,
                             why);
    return 0;
  }
  if (ra->depth_set && ra->spec.strategy != STRAT_PCT)
    return cli_usage_error("run: --depth is for --strategy pct");
  if (ra->spec.strategy == STRAT_PCT && !ra->depth_set)
    ra->spec.depth = SCHEDULE_DEFAULT_DEPTH;
  return 0;
}

static int check_engine_go(const RunArgs *ra)
{
  if (ra->engine_go && (ra->seed_set || ra->strategy_set || ra->depth_set ||
                        ra->replay || ra->max_steps || ra->race ||
                        ra->leaks))
    return cli_usage_error("run: --engine go runs real Go, which takes no "
                           "seed, strategy, replay, step limit, --race or "
                           "--leaks here");
  return 0;
}

static int parse_args(int argc, char **argv, RunArgs *ra)
{
  int rc;

  memset(ra, 0, sizeof *ra);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];

    if (strcmp(a, "--") == 0) {
      ra->prog_argc = argc - i - 1;
      ra->prog_argv = argv + i + 1;
      break;
    } else if (a[0] == '-' && a[1]) {
      if ((rc = parse_option(argc, argv, &i, ra)) != 0)
        return rc;
    } else if (!ra->file) {
      ra->file = a;
    } else {
      return cli_usage_error("run: one file at a time (got %s and %s)",
                             ra->file, a);
    }
  }
  if (!ra->file)
    return cli_usage_error("run: which file? (run FILE.go|ID)");
  if ((rc = settle_schedule(ra)) != 0)
    return rc;
  return check_engine_go(ra);
}

/* --- passing output through --------------------------------------------- */

typedef struct Relay {
  uint64_t total[3], passed[3]; /* by fd: 1 stdout, 2 stderr */
  char last;                    /* the last byte passed, either stream */
} Relay;

static void relay_output(void *ctx, int fd, const char *p, size_t n)
{
  Relay *r = ctx;
  uint64_t room = RUN_PASS_MAX - r->passed[fd];
  size_t k = n < room ? n : (size_t)room;

  r->total[fd] += n;
  if (k == 0)
    return;
  /* A closed stdout ends us with SIGPIPE, as it ends a Go program; any
   * other write error loses output we cannot show anywhere else. */
  if (os_write_all(fd, p, k) < 0 && errno != EPIPE)
    die("write to fd %d: %s", fd, strerror(errno));
  r->passed[fd] += k;
  r->last = p[k - 1];
}

/* Our own lines go after the program's output, on a line of their own. */
static void say(Relay *r, const char *fmt, ...) PANICROOM_PRINTF(2, 3);

static void say(Relay *r, const char *fmt, ...)
{
  va_list ap;

  if (r->last && r->last != '\n')
    fputc('\n', stderr);
  r->last = '\n';
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

static void say_truncation(Relay *r)
{
  static const char *const names[] = {"", "stdout", "stderr"};

  for (int fd = 1; fd <= 2; fd++)
    if (r->total[fd] > r->passed[fd])
      say(r, "panicroom: output truncated: the program wrote %" PRIu64
          " bytes to %s; only the first %" PRIu64 " are shown",
          r->total[fd], names[fd], r->passed[fd]);
}

static void fill_limits(const RunArgs *ra, Relay *relay, RunLimits *lim)
{
  memset(lim, 0, sizeof *lim);
  lim->wall_ms = ra->timeout_s ? ra->timeout_s * 1000u : RUN_CLI_WALL_MS;
  lim->cpu_s = ra->timeout_s ? ra->timeout_s : RUN_CLI_CPU_S;
  lim->on_output = relay_output;
  lim->output_ctx = relay;
}

/* --- endings -------------------------------------------------------------- */

static int say_timeout(Relay *relay, const RunResult *r)
{
  if (r->timed_out)
    say(relay, "panicroom: timeout: the program ran longer than %" PRIu64
        " s (wall clock)", r->limits.wall_ms / 1000u);
  else if (!r->exited)
    say(relay, "panicroom: timeout: the program ran longer than %" PRIu64
        " s of CPU time", r->limits.cpu_s);
  else
    say(relay, "panicroom: timeout: the program reached the step limit "
        "(%" PRId64 " steps)", r->record.steps);
  return RUN_EXIT_TIMEOUT;
}

/* The status of a lab-engine run, after saying what the program did not. */
static int finish_lab(Relay *relay, const RunResult *r)
{
  Verdict v = verdict_decide(r);
  Buf why = BUF_INIT;
  int status = r->exit_status;

  say_truncation(relay);
  if (v == VERDICT_TIMEOUT) {
    status = say_timeout(relay, r);
  } else if (v == VERDICT_OOM) {
    if (r->exited)
      say(relay, "panicroom: oom: the program went over its heap limit "
          "of %zu MiB", VERIFY_DEFAULT_MEM_LIMIT >> 20);
    else
      say(relay, "panicroom: oom: the program ran out of its %" PRIu64
          " MiB of address space", r->limits.as_bytes >> 20);
    status = 2;
  } else if (v == VERDICT_SIGNAL) {
    verdict_explain(r, v, &why);
    say(relay, "%s", buf_cstr(&why));
    status = CLI_INTERNAL;
  }
  buf_fini(&why);
  return status;
}

static int finish_go(Relay *relay, const RunResult *r)
{
  Verdict v = gorun_verdict(r);

  say_truncation(relay);
  if (v == VERDICT_TIMEOUT)
    return say_timeout(relay, r);
  if (v == VERDICT_SIGNAL) {
    say(relay, "panicroom: go run was killed by signal %d (%s)", r->signo,
        strsignal(r->signo));
    return 128 + r->signo;
  }
  return r->exit_status;
}

static int run_go(const RunArgs *ra)
{
  Relay relay = {{0}, {0}, 0};
  RunLimits lim;
  RunResult r;
  Buf go = BUF_INIT;
  int status;

  if (gorun_find(&go) < 0) {
    buf_fini(&go);
    fprintf(stderr, "panicroom: the go toolchain is not installed "
                    "(apt-get install golang-go)\n");
    return CLI_USAGE;
  }
  fill_limits(ra, &relay, &lim);
  if (runner_run_go(buf_cstr(&go), ra->file, ra->prog_argc, ra->prog_argv,
                    &lim, &r) < 0) {
    fprintf(stderr, "panicroom: sandbox: %s\n", r.sandbox_error);
    status = CLI_INTERNAL;
  } else {
    status = finish_go(&relay, &r);
  }
  runner_result_fini(&r);
  buf_fini(&go);
  return status;
}

static int run_lab(const RunArgs *ra, const char *src, size_t len)
{
  Relay relay = {{0}, {0}, 0};
  VMOptions opts = {.max_steps = ra->max_steps,
                    .mem_limit = VERIFY_DEFAULT_MEM_LIMIT};
  RunLimits lim;
  RunResult r;
  int status;

  schedule_to_options(&ra->spec, &opts);
  opts.race = ra->race;
  opts.leaks = ra->leaks;
  /* The child opens the file (it closes inherited fds): check it first. */
  if (ra->trace && !cli_trace_writable(ra->trace)) return CLI_USAGE;
  opts.trace = ra->trace ? trace_new_path(ra->trace, ra->file) : NULL;
  opts.argc = ra->prog_argc + 1;
  opts.argv = cli_prog_args(ra->file, ra->prog_argc, ra->prog_argv);
  fill_limits(ra, &relay, &lim);
  if (runner_run_source(ra->file, src, len, &opts, &lim, &r) < 0) {
    fprintf(stderr, "panicroom: sandbox: %s\n", r.sandbox_error);
    status = CLI_INTERNAL;
  } else {
    status = finish_lab(&relay, &r);
  }
  runner_result_fini(&r);
  trace_free(opts.trace);
  free(opts.argv);
  return status;
}

/* FILE.go or a lesson id (see the top of this file). */
static int resolve_file(RunArgs *ra, Resolved *res)
{
  if (resolve_or_say(ra->file, ra->fixed, res) < 0)
    return CLI_USAGE;
  ra->file = res->path;
  if (resolve_uses_seed(res) && !ra->engine_go && !ra->seed_set &&
      !ra->strategy_set && !ra->replay)
    ra->spec = (ScheduleSpec){.strategy = STRAT_RANDOM, .seed = res->seed};
  return 0;
}

int cmd_run(int argc, char **argv)
{
  RunArgs ra;
  Resolved res;
  size_t len;
  char *src;
  int rc = parse_args(argc, argv, &ra);

  if (rc)
    return rc;
  if (resolve_file(&ra, &res) != 0)
    return CLI_USAGE;
  if (!(src = cli_read_source(ra.file, &len))) {
    resolve_fini(&res);
    return CLI_USAGE;
  }
  rc = ra.engine_go ? run_go(&ra) : run_lab(&ra, src, len);
  free(src);
  resolve_fini(&res);
  return rc;
}
