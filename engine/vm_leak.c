/* vm_leak.c - `run --leaks`: when main returns, every goroutine still
 * blocked is a leak (Go abandons it silently; in a server it would sit
 * there forever).
 *
 * Main decision: what counts.  A goroutine that is parked (chan
 * send/receive, select, semacquire, Cond.Wait, nil channel) when the
 * program ends normally is reported, with its wait reason in Go's words,
 * what it waits on, where it waits and where it was created.  A sleeping
 * goroutine is not: its timer wakes it by itself.  Runnable goroutines are
 * not either: before the report they get to run on for a while with their
 * output dropped (vm_end.c, "settling"), so one that had no turn yet under
 * this schedule parks if it would park on a real machine, and one still
 * runnable after that is finishing, not leaking.  The report goes to stderr after the program's
 * own output, one line per goroutine, prefixed "panicroom: leak:" so it
 * can never be mistaken for Go's output; the exit status stays Go's and
 * the runner turns the count into the `leak` verdict. */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/vm_int.h"

/* Where each channel was made: a small open-addressing table keyed by the
 * channel, filled by MAKECHAN only under --leaks. */
typedef struct Site {
  const void *obj;
  const Func *fn;
  uint32_t pc;
} Site;

typedef struct LeakSites {
  Site *s;
  size_t n, cap;
} LeakSites;

void vm_leak_init(VM *vm) {
  if (vm->opts.leaks) vm->leak_sites = xcalloc(1, sizeof *vm->leak_sites);
}

void vm_leak_fini(VM *vm) {
  if (!vm->leak_sites) return;
  free(vm->leak_sites->s);
  free(vm->leak_sites);
}

static size_t site_hash(const void *p, size_t cap) {
  uint64_t x = (uint64_t)(uintptr_t)p * UINT64_C(0x9E3779B97F4A7C15);
  return (size_t)(x >> 17) & (cap - 1);
}

static Site *site_find(LeakSites *t, const void *obj, bool create);

static void sites_grow(LeakSites *t) {
  Site *old = t->s;
  size_t oldcap = t->cap;
  t->cap = oldcap ? 2 * oldcap : 64;
  t->s = xcalloc(t->cap, sizeof *t->s);
  t->n = 0;
  for (size_t i = 0; i < oldcap; i++)
    if (old[i].obj) *site_find(t, old[i].obj, true) = old[i];
  free(old);
}

static Site *site_find(LeakSites *t, const void *obj, bool create) {
  if (create && 2 * (t->n + 1) > t->cap) sites_grow(t);
  if (!t->cap) return NULL;
  for (size_t i = site_hash(obj, t->cap);; i = (i + 1) & (t->cap - 1)) {
    if (t->s[i].obj == obj) return &t->s[i];
    if (t->s[i].obj) continue;
    if (!create) return NULL;
    t->n++;
    t->s[i].obj = obj;
    return &t->s[i];
  }
}

void vm_leak_note(VM *vm, const void *obj, const Func *fn, uint32_t pc) {
  Site *s = site_find(vm->leak_sites, obj, true);
  s->fn = fn;
  s->pc = pc;
}

/* The innermost frame of the learner's code: where it waits. */
static const Frame *user_frame(const Goroutine *g) {
  for (int i = g->nframes - 1; i >= 0; i--)
    if (!g->frames[i].fn->prelude && !g->frames[i].fn->wrapper)
      return &g->frames[i];
  return g->nframes ? &g->frames[0] : NULL;
}

/* "sync.(*WaitGroup).Wait" -> "sync.WaitGroup" (a blocked native's own
 * frame names the primitive). */
static void put_sync_object(const Goroutine *g, Buf *b) {
  const Frame *top = g->nframes ? &g->frames[g->nframes - 1] : NULL;
  const char *name = top && top->fn->native ? top->fn->name : NULL;
  const char *star = name ? strstr(name, "(*") : NULL;
  const char *close = star ? strchr(star, ')') : NULL;
  if (!close) {
    buf_puts(b, name ? name : "a sync object");
    return;
  }
  buf_printf(b, "%.*s%.*s", (int)(star - name), name,
             (int)(close - star - 2), star + 2);
}

static void put_object(VM *vm, const Goroutine *g, Buf *b) {
  const char *why = g->wait_reason ? g->wait_reason : "";
  if (strstr(why, "nil chan")) {
    buf_puts(b, "nil chan");
  } else if (strncmp(why, "chan ", 5) == 0) {
    Site *s = g->park.obj ? site_find(vm->leak_sites, g->park.obj, false)
                          : NULL;
    buf_puts(b, "chan");
    if (s && s->fn)
      buf_printf(b, " (make at %s:%d)", s->fn->file, func_line(s->fn, s->pc));
  } else if (strncmp(why, "select", 6) == 0) {
    buf_puts(b, strcmp(why, "select") == 0 ? "select" : "empty select");
  } else {
    put_sync_object(g, b);
  }
}

/* A blocked goroutine's innermost frame stopped AT its instruction;
 * callers are at the word after their call. */
static int line_of(const Goroutine *g, const Frame *f) {
  bool innermost = f == &g->frames[g->nframes - 1];
  return func_line(f->fn, innermost || f->pc == 0 ? f->pc : f->pc - 1);
}

static void put_leak(VM *vm, const Goroutine *g, Buf *b) {
  buf_printf(b, "panicroom: leak: goroutine %lld [%s] blocked on ",
             (long long)g->id, g->wait_reason ? g->wait_reason : "waiting");
  put_object(vm, g, b);
  const Frame *f = user_frame(g);
  if (f && !f->fn->native)
    buf_printf(b, " in %s at %s:%d", f->fn->name, f->fn->file,
               line_of(g, f));
  if (g->creator)
    buf_printf(b, ", created at %s:%d by %s", g->creator->file,
               func_line(g->creator, g->creator_pc - 1), g->creator->name);
  buf_putc(b, '\n');
}

void vm_leak_report(VM *vm) {
  if (!vm->opts.leaks || vm->ended) return;
  Buf b = BUF_INIT;
  for (Goroutine *g = sched_all(vm->sched); g; g = g->alllink) {
    if (g->status != G_WAITING || g == vm->main_g) continue;
    if (g->wait_reason && strcmp(g->wait_reason, "sleep") == 0) continue;
    put_leak(vm, g, &b);
    vm->leaks++;
  }
  if (b.len) vm_write(vm, 2, b.data, b.len);
  buf_fini(&b);
}
