/* runner/child.c - see child.h.
 *
 * The parent's loop waits on the pipes with poll(2) and a short, growing
 * tick (1 ms doubling to RUN_TICK_MAX_MS) in between, because a child can
 * be done without its pipes closing (a grandchild still holds them) or have
 * closed its pipes without being done (it closed fd 1, 2 and 3 and spins).
 * To tell whether the child has exited we use waitid(WNOWAIT): it leaves
 * the child a zombie, so its pid, which is also the process group id,
 * cannot be reused before we kill the group and reap.
 *
 * Failures inside the child before fn runs (setpgid, dup2, setrlimit) are
 * sandbox errors too: the child writes "sandbox-error <what>: <strerror>"
 * as its result line and leaves with RUN_EXIT_SANDBOX.
 */
#include "runner/child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/os.h"

/* Longest sleep between checks on a silent child: the latency of noticing
 * an exit that closed no pipe, and the granularity of the wall clock. */
#define RUN_TICK_MAX_MS 50
/* After we kill the group, how long we still read pipes that something
 * outside the group (it called setsid) may hold open forever. */
#define RUN_DRAIN_GRACE_MS 1000
/* What the child _exit()s with when its sandbox could not be set up. */
#define RUN_EXIT_SANDBOX 127
/* One read(2) per ready pipe per poll: the pipe's default capacity. */
#define RUN_READ_CHUNK (64u << 10)
#define SANDBOX_PREFIX "sandbox-error "

#if defined(__SANITIZE_ADDRESS__) || defined(PANICROOM_ASAN)
#define RUN_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RUN_UNDER_ASAN 1
#endif
#endif

enum { S_OUT, S_ERR, S_RES, NSTREAMS };

/* The parent's view of one run. */
typedef struct Spawn {
  const RunLimits *lim;
  int rd[NSTREAMS];   /* parent's read ends; -1 once at EOF */
  int wr[NSTREAMS];   /* child's write ends; -1 once closed in the parent */
  int devnull;
  pid_t pid;
  bool zombie;        /* the child has exited (not yet reaped) */
  bool killed;        /* we sent SIGKILL to the group */
  uint64_t start_ms, deadline_ms, drain_until_ms;
  Buf line;           /* the result channel's unfinished line */
  Buf last;           /* its last line, '\n' included if it had one */
  bool line_overlong;
  char *chunk;        /* RUN_READ_CHUNK bytes for read(2); owned */
} Spawn;

/* --- limits -------------------------------------------------------------- */

static uint64_t or_default(uint64_t v, uint64_t def) { return v ? v : def; }

void runner_limits_fill(const RunLimits *lim, RunLimits *out)
{
  RunLimits zero = {0};

  *out = lim ? *lim : zero;
  out->wall_ms = or_default(out->wall_ms, RUN_DEFAULT_WALL_MS);
  out->cpu_s = or_default(out->cpu_s, RUN_DEFAULT_CPU_S);
  out->as_bytes = or_default(out->as_bytes, RUN_DEFAULT_AS_BYTES);
  out->nofile = or_default(out->nofile, RUN_DEFAULT_NOFILE);
  out->fsize_bytes = or_default(out->fsize_bytes, RUN_DEFAULT_FSIZE_BYTES);
  if (out->head_bytes == 0)
    out->head_bytes = RUN_DEFAULT_HEAD_BYTES;
  if (out->tail_bytes == 0)
    out->tail_bytes = RUN_DEFAULT_TAIL_BYTES;
#ifdef RUN_UNDER_ASAN
  /* ASan's shadow memory is terabytes of address space, already mapped:
   * any RLIMIT_AS would make every later mmap fail.  The engine's own heap
   * limit still applies. */
  out->as_bytes = RUN_UNLIMITED;
#endif
}

static uint64_t plus_one(uint64_t v)
{
  return v == RUN_UNLIMITED ? v : v + 1;
}

