/* tui/pane_lesson.c - the lesson text: Markdown laid out by
 * lessons/mdrender.h for the pane's width, drawn span by span. The
 * layout is cached and redone only when the width, the lesson or the
 * language changes. */
#include "tui/pane.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "lessons/mdrender.h"
#include "tui/draw.h"
#include "tui/theme.h"

typedef struct LessonPane {
  MdDoc doc;
  int width, gen;
  bool laid_out;
} LessonPane;

static void lesson_init(Pane *p)
{
  p->data = xcalloc(1, sizeof(LessonPane));
}

static void lesson_free(Pane *p)
{
  LessonPane *lp = p->data;
  if (lp && lp->laid_out)
    md_doc_fini(&lp->doc);
  free(lp);
  p->data = NULL;
}

static void layout_doc(Pane *p, const App *app, int width)
{
  LessonPane *lp = p->data;
  const LessonText *t = app_text(app);
  Buf md = BUF_INIT;
  buf_printf(&md, "# %s\n\n", t->meta.title);
  buf_puts(&md, t->body);
  if (lp->laid_out)
    md_doc_fini(&lp->doc);
  md_render(md.data, md.len, width, &lp->doc);
  buf_fini(&md);
  if (lp->gen != app->lesson_gen)
    p->scroll = 0;
  lp->laid_out = true;
  lp->width = width;
  lp->gen = app->lesson_gen;
  p->rows = (int)lp->doc.nlines;
}

static ThemeRole span_role(const MdLine *l, MdStyle s)
{
  if (l->heading)
    return TH_HEADING;
  switch (s) {
  case MD_STYLE_HEADING: return TH_HEADING;
  case MD_STYLE_CODE: return TH_MDCODE;
  case MD_STYLE_EMPH: return TH_EMPH;
  case MD_STYLE_STRONG: return TH_STRONG;
  case MD_STYLE_NORMAL: break;
  }
  return TH_NORMAL;
}

static void lesson_draw(Pane *p, const App *app, bool focus)
{
  LessonPane *lp = p->data;
  Rect in = pane_inner(p);
  /* One column of margin so wrapped text never touches the border. */
  int width = in.w - 1 < 10 ? 10 : in.w - 1;
  if (!lp->laid_out || lp->width != width || lp->gen != app->lesson_gen)
    layout_doc(p, app, width);
  pane_clamp(p);
  char title[96];
  snprintf(title, sizeof title, "lesson %zu/%zu: %s", app->cur + 1,
           app->cat.nlessons, app_lesson(app)->id);
  draw_box(p->r, title, focus);
  for (int row = 0; row < in.h; row++) {
    size_t i = (size_t)(p->scroll + row);
    if (i >= lp->doc.nlines)
      break;
    const MdLine *l = &lp->doc.lines[i];
    int col = 0;
    for (size_t s = 0; s < l->nspans; s++) {
      const MdSpan *sp = &l->spans[s];
      draw_run(in.y + row, in.x, &col, in.w, sp->text, strlen(sp->text),
               theme_attr(span_role(l, sp->style)));
    }
  }
  pane_draw_scrollbar(p);
}

const PaneClass pane_lesson_class = {
    "lesson", lesson_init, lesson_free, pane_resize, lesson_draw,
    pane_scroll_key, NULL,
};
