/* tui/diagram.c - the cell grid, template drawing with marks, and the two
 * forms every primitive is drawn in (see diagram.h).
 *
 * The full form is chosen only when the template and its detail lines fit
 * whole: a clipped state machine misleads (an arrow into nothing), while
 * the compact form says the same facts in words at any size.
 */
#include "tui/diagram.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "engine/lex.h"
#include "lessons/mdrender.h"
#include "tui/diagram_int.h"

/* The full form needs this much room (issue 6: "a full state-machine
 * drawing with boxes and arrows when >= 60x16"); the templates are at
 * most 54 columns and 11 rows, leaving a title row and detail rows. */
#define DG_FULL_W 60
#define DG_FULL_H 16

static const struct {
  const char *label;
  bool fail;
} edges[DE_COUNT] = {
#define X(id, label, fail) {label, fail},
    DG_EDGES(X)
#undef X
};

const char *dg_edge_label(DgEdge e)
{
  return (unsigned)e < DE_COUNT ? edges[e].label : "";
}

bool dg_edge_fails(DgEdge e) { return (unsigned)e < DE_COUNT && edges[e].fail; }

bool dg_failed(const DgObject *o) { return dg_edge_fails(o->edge); }

/* --- the grid ------------------------------------------------------------- */

void dg_grid_init(DgGrid *g) { memset(g, 0, sizeof *g); }

void dg_grid_fini(DgGrid *g)
{
  free(g->cells);
  dg_grid_init(g);
}

void dg_grid_resize(DgGrid *g, int w, int h)
{
  w = w < 0 ? 0 : w;
  h = h < 0 ? 0 : h;
  free(g->cells);
  g->w = w;
  g->h = h;
  g->cells = xcalloc((size_t)w * (size_t)h + 1, sizeof *g->cells);
  dg_grid_clear(g);
}

void dg_grid_clear(DgGrid *g)
{
  for (int i = 0; i < g->w * g->h; i++) {
    g->cells[i].ch = ' ';
    g->cells[i].attr = DA_NORMAL;
  }
}

DgCell dg_cell(const DgGrid *g, int x, int y)
{
  DgCell none = {' ', DA_NORMAL};
  if (x < 0 || y < 0 || x >= g->w || y >= g->h)
    return none;
  return g->cells[y * g->w + x];
}

static void put(DgGrid *g, int x, int y, uint32_t ch, DgAttr a)
{
  if (x < 0 || y < 0 || x >= g->w || y >= g->h)
    return;
  g->cells[y * g->w + x].ch = ch;
  g->cells[y * g->w + x].attr = (uint8_t)a;
}

int dg_text(DgGrid *g, int x, int y, int maxw, const char *s, DgAttr a)
{
  size_t n = strlen(s), i = 0;
  int col = 0;
  if (maxw > g->w - x)
    maxw = g->w - x;
  while (i < n && col < maxw) {
    int bw;
    int32_t cp = lex_utf8_decode(s + i, n - i, &bw);
    int w = cp < 0x20 || cp == 0x7f ? 1 : md_char_width((uint32_t)cp);
    if (cp < 0x20 || cp == 0x7f)
      cp = '?';
    if (w <= 0 || col + w > maxw)
      break;
    put(g, x + col, y, (uint32_t)cp, a);
    if (w == 2) /* a wide glyph covers the next cell: 0 says "skip" */
      put(g, x + col + 1, y, 0, a);
    col += w;
    i += (size_t)(bw > 0 ? bw : 1);
  }
  return col;
}

static void encode(Buf *out, uint32_t c)
{
  char b[4];
  int n = 0;
  if (c < 0x80) {
    b[n++] = (char)c;
  } else if (c < 0x800) {
    b[n++] = (char)(0xc0 | c >> 6);
    b[n++] = (char)(0x80 | (c & 0x3f));
  } else {
    b[n++] = (char)(0xe0 | c >> 12);
    b[n++] = (char)(0x80 | (c >> 6 & 0x3f));
    b[n++] = (char)(0x80 | (c & 0x3f));
  }
  buf_append(out, b, (size_t)n);
}

