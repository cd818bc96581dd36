/* tui/diagram_int.h - what the per-primitive renderers (diagram_chan.c,
 * diagram_wg.c, diagram_rw.c) share with the common drawing code in
 * diagram.c. Not for use outside the diagram files.
 *
 * A template is text art plus a mask of the same shape: an uppercase
 * letter marks a state's cells ('P' the panic / fatal end state), a
 * lowercase letter an edge's cells (its line, arrowhead and label).
 */
#ifndef PANICROOM_TUI_DIAGRAM_INT_H
#define PANICROOM_TUI_DIAGRAM_INT_H

#include "tui/diagram.h"

typedef struct DgTemplate {
  const char *const *art;  /* UTF-8, one column per code point */
  const char *const *mask; /* ASCII, one byte per column */
  int h;
} DgTemplate;

#define DG_TEMPLATE(name)                                                      \
  {                                                                            \
    name##_art, name##_mask, (int)(sizeof name##_art / sizeof name##_art[0])   \
  }

/* Every primitive answers the same questions about an object. */
typedef struct DgClass {
  const DgTemplate *(*tmpl)(const DgObject *o);
  char (*state)(const DgObject *o); /* the current state's mask letter */
  char (*edge)(const DgObject *o);  /* the last edge's letter, 0: none */
  void (*state_name)(const DgObject *o, Buf *out);
  /* The compact form's state chain: names, and the current one's index
   * (-1: none of them, e.g. panicked). */
  int (*chain)(const DgObject *o, const char **names, int max, int *cur);
  /* Detail lines (buffer, queues, counters) from row y, at most h rows;
   * returns the rows used. */
  int (*details)(const DgObject *o, DgGrid *g, int y, int h);
} DgClass;

extern const DgClass dg_chan_class;
extern const DgClass dg_wg_class;
extern const DgClass dg_mutex_class;
extern const DgClass dg_rw_class;

/* The widest row of a template, in columns. */
int dg_template_width(const DgTemplate *t);
/* Draws t with its top-left at (x, y): cur is the current state's
 * letter, edge the taken edge's letter (0: none), fail whether that edge
 * failed. */
void dg_draw_template(DgGrid *g, int x, int y, const DgTemplate *t, char cur,
                      char edge, bool fail, const DgOpts *opts);
/* "g1 g5 g6" (and "+3" when cut) after a label; returns the columns. */
int dg_ids(DgGrid *g, int x, int y, int maxw, const char *label,
           const DgIds *ids, DgAttr a);
/* The object failed: its last edge is an error edge. */
bool dg_failed(const DgObject *o);

#endif
