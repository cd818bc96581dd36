/* tui/diagram_chan.c - the channel's state machine: nil; open empty,
 * partly full, full (an unbuffered channel is only "open": a send meets a
 * receive); closed with values still to drain, drained; and the error
 * edges (send on or close of a closed channel, close of nil: panic; send
 * or receive on nil: blocks forever).
 *
 * Three templates rather than one: a nil channel and an unbuffered one
 * have no buffer states, and drawing those boxes greyed out would teach
 * that they exist.
 */
#include "tui/diagram_int.h"

#include <string.h>

static const char *const chanbuf_art[] = {
    " ┌───────┐  send  ┌─────────┐  send  ┌──────┐",
    " │ empty │───────▶│ partial │───────▶│ full │",
    " └───────┘◀───────└─────────┘◀───────└──────┘",
    "   │ close  recv    │ close    recv    │ close",
    "   ▼                ▼                  ▼",
    " ┌─────────┐  recv  ┌───────────────────────────┐",
    " │ drained │◀───────│  closed, values to drain  │",
    " └─────────┘        └───────────────────────────┘",
    "   │ send, close      │ send, close",
    "   ▼                 ▼",
    " PANIC ───────────────────────────────────────────",
};
static const char *const chanbuf_mask[] = {
    " BBBBBBBBB  aaaa  CCCCCCCCCCC  bbbb  DDDDDDDD",
    " BBBBBBBBBaaaaaaaaCCCCCCCCCCCbbbbbbbbDDDDDDDD",
    " BBBBBBBBBccccccccCCCCCCCCCCCddddddddDDDDDDDD",
    "   eeeeeee  cccc    fffffff    dddd    ggggggg",
    "   e                f                  g",
    " FFFFFFFFFFF  hhhh  EEEEEEEEEEEEEEEEEEEEEEEEEEEEE",
    " FFFFFFFFFFFhhhhhhhhEEEEEEEEEEEEEEEEEEEEEEEEEEEEE",
    " FFFFFFFFFFF        EEEEEEEEEEEEEEEEEEEEEEEEEEEEE",
    "   iiiiiiiiiiiii     jjjjjjjjjjjjjj",
    "   i                 j",
    " PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
};
static const char *const chan0_art[] = {
    " ┌────────────────────┐  send meets recv:",
    " │ open (unbuffered)  │──────┐ both wait for",
    " └────────────────────┘◀─────┘ a partner",
    "   │ close",
    "   ▼",
    " ┌────────────────────┐",
    " │ closed             │  recv: zero value",
    " └────────────────────┘",
    "   │ send, close",
    "   ▼",
    " PANIC ───────────────────────────────────────────",
};
static const char *const chan0_mask[] = {
    " BBBBBBBBBBBBBBBBBBBBBB  aaaaaaaaaaaaaaaa",
    " BBBBBBBBBBBBBBBBBBBBBBaaaaaaaaaaaaaaaaaaaaa",
    " BBBBBBBBBBBBBBBBBBBBBBaaaaaaaaaaaaaaaaa",
    "   eeeeeee",
    "   e",
    " FFFFFFFFFFFFFFFFFFFFFF",
    " FFFFFFFFFFFFFFFFFFFFFF  hhhhhhhhhhhhhhhh",
    " FFFFFFFFFFFFFFFFFFFFFF",
    "   jjjjjjjjjjjjj",
    "   j",
    " PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
};
static const char *const channil_art[] = {
    " ┌───────┐  send, recv   ┌────────────────────┐",
    " │  nil  │──────────────▶│  blocked forever   │",
    " └───────┘               └────────────────────┘",
    "   │ close",
    "   ▼",
    " PANIC ───────────────────────────────────────────",
};
static const char *const channil_mask[] = {
    " AAAAAAAAA  kkkkkkkkkk   QQQQQQQQQQQQQQQQQQQQQQ",
    " AAAAAAAAAkkkkkkkkkkkkkkkQQQQQQQQQQQQQQQQQQQQQQ",
    " AAAAAAAAA               QQQQQQQQQQQQQQQQQQQQQQ",
    "   lllllll",
    "   l",
    " PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
};

static const DgTemplate t_buf = DG_TEMPLATE(chanbuf);
static const DgTemplate t_unbuf = DG_TEMPLATE(chan0);
static const DgTemplate t_nil = DG_TEMPLATE(channil);

static const DgTemplate *tmpl(const DgObject *o)
{
  if (o->u.ch.nil)
    return &t_nil;
  return o->u.ch.cap > 0 ? &t_buf : &t_unbuf;
}

static char state_nil(const DgObject *o)
{
  return o->blocked.n || o->blocked.more || o->edge == DE_SEND_NIL ||
                 o->edge == DE_RECV_NIL
             ? 'Q'
             : 'A';
}

/* After a failing edge the channel stays in the state it failed in (a
 * send on a closed channel leaves it closed): that state stays current
 * and the edge into PANIC is drawn red. */
