/* runner/capture.h - a bounded capture of one output stream of the child.
 *
 * A program may print a gigabyte; the learner needs the start (what it
 * printed first, usually the interesting part) and the end (where a panic
 * and its goroutine dump are).  So a Capture keeps the first head_max bytes
 * and the last tail_max bytes and counts what fell in between, in memory
 * bounded by head_max + 2 * tail_max whatever the stream's size.  Nothing
 * is dropped silently: capture_dropped() says how much is missing and
 * capture_text() marks the gap.
 *
 * Ownership: a Capture owns its buffers; capture_fini() frees them.  A
 * zeroed Capture is not usable: call capture_init().
 */
#ifndef PANICROOM_RUNNER_CAPTURE_H
#define PANICROOM_RUNNER_CAPTURE_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

typedef struct Capture {
  Buf head;         /* the first bytes, at most head_max */
  char *tail;       /* NULL until needed; 2 * tail_max bytes, owned */
  size_t tail_len;  /* bytes in tail, newest last; may exceed tail_max
                     * until the next compaction */
  size_t head_max, tail_max;
  uint64_t total;   /* every byte ever appended */
} Capture;

void capture_init(Capture *c, size_t head_max, size_t tail_max);
void capture_fini(Capture *c);
/* Copies n bytes; never fails (dies on OOM like every x* allocation). */
void capture_append(Capture *c, const void *p, size_t n);
/* The kept head: the first min(total, head_max) bytes.  Owned by c, valid
 * until the next change; NUL-terminated. */
const char *capture_head(const Capture *c, size_t *len);
/* The kept tail: the last bytes after the head, at most tail_max of them.
 * Owned by c, valid until the next change; NOT NUL-terminated. */
const char *capture_tail(const Capture *c, size_t *len);
/* Bytes seen but not kept (between head and tail). */
uint64_t capture_dropped(const Capture *c);
/* Appends head + tail to out; when bytes were dropped, a marker line
 * "\n[... N bytes dropped ...]\n" stands between them. */
void capture_text(const Capture *c, Buf *out);

#endif
