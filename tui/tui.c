/* tui/tui.c - the entry point, line mode, and what both front ends
 * share (completion over lesson ids, the history file). */
#include "tui/tui.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "tui/app.h"
#include "tui/cmds.h"
#include "tui/keys.h"
#include "tui/prompt.h"

void tui_complete(void *ctx, const char *line, size_t cursor, Buf *insert,
                  Buf *listing)
{
  App *app = ctx;
  const char **ids = xcalloc(app->cat.nlessons + 1, sizeof *ids);
  for (size_t i = 0; i < app->cat.nlessons; i++)
    ids[i] = app->cat.lessons[i].id;
  cmds_complete(line, cursor, ids, app->cat.nlessons, insert, listing);
  free(ids);
}

char *tui_history_path(const App *app)
{
  if (!app->state_dir)
    return NULL;
  Buf b = BUF_INIT;
  buf_printf(&b, "%s/history", app->state_dir);
  return buf_steal(&b);
}

int tui_line_run(App *app)
{
  char *hist = tui_history_path(app);
  Prompt *p = prompt_new_line(hist, tui_complete, app);
  Buf line = BUF_INIT;
  while (!app->quit && prompt_read_line(p, &line)) {
    prompt_remember(p, buf_cstr(&line));
    cmds_exec(app, buf_cstr(&line));
    if (app->help) {
      Buf h = BUF_INIT;
      keys_help(&h);
      fputs(buf_cstr(&h), stdout);
      fflush(stdout);
      buf_fini(&h);
      app->help = false;
    }
  }
  buf_fini(&line);
  prompt_free(p);
  free(hist);
  return 0;
}

int tui_main(const TuiOptions *o)
{
  App app;
  Buf err = BUF_INIT;
  setlocale(LC_ALL, ""); /* before libedit's el_init and initscr */
  int rc = app_init(&app, o->lesson, o->lang, o->line_mode, &err);
  if (rc < 0) {
    fprintf(stderr, "panicroom: %s\n", buf_cstr(&err));
    buf_fini(&err);
    app_fini(&app);
    return 1;
  }
  if (err.len) /* a notice: progress was set aside */
    app_error(&app, "%s", buf_cstr(&err));
  buf_fini(&err);
  rc = o->line_mode ? tui_line_run(&app) : screen_run(&app);
  app_fini(&app);
  return rc;
}
