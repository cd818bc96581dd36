/* base/mem.h - allocation that cannot fail, a per-compile arena, and die().
 *
 * Contract: every x* function returns usable memory or does not return at
 * all: on out-of-memory it calls die(), because an interpreter that keeps
 * going with a NULL it did not expect is worse than one that stops loudly.
 * The caller owns what x* returns and frees it with free().
 *
 * die() is for bugs in panicroom itself and for OOM, never for errors in the
 * learner's Go program (those are diagnostics) nor for how the child program
 * ended (that is a verdict). It runs the hook set by die_set_hook() first, so
 * the TUI can put the terminal back, then prints "panicroom: <msg>" to stderr
 * and aborts.
 *
 * Arena: per-compile data (tokens, AST, types) is allocated from an Arena and
 * freed all at once by arena_fini(); single objects are never freed. The big
 * design decision: when built with PANICROOM_ASAN the arena does one malloc
 * per object (kept in a list) instead of carving chunks, so AddressSanitizer
 * still catches an overflow from one object into the next. The struct has the
 * same layout in both builds; only base/mem.c changes behaviour.
 */
#ifndef PANICROOM_BASE_MEM_H
#define PANICROOM_BASE_MEM_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
/* xrealloc(NULL, n) allocates; a size of 0 keeps a 1-byte block (never frees,
 * because realloc(p, 0) is implementation-defined). */
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
/* Copies at most n bytes of s, stopping early at a NUL, and terminates. */
char *xstrndup(const char *s, size_t n);

#if defined(__GNUC__) || defined(__clang__)
#define PANICROOM_PRINTF(fmt_arg, first_arg) \
  __attribute__((format(printf, fmt_arg, first_arg)))
#else
#define PANICROOM_PRINTF(fmt_arg, first_arg)
#endif

/* Never returns. Safe to call from inside the hook: the hook runs once. */
_Noreturn void die(const char *fmt, ...) PANICROOM_PRINTF(1, 2);
/* One hook, process-wide; NULL removes it. The hook must not allocate much:
 * we may be dying of OOM. */
void die_set_hook(void (*hook)(void));

typedef struct ArenaChunk ArenaChunk;

typedef struct Arena {
  ArenaChunk *chunks; /* newest first; owned */
  char *ptr;          /* next free byte in chunks */
  char *end;          /* end of chunks' usable space */
  void **objs;        /* PANICROOM_ASAN only: one malloc per object; owned */
  size_t nobjs, capobjs;
} Arena;

void arena_init(Arena *a);
/* Zeroed, 16-byte aligned, valid until arena_fini(). size 0 is allowed and
 * yields a unique pointer. Dies on OOM. */
void *arena_alloc(Arena *a, size_t size);
/* Like xstrndup, but the copy lives in the arena. */
char *arena_strndup(Arena *a, const char *s, size_t n);
/* Frees everything allocated from a; a may be arena_init()ed again. */
void arena_fini(Arena *a);

#endif
