/* tui/diagram_rw.c - Mutex and RWMutex state machines.
 *
 * Mutex: unlocked, locked (by a holder), locked with goroutines waiting;
 * Unlock of an unlocked Mutex is a fatal error (not a panic: recover
 * cannot stop it). RWMutex adds readers: read-locked by n readers, a
 * writer waiting while the readers drain (Go's writer preference: from
 * then on new readers queue behind the writer, which is how a recursive
 * RLock deadlocks), write-locked, readers queued behind a writer; Unlock
 * or RUnlock of an unlocked RWMutex is fatal.
 */
#include "tui/diagram_int.h"

#include <string.h>

static const char *const mutex_art[] = {
    " ┌──────────┐  Lock   ┌──────────┐  Lock   ┌──────────┐",
    " │ unlocked │────────▶│  locked  │────────▶│  locked  │",
    " │          │◀────────│          │◀────────│ +waiters │",
    " └──────────┘ Unlock  └──────────┘ Unlock  └──────────┘",
    "   │ Unlock                       (hands over)",
    "   ▼",
    " FATAL ERROR (not recoverable) ───────────────────",
};
static const char *const mutex_mask[] = {
    " AAAAAAAAAAAA  aaaa   BBBBBBBBBBBB  cccc   CCCCCCCCCCCC",
    " AAAAAAAAAAAAaaaaaaaaaBBBBBBBBBBBBcccccccccCCCCCCCCCCCC",
    " AAAAAAAAAAAAbbbbbbbbbBBBBBBBBBBBBdddddddddCCCCCCCCCCCC",
    " AAAAAAAAAAAAbbbbbbbb BBBBBBBBBBBBdddddddd CCCCCCCCCCCC",
    "   ffffffff                       dddddddddddd",
    "   f",
    " PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
};
static const char *const rw_art[] = {
    " ┌──────────┐ RLock ┌─────────────┐ Lock ┌─────────┐",
    " │ unlocked │──────▶│ read-locked │─────▶│ writer  │",
    " │          │◀──────│ (n readers) │      │ waiting │",
    " └──────────┘RUnlock└─────────────┘      └─────────┘",
    "   │ │    ▲                last RUnlock │      │ RLock",
    "   │ │Lock│Unlock                       │      ▼",
    "   │ ▼    │                             │ ┌─────────┐",
    "   │┌──────────────┐◀───────────────────┘ │ readers │",
    "   ││ write-locked │─────────────────────▶│ queued  │",
    "   │└──────────────┘        RLock         └─────────┘",
    "   ▼ Unlock / RUnlock of unlocked: FATAL ERROR",
};
static const char *const rw_mask[] = {
    " AAAAAAAAAAAA aaaaa BBBBBBBBBBBBBBB cccc CCCCCCCCCCC",
    " AAAAAAAAAAAAaaaaaaaBBBBBBBBBBBBBBBccccccCCCCCCCCCCC",
    " AAAAAAAAAAAAbbbbbbbBBBBBBBBBBBBBBB      CCCCCCCCCCC",
    " AAAAAAAAAAAAbbbbbbbBBBBBBBBBBBBBBB      CCCCCCCCCCC",
    "   h d    e                gggggggggggg g      iiiiiii",
    "   h dddddeeeeeee                       g      i",
    "   h d    e                             g EEEEEEEEEEE",
    "   hDDDDDDDDDDDDDDDDggggggggggggggggggggg EEEEEEEEEEE",
    "   hDDDDDDDDDDDDDDDDjjjjjjjjjjjjjjjjjjjjjjEEEEEEEEEEE",
    "   hDDDDDDDDDDDDDDDD        jjjjj         EEEEEEEEEEE",
    "   hhhPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
};

static const DgTemplate t_mutex = DG_TEMPLATE(mutex);
static const DgTemplate t_rw = DG_TEMPLATE(rw);

/* "readers 2" / "1 reader": English plurals for the few counts shown. */
static void count(Buf *out, int64_t n, const char *what)
{
  buf_printf(out, "%lld %s%s", (long long)n, what, n == 1 ? "" : "s");
}

static int pick(const char *const *list, const char *sts, char st,
                const char **names, int max, int *cur)
{
  int n = (int)strlen(sts);
  n = n > max ? max : n;
  const char *at = strchr(sts, st);
  *cur = at ? (int)(at - sts) : -1;
  for (int i = 0; i < n; i++)
    names[i] = list[i];
  return n;
}

/* --- Mutex ---------------------------------------------------------------- */

static const DgTemplate *mu_tmpl(const DgObject *o)
{
  (void)o;
  return &t_mutex;
}

static char mu_state(const DgObject *o)
{
  /* A failed Unlock found it unlocked; the state word after it is
   * garbage (Go's Unlock adds -1 before it checks), so it is not read. */
  if (dg_failed(o))
    return 'A';
  if (!o->u.lk.locked)
    return 'A';
  return o->u.lk.waiting_writers > 0 ? 'C' : 'B';
}

