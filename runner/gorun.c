/* runner/gorun.c - see gorun.h.
 *
 * The child execs `go` after runner_spawn() has set up its descriptors and
 * limits; the result channel (fd 3) is marked close-on-exec first, so the
 * toolchain and the program it builds never hold it and the parent sees
 * its EOF as soon as the child is gone.  Everything the child needs is
 * prepared in the parent (argv, the cache path), leaving the child only
 * setenv() and execv().
 */
#include "runner/gorun.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/os.h"

int gorun_find(Buf *path)
{
  const char *p = getenv("PATH");

  if (!p || !*p)
    p = "/usr/local/bin:/usr/bin:/bin";
  while (*p) {
    size_t n = strcspn(p, ":");

    buf_clear(path);
    if (n == 0)
      buf_putc(path, '.'); /* an empty PATH entry is the cwd */
    else
      buf_append(path, p, n);
    buf_puts(path, "/go");
    if (access(buf_cstr(path), X_OK) == 0)
      return 0;
    p += n;
    if (*p == ':')
      p++;
  }
  return -1;
}

/* mkdir -p with mode 0700 for every component we create. */
static int mkdir_p(char *path)
{
  for (char *s = path + 1; *s; s++) {
    if (*s != '/')
      continue;
    *s = '\0';
    if (mkdir(path, 0700) < 0 && errno != EEXIST) {
      *s = '/';
      return -1;
    }
    *s = '/';
  }
  return mkdir(path, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

int gorun_cache_dir(Buf *dir)
{
  const char *xdg = getenv("XDG_CACHE_HOME");
  const char *home = getenv("HOME");

  buf_clear(dir);
  /* XDG says a relative XDG_CACHE_HOME is invalid and must be ignored. */
  if (xdg && xdg[0] == '/')
    buf_printf(dir, "%s/panicroom/gocache", xdg);
  else if (home && home[0] == '/')
    buf_printf(dir, "%s/.cache/panicroom/gocache", home);
  else
    buf_printf(dir, "/tmp/panicroom-gocache-%ld", (long)getuid());
  return mkdir_p(buf_cstr(dir));
}

typedef struct GoJob {
  const char *go;
  char **argv;   /* go run FILE ARGS... NULL */
  const char *gocache;
} GoJob;

static int set_env(const GoJob *job)
{
  return setenv("GOCACHE", job->gocache, 1) < 0 ||
                 setenv("GO111MODULE", "off", 1) < 0 ||
                 setenv("GOPROXY", "off", 1) < 0 ||
                 setenv("GOTOOLCHAIN", "local", 1) < 0 ||
                 setenv("GOENV", "off", 1) < 0 || unsetenv("GOFLAGS") < 0
             ? -1
             : 0;
}

/* In the child.  Any failure is said on the child's stderr, where the
 * learner sees it, with the shell's status for "could not execute". */
static int go_child(void *arg, int result_fd)
{
  const GoJob *job = arg;
  const char *what = "fcntl";
  Buf msg = BUF_INIT;

  if (fcntl(result_fd, F_SETFD, FD_CLOEXEC) == 0) {
    what = "setenv";
    if (set_env(job) == 0) {
      what = job->go;
      execv(job->go, job->argv);
    }
  }
  buf_printf(&msg, "panicroom: cannot start %s: %s\n", what,
             strerror(errno));
  (void)os_write_all(2, msg.data, msg.len); /* nowhere else to say it */
  return GORUN_EXIT_NOEXEC;
}

int runner_run_go(const char *go, const char *file, int argc,
                  char *const *argv, const RunLimits *lim, RunResult *out)
{
  GoJob job = {.go = go};
  Buf cache = BUF_INIT;
  int rc;

  if (gorun_cache_dir(&cache) < 0) {
    int err = errno;

    runner_result_init(out, lim);
    buf_printf(&cache, ": %s", strerror(err));
    out->sandbox_error = xstrdup(buf_cstr(&cache));
    buf_fini(&cache);
    return -1;
  }
  job.gocache = buf_cstr(&cache);
  job.argv = xcalloc((size_t)argc + 4, sizeof *job.argv);
  job.argv[0] = "go";
  job.argv[1] = "run";
  job.argv[2] = (char *)file;
  for (int i = 0; i < argc; i++)
    job.argv[3 + i] = argv[i];
  /* No address-space limit unless the caller asks for one: the go command
   * and Go's runtime reserve far more virtual memory than they use, and
   * under RLIMIT_AS a busy machine sees "runtime/cgo: pthread_create
   * failed".  The wall-clock and CPU limits still bound the run. */
  RunLimits l = lim ? *lim : (RunLimits){0};
  if (!l.as_bytes) l.as_bytes = RUN_UNLIMITED;
  rc = runner_spawn(&l, go_child, &job, out);
  free(job.argv);
  buf_fini(&cache);
  return rc;
}

Verdict gorun_verdict(const RunResult *r)
{
  if (r->timed_out)
    return VERDICT_TIMEOUT;
  if (r->exited)
    return VERDICT_OK;
  if (r->signo == SIGXCPU ||
      (r->signo == SIGKILL && r->limits.cpu_s != RUN_UNLIMITED &&
       r->cpu_ms >= r->limits.cpu_s * 1000u))
    return VERDICT_TIMEOUT;
  return VERDICT_SIGNAL;
}

/* The last line of text[0, len): its start, its length without '\n'. */
static const char *last_line(const char *text, size_t len, size_t *n)
{
  size_t end = len, start;

  if (end > 0 && text[end - 1] == '\n')
    end--;
  start = end;
  while (start > 0 && text[start - 1] != '\n')
    start--;
  *n = end - start;
  return text + start;
}

int gorun_program_status(int go_status, const char *stderr_text,
                         size_t *stderr_len)
{
  static const char prefix[] = "exit status ";
  size_t plen = sizeof prefix - 1, n;
  const char *line;
  int v = 0;

  if (go_status != 1 || !stderr_text)
    return go_status;
  line = last_line(stderr_text, *stderr_len, &n);
  if (n <= plen || n > plen + 3 || memcmp(line, prefix, plen) != 0)
    return go_status;
  for (size_t i = plen; i < n; i++) {
    if (line[i] < '0' || line[i] > '9')
      return go_status;
    v = v * 10 + (line[i] - '0');
  }
  if (v > 255)
    return go_status;
  *stderr_len = (size_t)(line - stderr_text);
  return v;
}