/* RLIM(resource, soft, hard) - the child's rlimits, applied in order.
 * CPU: the soft limit sends SIGXCPU (a `timeout` verdict); the hard limit a
 *   second later is a SIGKILL for a child that survives SIGXCPU.
 * AS: the backstop behind the engine's heap limit; see runner_limits_fill.
 * NOFILE, FSIZE: a program cannot exhaust the machine's descriptors or disk.
 * CORE 0: a crash must not litter the learner's directory with a core. */
#define RUN_RLIMITS(L)                                                      \
  RLIM(CPU, (L)->cpu_s, plus_one((L)->cpu_s))                               \
  RLIM(AS, (L)->as_bytes, (L)->as_bytes)                                    \
  RLIM(NOFILE, (L)->nofile, (L)->nofile)                                    \
  RLIM(FSIZE, (L)->fsize_bytes, (L)->fsize_bytes)                           \
  RLIM(CORE, 0, 0)

/* --- the child ----------------------------------------------------------- */

/* Where the child's sandbox-error line and OOM record go (fd 3 once the
 * descriptors are in place).  A static is fine: only the child sets it,
 * and the child is single-threaded. */
static int child_res_fd = -1;
/* The record of a child that died of a failed allocation, formatted before
 * the limits are applied, because at OOM we cannot allocate. */
static char child_oom_record[RECORD_LINE_MAX + 1];

static _Noreturn void child_fail(const char *what)
{
  char msg[256];
  int n = snprintf(msg, sizeof msg, SANDBOX_PREFIX "%s: %s\n", what,
                   strerror(errno));

  if (n > 0 && (size_t)n < sizeof msg)
    (void)os_write_all(child_res_fd, msg, (size_t)n); /* nothing else to do */
  _exit(RUN_EXIT_SANDBOX);
}

/* die() runs this first.  x* allocation dies right after malloc failed
 * with ENOMEM, before anything can change errno: so ENOMEM here means the
 * child ran out of its address space and we say `oom` in a record; then
 * die() prints its message and aborts (SIGABRT).  Any other die() is a
 * panicroom bug and writes nothing, so it ends as a `signal` verdict. */
static void child_die_hook(void)
{
  if (errno == ENOMEM && child_oom_record[0])
    (void)os_write_all(child_res_fd, child_oom_record,
                       strlen(child_oom_record));
}

static void child_prepare_oom_record(void)
{
  Record rec = {.end = VM_END_OOM, .status = 2};
  Buf line = BUF_INIT;

  snprintf(rec.first, sizeof rec.first,
           "fatal error: runtime: out of memory");
  record_format(&rec, &line);
  snprintf(child_oom_record, sizeof child_oom_record, "%s", buf_cstr(&line));
  buf_fini(&line);
}

/* Closes every descriptor from `from` up.  close_range(2) when the kernel
 * has it (Linux 5.9); else one close() per possible descriptor, bounded
 * because _SC_OPEN_MAX can be a million in containers. */
static void close_from(int from)
{
  long max;

#ifdef SYS_close_range
  if (syscall(SYS_close_range, (unsigned)from, ~0u, 0u) == 0)
    return;
#endif
  max = sysconf(_SC_OPEN_MAX);
  if (max < 0 || max > 65536)
    max = 65536;
  for (int fd = from; fd < max; fd++)
    (void)close(fd); /* EBADF for most: that is the point */
}

/* Puts /dev/null, the three write ends on 0, 1, 2, 3 and closes the rest.
 * Each source first moves to 4 or above, so that a source already sitting
 * on 0..3 (a parent that closed its stdin) is not clobbered by an earlier
 * dup2(). */
static void child_setup_fds(const Spawn *s)
{
  int src[4] = {s->devnull, s->wr[S_OUT], s->wr[S_ERR], s->wr[S_RES]};
  int tmp[4];

  child_res_fd = s->wr[S_RES];
  for (int i = 0; i < 4; i++)
    if ((tmp[i] = fcntl(src[i], F_DUPFD, 4)) < 0)
      child_fail("fcntl(F_DUPFD)");
  child_res_fd = tmp[3];
  for (int i = 0; i < 4; i++)
    if (dup2(tmp[i], i) < 0)
      child_fail("dup2");
  child_res_fd = RUN_RESULT_FD;
  close_from(4);
}