static char mu_edge(const DgObject *o)
{
  switch (o->edge) {
  case DE_LOCK:
    return 'a';
  case DE_LOCK_BLOCK:
    return 'c';
  case DE_UNLOCK:
    return o->u.lk.waiting_writers > 0 ? 'd' : 'b';
  case DE_UNLOCK_FATAL:
    return 'f';
  default:
    return 0;
  }
}

static void mu_name(const DgObject *o, Buf *out)
{
  const DgLock *l = &o->u.lk;
  char st = mu_state(o);
  buf_puts(out, st == 'A' ? "unlocked" : "locked");
  if (st != 'A' && l->holder)
    buf_printf(out, " by g%lld", (long long)l->holder);
  if (l->waiting_writers > 0) {
    buf_puts(out, ", ");
    count(out, l->waiting_writers, "waiter");
  }
}

static int mu_chain(const DgObject *o, const char **names, int max, int *cur)
{
  static const char *const list[] = {"unlocked", "locked", "+waiters", "fatal"};
  return pick(list, "ABCP", mu_state(o), names, max, cur);
}

static int mu_details(const DgObject *o, DgGrid *g, int y, int h)
{
  if (h <= 0 || (!o->blocked.n && !o->blocked.more))
    return 0;
  dg_ids(g, 0, y, g->w, "waiting to Lock:", &o->blocked, DA_NORMAL);
  return 1;
}

const DgClass dg_mutex_class = {mu_tmpl, mu_state, mu_edge,
                                mu_name, mu_chain, mu_details};

/* --- RWMutex -------------------------------------------------------------- */

static const DgTemplate *rw_tmpl(const DgObject *o)
{
  (void)o;
  return &t_rw;
}

static char rw_state(const DgObject *o)
{
  const DgLock *l = &o->u.lk;
  if (dg_failed(o)) /* as for Mutex: it was unlocked (for that call) */
    return 'A';
  if ((l->writer_waiting || l->locked) && l->waiting_readers > 0)
    return 'E';
  if (l->writer_waiting)
    return 'C';
  if (l->locked)
    return 'D';
  return l->readers > 0 ? 'B' : 'A';
}

static char rw_edge(const DgObject *o)
{
  const DgLock *l = &o->u.lk;
  switch (o->edge) {
  case DE_RLOCK:
    return 'a';
  case DE_RUNLOCK:
    /* The last reader out hands the lock to the waiting writer. */
    return l->locked ? 'g' : l->readers == 0 ? 'b' : 0;
  case DE_LOCK:
    return 'd';
  case DE_LOCK_BLOCK:
    return l->readers > 0 ? 'c' : 0;
  case DE_RLOCK_BLOCK:
    return l->writer_waiting ? 'i' : 'j';
  case DE_UNLOCK:
    return 'e';
  case DE_UNLOCK_FATAL:
  case DE_RUNLOCK_FATAL:
    return 'h';
  default:
    return 0;
  }
}

static void rw_name(const DgObject *o, Buf *out)
{
  const DgLock *l = &o->u.lk;
  switch (rw_state(o)) {
  case 'A':
    buf_puts(out, "unlocked");
    return;
  case 'B':
    buf_puts(out, "read-locked by ");
    count(out, l->readers, "reader");
    return;
  case 'C':
    buf_puts(out, "writer waiting (");
    count(out, l->readers, "reader");
    buf_puts(out, ")");
    return;
  case 'D':
    buf_puts(out, "write-locked");
    if (l->holder)
      buf_printf(out, " by g%lld", (long long)l->holder);
    return;
  default:
    count(out, l->waiting_readers, "RLock");
    buf_puts(out, " queued behind writer");
  }
}

static int rw_chain(const DgObject *o, const char **names, int max, int *cur)
{
  static const char *const list[] = {"unlocked", "reading", "writer waits",
                                     "writing",  "queued",  "fatal"};
  return pick(list, "ABCDEP", rw_state(o), names, max, cur);
}

static int rw_details(const DgObject *o, DgGrid *g, int y, int h)
{
  const DgLock *l = &o->u.lk;
  int rows = 0;
  if (h > rows) {
    Buf b;
    buf_init(&b);
    buf_printf(&b, "readers %lld", (long long)l->readers);
    if (l->locked && l->holder)
      buf_printf(&b, "  writer g%lld", (long long)l->holder);
    dg_text(g, 0, y + rows++, g->w, buf_cstr(&b), DA_NORMAL);
    buf_fini(&b);
  }
  if (h > rows && (o->blocked_w.n || o->blocked_w.more))
    dg_ids(g, 0, y + rows++, g->w, "in Lock:", &o->blocked_w, DA_NORMAL);
  if (h > rows && (o->blocked.n || o->blocked.more))
    dg_ids(g, 0, y + rows++, g->w, "in RLock:", &o->blocked, DA_NORMAL);
  return rows;
}

const DgClass dg_rw_class = {rw_tmpl, rw_state, rw_edge,
                             rw_name, rw_chain, rw_details};
