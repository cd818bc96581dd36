/* tests/unit/test_base.c - base/: Buf, Arena, x* allocation, die(), os_*.
 *
 * write() is wrapped (WRAP_test_base in the Makefile) so os_write_all can be
 * shown EINTR and partial writes; the wrapper passes through unless a test
 * arms it. File tests run in a fresh mkdtemp directory per test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/os.h"

/* --- the write() seam ---------------------------------------------------- */

ssize_t __real_write(int fd, const void *data, size_t len);
ssize_t __wrap_write(int fd, const void *data, size_t len);

static int write_armed;

/* Armed: each call takes one queued value: -1 means fail with EINTR, 0 means
 * return 0, n > 0 means write at most n bytes. */
ssize_t __wrap_write(int fd, const void *data, size_t len)
{
  int limit;

  if (!write_armed)
    return __real_write(fd, data, len);
  limit = mock_type(int);
  if (limit < 0) {
    errno = EINTR;
    return -1;
  }
  return __real_write(fd, data, len < (size_t)limit ? len : (size_t)limit);
}

/* --- temporary directory fixture ----------------------------------------- */

static int tmpdir_setup(void **state)
{
  char *dir = xstrdup("/tmp/panicroom-test-XXXXXX");

  if (!mkdtemp(dir)) {
    free(dir);
    return -1;
  }
  *state = dir;
  return 0;
}

static int tmpdir_teardown(void **state)
{
  char *dir = *state;
  DIR *d = opendir(dir);
  struct dirent *e;
  Buf path = BUF_INIT;

  while (d && (e = readdir(d))) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    buf_clear(&path);
    buf_printf(&path, "%s/%s", dir, e->d_name);
    unlink(buf_cstr(&path));
  }
  if (d)
    closedir(d);
  buf_fini(&path);
  rmdir(dir);
  free(dir);
  return 0;
}

static char *path_in(void **state, const char *name)
{
  Buf b = BUF_INIT;

  buf_printf(&b, "%s/%s", (char *)*state, name);
  return buf_steal(&b);
}

static int count_entries(const char *dir)
{
  DIR *d = opendir(dir);
  int n = 0;

  assert_non_null(d);
  while (readdir(d))
    n++;
  closedir(d);
  return n - 2; /* . and .. */
}

/* --- Buf ------------------------------------------------------------------ */

static void base__buf_append_and_cstr(void **state)
{
  Buf b;

  (void)state;
  buf_init(&b);
  buf_puts(&b, "chan");
  buf_putc(&b, ' ');
  buf_append(&b, "send!", 4);
  assert_int_equal(b.len, 9);
  assert_string_equal(buf_cstr(&b), "chan send");
  buf_fini(&b);
  assert_null(b.data);
  assert_int_equal(b.len, 0);
}

static void base__buf_empty_cstr(void **state)
{
  Buf b = BUF_INIT;

  (void)state;
  assert_string_equal(buf_cstr(&b), "");
  buf_fini(&b);
}

/* Quotes, backslashes and control bytes escaped; UTF-8 kept; embedded
 * NUL counted by n, not by strlen. */
static void base__buf_put_escaped(void **state)
{
  Buf b = BUF_INIT;

  (void)state;
  buf_put_escaped(&b, "a\"b\\c\n\x7f\0d\xe4\xb8\xad", 12);
  assert_string_equal(buf_cstr(&b), "a\\\"b\\\\c\\x0a\\x7f\\x00d\xe4\xb8\xad");
  buf_fini(&b);
}

static void base__buf_printf_grows(void **state)
{
  Buf b = BUF_INIT;
  char want[1024];

  (void)state;
  buf_puts(&b, "x");
  for (int i = 0; i < 100; i++)
    buf_printf(&b, "%d,", i);
  snprintf(want, sizeof want, "x");
  for (int i = 0; i < 100; i++)
    snprintf(want + strlen(want), sizeof want - strlen(want), "%d,", i);
  assert_string_equal(buf_cstr(&b), want);
  assert_int_equal(b.len, strlen(want));
  buf_clear(&b);
  buf_printf(&b, "%s-%05d", "goroutine", 7);
  assert_string_equal(buf_cstr(&b), "goroutine-00007");
  buf_fini(&b);
}

static void base__buf_embedded_nul(void **state)
{
  Buf b = BUF_INIT;

  (void)state;
  buf_append(&b, "a\0b", 3);
  assert_int_equal(b.len, 3);
  assert_memory_equal(b.data, "a\0b", 4); /* terminator after the bytes */
  buf_fini(&b);
}

