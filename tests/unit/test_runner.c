/* tests/unit/test_runner.c - runner/: verdicts, captures, exit records,
 * the forked child with its limits, and the verdict decision.
 *
 * Most tests fork real children running small RunChildFn bodies written
 * here (print, flood, spin, crash, allocate, write good and bad records),
 * so runner_spawn() is tested without the engine.  os_fork() is wrapped
 * (WRAP_test_runner in the Makefile) so a failing fork can be shown to be
 * a sandbox error, not a verdict.  The last test runs real Go source
 * through runner_run_source() and the engine.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/os.h"
#include "runner/capture.h"
#include "runner/child.h"
#include "runner/record.h"
#include "runner/run.h"
#include "runner/verdict.h"

#if defined(__SANITIZE_ADDRESS__) || defined(PANICROOM_ASAN)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* --- the os_fork() seam -------------------------------------------------- */

pid_t __real_os_fork(void);
pid_t __wrap_os_fork(void);

static int fork_fails; /* armed: the next os_fork() fails with EAGAIN */

pid_t __wrap_os_fork(void)
{
  if (fork_fails) {
    fork_fails = 0;
    errno = EAGAIN;
    return -1;
  }
  return __real_os_fork();
}

/* --- helpers ------------------------------------------------------------- */

static void sleep_ms(long ms)
{
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

  while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
    ;
}

static void put(int fd, const char *s)
{
  if (os_write_all(fd, s, strlen(s)) < 0)
    _exit(99);
}

/* Writes a valid record: how the child says it ended. */
static void put_record(int fd, VMEnd end, int status, const char *first)
{
  Record rec = {.end = end, .status = status};
  Buf b = BUF_INIT;

  snprintf(rec.first, sizeof rec.first, "%s", first);
  record_format(&rec, &b);
  put(fd, buf_cstr(&b));
  buf_fini(&b);
}

static int run(const RunLimits *lim, RunChildFn fn, void *arg, RunResult *r)
{
  int rc = runner_spawn(lim, fn, arg, r);

  if (rc < 0)
    print_message("sandbox error: %s\n", r->sandbox_error);
  return rc;
}

/* The whole kept text of a capture, as a C string the caller frees. */
static char *text(const Capture *c)
{
  Buf b = BUF_INIT;

  capture_text(c, &b);
  return buf_steal(&b);
}

static void assert_text(const Capture *c, const char *want)
{
  char *got = text(c);

  assert_string_equal(got, want);
  free(got);
}

static Verdict decide_explain(const RunResult *r, const char *needle)
{
  Verdict v = verdict_decide(r);
  Buf b = BUF_INIT;

  verdict_explain(r, v, &b);
  if (needle && !strstr(buf_cstr(&b), needle))
    fail_msg("explanation \"%s\" lacks \"%s\"", buf_cstr(&b), needle);
  buf_fini(&b);
  return v;
}

static int count_fds(void)
{
  DIR *d = opendir("/proc/self/fd");
  int n = 0;

  assert_non_null(d);
  while (readdir(d))
    n++;
  closedir(d);
  return n;
}

/* Gone, or a zombie waiting for init: either way no longer running. */
static int pid_gone(pid_t pid)
{
  char path[64];

  snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
  for (int i = 0; i < 200; i++) {
    char *stat = os_read_file(path, NULL);
    char *rp = stat ? strrchr(stat, ')') : NULL;
    int gone = !stat || (rp && (rp[2] == 'Z' || rp[2] == 'X'));

    free(stat);
    if (gone)
      return 1;
    sleep_ms(5);
  }
  return 0;
}

/* --- verdicts.def -------------------------------------------------------- */

static void runner__verdict_names_round_trip(void **state)
{
  (void)state;
  assert_int_equal(VERDICT_COUNT, 11);
  for (int v = 0; v < VERDICT_COUNT; v++) {
    assert_int_equal(verdict_from_name(verdict_name((Verdict)v)), v);
    assert_string_not_equal(verdict_meaning((Verdict)v), "?");
  }
  assert_string_equal(verdict_name(VERDICT_OK), "ok");
  assert_string_equal(verdict_name(VERDICT_COMPILE_ERROR), "compile-error");
  assert_string_equal(verdict_name(VERDICT_WRONG_OUTPUT), "wrong-output");
  assert_int_equal(verdict_from_name("Panic"), -1);
  assert_int_equal(verdict_from_name(""), -1);
  assert_string_equal(verdict_name(VERDICT_COUNT), "?");
}

/* --- Capture ------------------------------------------------------------- */

static void runner__capture_small_keeps_all(void **state)
{
  Capture c;
  size_t n;

  (void)state;
  capture_init(&c, 8, 4);
  capture_append(&c, "hello, ", 7);
  capture_append(&c, "world", 5);
  assert_int_equal(c.total, 12);
  assert_int_equal(capture_dropped(&c), 0);
  assert_memory_equal(capture_head(&c, &n), "hello, w", 8);
  assert_int_equal(n, 8);
  assert_memory_equal(capture_tail(&c, &n), "orld", 4);
  assert_text(&c, "hello, world");
  capture_fini(&c);
}

/* Random-sized chunks of a known pattern: head, tail and the count of
 * dropped bytes must come out exactly, whatever the chunking. */
