/* runner/child.h - run one function in a forked child, under limits, and
 * collect everything it said: stdout, stderr and its result channel.
 *
 * The big decision: the child is a plain fork() of panicroom (no exec), so
 * the engine runs with the learner's program in a process of its own: a
 * crash, a runaway loop or an allocation bomb kills the child, never the
 * TUI.  The child
 *   - leads its own process group, so one kill(-pgid) ends it and anything
 *     it started;
 *   - runs under the rlimits below (RLIMIT_CORE 0 always);
 *   - has stdin from /dev/null, stdout and stderr on pipes, and its result
 *     channel on fd RUN_RESULT_FD (3), where it writes the exit record
 *     (record.h) and, later, trace events, one whole line per write();
 *   - holds no other descriptor of the parent, and leaves with
 *     _exit(fn(arg, RUN_RESULT_FD)): no atexit handlers, no stdio buffers
 *     of the parent flushed twice.
 * The parent reads the three pipes with poll(2), never blocking on one of
 * them while the child blocks on another, keeps a bounded Capture of each
 * output stream, kills the group when the wall-clock limit (CLOCK_MONOTONIC)
 * expires, kills whatever is left of the group once the child has exited,
 * and reaps the child with wait4() in an EINTR loop.
 *
 * Two kinds of failure stay apart: if the sandbox itself failed (pipe,
 * fork, setrlimit, ...), runner_spawn() returns -1 and sandbox_error says
 * "fork: Resource temporarily unavailable"; the program's own ending is a
 * verdict, decided later by verdict_decide() from the RunResult.
 *
 * The caller must not have SIGCHLD set to SIG_IGN (the kernel would reap
 * the child before we can); runner_spawn() reports that as a sandbox error.
 */
#ifndef PANICROOM_RUNNER_CHILD_H
#define PANICROOM_RUNNER_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runner/capture.h"
#include "runner/record.h"

/* The child's result channel: the first descriptor after stdio. */
#define RUN_RESULT_FD 3

/* A limit of RUN_UNLIMITED is not applied. */
#define RUN_UNLIMITED UINT64_MAX
/* Defaults, used for every RunLimits field left 0.  The wall clock is
 * what the learner waits at most; CPU time is its backstop should the
 * wall-clock kill ever fail. */
#define RUN_DEFAULT_WALL_MS 10000
#define RUN_DEFAULT_CPU_S 10
/* Far above the engine's own heap limit (VMOptions.mem_limit), so the
 * engine reports `oom` the way Go does before this backstop fires. */
#define RUN_DEFAULT_AS_BYTES (1ull << 30)
/* The child needs 4 (stdio + result); the rest is headroom. */
#define RUN_DEFAULT_NOFILE 64
/* The engine writes no files; the real toolchain (--engine go) writes its
 * build cache, a few MB per program. */
#define RUN_DEFAULT_FSIZE_BYTES (64ull << 20)
/* Enough for any lesson's output and a full goroutine dump. */
#define RUN_DEFAULT_HEAD_BYTES (64u << 10)
#define RUN_DEFAULT_TAIL_BYTES (64u << 10)
/* A result-channel line (trace event or record) longer than this breaks
 * the channel: the record is then not trusted. */
#define RUN_LINE_MAX (64u << 10)

/* Called in the parent for each complete line of the result channel as it
 * arrives (trace events, then the record); line excludes the '\n' and is
 * valid only during the call. */
typedef void (*RunEventFn)(void *ctx, const char *line, size_t n);
/* Called in the parent with each chunk of the child's stdout (fd 1) or
 * stderr (fd 2) as it arrives, before it goes into the Capture, so a
 * caller can pass the output through live (`panicroom run`).  p is valid
 * only during the call. */
typedef void (*RunOutputFn)(void *ctx, int fd, const char *p, size_t n);

typedef struct RunLimits {
  uint64_t wall_ms;     /* wall clock, from fork to exit */
  uint64_t cpu_s;       /* RLIMIT_CPU: SIGXCPU at this, SIGKILL 1 s later */
  uint64_t as_bytes;    /* RLIMIT_AS (not applied under AddressSanitizer) */
  uint64_t nofile;      /* RLIMIT_NOFILE, at least 4 */
  uint64_t fsize_bytes; /* RLIMIT_FSIZE */
  size_t head_bytes;    /* per output stream: first bytes kept */
  size_t tail_bytes;    /* per output stream: last bytes kept */
  /* Not a limit, but set by the same caller: optional streaming. */
  RunEventFn on_event;
  void *event_ctx;
  RunOutputFn on_output; /* NULL: capture only */
  void *output_ctx;
} RunLimits;

/* The child: runs in the forked process and returns its exit status
 * (0..255).  result_fd is RUN_RESULT_FD. */
typedef int (*RunChildFn)(void *arg, int result_fd);

typedef struct RunResult {
  char *sandbox_error;  /* malloc'd; non-NULL: the sandbox failed and the
                         * fields below mean nothing */
  RunLimits limits;     /* the limits applied, defaults filled in */
  Capture out, err;     /* the child's stdout and stderr */
  bool exited;          /* ended by _exit(): exit_status is valid */
  int exit_status;
  int signo;            /* else the signal that killed it */
  bool timed_out;       /* we killed it at the wall-clock limit */
  uint64_t wall_ms;     /* measured, fork to reap */
  uint64_t cpu_ms;      /* user + system time of the child (rusage) */
  long maxrss_kb;
  uint64_t event_lines; /* complete lines seen on the result channel */
  bool has_record;      /* record is the child's valid exit record */
  Record record;
  const char *record_error; /* static; why there is no record, else NULL */
} RunResult;

/* Runs fn(arg, RUN_RESULT_FD) in a child under lim (NULL: all defaults)
 * and fills *out.  Returns 0 when the child ran and ended, whatever way;
 * -1 when the sandbox failed (out->sandbox_error says why).  Either way the
 * caller frees out with runner_result_fini().  Not thread-safe: fork()
 * from a threaded parent would copy locks held by other threads. */
int runner_spawn(const RunLimits *lim, RunChildFn fn, void *arg,
                 RunResult *out);
void runner_result_fini(RunResult *r);
/* An empty result under lim's limits (defaults filled in), as
 * runner_spawn() starts one: for callers that fail before spawning and
 * still hand back a RunResult to be finied. */
void runner_result_init(RunResult *out, const RunLimits *lim);
/* Copies lim (NULL: nothing) into out with every 0 field set to its
 * default. */
void runner_limits_fill(const RunLimits *lim, RunLimits *out);

#endif