static void base__buf_clear_keeps_capacity(void **state)
{
  Buf b = BUF_INIT;
  size_t cap;

  (void)state;
  buf_puts(&b, "some text");
  cap = b.cap;
  buf_clear(&b);
  assert_int_equal(b.len, 0);
  assert_int_equal(b.cap, cap);
  assert_string_equal(buf_cstr(&b), "");
  buf_fini(&b);
}

static void base__buf_steal_leaves_empty(void **state)
{
  Buf b = BUF_INIT;
  char *s;

  (void)state;
  buf_puts(&b, "owned");
  s = buf_steal(&b);
  assert_string_equal(s, "owned");
  assert_null(b.data);
  assert_int_equal(b.len, 0);
  free(s);
  s = buf_steal(&b); /* empty: still a string, never NULL */
  assert_string_equal(s, "");
  free(s);
}

/* --- x* and die() --------------------------------------------------------- */

static void base__xstrndup_stops_at_nul(void **state)
{
  char *a = xstrndup("select", 3), *b = xstrndup("go\0ne", 5);
  char *c = xstrdup("");

  (void)state;
  assert_string_equal(a, "sel");
  assert_string_equal(b, "go");
  assert_string_equal(c, "");
  free(a);
  free(b);
  free(c);
}

static void die_test_hook(void)
{
  static const char msg[] = "hook\n";

  (void)os_write_all(2, msg, sizeof msg - 1);
}

static void base__die_runs_hook_then_aborts(void **state)
{
  char out[256];
  ssize_t n;
  size_t len = 0;
  int fds[2], status;
  pid_t pid;

  (void)state;
  assert_int_equal(pipe(fds), 0);
  pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], 2);
    die_set_hook(die_test_hook);
    die("fork: %s", "boom");
  }
  close(fds[1]);
  while ((n = read(fds[0], out + len, sizeof out - 1 - len)) > 0)
    len += (size_t)n;
  out[len] = '\0';
  close(fds[0]);
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFSIGNALED(status));
  assert_int_equal(WTERMSIG(status), SIGABRT);
  assert_string_equal(out, "hook\npanicroom: fork: boom\n");
}

/* --- Arena ---------------------------------------------------------------- */

static void base__arena_aligned_and_zeroed(void **state)
{
  Arena a;

  (void)state;
  arena_init(&a);
  for (size_t i = 0; i < 1000; i++) {
    unsigned char *p = arena_alloc(&a, i % 37);

    assert_int_equal((uintptr_t)p % 16, 0);
    for (size_t j = 0; j < i % 37; j++)
      assert_int_equal(p[j], 0);
    memset(p, 0xAB, i % 37);
  }
  arena_fini(&a);
}

static void base__arena_distinct_and_large(void **state)
{
  Arena a;
  char *small, *big, *zero1, *zero2, *after;

  (void)state;
  arena_init(&a);
  small = arena_alloc(&a, 10);
  big = arena_alloc(&a, 1 << 20); /* larger than a chunk */
  zero1 = arena_alloc(&a, 0);
  zero2 = arena_alloc(&a, 0);
  after = arena_alloc(&a, 10);
  assert_non_null(big);
  assert_ptr_not_equal(zero1, zero2);
  memset(big, 1, 1 << 20);
  memset(small, 2, 10);
  memset(after, 3, 10);
  assert_int_equal(big[0], 1);
  assert_int_equal(big[(1 << 20) - 1], 1);
  assert_int_equal(small[9], 2);
  arena_fini(&a);
  assert_null(a.chunks);
  assert_int_equal(a.nobjs, 0);
}

static void base__arena_strndup(void **state)
{
  Arena a;
  const char *src = "wg.Wait()";

  (void)state;
  arena_init(&a);
  assert_string_equal(arena_strndup(&a, src, 2), "wg");
  assert_string_equal(arena_strndup(&a, src, 100), "wg.Wait()");
  assert_string_equal(arena_strndup(&a, src, 0), "");
  arena_fini(&a);
  arena_init(&a); /* reusable after fini */
  assert_string_equal(arena_strndup(&a, "ok", 2), "ok");
  arena_fini(&a);
}

/* --- os ------------------------------------------------------------------- */

static void base__os_read_missing_sets_errno(void **state)
{
  char *path = path_in(state, "missing.go");
  size_t len = 99;

  errno = 0;
  assert_null(os_read_file(path, &len));
  assert_int_equal(errno, ENOENT);
  assert_int_equal(len, 99); /* untouched on failure */
  free(path);
}