/* One row as text (or attribute letters), trailing blanks trimmed. */
static void dump_row(const DgGrid *g, int y, Buf *out, bool attrs)
{
  static const char letters[DA_COUNT] = {'.', 'C', 'E', 'F', 'd', 'T'};
  int end = g->w;
  while (end > 0 && g->cells[y * g->w + end - 1].ch == ' ' &&
         (!attrs || g->cells[y * g->w + end - 1].attr == DA_NORMAL))
    end--;
  for (int x = 0; x < end; x++) {
    DgCell c = g->cells[y * g->w + x];
    if (attrs)
      buf_putc(out, c.attr < DA_COUNT ? letters[c.attr] : '?');
    else if (c.ch)
      encode(out, c.ch);
  }
  buf_putc(out, '\n');
}

void dg_grid_dump(const DgGrid *g, Buf *out, bool attrs)
{
  for (int y = 0; y < g->h; y++)
    dump_row(g, y, out, false);
  if (attrs)
    for (int y = 0; y < g->h; y++)
      dump_row(g, y, out, true);
}

/* --- glyphs and marks ----------------------------------------------------- */

/* Maps c through pairs "from,to,from,to..." (code points). */
static uint32_t map(uint32_t c, const uint32_t *pairs, size_t n)
{
  for (size_t i = 0; i + 1 < n; i += 2)
    if (pairs[i] == c)
      return pairs[i + 1];
  return c;
}
#define MAP(c, t) map((c), (t), sizeof(t) / sizeof(t)[0])

/* The current state: a double-line box. */
static const uint32_t to_double[] = {0x2500, 0x2550, 0x2502, 0x2551,
                                     0x250c, 0x2554, 0x2510, 0x2557,
                                     0x2514, 0x255a, 0x2518, 0x255d};
/* The edge just taken: heavy lines. */
static const uint32_t to_heavy[] = {0x2500, 0x2501, 0x2502, 0x2503, 0x250c,
                                    0x250f, 0x2510, 0x2513, 0x2514, 0x2517,
                                    0x2518, 0x251b, 0x252c, 0x2533, 0x2534,
                                    0x253b, 0x251c, 0x2523, 0x2524, 0x252b};
/* A failing edge: its lines become crosses. */
static const uint32_t to_fail[] = {
    0x2500, 'x', 0x2502, 'x', 0x250c, 'x', 0x2510, 'x', 0x2514, 'x',
    0x2518, 'x', 0x252c, 'x', 0x2534, 'x', 0x251c, 'x', 0x2524, 'x'};
/* Terminals without UTF-8. */
static const uint32_t to_ascii[] = {
    0x2500, '-', 0x2502, '|', 0x250c, '+', 0x2510, '+', 0x2514, '+',
    0x2518, '+', 0x252c, '+', 0x2534, '+', 0x251c, '+', 0x2524, '+',
    0x2550, '=', 0x2551, 'H', 0x2554, '#', 0x2557, '#', 0x255a, '#',
    0x255d, '#', 0x2501, '=', 0x2503, 'H', 0x250f, '#', 0x2513, '#',
    0x2517, '#', 0x251b, '#', 0x2533, '#', 0x253b, '#', 0x2523, '#',
    0x252b, '#', 0x25b6, '>', 0x25c0, '<', 0x25bc, 'v', 0x25b2, '^',
    0x2026, '~', 0x00b7, '.'};

