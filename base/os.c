/* base/os.c - see os.h. Plain POSIX calls, each checked; on failure errno
 * is saved across the cleanup so the caller sees the first cause. */
#include "base/os.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"

/* Temporary names tried before giving up; more than one only matters when a
 * crashed process with a recycled pid left its temporary behind. */
#define OS_TMP_ATTEMPTS 100
/* Initial read buffer for files whose size fstat() does not tell. */
#define OS_READ_CHUNK 4096

int os_write_all(int fd, const void *data, size_t len)
{
  const char *p = data;

  while (len > 0) {
    ssize_t n = write(fd, p, len);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return -1;
    if (n == 0) { /* POSIX allows it only for len 0; never spin on it */
      errno = EIO;
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

static int open_retry(const char *path, int flags, mode_t mode)
{
  int fd;

  do
    fd = open(path, flags, mode);
  while (fd < 0 && errno == EINTR);
  return fd;
}

/* Cleanup for os_read_file's failure paths; keeps errno. */
static char *read_fail(int fd, char *data)
{
  int err = errno;

  free(data);
  close(fd);
  errno = err;
  return NULL;
}

char *os_read_file(const char *path, size_t *len)
{
  size_t cap = OS_READ_CHUNK, n = 0;
  struct stat st;
  char *data = NULL;
  int fd = open_retry(path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return NULL;
  if (fstat(fd, &st) < 0)
    return read_fail(fd, NULL);
  if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size >= SIZE_MAX / 2) {
    errno = EFBIG;
    return read_fail(fd, NULL);
  }
  /* +2: room for the terminator and for the read that sees EOF. */
  if (S_ISREG(st.st_mode) && st.st_size > 0)
    cap = (size_t)st.st_size + 2;
  data = xmalloc(cap);
  for (;;) {
    ssize_t r;

    if (cap - n < 2) {
      cap *= 2;
      data = xrealloc(data, cap);
    }
    r = read(fd, data + n, cap - n - 1);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0)
      return read_fail(fd, data);
    if (r == 0)
      break;
    n += (size_t)r;
  }
  close(fd); /* read-only: nothing is lost if close fails */
  data[n] = '\0';
  if (len)
    *len = n;
  return data;
}

/* Creates a fresh temporary next to path; its name is left in tmp. */
static int open_tmp(const char *path, Buf *tmp)
{
  int fd = -1;

  for (int i = 0; i < OS_TMP_ATTEMPTS && fd < 0; i++) {
    buf_clear(tmp);
    buf_printf(tmp, "%s.tmp.%ld.%d", path, (long)getpid(), i);
    fd = open_retry(buf_cstr(tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                    0666);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  return fd;
}

int os_write_file_atomic(const char *path, const void *data, size_t len)
{
  Buf tmp = BUF_INIT;
  int fd = open_tmp(path, &tmp), err;

  if (fd < 0)
    goto err_buf;
  if (os_write_all(fd, data, len) < 0 || fsync(fd) < 0)
    goto err_close;
  if (close(fd) < 0)
    goto err_unlink;
  if (rename(buf_cstr(&tmp), path) < 0)
    goto err_unlink;
  buf_fini(&tmp);
  return 0;

err_close:
  err = errno;
  close(fd);
  errno = err;
err_unlink:
  err = errno;
  unlink(buf_cstr(&tmp));
  errno = err;
err_buf:
  err = errno;
  buf_fini(&tmp);
  errno = err;
  return -1;
}

pid_t os_fork(void) { return fork(); }
