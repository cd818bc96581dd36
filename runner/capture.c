/* runner/capture.c - see capture.h.  The tail is a linear buffer of twice
 * the tail size, compacted (the last tail_max bytes moved to the front)
 * when full: amortised O(1) per byte and the kept tail stays contiguous,
 * which a ring buffer would not give for free. */
#include "runner/capture.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void capture_init(Capture *c, size_t head_max, size_t tail_max)
{
  memset(c, 0, sizeof *c);
  buf_init(&c->head);
  c->head_max = head_max;
  c->tail_max = tail_max;
}

void capture_fini(Capture *c)
{
  buf_fini(&c->head);
  free(c->tail);
  c->tail = NULL;
  c->tail_len = 0;
}

/* Appends to the tail, keeping at least its last tail_max bytes. */
static void tail_append(Capture *c, const char *p, size_t n)
{
  size_t cap = 2 * c->tail_max;

  if (c->tail_max == 0)
    return;
  if (!c->tail)
    c->tail = xmalloc(cap);
  if (n >= c->tail_max) { /* the new bytes alone fill the tail */
    memcpy(c->tail, p + n - c->tail_max, c->tail_max);
    c->tail_len = c->tail_max;
    return;
  }
  if (c->tail_len + n > cap) {
    size_t keep = c->tail_max - n; /* old bytes still among the last */

    memmove(c->tail, c->tail + c->tail_len - keep, keep);
    c->tail_len = keep;
  }
  memcpy(c->tail + c->tail_len, p, n);
  c->tail_len += n;
}

void capture_append(Capture *c, const void *data, size_t n)
{
  const char *p = data;
  size_t room = c->head_max - c->head.len;
  size_t to_head = n < room ? n : room;

  if (to_head > 0)
    buf_append(&c->head, p, to_head);
  if (n > to_head)
    tail_append(c, p + to_head, n - to_head);
  c->total += n;
}

const char *capture_head(const Capture *c, size_t *len)
{
  *len = c->head.len;
  return c->head.data ? c->head.data : "";
}

const char *capture_tail(const Capture *c, size_t *len)
{
  size_t n = c->tail_len < c->tail_max ? c->tail_len : c->tail_max;

  *len = n;
  return n ? c->tail + c->tail_len - n : "";
}

uint64_t capture_dropped(const Capture *c)
{
  size_t tail_len;

  capture_tail(c, &tail_len);
  return c->total - c->head.len - tail_len;
}

void capture_text(const Capture *c, Buf *out)
{
  size_t hlen, tlen;
  const char *head = capture_head(c, &hlen);
  const char *tail = capture_tail(c, &tlen);
  uint64_t dropped = capture_dropped(c);

  buf_append(out, head, hlen);
  if (dropped > 0)
    buf_printf(out, "\n[... %" PRIu64 " bytes dropped ...]\n", dropped);
  buf_append(out, tail, tlen);
}
