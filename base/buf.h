/* base/buf.h - a growable byte buffer (output, messages, generated text).
 *
 * Contract: a Buf owns data. While data is non-NULL it is always
 * NUL-terminated at data[len], so buf_cstr() never reallocates once anything
 * was appended; the contents may still hold NULs of their own (len counts
 * them). Growth goes through xrealloc, so appending never fails: it dies on
 * OOM. A zeroed Buf (or BUF_INIT) is a valid empty buffer.
 */
#ifndef PANICROOM_BASE_BUF_H
#define PANICROOM_BASE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "base/mem.h" /* PANICROOM_PRINTF */

typedef struct Buf {
  char *data; /* owned; NULL until the first append */
  size_t len; /* bytes used, not counting the terminator */
  size_t cap; /* bytes allocated, terminator included */
} Buf;

#define BUF_INIT {NULL, 0, 0}

void buf_init(Buf *b);
/* Frees data; b is then empty and may be reused. */
void buf_fini(Buf *b);
void buf_append(Buf *b, const void *data, size_t len);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) PANICROOM_PRINTF(2, 3);
void buf_vprintf(Buf *b, const char *fmt, va_list ap) PANICROOM_PRINTF(2, 0);
/* len = 0; keeps the allocation for reuse. */
/* Appends p[0..n) for a one-line report: '"' and '\\' backslashed, control
 * bytes as \xNN, everything else (UTF-8 included) as is. */
void buf_put_escaped(Buf *b, const char *p, size_t n);
void buf_clear(Buf *b);
/* The contents as a C string, owned by b; valid until the next change to b. */
char *buf_cstr(Buf *b);
/* Hands the contents (NUL-terminated, never NULL) to the caller, who frees
 * them with free(); b is left empty. */
char *buf_steal(Buf *b);

#endif
