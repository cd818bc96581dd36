/* base/os.h - the OS seams: file and descriptor I/O that tests replace.
 *
 * Why a file of its own: tests mock the OS with -Wl,--wrap=os_read_file
 * (listed as WRAP_test_<mod> in the Makefile), and --wrap only redirects
 * calls that cross object files. So every layer above base/ reaches these
 * operations through here, never through open()/read() directly.
 *
 * Contract: failures are returned, not fatal: -1 or NULL with errno set to
 * the cause (the caller decides whether that is a diagnostic or a die()).
 * Only OOM dies. Interrupted system calls (EINTR) are retried.
 */
#ifndef PANICROOM_BASE_OS_H
#define PANICROOM_BASE_OS_H

#include <stddef.h>
#include <sys/types.h>

/* Writes all len bytes, looping over partial writes and EINTR.
 * Returns 0, or -1 with errno set (some bytes may have been written). */
int os_write_all(int fd, const void *data, size_t len);

/* Reads the whole file. Returns a malloc'd buffer the caller frees, with a
 * NUL after the last byte (not counted in *len; len may be NULL), or NULL
 * with errno set. Works on files whose size stat() does not know (pipes,
 * /proc). */
char *os_read_file(const char *path, size_t *len);

/* Replaces path with data so a reader sees the old or the new contents,
 * never a mix: writes "<path>.tmp.<pid>.<n>" in the same directory, fsyncs
 * it, then rename()s it over path. The new file's mode is 0666 minus the
 * umask. Returns 0, or -1 with errno set and path untouched (the temporary
 * file is removed). The directory itself is not fsynced. */
int os_write_file_atomic(const char *path, const void *data, size_t len);

/* fork(2), unchanged: 0 in the child, the child's pid in the parent, or -1
 * with errno set.  A seam so runner tests can make it fail
 * (-Wl,--wrap=os_fork) and see a sandbox error, not a verdict. */
pid_t os_fork(void);

#endif