/* The dispositions the verdict depends on (SIGXCPU must kill: `timeout`),
 * and the ones a terminal program may have changed, back to default.
 * Handlers the parent installed would otherwise run in the child. */
static void child_reset_signals(void)
{
  /* The crash signals too: a TUI's restore-the-terminal handler must not
   * run in the child, and a crash must end it as a `signal` verdict. */
  static const int sigs[] = {SIGPIPE, SIGXCPU, SIGXFSZ, SIGINT,  SIGQUIT,
                             SIGTERM, SIGHUP,  SIGALRM, SIGCHLD, SIGWINCH,
                             SIGTSTP, SIGSEGV, SIGABRT, SIGBUS,  SIGFPE,
                             SIGILL};
  sigset_t none;

  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    if (signal(sigs[i], SIG_DFL) == SIG_ERR)
      child_fail("signal");
  if (sigemptyset(&none) < 0 || sigprocmask(SIG_SETMASK, &none, NULL) < 0)
    child_fail("sigprocmask");
}

/* Sets one limit, never above the hard limit we inherited (raising it
 * needs privileges we do not want). */
static void child_set_rlimit(int res, uint64_t soft, uint64_t hard,
                             const char *what)
{
  struct rlimit cur, rl;

  if (getrlimit(res, &cur) < 0)
    child_fail(what);
  rl.rlim_max = hard == RUN_UNLIMITED ? RLIM_INFINITY : (rlim_t)hard;
  rl.rlim_cur = soft == RUN_UNLIMITED ? RLIM_INFINITY : (rlim_t)soft;
  if (cur.rlim_max != RLIM_INFINITY && rl.rlim_max > cur.rlim_max)
    rl.rlim_max = cur.rlim_max;
  if (rl.rlim_cur > rl.rlim_max)
    rl.rlim_cur = rl.rlim_max;
  if (setrlimit(res, &rl) < 0)
    child_fail(what);
}

