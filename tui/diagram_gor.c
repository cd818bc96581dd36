/* tui/diagram_gor.c - the goroutine list under a diagram: id, state and
 * Go's wait reason ("[chan send (nil chan)]", "[semacquire]"), the
 * function it runs; the goroutine acting at the cursor is current, the
 * dead ones dim. When the rows run out the rest is counted, never cut
 * silently.
 */
#include "tui/diagram.h"

#include <string.h>

static void gor_row(const DgGor *r, const DgOpts *opts, DgGrid *g, int y)
{
  Buf b;
  buf_init(&b);
  buf_printf(&b, "%sg%-3lld %s", r->current && opts->marks ? ">" : " ",
             (long long)r->id, r->status ? r->status : "?");
  if (r->reason && *r->reason)
    buf_printf(&b, " [%s]", r->reason);
  if (r->fn && *r->fn)
    buf_printf(&b, " %s", r->fn);
  bool dead = r->status && strcmp(r->status, "dead") == 0;
  dg_text(g, 0, y, g->w, buf_cstr(&b),
          r->current ? DA_CURRENT
          : dead     ? DA_DIM
                     : DA_NORMAL);
  buf_fini(&b);
}

int dg_render_gors(const DgGor *gs, int n, const DgOpts *opts, DgGrid *g, int y,
                   int h)
{
  if (h <= 0 || y >= g->h)
    return 0;
  if (h > g->h - y)
    h = g->h - y;
  dg_text(g, 0, y, g->w, "goroutines", DA_TITLE);
  int rows = 1;
  for (int i = 0; i < n && rows < h; i++, rows++) {
    if (rows == h - 1 && n - i > 1) {
      Buf b;
      buf_init(&b);
      buf_printf(&b, " ... %d more", n - i);
      dg_text(g, 0, y + rows, g->w, buf_cstr(&b), DA_DIM);
      buf_fini(&b);
      return rows + 1;
    }
    gor_row(&gs[i], opts, g, y + rows);
  }
  return rows;
}
