/* base/mem.c - see mem.h. Chunked bump allocator, or one malloc per object
 * under PANICROOM_ASAN so the sanitizer sees object boundaries. */
#include "base/mem.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 16 = alignof(max_align_t) on x86-64 and arm64: anything fits. */
#define ARENA_ALIGN 16
/* Big enough that a typical lesson (a few hundred lines) needs a handful of
 * chunks, small enough not to matter when many arenas are alive. */
#define ARENA_CHUNK_SIZE (64 * 1024)

struct ArenaChunk {
  ArenaChunk *next;
  /* Keeps the data that follows ARENA_ALIGN-aligned. */
  _Alignas(ARENA_ALIGN) char data[];
};

static void (*die_hook)(void);

void die_set_hook(void (*hook)(void)) { die_hook = hook; }

_Noreturn void die(const char *fmt, ...)
{
  void (*hook)(void) = die_hook;
  va_list ap;

  die_hook = NULL; /* a hook that dies again must not loop */
  if (hook)
    hook();
  fputs("panicroom: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}

void *xmalloc(size_t size)
{
  void *p = malloc(size ? size : 1);

  if (!p)
    die("out of memory (malloc %zu bytes)", size);
  return p;
}

void *xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size ? size : 1);

  if (!p)
    die("out of memory (calloc %zu x %zu bytes)", n, size);
  return p;
}

void *xrealloc(void *p, size_t size)
{
  void *q = realloc(p, size ? size : 1);

  if (!q)
    die("out of memory (realloc %zu bytes)", size);
  return q;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
  const char *nul = memchr(s, '\0', n);
  size_t len = nul ? (size_t)(nul - s) : n;
  char *p;

  if (len == SIZE_MAX)
    die("xstrndup: string too long");
  p = xmalloc(len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

void arena_init(Arena *a) { memset(a, 0, sizeof *a); }

#ifdef PANICROOM_ASAN
void *arena_alloc(Arena *a, size_t size)
{
  void *p;

  if (a->nobjs == a->capobjs) {
    a->capobjs = a->capobjs ? a->capobjs * 2 : 64;
    a->objs = xrealloc(a->objs, a->capobjs * sizeof *a->objs);
  }
  /* malloc's alignment is alignof(max_align_t), which is ARENA_ALIGN on
   * the 64-bit targets we build for. */
  p = xcalloc(1, size);
  a->objs[a->nobjs++] = p;
  return p;
}
#else
static void chunk_push(Arena *a, size_t size)
{
  ArenaChunk *c = xmalloc(sizeof *c + size);

  c->next = a->chunks;
  a->chunks = c;
  a->ptr = c->data;
  a->end = c->data + size;
}

void *arena_alloc(Arena *a, size_t size)
{
  char *p;

  if (size > SIZE_MAX - sizeof(ArenaChunk) - ARENA_ALIGN)
    die("arena_alloc: %zu bytes is too large", size);
  size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  if (size == 0)
    size = ARENA_ALIGN;
  if (!a->ptr || (size_t)(a->end - a->ptr) < size) {
    /* A large object gets a chunk of its own; the current chunk's tail is
     * abandoned, which wastes at most a few objects' worth. */
    chunk_push(a, size > ARENA_CHUNK_SIZE / 4 ? size : ARENA_CHUNK_SIZE);
  }
  p = a->ptr;
  a->ptr += size;
  memset(p, 0, size);
  return p;
}
#endif

char *arena_strndup(Arena *a, const char *s, size_t n)
{
  const char *nul = memchr(s, '\0', n);
  size_t len = nul ? (size_t)(nul - s) : n;
  char *p;

  if (len == SIZE_MAX)
    die("arena_strndup: string too long");
  p = arena_alloc(a, len + 1);
  memcpy(p, s, len); /* arena_alloc zeroed the terminator */
  return p;
}

void arena_fini(Arena *a)
{
  ArenaChunk *c = a->chunks;

  while (c) {
    ArenaChunk *next = c->next;
    free(c);
    c = next;
  }
  for (size_t i = 0; i < a->nobjs; i++)
    free(a->objs[i]);
  free(a->objs);
  arena_init(a);
}