static void runner__capture_bounded_head_tail_dropped(void **state)
{
  enum { TOTAL = 100000, H = 1000, T = 333 };
  char *all = xmalloc(TOTAL);
  Capture c;
  size_t n, off = 0;
  unsigned seed = 7;

  (void)state;
  for (size_t i = 0; i < TOTAL; i++)
    all[i] = (char)('a' + (i * 7 + i / 26) % 26);
  capture_init(&c, H, T);
  while (off < TOTAL) {
    size_t k = (seed = seed * 1103515245u + 12345u) % 900 + 1;

    k = k > TOTAL - off ? TOTAL - off : k;
    capture_append(&c, all + off, k);
    off += k;
  }
  assert_int_equal(capture_dropped(&c), TOTAL - H - T);
  assert_memory_equal(capture_head(&c, &n), all, H);
  assert_int_equal(n, H);
  assert_memory_equal(capture_tail(&c, &n), all + TOTAL - T, T);
  assert_int_equal(n, T);
  capture_fini(&c);
  free(all);
}

static void runner__capture_text_marks_gap(void **state)
{
  Capture c;

  (void)state;
  capture_init(&c, 3, 3);
  capture_append(&c, "abcdefghij", 10);
  assert_text(&c, "abc\n[... 4 bytes dropped ...]\nhij");
  capture_fini(&c);
}

/* --- exit records -------------------------------------------------------- */

static void runner__record_round_trip_escapes(void **state)
{
  EngineResult er = {.exit_status = 2, .end = VM_END_PANIC, .steps = 1234,
                     .ngoroutines = 3,
                     .first_error = "panic: 100% \"bad\"\tcaf\xc3\xa9\nrest"};
  Record rec, back;
  Buf b = BUF_INIT;
  const char *why = NULL;

  (void)state;
  record_from_engine(&rec, &er);
  assert_string_equal(rec.first, "panic: 100% \"bad\"\tcaf\xc3\xa9");
  record_format(&rec, &b);
  assert_string_equal(buf_cstr(&b),
                      "end=panic status=2 compile=0 steps=1234 goroutines=3"
                      " races=0 leaks=0 first=panic:%20100%25%20\"bad\"%09"
                      "caf%C3%A9\n");
  assert_int_equal(record_parse(b.data, b.len, &back, &why), 0);
  assert_int_equal(back.end, VM_END_PANIC);
  assert_int_equal(back.status, 2);
  assert_int_equal(back.steps, 1234);
  assert_int_equal(back.goroutines, 3);
  assert_string_equal(back.first, rec.first);
  buf_fini(&b);
}

static void runner__record_first_line_is_cut(void **state)
{
  char longline[1000];
  EngineResult er = {.first_error = longline};
  Record rec, back;
  Buf b = BUF_INIT;
  const char *why;

  (void)state;
  memset(longline, ' ', sizeof longline - 1);
  longline[sizeof longline - 1] = '\0';
  record_from_engine(&rec, &er);
  assert_int_equal(strlen(rec.first), RECORD_FIRST_MAX);
  record_format(&rec, &b);
  assert_true(b.len <= RECORD_LINE_MAX);
  assert_int_equal(record_parse(b.data, b.len, &back, &why), 0);
  buf_fini(&b);
}

static void runner__record_parse_is_strict(void **state)
{
  static const char *const bad[] = {
      "",
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=", /* no newline */
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\nx", /* bytes after the newline */
      "end=exited status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\n",
      "end=exit status=256 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\n",
      "end=exit status=-1 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\n",
      "end=exit status=00 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\n",
      "end=exit compile=0 status=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\n", /* order */
      "end=exit status=0 compile=2 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\n",
      "end=exit status=0 compile=0 steps=9223372036854775808 goroutines=1 "
      "races=0 leaks=0 first=\n",
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0\n",
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=a b\n",
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=%2\n",
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=%2a\n",
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=%00\n",
      "end=exit  status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\n",
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first= extra=1\n",
      "PASS\n",
      "panic: fake\n",
  };
  const char *good = "end=exit status=0 compile=0 steps=9223372036854775807"
                     " goroutines=1 races=0 leaks=0 first=\n";
  Record rec;
  const char *why;

  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    why = NULL;
    if (record_parse(bad[i], strlen(bad[i]), &rec, &why) == 0)
      fail_msg("accepted bad record %zu: %s", i, bad[i]);
    assert_non_null(why);
  }
  assert_int_equal(record_parse(good, strlen(good), &rec, &why), 0);
  assert_int_equal(rec.steps, INT64_MAX);
}

/* --- verdict_decide on made-up results ----------------------------------- */

static RunResult made_up(bool exited, int status, int signo, int has_record,
                         VMEnd end, int rec_status)
{
  RunResult r;

  memset(&r, 0, sizeof r);
  runner_limits_fill(NULL, &r.limits);
  r.exited = exited;
  r.exit_status = status;
  r.signo = signo;
  r.has_record = has_record;
  r.record.end = end;
  r.record.status = rec_status;
  if (!has_record)
    r.record_error = "the child sent no exit record";
  return r;
}