static void child_set_rlimits(const RunLimits *lim)
{
#define RLIM(R, soft, hard)                                                 \
  child_set_rlimit(RLIMIT_##R, soft, hard, "setrlimit(RLIMIT_" #R ")");
  RUN_RLIMITS(lim)
#undef RLIM
}

static _Noreturn void child_main(const Spawn *s, RunChildFn fn, void *arg)
{
  child_res_fd = s->wr[S_RES];
  if (setpgid(0, 0) < 0)
    child_fail("setpgid");
  child_setup_fds(s);
  child_reset_signals();
  /* The parent's die hook would restore the parent's terminal: not ours. */
  die_set_hook(child_die_hook);
  child_prepare_oom_record();
  child_set_rlimits(s->lim);
  _exit(fn(arg, RUN_RESULT_FD) & 0xff);
}

/* --- the parent: setting up and tearing down ---------------------------- */

static uint64_t mono_ms(void)
{
  struct timespec ts;

  if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
    die("clock_gettime(CLOCK_MONOTONIC): %s", strerror(errno));
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Records the first sandbox failure, "what: strerror(errno)". */
static void sandbox_fail(RunResult *out, const char *what)
{
  Buf b = BUF_INIT;

  if (out->sandbox_error)
    return;
  buf_printf(&b, "%s: %s", what, strerror(errno));
  out->sandbox_error = buf_steal(&b);
}

/* Closing a descriptor we only read from, or one the child writes to,
 * cannot lose our data, so a failing close() changes nothing. */
static void close_fd(int *fd)
{
  if (*fd >= 0)
    (void)close(*fd);
  *fd = -1;
}

static void spawn_close_all(Spawn *s)
{
  for (int i = 0; i < NSTREAMS; i++) {
    close_fd(&s->rd[i]);
    close_fd(&s->wr[i]);
  }
  close_fd(&s->devnull);
}

/* Parent-side descriptors: close-on-exec (another child that execs must
 * not inherit them), read ends non-blocking (a read never waits). */
static int spawn_open_fds(Spawn *s, RunResult *out)
{
  for (int i = 0; i < NSTREAMS; i++) {
    int p[2];

    if (pipe(p) < 0) {
      sandbox_fail(out, "pipe");
      return -1;
    }
    s->rd[i] = p[0];
    s->wr[i] = p[1];
    if (fcntl(p[0], F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(p[1], F_SETFD, FD_CLOEXEC) < 0 ||
        fcntl(p[0], F_SETFL, O_NONBLOCK) < 0) {
      sandbox_fail(out, "fcntl");
      return -1;
    }
  }
  s->devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (s->devnull < 0) {
    sandbox_fail(out, "open /dev/null");
    return -1;
  }
  return 0;
}

/* kill(-pgid): the child and everything it started.  ESRCH only means
 * the group is already gone; the kill(pid) fallback covers the instant
 * before the child's own setpgid() ran. */
static void spawn_kill_group(Spawn *s, RunResult *out)
{
  if (s->killed)
    return;
  s->killed = true;
  s->drain_until_ms = mono_ms() + RUN_DRAIN_GRACE_MS;
  if (kill(-s->pid, SIGKILL) == 0 || errno != ESRCH)
    return;
  if (kill(s->pid, SIGKILL) < 0 && errno != ESRCH)
    sandbox_fail(out, "kill");
}

/* Has the child exited?  Leaves it a zombie (WNOWAIT), see the top. */
static void spawn_check_exit(Spawn *s, RunResult *out)
{
  siginfo_t info;
  int rc;

  if (s->zombie)
    return;
  memset(&info, 0, sizeof info);
  do
    rc = waitid(P_PID, (id_t)s->pid, &info, WEXITED | WNOHANG | WNOWAIT);
  while (rc < 0 && errno == EINTR);
  if (rc < 0) { /* ECHILD: SIGCHLD ignored, the kernel reaped it */
    sandbox_fail(out, "waitid");
    s->zombie = true;
  } else if (info.si_pid == s->pid) {
    s->zombie = true;
  }
}

/* --- the parent: reading -------------------------------------------------- */

/* One complete line of the result channel (nl: it ended in '\n'). */
static void res_line(Spawn *s, RunResult *out, const char *p, size_t n,
                     bool nl)
{
  buf_clear(&s->last);
  buf_append(&s->last, p, n);
  if (!nl)
    return; /* a final line without '\n': kept to be judged, not streamed */
  buf_putc(&s->last, '\n');
  out->event_lines++;
  if (s->lim->on_event)
    s->lim->on_event(s->lim->event_ctx, p, n);
}

/* Splits result-channel bytes into lines.  A line over RUN_LINE_MAX
 * breaks the channel for good: what follows cannot be trusted. */
static void res_feed(Spawn *s, RunResult *out, const char *p, size_t n)
{
  while (n > 0 && !s->line_overlong) {
    const char *nl = memchr(p, '\n', n);
    size_t take = nl ? (size_t)(nl - p) : n;

    if (s->line.len + take > RUN_LINE_MAX) {
      s->line_overlong = true;
      break;
    }
    buf_append(&s->line, p, take);
    if (!nl)
      break;
    res_line(s, out, s->line.data ? s->line.data : "", s->line.len, true);
    buf_clear(&s->line);
    p = nl + 1;
    n -= take + 1;
  }
}

/* Reads what one pipe has; at EOF closes it.  Returns 1 at EOF, else 0. */
static int spawn_read(Spawn *s, RunResult *out, int i)
{
  char *chunk = s->chunk;
  ssize_t n = read(s->rd[i], chunk, RUN_READ_CHUNK);

  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return 0;
  if (n < 0) {
    sandbox_fail(out, "read");
    spawn_kill_group(s, out);
    n = 0;
  }
  if (n == 0) {
    close_fd(&s->rd[i]);
    if (i == S_RES && s->line.len > 0)
      res_line(s, out, s->line.data, s->line.len, false);
    return 1;
  }
  if (i != S_RES && s->lim->on_output)
    s->lim->on_output(s->lim->output_ctx, i == S_OUT ? 1 : 2, chunk,
                      (size_t)n);
  if (i == S_OUT)
    capture_append(&out->out, chunk, (size_t)n);
  else if (i == S_ERR)
    capture_append(&out->err, chunk, (size_t)n);
  else
    res_feed(s, out, chunk, (size_t)n);
  return 0;
}

/* --- the parent: the loop ------------------------------------------------ */

static bool spawn_pipes_open(const Spawn *s)
{
  return s->rd[S_OUT] >= 0 || s->rd[S_ERR] >= 0 || s->rd[S_RES] >= 0;
}

/* The poll timeout: the tick, cut short by the next deadline. */
static int spawn_timeout(const Spawn *s, uint64_t now, int tick)
{
  uint64_t until = s->killed ? s->drain_until_ms : s->deadline_ms;
  uint64_t left = until > now ? until - now : 0;

  return left < (uint64_t)tick ? (int)left : tick;
}

/* Enforces the wall clock and the drain grace; returns the poll timeout. */
static int spawn_clock(Spawn *s, RunResult *out, int tick)
{
  uint64_t now = mono_ms();

  if (!s->killed && now >= s->deadline_ms) {
    spawn_check_exit(s, out); /* it may have just made it */
    out->timed_out = !s->zombie;
    spawn_kill_group(s, out);
  }
  if (s->killed && now >= s->drain_until_ms)
    for (int i = 0; i < NSTREAMS; i++)
      close_fd(&s->rd[i]); /* held by something that escaped the group */
  return spawn_timeout(s, now, tick);
}

/* Polls the open pipes and reads the ready ones; returns how many reached
 * EOF, or -1 if poll() timed out. */
static int spawn_poll(Spawn *s, RunResult *out, int timeout)
{
  struct pollfd pfd[NSTREAMS];
  int idx[NSTREAMS], n = 0, rc, eofs = 0;

  for (int i = 0; i < NSTREAMS; i++) {
    if (s->rd[i] < 0)
      continue;
    pfd[n] = (struct pollfd){.fd = s->rd[i], .events = POLLIN};
    idx[n++] = i;
  }
  rc = poll(pfd, (nfds_t)n, timeout);
  if (rc < 0 && errno != EINTR) {
    sandbox_fail(out, "poll");
    spawn_kill_group(s, out);
    for (int i = 0; i < NSTREAMS; i++)
      close_fd(&s->rd[i]);
  }
  if (rc <= 0)
    return rc == 0 ? -1 : 0;
  for (int k = 0; k < n; k++)
    if (pfd[k].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))
      eofs += spawn_read(s, out, idx[k]);
  return eofs;
}

/* Reads until the child has exited and every pipe is at EOF, killing the
 * group at the wall-clock limit and once the child is gone. */
static void spawn_pump(Spawn *s, RunResult *out)
{
  int tick = 1;

  while (!s->zombie || spawn_pipes_open(s)) {
    int r = spawn_poll(s, out, spawn_clock(s, out, tick));

    if (r < 0)
      tick = tick * 2 > RUN_TICK_MAX_MS ? RUN_TICK_MAX_MS : tick * 2;
    else if (r > 0)
      tick = 1; /* a pipe closed: the child is likely exiting now */
    spawn_check_exit(s, out);
    if (s->zombie)
      spawn_kill_group(s, out); /* stragglers holding our pipes */
  }
}

/* --- the parent: the end ------------------------------------------------- */

/* Reaps the (zombie) child and notes how it ended and what it cost. */
static void spawn_reap(Spawn *s, RunResult *out)
{
  struct rusage ru;
  int status = 0;
  pid_t rc;

  memset(&ru, 0, sizeof ru);
  do
    rc = wait4(s->pid, &status, 0, &ru);
  while (rc < 0 && errno == EINTR);
  out->wall_ms = mono_ms() - s->start_ms;
  if (rc < 0) {
    sandbox_fail(out, "wait4");
    return;
  }
  out->exited = WIFEXITED(status);
  out->exit_status = out->exited ? WEXITSTATUS(status) : 0;
  out->signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  out->cpu_ms = (uint64_t)ru.ru_utime.tv_sec * 1000u +
                (uint64_t)ru.ru_utime.tv_usec / 1000u +
                (uint64_t)ru.ru_stime.tv_sec * 1000u +
                (uint64_t)ru.ru_stime.tv_usec / 1000u;
  out->maxrss_kb = ru.ru_maxrss;
}

/* Judges the result channel's last line: a sandbox error from the child,
 * the exit record, or the reason there is no trustworthy record. */
static void spawn_take_record(Spawn *s, RunResult *out)
{
  size_t plen = strlen(SANDBOX_PREFIX);
  const char *last = buf_cstr(&s->last);

  if (out->exited && out->exit_status == RUN_EXIT_SANDBOX &&
      s->last.len > plen && memcmp(last, SANDBOX_PREFIX, plen) == 0) {
    if (!out->sandbox_error)
      out->sandbox_error = xstrndup(last + plen, strcspn(last + plen, "\n"));
    return;
  }
  if (s->line_overlong)
    out->record_error = "a result-channel line is too long";
  else if (s->last.len == 0)
    out->record_error = "the child sent no exit record";
  else if (record_parse(last, s->last.len, &out->record,
                        &out->record_error) == 0)
    out->has_record = true;
}

void runner_result_init(RunResult *out, const RunLimits *lim)
{
  memset(out, 0, sizeof *out);
  runner_limits_fill(lim, &out->limits);
  capture_init(&out->out, out->limits.head_bytes, out->limits.tail_bytes);
  capture_init(&out->err, out->limits.head_bytes, out->limits.tail_bytes);
}

void runner_result_fini(RunResult *r)
{
  free(r->sandbox_error);
  r->sandbox_error = NULL;
  capture_fini(&r->out);
  capture_fini(&r->err);
}

static void spawn_fini(Spawn *s)
{
  spawn_close_all(s);
  buf_fini(&s->line);
  buf_fini(&s->last);
  free(s->chunk);
}

int runner_spawn(const RunLimits *lim, RunChildFn fn, void *arg,
                 RunResult *out)
{
  Spawn s = {.lim = &out->limits, .rd = {-1, -1, -1}, .wr = {-1, -1, -1},
             .devnull = -1};

  runner_result_init(out, lim);
  if (spawn_open_fds(&s, out) == 0) {
    s.start_ms = mono_ms();
    s.pid = os_fork();
    if (s.pid < 0)
      sandbox_fail(out, "fork");
  }
  if (out->sandbox_error) {
    spawn_fini(&s);
    return -1;
  }
  if (s.pid == 0)
    child_main(&s, fn, arg);
  /* Also here, so kill(-pid) works even before the child's own call ran;
   * EACCES/ESRCH: the child already did it, or is already gone. */
  if (setpgid(s.pid, s.pid) < 0 && errno != EACCES && errno != ESRCH)
    sandbox_fail(out, "setpgid");
  for (int i = 0; i < NSTREAMS; i++)
    close_fd(&s.wr[i]);
  close_fd(&s.devnull);
  s.chunk = xmalloc(RUN_READ_CHUNK);
  s.deadline_ms = out->limits.wall_ms > UINT64_MAX - s.start_ms
                      ? UINT64_MAX /* RUN_UNLIMITED, or as good as */
                      : s.start_ms + out->limits.wall_ms;
  spawn_pump(&s, out);
  spawn_reap(&s, out);
  spawn_take_record(&s, out);
  spawn_fini(&s);
  return out->sandbox_error ? -1 : 0;
}
