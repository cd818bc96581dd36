/* tui/diagram_wg.c - the WaitGroup's state machine: counter zero, counter
 * above zero, goroutines waiting; Add, Done, Wait; and the two panics Go
 * raises (a counter below zero; Add racing a Wait that has not returned:
 * "WaitGroup is reused before previous Wait has returned").
 */
#include "tui/diagram_int.h"

#include <string.h>

static const char *const wg_art[] = {
    " ┌────────┐   Add   ┌─────────────┐  Wait   ┌─────────┐",
    " │  zero  │────────▶│ counter > 0 │────────▶│ waiting │",
    " └────────┘◀────────└─────────────┘         └─────────┘",
    "     ▲       Done          │ Done              │    │",
    "     │                     │ below 0    Add on │    │ Done",
    "     │                     ▼            reuse  │    │ to 0",
    "     │                   PANIC ◀───────────────┘    │",
    "     └─────────────── Wait returns ─────────────────┘",
};
static const char *const wg_mask[] = {
    " AAAAAAAAAA   aaa   BBBBBBBBBBBBBBB  cccc   CCCCCCCCCCC",
    " AAAAAAAAAAaaaaaaaaaBBBBBBBBBBBBBBBcccccccccCCCCCCCCCCC",
    " AAAAAAAAAAbbbbbbbbbBBBBBBBBBBBBBBB         CCCCCCCCCCC",
    "     f       bbbb          dddddd              e    f",
    "     f                     ddddddddd    eeeeee e    ffffff",
    "     f                     d            eeeeee e    ffffff",
    "     f                   PPPPPeeeeeeeeeeeeeeeeee    f",
    "     ffffffffffffffffffffffffffffffffffffffffffffffff",
};

static const DgTemplate t_wg = DG_TEMPLATE(wg);

static const DgTemplate *tmpl(const DgObject *o)
{
  (void)o;
  return &t_wg;
}

/* A failed WaitGroup is left in no state of the machine (its counter is
 * negative, or a Wait is being overtaken), so PANIC is current. */
static char state(const DgObject *o)
{
  if (dg_failed(o))
    return 'P';
  if (o->u.wg.waiters > 0 && o->u.wg.counter > 0)
    return 'C';
  return o->u.wg.counter > 0 ? 'B' : 'A';
}

static char edge(const DgObject *o)
{
  switch (o->edge) {
  case DE_ADD:
    return 'a';
  case DE_DONE:
    /* A Done that leaves the counter above zero stays in its state. */
    return o->u.wg.counter == 0 ? 'b' : 0;
  case DE_WAIT_BLOCK:
    return 'c';
  case DE_WAIT_RETURN:
    return 'f';
  case DE_NEGATIVE:
    return 'd';
  case DE_REUSE:
    return 'e';
  default:
    return 0;
  }
}

static void state_name(const DgObject *o, Buf *out)
{
  switch (state(o)) {
  case 'P':
    buf_printf(out, "PANIC, counter %lld", (long long)o->u.wg.counter);
    break;
  case 'A':
    buf_puts(out, "counter 0 (Wait returns)");
    break;
  case 'B':
    buf_printf(out, "counter %lld", (long long)o->u.wg.counter);
    break;
  default:
    buf_printf(out, "counter %lld, %lld waiting", (long long)o->u.wg.counter,
               (long long)o->u.wg.waiters);
  }
}

static int chain(const DgObject *o, const char **names, int max, int *cur)
{
  static const char *const list[] = {"zero", "counting", "waiting", "panic"};
  static const char sts[] = "ABCP";
  int n = max < 4 ? max : 4;
  const char *at = strchr(sts, state(o));
  *cur = at ? (int)(at - sts) : -1;
  for (int i = 0; i < n; i++)
    names[i] = list[i];
  return n;
}

static int details(const DgObject *o, DgGrid *g, int y, int h)
{
  if (h <= 0)
    return 0;
  Buf b;
  buf_init(&b);
  buf_printf(&b, "counter %lld  waiters %lld", (long long)o->u.wg.counter,
             (long long)o->u.wg.waiters);
  int x = dg_text(g, 0, y, g->w, buf_cstr(&b),
                  o->u.wg.counter < 0 ? DA_FAIL : DA_NORMAL);
  buf_fini(&b);
  if (o->blocked.n)
    dg_ids(g, x + 1, y, g->w - x - 1, ":", &o->blocked, DA_NORMAL);
  return 1;
}

const DgClass dg_wg_class = {tmpl, state, edge, state_name, chain, details};