static void runner__decide_from_record_and_ending(void **state)
{
  RunResult r;

  (void)state;
  r = made_up(true, 0, 0, 1, VM_END_EXIT, 0);
  assert_int_equal(decide_explain(&r, "ok: exit status 0"), VERDICT_OK);
  r = made_up(true, 3, 0, 1, VM_END_EXIT, 3); /* os.Exit(3) */
  assert_int_equal(decide_explain(&r, "exit status 3"), VERDICT_OK);
  r = made_up(true, 2, 0, 1, VM_END_PANIC, 2);
  assert_int_equal(decide_explain(&r, NULL), VERDICT_PANIC);
  r = made_up(true, 2, 0, 1, VM_END_FATAL, 2);
  assert_int_equal(decide_explain(&r, NULL), VERDICT_FATAL);
  r = made_up(true, 2, 0, 1, VM_END_DEADLOCK, 2);
  assert_int_equal(decide_explain(&r, "deadlock"), VERDICT_DEADLOCK);
  r = made_up(true, 2, 0, 1, VM_END_STEPS, 2);
  assert_int_equal(decide_explain(&r, "step limit"), VERDICT_TIMEOUT);
  r = made_up(true, 2, 0, 1, VM_END_OOM, 2);
  assert_int_equal(decide_explain(&r, NULL), VERDICT_OOM);
  r = made_up(true, 2, 0, 1, VM_END_EXIT, 2);
  r.record.compile_error = true;
  snprintf(r.record.first, sizeof r.record.first, "prog.go:3:5: undefined: x");
  assert_int_equal(decide_explain(&r, "undefined: x"), VERDICT_COMPILE_ERROR);
  r = made_up(true, 0, 0, 1, VM_END_EXIT, 0);
  r.record.races = 1;
  assert_int_equal(decide_explain(&r, "1 data race"), VERDICT_RACE);
  r = made_up(true, 0, 0, 1, VM_END_EXIT, 0);
  r.record.leaks = 2;
  assert_int_equal(decide_explain(&r, "2 goroutine"), VERDICT_LEAK);
  r = made_up(true, 2, 0, 1, VM_END_PANIC, 2); /* a crash outranks a race */
  r.record.races = 1;
  assert_int_equal(verdict_decide(&r), VERDICT_PANIC);
}

static void runner__decide_untrusted_and_killed(void **state)
{
  RunResult r;

  (void)state;
  r = made_up(true, 0, 0, 0, VM_END_EXIT, 0);
  assert_int_equal(decide_explain(&r, "panicroom bug"), VERDICT_SIGNAL);
  r = made_up(true, 0, 0, 1, VM_END_EXIT, 2); /* record disagrees */
  assert_int_equal(decide_explain(&r, "says status 2"), VERDICT_SIGNAL);
  r = made_up(false, 0, SIGSEGV, 1, VM_END_EXIT, 0); /* crashed after it */
  assert_int_equal(decide_explain(&r, "SIGSEGV"), VERDICT_SIGNAL);
  r = made_up(false, 0, SIGXCPU, 0, VM_END_EXIT, 0);
  assert_int_equal(decide_explain(&r, "CPU limit"), VERDICT_TIMEOUT);
  r = made_up(false, 0, SIGKILL, 0, VM_END_EXIT, 0);
  r.cpu_ms = r.limits.cpu_s * 1000 + 5; /* RLIMIT_CPU's hard limit */
  assert_int_equal(verdict_decide(&r), VERDICT_TIMEOUT);
  r.cpu_ms = 10; /* SIGKILL from someone else */
  assert_int_equal(decide_explain(&r, "SIGKILL"), VERDICT_SIGNAL);
  r = made_up(false, 0, SIGABRT, 1, VM_END_OOM, 2);
  assert_int_equal(decide_explain(&r, "address space"), VERDICT_OOM);
  r = made_up(false, 0, SIGABRT, 0, VM_END_EXIT, 0);
  assert_int_equal(decide_explain(&r, "SIGABRT"), VERDICT_SIGNAL);
  r = made_up(true, 0, 0, 1, VM_END_EXIT, 0);
  r.timed_out = true; /* the wall clock wins over a late record */
  assert_int_equal(decide_explain(&r, "wall-clock"), VERDICT_TIMEOUT);
}

/* --- children ------------------------------------------------------------ */