static char state(const DgObject *o)
{
  const DgChan *c = &o->u.ch;
  if (c->nil)
    return state_nil(o);
  if (c->closed)
    return c->len > 0 ? 'E' : 'F';
  if (c->cap == 0 || c->len == 0)
    return 'B';
  return c->len >= c->cap ? 'D' : 'C';
}

/* Which arrow an edge took: the state it led to tells the arrows of one
 * kind apart (a send that filled the buffer is the partial -> full one). */
static char edge_buf(const DgObject *o, char st)
{
  const DgChan *c = &o->u.ch;
  switch (o->edge) {
  case DE_SEND:
    return st == 'D' ? 'b' : 'a';
  case DE_RECV:
    return c->closed ? 'h' : st == 'B' ? 'c' : 'd';
  case DE_CLOSE:
    return c->len == 0 ? 'e' : c->len >= c->cap ? 'g' : 'f';
  case DE_SEND_CLOSED:
  case DE_CLOSE_CLOSED:
    return c->len > 0 ? 'j' : 'i';
  default:
    return 0;
  }
}

static char edge(const DgObject *o)
{
  char st = state(o);
  switch (o->edge) {
  case DE_SEND_NIL:
  case DE_RECV_NIL:
    return 'k';
  case DE_CLOSE_NIL:
    return 'l';
  default:
    break;
  }
  if (o->u.ch.cap > 0)
    return edge_buf(o, st);
  switch (o->edge) {
  case DE_SEND:
  case DE_RECV:
    return o->u.ch.closed ? 'h' : 'a';
  case DE_CLOSE:
    return 'e';
  case DE_SEND_CLOSED:
  case DE_CLOSE_CLOSED:
    return 'j';
  default:
    return 0;
  }
}

static void state_name(const DgObject *o, Buf *out)
{
  const DgChan *c = &o->u.ch;
  char st = state(o);
  if (c->nil) {
    buf_puts(out, st == 'Q' ? "nil: blocked forever" : "nil channel");
  } else if (c->closed) {
    if (c->len > 0)
      buf_printf(out, "closed, %lld to drain", (long long)c->len);
    else
      buf_puts(out, "closed, drained");
  } else if (c->cap == 0) {
    buf_puts(out, "open (unbuffered)");
  } else {
    buf_printf(out, "%s %lld/%lld",
               st == 'B'   ? "empty"
               : st == 'D' ? "full"
                           : "partly full",
               (long long)c->len, (long long)c->cap);
  }
}

static int chain(const DgObject *o, const char **names, int max, int *cur)
{
  static const char *const nil[] = {"nil", "blocked forever", "panic"};
  static const char *const unbuf[] = {"open", "closed", "panic"};
  static const char *const buf[] = {"empty",  "partial", "full",
                                    "closed", "drained", "panic"};
  static const char nil_st[] = "AQP", unbuf_st[] = "BFP", buf_st[] = "BCDEFP";
  const char *const *list = o->u.ch.nil ? nil : o->u.ch.cap ? buf : unbuf;
  const char *sts = o->u.ch.nil ? nil_st : o->u.ch.cap ? buf_st : unbuf_st;
  int n = (int)strlen(sts);
  n = n > max ? max : n;
  const char *at = strchr(sts, state(o));
  *cur = at ? (int)(at - sts) : -1;
  for (int i = 0; i < n; i++)
    names[i] = list[i];
  return n;
}

/* "buf [cat.png|dog.png] +3": the values, oldest first. */
static void buffer(const DgChan *c, Buf *b)
{
  buf_puts(b, "buf [");
  for (int i = 0; i < c->nbuf; i++)
    buf_printf(b, "%s%s", i ? "|" : "", c->buf[i] ? c->buf[i] : "?");
  buf_putc(b, ']');
  if (c->buf_more)
    buf_printf(b, " +%lld", (long long)c->buf_more);
  buf_printf(b, " %lld/%lld", (long long)c->len, (long long)c->cap);
}

static int details(const DgObject *o, DgGrid *g, int y, int h)
{
  const DgChan *c = &o->u.ch;
  int rows = 0;
  if (c->nil) {
    if (h > 0 && (o->blocked.n || o->blocked.more))
      dg_ids(g, 0, y + rows++, g->w, "blocked forever:", &o->blocked,
             DA_NORMAL);
    return rows;
  }
  if (c->cap > 0 && rows < h) {
    Buf b;
    buf_init(&b);
    buffer(c, &b);
    dg_text(g, 0, y + rows++, g->w, buf_cstr(&b), DA_NORMAL);
    buf_fini(&b);
  }
  bool queued = c->sendq.n || c->recvq.n || c->sendq.more || c->recvq.more;
  if (queued && rows < h) {
    int x = dg_ids(g, 0, y + rows, g->w, "sendq", &c->sendq, DA_NORMAL);
    dg_ids(g, x + 2, y + rows++, g->w - x - 2, "recvq", &c->recvq, DA_NORMAL);
  }
  return rows;
}

const DgClass dg_chan_class = {tmpl, state, edge, state_name, chain, details};
