/* base/buf.c - see buf.h. Capacity doubles, so appending is amortised O(1). */
#include "base/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first allocation: a typical line of output fits. */
#define BUF_MIN_CAP 64

/* Makes room for extra more bytes plus the terminator. */
static void reserve(Buf *b, size_t extra)
{
  size_t need, cap;

  if (extra > SIZE_MAX - b->len - 1)
    die("buf: %zu + %zu bytes overflows", b->len, extra);
  need = b->len + extra + 1;
  if (need <= b->cap)
    return;
  cap = b->cap ? b->cap : BUF_MIN_CAP;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  b->data = xrealloc(b->data, cap);
  b->cap = cap;
}

void buf_init(Buf *b)
{
  b->data = NULL;
  b->len = b->cap = 0;
}

void buf_fini(Buf *b)
{
  free(b->data);
  buf_init(b);
}

void buf_append(Buf *b, const void *data, size_t len)
{
  reserve(b, len);
  if (len)
    memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
}

void buf_puts(Buf *b, const char *s) { buf_append(b, s, strlen(s)); }

void buf_putc(Buf *b, char c) { buf_append(b, &c, 1); }

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
  va_list ap2;
  int n;

  reserve(b, 0);
  va_copy(ap2, ap);
  n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    die("buf_printf: bad format \"%s\"", fmt);
  if ((size_t)n >= b->cap - b->len) {
    reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
  }
  b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  buf_vprintf(b, fmt, ap);
  va_end(ap);
}

void buf_clear(Buf *b)
{
  b->len = 0;
  if (b->data)
    b->data[0] = '\0';
}

char *buf_cstr(Buf *b)
{
  reserve(b, 0);
  b->data[b->len] = '\0';
  return b->data;
}

char *buf_steal(Buf *b)
{
  char *s = buf_cstr(b);

  buf_init(b);
  return s;
}

void buf_put_escaped(Buf *b, const char *p, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '"' || c == '\\')
      buf_printf(b, "\\%c", c);
    else if (c < 0x20 || c == 0x7f)
      buf_printf(b, "\\x%02x", c);
    else
      buf_putc(b, (char)c);
  }
}