static int child_hello(void *arg, int fd)
{
  (void)arg;
  put(1, "hello\n");
  put(2, "oops\n");
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void runner__spawn_captures_both_streams(void **state)
{
  RunResult r;

  (void)state;
  assert_int_equal(run(NULL, child_hello, NULL, &r), 0);
  assert_text(&r.out, "hello\n");
  assert_text(&r.err, "oops\n");
  assert_true(r.exited);
  assert_int_equal(r.exit_status, 0);
  assert_true(r.has_record);
  assert_null(r.record_error);
  assert_int_equal(r.event_lines, 1);
  assert_int_equal(decide_explain(&r, "ok"), VERDICT_OK);
  runner_result_fini(&r);
}

/* Many small writes alternating between the streams: each stream must
 * come out complete and in its own order. */
static int child_interleave(void *arg, int fd)
{
  char line[32];

  (void)arg;
  for (int i = 0; i < 2000; i++) {
    snprintf(line, sizeof line, "o%04d\n", i);
    put(1, line);
    snprintf(line, sizeof line, "e%04d\n", i);
    put(2, line);
  }
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void runner__spawn_interleaved_streams_complete(void **state)
{
  RunResult r;
  Buf want_out = BUF_INIT, want_err = BUF_INIT;

  (void)state;
  for (int i = 0; i < 2000; i++) {
    buf_printf(&want_out, "o%04d\n", i);
    buf_printf(&want_err, "e%04d\n", i);
  }
  assert_int_equal(run(NULL, child_interleave, NULL, &r), 0);
  assert_text(&r.out, buf_cstr(&want_out));
  assert_text(&r.err, buf_cstr(&want_err));
  assert_int_equal(verdict_decide(&r), VERDICT_OK);
  runner_result_fini(&r);
  buf_fini(&want_out);
  buf_fini(&want_err);
}

/* --- floods -------------------------------------------------------------- */

#define FLOOD_BYTES (10u << 20)

static char pattern_at(size_t i) { return (char)('a' + i % 23); }

/* Writes FLOOD_BYTES of the pattern to fd (the arg) in odd-sized pieces. */
static void flood(int to)
{
  char chunk[4099];
  size_t off = 0;

  while (off < FLOOD_BYTES) {
    size_t n = FLOOD_BYTES - off < sizeof chunk ? FLOOD_BYTES - off
                                                : sizeof chunk;

    for (size_t i = 0; i < n; i++)
      chunk[i] = pattern_at(off + i);
    if (os_write_all(to, chunk, n) < 0)
      _exit(98);
    off += n;
  }
}

static int child_flood_stdout(void *arg, int fd)
{
  (void)arg;
  flood(1);
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void assert_pattern(const char *p, size_t n, size_t from)
{
  for (size_t i = 0; i < n; i++)
    if (p[i] != pattern_at(from + i))
      fail_msg("byte %zu of the capture is wrong", from + i);
}

static void runner__spawn_10mb_output_is_bounded(void **state)
{
  RunResult r;
  size_t hlen, tlen;
  const char *head, *tail;

  (void)state;
  assert_int_equal(run(NULL, child_flood_stdout, NULL, &r), 0);
  head = capture_head(&r.out, &hlen);
  tail = capture_tail(&r.out, &tlen);
  assert_int_equal(hlen, RUN_DEFAULT_HEAD_BYTES);
  assert_int_equal(tlen, RUN_DEFAULT_TAIL_BYTES);
  assert_int_equal(r.out.total, FLOOD_BYTES);
  assert_int_equal(capture_dropped(&r.out),
                   FLOOD_BYTES - RUN_DEFAULT_HEAD_BYTES -
                       RUN_DEFAULT_TAIL_BYTES);
  assert_pattern(head, hlen, 0);
  assert_pattern(tail, tlen, FLOOD_BYTES - tlen);
  assert_int_equal(verdict_decide(&r), VERDICT_OK);
  runner_result_fini(&r);
}

/* Megabytes on stderr before the first byte on stdout: a parent that
 * waited on stdout alone would leave the child blocked on a full stderr
 * pipe forever. */
static int child_flood_stderr_then_stdout(void *arg, int fd)
{
  (void)arg;
  flood(2);
  put(1, "done\n");
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void runner__spawn_stderr_flood_does_not_deadlock(void **state)
{
  RunLimits lim = {.wall_ms = 20000, .head_bytes = 10, .tail_bytes = 10};
  RunResult r;

  (void)state;
  assert_int_equal(run(&lim, child_flood_stderr_then_stdout, NULL, &r), 0);
  assert_false(r.timed_out);
  assert_text(&r.out, "done\n");
  assert_int_equal(r.err.total, FLOOD_BYTES);
  assert_int_equal(capture_dropped(&r.err), FLOOD_BYTES - 20);
  assert_int_equal(verdict_decide(&r), VERDICT_OK);
  runner_result_fini(&r);
}

/* --- limits -------------------------------------------------------------- */

static volatile unsigned long spin_sink;

static _Noreturn void spin(void)
{
  for (;;)
    spin_sink++;
}

/* Starts a grandchild that spins too, and says its pid on stdout. */
static int child_spin_with_grandchild(void *arg, int fd)
{
  char line[32];
  pid_t g = fork();

  (void)arg;
  (void)fd;
  if (g == 0)
    spin();
  snprintf(line, sizeof line, "%ld\n", (long)g);
  put(1, line);
  spin();
}

static pid_t pid_from(const Capture *c)
{
  char *t = text(c);
  long pid = strtol(t, NULL, 10);

  free(t);
  return (pid_t)pid;
}

static void runner__wall_clock_kills_child_and_grandchild(void **state)
{
  RunLimits lim = {.wall_ms = 300};
  RunResult r;
  pid_t g;

  (void)state;
  assert_int_equal(run(&lim, child_spin_with_grandchild, NULL, &r), 0);
  g = pid_from(&r.out);
  assert_true(g > 0);
  assert_true(r.timed_out);
  assert_false(r.exited);
  assert_int_equal(r.signo, SIGKILL);
  assert_true(r.wall_ms >= 300 && r.wall_ms < 1500);
  assert_true(pid_gone(g));
  assert_int_equal(decide_explain(&r, "wall-clock limit of 300 ms"),
                   VERDICT_TIMEOUT);
  runner_result_fini(&r);
}

/* The child is done, but a grandchild it left holds stdout open: the run
 * must end with the child, not when the grandchild would. */
static int child_leaves_grandchild(void *arg, int fd)
{
  char line[32];
  pid_t g = fork();

  (void)arg;
  if (g == 0) {
    sleep_ms(30000);
    _exit(0);
  }
  snprintf(line, sizeof line, "%ld\n", (long)g);
  put(1, line);
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void runner__leftover_grandchild_is_killed(void **state)
{
  RunResult r;
  pid_t g;

  (void)state;
  assert_int_equal(run(NULL, child_leaves_grandchild, NULL, &r), 0);
  g = pid_from(&r.out);
  assert_true(g > 0);
  assert_false(r.timed_out);
  assert_true(r.wall_ms < 2000);
  assert_true(pid_gone(g));
  assert_int_equal(verdict_decide(&r), VERDICT_OK);
  runner_result_fini(&r);
}

static int child_spin(void *arg, int fd)
{
  (void)arg;
  (void)fd;
  spin();
}

static void runner__cpu_limit_is_timeout(void **state)
{
  RunLimits lim = {.cpu_s = 1, .wall_ms = 20000};
  RunResult r;

  (void)state;
  assert_int_equal(run(&lim, child_spin, NULL, &r), 0);
  assert_false(r.timed_out);
  assert_false(r.exited);
  assert_int_equal(r.signo, SIGXCPU);
  /* rusage times are sampled at clock ticks, the limit is not: allow
   * for the difference. */
  if (r.cpu_ms < 500)
    fail_msg("SIGXCPU after only %llu ms of CPU time",
             (unsigned long long)r.cpu_ms);
  assert_int_equal(decide_explain(&r, "CPU limit of 1 s"), VERDICT_TIMEOUT);
  runner_result_fini(&r);
}

/* Allocates through xmalloc until the address-space limit stops it. */
static int child_alloc_bomb(void *arg, int fd)
{
  static void *volatile keep;

  (void)arg;
  (void)fd;
  for (;;) {
    void **p = xmalloc(1u << 20);

    *p = keep; /* a chain, so nothing is unreachable */
    keep = p;
    if (!keep) /* never: xmalloc dies rather than return NULL */
      return 0;
  }
}

static void runner__memory_limit_is_oom(void **state)
{
  RunLimits lim = {.as_bytes = 256u << 20};
  RunResult r;

  (void)state;
#ifdef UNDER_ASAN
  skip(); /* no RLIMIT_AS under ASan: see runner_limits_fill */
#endif
  assert_int_equal(run(&lim, child_alloc_bomb, NULL, &r), 0);
  assert_false(r.exited);
  assert_int_equal(r.signo, SIGABRT);
  assert_true(r.has_record);
  assert_int_equal(decide_explain(&r, "address space"), VERDICT_OOM);
  runner_result_fini(&r);
}

/* --- crashes and records that must not be trusted ------------------------ */

static int child_segv(void *arg, int fd)
{
  (void)arg;
  (void)fd;
  signal(SIGSEGV, SIG_DFL); /* not cmocka's or ASan's handler */
  raise(SIGSEGV);
  return 0;
}

static void runner__sigsegv_is_a_panicroom_bug(void **state)
{
  RunResult r;

  (void)state;
  assert_int_equal(run(NULL, child_segv, NULL, &r), 0);
  assert_false(r.exited);
  assert_int_equal(r.signo, SIGSEGV);
  assert_int_equal(
      decide_explain(&r, "panicroom bug: the child crashed with SIGSEGV"),
      VERDICT_SIGNAL);
  runner_result_fini(&r);
}

/* Prints what a crash and a test pass look like, then ends normally. */
static int child_fake_panic(void *arg, int fd)
{
  (void)arg;
  put(1, "PASS\n");
  put(2, "panic: fake\n\ngoroutine 1 [running]:\nmain.main()\n"
         "\t/tmp/prog.go:4 +0x1d\nexit status 2\n");
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void runner__printed_panic_is_still_ok(void **state)
{
  RunResult r;

  (void)state;
  assert_int_equal(run(NULL, child_fake_panic, NULL, &r), 0);
  assert_int_equal(decide_explain(&r, "ok"), VERDICT_OK);
  runner_result_fini(&r);
}

/* The other way round: silent output, but the record says panic. */
static int child_quiet_panic(void *arg, int fd)
{
  (void)arg;
  put_record(fd, VM_END_PANIC, 2, "panic: boom");
  return 2;
}

static void runner__verdict_comes_from_the_record(void **state)
{
  RunResult r;

  (void)state;
  assert_int_equal(run(NULL, child_quiet_panic, NULL, &r), 0);
  assert_int_equal(r.exit_status, 2);
  assert_int_equal(decide_explain(&r, "panic: boom"), VERDICT_PANIC);
  runner_result_fini(&r);
}

/* arg: the text the child writes on its result channel before exit 0. */
static int child_says(void *arg, int fd)
{
  put(fd, arg);
  return 0;
}

static void runner__bad_records_are_not_trusted(void **state)
{
  static const char *const says[] = {
      "", /* nothing */
      "end=exit status=0 compile=0 steps=x goroutines=1 races=0 leaks=0 "
      "first=\n",
      "end=exit status=0 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=", /* cut before its newline */
      "end=exit status=1 compile=0 steps=0 goroutines=1 races=0 leaks=0 "
      "first=\n", /* exits 0 */
      "PASS\n",
  };
  RunResult r;

  (void)state;
  for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
    assert_int_equal(run(NULL, child_says, (void *)says[i], &r), 0);
    assert_true(r.exited);
    if (verdict_decide(&r) != VERDICT_SIGNAL)
      fail_msg("trusted result channel %zu: %s", i, says[i]);
    decide_explain(&r, "panicroom bug");
    runner_result_fini(&r);
  }
}

/* A line longer than RUN_LINE_MAX breaks the channel, even if a valid
 * record follows it. */
static int child_overlong_line(void *arg, int fd)
{
  char *big = xmalloc(RUN_LINE_MAX + 2);

  (void)arg;
  memset(big, 'x', RUN_LINE_MAX + 1);
  big[RUN_LINE_MAX + 1] = '\n';
  if (os_write_all(fd, big, RUN_LINE_MAX + 2) < 0)
    _exit(98);
  free(big);
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void runner__overlong_result_line_breaks_channel(void **state)
{
  RunResult r;

  (void)state;
  assert_int_equal(run(NULL, child_overlong_line, NULL, &r), 0);
  assert_false(r.has_record);
  assert_int_equal(decide_explain(&r, "too long"), VERDICT_SIGNAL);
  runner_result_fini(&r);
}

/* Closes everything we read, then lingers: no EOF means nothing here. */
static int child_closes_early(void *arg, int fd)
{
  (void)arg;
  close(1);
  close(2);
  close(fd);
  sleep_ms(200);
  return 0;
}

static void runner__child_closing_fds_early(void **state)
{
  RunLimits lim = {.wall_ms = 5000};
  RunResult r;

  (void)state;
  assert_int_equal(run(&lim, child_closes_early, NULL, &r), 0);
  assert_false(r.timed_out);
  assert_true(r.exited);
  assert_true(r.wall_ms >= 190 && r.wall_ms < 2000);
  assert_int_equal(decide_explain(&r, "no exit record"), VERDICT_SIGNAL);
  runner_result_fini(&r);
}

/* --- the parent under signals -------------------------------------------- */

static volatile sig_atomic_t alarms, chlds;

static void on_alarm(int sig)
{
  (void)sig;
  alarms++;
}

static void on_chld(int sig)
{
  (void)sig;
  chlds++;
}

/* Takes its time and pokes the parent with SIGCHLD while it does. */
static int child_slow_ticks(void *arg, int fd)
{
  (void)arg;
  for (int i = 0; i < 20; i++) {
    sleep_ms(10);
    put(1, "tick\n");
    kill(getppid(), SIGCHLD);
  }
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

/* SIGALRM every millisecond and SIGCHLD, both without SA_RESTART, so
 * poll(), read() and the wait calls see EINTR again and again. */
static void runner__signals_during_wait_are_harmless(void **state)
{
  struct sigaction sa, old_alrm, old_chld;
  struct itimerval it = {{0, 1000}, {0, 1000}}, off = {{0, 0}, {0, 0}};
  RunResult r;
  Buf want = BUF_INIT;
  int rc;

  (void)state;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = on_alarm;
  assert_int_equal(sigaction(SIGALRM, &sa, &old_alrm), 0);
  sa.sa_handler = on_chld;
  assert_int_equal(sigaction(SIGCHLD, &sa, &old_chld), 0);
  alarms = chlds = 0;
  assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
  rc = run(NULL, child_slow_ticks, NULL, &r);
  assert_int_equal(setitimer(ITIMER_REAL, &off, NULL), 0);
  assert_int_equal(sigaction(SIGALRM, &old_alrm, NULL), 0);
  assert_int_equal(sigaction(SIGCHLD, &old_chld, NULL), 0);
  assert_int_equal(rc, 0);
  assert_true(alarms > 10);
  assert_true(chlds > 0);
  for (int i = 0; i < 20; i++)
    buf_puts(&want, "tick\n");
  assert_text(&r.out, buf_cstr(&want));
  assert_int_equal(verdict_decide(&r), VERDICT_OK);
  runner_result_fini(&r);
  buf_fini(&want);
}

/* --- the child's sandbox, seen from inside ------------------------------- */

static void say_rlimit(Buf *b, const char *name, int res)
{
  struct rlimit rl;

  if (getrlimit(res, &rl) < 0)
    _exit(97);
  buf_printf(b, "%s ", name);
  if (rl.rlim_cur == RLIM_INFINITY)
    buf_puts(b, "inf ");
  else
    buf_printf(b, "%llu ", (unsigned long long)rl.rlim_cur);
  if (rl.rlim_max == RLIM_INFINITY)
    buf_puts(b, "inf\n");
  else
    buf_printf(b, "%llu\n", (unsigned long long)rl.rlim_max);
}

/* Reports its limits, process group, stdin and open descriptors. */
static int child_reports_sandbox(void *arg, int fd)
{
  Buf b = BUF_INIT;
  char c;
  int open_fds = 0;

  (void)arg;
  say_rlimit(&b, "cpu", RLIMIT_CPU);
  say_rlimit(&b, "as", RLIMIT_AS);
  say_rlimit(&b, "nofile", RLIMIT_NOFILE);
  say_rlimit(&b, "fsize", RLIMIT_FSIZE);
  say_rlimit(&b, "core", RLIMIT_CORE);
  buf_printf(&b, "pgrp %s\n", getpgrp() == getpid() ? "own" : "shared");
  buf_printf(&b, "stdin %s\n", read(0, &c, 1) == 0 ? "eof" : "data");
  for (int i = 0; i < 1024; i++)
    open_fds += fcntl(i, F_GETFD) >= 0;
  buf_printf(&b, "fds %d\n", open_fds);
  put(1, buf_cstr(&b));
  buf_fini(&b);
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

/* What the child should report for a limit: as asked, but never above the
 * hard limit this process has (the runner cannot raise it). */
static void want_rlimit(Buf *b, const char *name, int res,
                        unsigned long long soft, unsigned long long hard)
{
  struct rlimit rl;

  assert_int_equal(getrlimit(res, &rl), 0);
  if (rl.rlim_max != RLIM_INFINITY && hard > rl.rlim_max)
    hard = rl.rlim_max;
  if (soft > hard)
    soft = hard;
  buf_printf(b, "%s %llu %llu\n", name, soft, hard);
}

static void runner__rlimits_and_fds_applied_in_child(void **state)
{
  RunLimits lim = {.cpu_s = 7, .as_bytes = 300u << 20, .nofile = 32,
                   .fsize_bytes = 1u << 20};
  RunResult r;
  Buf want = BUF_INIT;

  (void)state;
  assert_int_equal(run(&lim, child_reports_sandbox, NULL, &r), 0);
  want_rlimit(&want, "cpu", RLIMIT_CPU, 7, 8);
#ifdef UNDER_ASAN
  buf_puts(&want, "as inf inf\n");
#else
  want_rlimit(&want, "as", RLIMIT_AS, 300u << 20, 300u << 20);
#endif
  want_rlimit(&want, "nofile", RLIMIT_NOFILE, 32, 32);
  want_rlimit(&want, "fsize", RLIMIT_FSIZE, 1u << 20, 1u << 20);
  buf_puts(&want, "core 0 0\npgrp own\nstdin eof\nfds 4\n");
  assert_text(&r.out, buf_cstr(&want));
  assert_int_equal(verdict_decide(&r), VERDICT_OK);
  runner_result_fini(&r);
  buf_fini(&want);
}

static void runner__fork_failure_is_a_sandbox_error(void **state)
{
  int before = count_fds();
  RunResult r;

  (void)state;
  fork_fails = 1;
  assert_int_equal(runner_spawn(NULL, child_hello, NULL, &r), -1);
  assert_non_null(r.sandbox_error);
  assert_string_equal(r.sandbox_error,
                      "fork: Resource temporarily unavailable");
  assert_int_equal(count_fds(), before);
  runner_result_fini(&r);
}

/* What child.c's own child writes when setting up its sandbox failed. */
static int child_sandbox_failed(void *arg, int fd)
{
  (void)arg;
  put(fd, "sandbox-error setrlimit(RLIMIT_AS): Invalid argument\n");
  return 127;
}

static void runner__child_side_sandbox_error(void **state)
{
  RunResult r;

  (void)state;
  assert_int_equal(runner_spawn(NULL, child_sandbox_failed, NULL, &r), -1);
  assert_string_equal(r.sandbox_error,
                      "setrlimit(RLIMIT_AS): Invalid argument");
  runner_result_fini(&r);
}

static void runner__no_descriptor_leaks(void **state)
{
  int before = count_fds();
  RunResult r;

  (void)state;
  for (int i = 0; i < 20; i++) {
    assert_int_equal(run(NULL, i % 2 ? child_hello : child_segv, NULL, &r),
                     0);
    runner_result_fini(&r);
  }
  assert_int_equal(count_fds(), before);
}

/* --- streaming the result channel ---------------------------------------- */

static void collect_line(void *ctx, const char *line, size_t n)
{
  Buf *b = ctx;

  buf_append(b, line, n);
  buf_putc(b, '|');
}

/* Events in odd pieces: a line split over writes, two in one write. */
static int child_events(void *arg, int fd)
{
  (void)arg;
  put(fd, "{\"ev\":1}\n{\"ev\"");
  sleep_ms(20);
  put(fd, ":2}\n");
  put(fd, "{\"ev\":3}\n");
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void runner__events_stream_line_by_line(void **state)
{
  Buf seen = BUF_INIT;
  RunLimits lim = {.on_event = collect_line, .event_ctx = &seen};
  RunResult r;

  (void)state;
  assert_int_equal(run(&lim, child_events, NULL, &r), 0);
  assert_int_equal(r.event_lines, 4);
  assert_string_equal(buf_cstr(&seen),
                      "{\"ev\":1}|{\"ev\":2}|{\"ev\":3}|end=exit status=0 "
                      "compile=0 steps=0 goroutines=0 races=0 leaks=0 "
                      "first=|");
  assert_int_equal(verdict_decide(&r), VERDICT_OK);
  runner_result_fini(&r);
  buf_fini(&seen);
}

/* --- streaming the output ------------------------------------------------ */

typedef struct Streamed {
  Buf by_fd[3];
  int calls;
} Streamed;

static void collect_output(void *ctx, int fd, const char *p, size_t n)
{
  Streamed *s = ctx;

  assert_true(fd == 1 || fd == 2);
  buf_append(&s->by_fd[fd], p, n);
  s->calls++;
}

/* Output in pieces over time, so it must arrive before the child ends. */
static int child_pieces(void *arg, int fd)
{
  (void)arg;
  put(1, "one\n");
  sleep_ms(20);
  put(2, "two\n");
  sleep_ms(20);
  put(1, "three\n");
  put_record(fd, VM_END_EXIT, 0, "");
  return 0;
}

static void runner__output_streams_as_it_arrives(void **state)
{
  Streamed seen = {{BUF_INIT, BUF_INIT, BUF_INIT}, 0};
  RunLimits lim = {.on_output = collect_output, .output_ctx = &seen};
  RunResult r;
  Buf cap = BUF_INIT;

  (void)state;
  assert_int_equal(run(&lim, child_pieces, NULL, &r), 0);
  assert_true(seen.calls >= 3); /* one per piece: nothing held back */
  assert_string_equal(buf_cstr(&seen.by_fd[1]), "one\nthree\n");
  assert_string_equal(buf_cstr(&seen.by_fd[2]), "two\n");
  capture_text(&r.out, &cap); /* the capture still gets everything */
  assert_string_equal(buf_cstr(&cap), "one\nthree\n");
  runner_result_fini(&r);
  buf_fini(&cap);
  for (int i = 0; i < 3; i++)
    buf_fini(&seen.by_fd[i]);
}

/* --- through the engine -------------------------------------------------- */

static void runner__run_source_through_engine(void **state)
{
  static const char ok[] = "package main\n\nimport \"fmt\"\n\n"
                           "func main() {\n\tfmt.Println(\"hi\")\n}\n";
  static const char boom[] = "package main\n\nfunc main() {\n"
                             "\tpanic(\"boom\")\n}\n";
  RunResult r;

  (void)state;
  assert_int_equal(
      runner_run_source("ok.go", ok, sizeof ok - 1, NULL, NULL, &r), 0);
  assert_text(&r.out, "hi\n");
  assert_int_equal(decide_explain(&r, "ok"), VERDICT_OK);
  runner_result_fini(&r);
  assert_int_equal(
      runner_run_source("boom.go", boom, sizeof boom - 1, NULL, NULL, &r), 0);
  assert_int_equal(r.exit_status, 2);
  assert_int_equal(decide_explain(&r, "panic: boom"), VERDICT_PANIC);
  runner_result_fini(&r);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(runner__verdict_names_round_trip),
      cmocka_unit_test(runner__capture_small_keeps_all),
      cmocka_unit_test(runner__capture_bounded_head_tail_dropped),
      cmocka_unit_test(runner__capture_text_marks_gap),
      cmocka_unit_test(runner__record_round_trip_escapes),
      cmocka_unit_test(runner__record_first_line_is_cut),
      cmocka_unit_test(runner__record_parse_is_strict),
      cmocka_unit_test(runner__decide_from_record_and_ending),
      cmocka_unit_test(runner__decide_untrusted_and_killed),
      cmocka_unit_test(runner__spawn_captures_both_streams),
      cmocka_unit_test(runner__spawn_interleaved_streams_complete),
      cmocka_unit_test(runner__spawn_10mb_output_is_bounded),
      cmocka_unit_test(runner__spawn_stderr_flood_does_not_deadlock),
      cmocka_unit_test(runner__wall_clock_kills_child_and_grandchild),
      cmocka_unit_test(runner__leftover_grandchild_is_killed),
      cmocka_unit_test(runner__cpu_limit_is_timeout),
      cmocka_unit_test(runner__memory_limit_is_oom),
      cmocka_unit_test(runner__sigsegv_is_a_panicroom_bug),
      cmocka_unit_test(runner__printed_panic_is_still_ok),
      cmocka_unit_test(runner__verdict_comes_from_the_record),
      cmocka_unit_test(runner__bad_records_are_not_trusted),
      cmocka_unit_test(runner__overlong_result_line_breaks_channel),
      cmocka_unit_test(runner__child_closing_fds_early),
      cmocka_unit_test(runner__signals_during_wait_are_harmless),
      cmocka_unit_test(runner__rlimits_and_fds_applied_in_child),
      cmocka_unit_test(runner__fork_failure_is_a_sandbox_error),
      cmocka_unit_test(runner__child_side_sandbox_error),
      cmocka_unit_test(runner__no_descriptor_leaks),
      cmocka_unit_test(runner__events_stream_line_by_line),
      cmocka_unit_test(runner__output_streams_as_it_arrives),
      cmocka_unit_test(runner__run_source_through_engine),
  };

  return cmocka_run_group_tests(tests, NULL, NULL);
}