static void base__os_write_atomic_roundtrip(void **state)
{
  char *path = path_in(state, "fixed.go"), *got;
  const char *v1 = "package main\n", *v2 = "package main\n\nfunc main() {}\n";
  size_t len;

  assert_int_equal(os_write_file_atomic(path, v1, strlen(v1)), 0);
  got = os_read_file(path, &len);
  assert_non_null(got);
  assert_int_equal(len, strlen(v1));
  assert_string_equal(got, v1);
  free(got);
  assert_int_equal(os_write_file_atomic(path, v2, strlen(v2)), 0);
  got = os_read_file(path, NULL);
  assert_string_equal(got, v2);
  free(got);
  assert_int_equal(count_entries(*state), 1); /* no temporary left */
  free(path);
}

static void base__os_read_empty_and_binary(void **state)
{
  char *path = path_in(state, "bytes"), *got;
  char data[10000];
  size_t len = 1;

  assert_int_equal(os_write_file_atomic(path, "", 0), 0);
  got = os_read_file(path, &len);
  assert_non_null(got);
  assert_int_equal(len, 0);
  assert_string_equal(got, "");
  free(got);
  for (size_t i = 0; i < sizeof data; i++)
    data[i] = (char)(i * 7);
  assert_int_equal(os_write_file_atomic(path, data, sizeof data), 0);
  got = os_read_file(path, &len);
  assert_int_equal(len, sizeof data);
  assert_memory_equal(got, data, sizeof data);
  assert_int_equal(got[len], '\0');
  free(got);
  free(path);
}

static void base__os_read_unknown_size(void **state)
{
  size_t len = 0;
  char *got = os_read_file("/proc/self/maps", &len); /* st_size is 0 */

  (void)state;
  if (!got)
    skip(); /* no /proc here */
  assert_true(len > 0);
  assert_int_equal(strlen(got), len);
  free(got);
}

static void base__os_write_atomic_missing_dir(void **state)
{
  char *path = path_in(state, "no/such/dir.go");

  errno = 0;
  assert_int_equal(os_write_file_atomic(path, "x", 1), -1);
  assert_int_equal(errno, ENOENT);
  assert_int_equal(count_entries(*state), 0);
  free(path);
}

static void base__os_write_all_retries(void **state)
{
  int fds[2];
  char got[16] = {0};

  (void)state;
  assert_int_equal(pipe(fds), 0);
  will_return(__wrap_write, -1);         /* EINTR: retried */
  will_return_count(__wrap_write, 3, 4); /* 10 bytes as 3+3+3+1 */
  write_armed = 1;
  assert_int_equal(os_write_all(fds[1], "0123456789", 10), 0);
  write_armed = 0;
  assert_int_equal(read(fds[0], got, sizeof got), 10);
  assert_string_equal(got, "0123456789");
  close(fds[0]);
  close(fds[1]);
}

static void base__os_write_all_zero_is_eio(void **state)
{
  int fds[2];

  (void)state;
  assert_int_equal(pipe(fds), 0);
  will_return(__wrap_write, 0);
  write_armed = 1;
  errno = 0;
  assert_int_equal(os_write_all(fds[1], "x", 1), -1);
  write_armed = 0;
  assert_int_equal(errno, EIO);
  assert_int_equal(os_write_all(fds[1], "", 0), 0); /* nothing to write */
  close(fds[0]);
  close(fds[1]);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(base__buf_append_and_cstr),
      cmocka_unit_test(base__buf_empty_cstr),
      cmocka_unit_test(base__buf_printf_grows),
      cmocka_unit_test(base__buf_put_escaped),
      cmocka_unit_test(base__buf_embedded_nul),
      cmocka_unit_test(base__buf_clear_keeps_capacity),
      cmocka_unit_test(base__buf_steal_leaves_empty),
      cmocka_unit_test(base__xstrndup_stops_at_nul),
      cmocka_unit_test(base__die_runs_hook_then_aborts),
      cmocka_unit_test(base__arena_aligned_and_zeroed),
      cmocka_unit_test(base__arena_distinct_and_large),
      cmocka_unit_test(base__arena_strndup),
      cmocka_unit_test_setup_teardown(base__os_read_missing_sets_errno,
                                      tmpdir_setup, tmpdir_teardown),
      cmocka_unit_test_setup_teardown(base__os_write_atomic_roundtrip,
                                      tmpdir_setup, tmpdir_teardown),
      cmocka_unit_test_setup_teardown(base__os_read_empty_and_binary,
                                      tmpdir_setup, tmpdir_teardown),
      cmocka_unit_test(base__os_read_unknown_size),
      cmocka_unit_test_setup_teardown(base__os_write_atomic_missing_dir,
                                      tmpdir_setup, tmpdir_teardown),
      cmocka_unit_test(base__os_write_all_retries),
      cmocka_unit_test(base__os_write_all_zero_is_eio),
  };

  return cmocka_run_group_tests_name("base", tests, NULL, NULL);
}