/* Style and mark of one template cell. */
static DgAttr cell_style(char m, char cur, char edge, bool fail,
                         const DgOpts *opts, uint32_t *ch)
{
  DgAttr a = DA_NORMAL;
  if (m == ' ' || m == 0)
    return a;
  if (m == cur) {
    a = DA_CURRENT;
    if (opts->marks)
      *ch = MAP(*ch, to_double);
  } else if (m == edge) {
    a = fail ? DA_FAIL : DA_EDGE;
    if (opts->marks)
      *ch = fail ? MAP(*ch, to_fail) : MAP(*ch, to_heavy);
  } else if (m == 'P' && fail) {
    a = DA_FAIL; /* where the failing edge leads */
  } else if (m == 'P' || m == 'Q') {
    a = DA_DIM; /* the end states: quiet until reached */
  }
  return a;
}

int dg_template_width(const DgTemplate *t)
{
  int w = 0;
  for (int y = 0; y < t->h; y++) {
    int n = (int)strlen(t->mask[y]), cols = 0;
    for (const char *s = t->art[y]; *s; s++)
      cols += ((unsigned char)*s & 0xc0) != 0x80;
    w = n > w ? n : w;
    w = cols > w ? cols : w;
  }
  return w;
}

void dg_draw_template(DgGrid *g, int x, int y, const DgTemplate *t, char cur,
                      char edge, bool fail, const DgOpts *opts)
{
  for (int r = 0; r < t->h; r++) {
    const char *s = t->art[r], *m = t->mask[r];
    size_t n = strlen(s), i = 0, mlen = strlen(m);
    for (int col = 0; i < n; col++) {
      int bw;
      uint32_t ch = (uint32_t)lex_utf8_decode(s + i, n - i, &bw);
      char mc = (size_t)col < mlen ? m[col] : ' ';
      DgAttr a = cell_style(mc, cur, edge, fail, opts, &ch);
      if (opts->ascii)
        ch = MAP(ch, to_ascii);
      put(g, x + col, y + r, ch, a);
      i += (size_t)(bw > 0 ? bw : 1);
    }
  }
}

int dg_ids(DgGrid *g, int x, int y, int maxw, const char *label,
           const DgIds *ids, DgAttr a)
{
  Buf b;
  buf_init(&b);
  buf_puts(&b, label);
  for (int i = 0; i < ids->n; i++)
    buf_printf(&b, " g%lld", (long long)ids->id[i]);
  if (ids->more)
    buf_printf(&b, " +%lld", (long long)ids->more);
  if (!ids->n && !ids->more)
    buf_puts(&b, " -");
  int w = dg_text(g, x, y, maxw, buf_cstr(&b), a);
  buf_fini(&b);
  return w;
}

/* --- the two forms -------------------------------------------------------- */

static const DgClass *class_of(const DgObject *o)
{
  static const DgClass *const classes[DK_COUNT] = {
      &dg_chan_class, &dg_wg_class, &dg_mutex_class, &dg_rw_class};
  return classes[(unsigned)o->kind < DK_COUNT ? o->kind : 0];
}

static void title(const DgObject *o, DgGrid *g, int y)
{
  static const char *const kinds[DK_COUNT] = {"chan", "WaitGroup", "Mutex",
                                              "RWMutex"};
  Buf b;
  buf_init(&b);
  if (o->name && *o->name)
    buf_printf(&b, "%s %s", kinds[o->kind], o->name);
  else
    buf_printf(&b, "%s #%lld", kinds[o->kind], (long long)o->id);
  int x = dg_text(g, 0, y, g->w, buf_cstr(&b), DA_TITLE);
  buf_clear(&b);
  /* The engine names an element type it cannot print "?": leave it out. */
  bool elem = o->elem && *o->elem && strcmp(o->elem, "?") != 0;
  if (o->kind == DK_CHAN && !o->u.ch.nil)
    buf_printf(&b, " %s%scap %lld", elem ? o->elem : "", elem ? ", " : "",
               (long long)o->u.ch.cap);
  dg_text(g, x, y, g->w - x, buf_cstr(&b), DA_DIM);
  buf_fini(&b);
}

/* "* g1 send" for the edge just taken, "! g1 send on closed..." when it
 * failed, "last: g1 send" when it was taken at an earlier step. */
static int edge_line(const DgObject *o, const DgOpts *opts, DgGrid *g, int y)
{
  if (o->edge == DE_NONE || y >= g->h)
    return 0;
  bool fail = dg_failed(o);
  DgAttr a = fail ? DA_FAIL : o->edge_now ? DA_EDGE : DA_DIM;
  Buf b;
  buf_init(&b);
  if (opts->marks)
    buf_puts(&b, fail ? "! " : o->edge_now ? "* " : "");
  if (!o->edge_now && !fail)
    buf_puts(&b, "last: ");
  if (o->edge_g)
    buf_printf(&b, "g%lld ", (long long)o->edge_g);
  buf_puts(&b, dg_edge_label(o->edge));
  dg_text(g, 0, y, g->w, buf_cstr(&b), a);
  buf_fini(&b);
  return 1;
}

static void state_line(const DgObject *o, const DgOpts *opts, DgGrid *g, int y)
{
  Buf b;
  buf_init(&b);
  if (opts->marks)
    buf_puts(&b, "> ");
  class_of(o)->state_name(o, &b);
  dg_text(g, 0, y, g->w, buf_cstr(&b), DA_CURRENT);
  buf_fini(&b);
}

/* The state names as a wrapped chain, the current one highlighted. */
static int chain_rows(const DgObject *o, const DgOpts *opts, DgGrid *g, int y,
                      int h)
{
  const char *names[12];
  int cur = -1, n = class_of(o)->chain(o, names, 12, &cur), x = 0, rows = 1;
  if (h <= 0 || n <= 0)
    return 0;
  for (int i = 0; i < n; i++) {
    /* The last name is the panic / fatal end: red once reached. */
    bool bad = i == n - 1 && dg_failed(o), on = i == cur || bad;
    int w = (int)strlen(names[i]) + (on && opts->marks ? 1 : 0);
    if (x && x + 1 + w > g->w) {
      if (rows == h)
        break;
      rows++, y++, x = 0;
    }
    if (x)
      dg_text(g, x++, y, 1, opts->ascii ? "-" : "\xc2\xb7", DA_DIM);
    DgAttr a = bad ? DA_FAIL : on ? DA_CURRENT : DA_DIM;
    if (on && opts->marks)
      x += dg_text(g, x, y, 1, bad ? "!" : ">", a);
    x += dg_text(g, x, y, g->w - x, names[i], a);
  }
  return rows;
}

static int compact(const DgObject *o, const DgOpts *opts, DgGrid *g)
{
  int y = 0;
  title(o, g, y++);
  if (y < g->h)
    state_line(o, opts, g, y++);
  y += edge_line(o, opts, g, y);
  if (y < g->h)
    y += class_of(o)->details(o, g, y, g->h - y);
  if (y < g->h)
    y += chain_rows(o, opts, g, y, g->h - y);
  return y;
}

static int full(const DgObject *o, const DgOpts *opts, DgGrid *g,
                const DgTemplate *t)
{
  const DgClass *c = class_of(o);
  title(o, g, 0);
  char edge = c->edge(o);
  dg_draw_template(g, 0, 1, t, c->state(o), edge, dg_failed(o), opts);
  int y = 1 + t->h;
  y += edge_line(o, opts, g, y);
  if (y < g->h)
    y += c->details(o, g, y, g->h - y);
  return y;
}

int dg_render(const DgObject *o, const DgOpts *opts, DgGrid *g)
{
  dg_grid_clear(g);
  if (g->w <= 0 || g->h <= 0)
    return 0;
  const DgTemplate *t = class_of(o)->tmpl(o);
  if (g->w >= DG_FULL_W && g->h >= DG_FULL_H && dg_template_width(t) <= g->w &&
      t->h + 4 <= g->h)
    return full(o, opts, g, t);
  return compact(o, opts, g);
}

void dg_state_name(const DgObject *o, Buf *out)
{
  class_of(o)->state_name(o, out);
}
