/* tui/app.c - the TUI's state and commands, no drawing (see app.h). */
#include "tui/app.h"
#include "tui/app_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "base/mem.h"
#include "base/os.h"
#include "tui/highlight.h"

/* --- paths -----------------------------------------------------------------
 */

/* $env/panicroom, else $HOME/rel/panicroom; NULL without either. */
static char *xdg_dir(const char *env, const char *rel)
{
  const char *base = getenv(env), *home = getenv("HOME");
  Buf b = BUF_INIT;
  if (base && *base)
    buf_printf(&b, "%s/panicroom", base);
  else if (home && *home)
    buf_printf(&b, "%s/%s/panicroom", home, rel);
  else
    return NULL;
  return buf_steal(&b);
}

/* mkdir -p; returns 0 or -1 with errno set. */
static int mkdir_p(const char *path)
{
  char *p = xstrdup(path);
  int rc = 0;
  for (char *s = p + 1; rc == 0; s++) {
    if (*s != '/' && *s != '\0')
      continue;
    char c = *s;
    *s = '\0';
    if (mkdir(p, 0777) < 0 && errno != EEXIST)
      rc = -1;
    *s = c;
    if (c == '\0')
      break;
  }
  free(p);
  return rc;
}

/* --- messages and the console ---------------------------------------------
 */

static void vsay(App *app, bool error, const char *fmt, va_list ap)
{
  buf_clear(&app->msg);
  buf_vprintf(&app->msg, fmt, ap);
  app->msg_error = error;
  if (app->line_mode) {
    fprintf(error ? stderr : stdout, "%s%s\n", error ? "panicroom: " : "",
            buf_cstr(&app->msg));
    fflush(error ? stderr : stdout);
  }
  if (app->hooks.message)
    app->hooks.message(app->hooks.ctx);
}

void app_say(App *app, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsay(app, false, fmt, ap);
  va_end(ap);
}

void app_error(App *app, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsay(app, true, fmt, ap);
  va_end(ap);
}

void app_console_reset(App *app, const char *title)
{
  free(app->console_title);
  app->console_title = xstrdup(title);
  buf_clear(&app->console);
  buf_clear(&app->verdict_line);
  app->tone = TONE_NONE;
  app->scroll_hint = 0;
  app->console_gen++;
}

void app_console_set(App *app, const char *title, const char *text)
{
  app_console_reset(app, title);
  buf_puts(&app->console, text);
}

/* Line mode prints what the full screen would show in the output pane. */
void app_console_print(App *app)
{
  if (!app->line_mode)
    return;
  fwrite(app->console.data ? app->console.data : "", 1, app->console.len,
         stdout);
  if (app->console.len && app->console.data[app->console.len - 1] != '\n')
    putchar('\n');
  if (app->verdict_line.len)
    printf("%s\n", buf_cstr(&app->verdict_line));
  fflush(stdout);
}

void app_verdict_set(App *app, Tone tone, const char *fmt, ...)
{
  va_list ap;
  buf_clear(&app->verdict_line);
  /* The mark carries the meaning without colour (NO_COLOR, projectors). */
  buf_puts(&app->verdict_line, tone == TONE_OK ? "\u2714 " : "\u2718 ");
  va_start(ap, fmt);
  buf_vprintf(&app->verdict_line, fmt, ap);
  va_end(ap);
  app->tone = tone;
}

/* --- progress --------------------------------------------------------------
 */

void app_progress_write(App *app)
{
  if (app->have_prog && progress_save(&app->prog) < 0)
    app_error(app, "cannot save progress to %s: %s", app->prog.path,
              strerror(errno));
}

void app_flag_set(App *app, const char *flag)
{
  if (!app->prog.root)
    return;
  const char *id = app_lesson(app)->id;
  progress_mark_started(&app->prog, id);
  json_t *e = json_object_get(json_object_get(app->prog.root, "lessons"), id);
  if (json_is_object(e))
    json_object_set_new(e, flag, json_true());
}

bool app_flag(const App *app, const char *flag)
{
  if (!app->prog.root)
    return false;
  json_t *e = json_object_get(json_object_get(app->prog.root, "lessons"),
                              app_lesson(app)->id);
  return json_is_true(json_object_get(e, flag));
}

/* --- sources ---------------------------------------------------------------
 */

static void source_fini(Source *s)
{
  free(s->text);
  free(s->hl);
  lines_fini(&s->lines);
  memset(s, 0, sizeof *s);
}

/* Takes ownership of text (may be NULL: no source). */
static void source_set(Source *s, char *text, size_t len)
{
  source_fini(s);
  if (!text)
    return;
  s->text = text;
  s->len = len;
  s->hl = hl_classify(text, len);
  lines_split(text, len, &s->lines);
}

static void diff_refresh(App *app)
{
  const Source *right = app_has_work(app) ? &app->src[VIEW_WORK]
                                          : &app->src[VIEW_FIXED];
  diff_fini(&app->diff);
  diff_compute(&app->src[VIEW_BROKEN].lines, &right->lines, &app->diff);
}

void app_work_reload(App *app)
{
  size_t len;
  char *text = os_read_file(app->work_path, &len);
  source_set(&app->src[VIEW_WORK], text, len);
  diff_refresh(app);
}

/* Writes text as the working copy (creating its folder). */
int app_work_write(App *app, const char *text, size_t len)
{
  char *dir = xstrdup(app->work_path);
  *strrchr(dir, '/') = '\0';
  int rc = mkdir_p(dir);
  free(dir);
  if (rc == 0)
    rc = os_write_file_atomic(app->work_path, text, len);
  if (rc < 0)
    app_error(app, "cannot write %s: %s", app->work_path, strerror(errno));
  return rc;
}

bool app_has_work(const App *app)
{
  return app->src[VIEW_WORK].text != NULL;
}

/* --- lessons ---------------------------------------------------------------
 */

const Lesson *app_lesson(const App *app)
{
  return &app->cat.lessons[app->cur];
}

const LessonText *app_text(const App *app)
{
  return catalog_text(app_lesson(app), app->lang, NULL);
}

int app_find(const App *app, const char *id)
{
  for (size_t i = 0; i < app->cat.nlessons; i++)
    if (strcmp(app->cat.lessons[i].id, id) == 0)
      return (int)i;
  return -1;
}

static char *scenario_file(const App *app, const char *name, size_t *len)
{
  char *path = catalog_scenario_path(&app->cat, app_lesson(app), name);
  char *text = os_read_file(path, len);
  free(path);
  return text;
}

void app_select(App *app, size_t i)
{
  size_t len;
  if (i >= app->cat.nlessons)
    i = app->cat.nlessons - 1;
  app->cur = i;
  const Lesson *l = app_lesson(app);
  char *text = scenario_file(app, "broken.go", &len);
  source_set(&app->src[VIEW_BROKEN], text, len);
  text = scenario_file(app, "fixed.go", &len);
  source_set(&app->src[VIEW_FIXED], text, len);
  free(app->expect);
  app->expect = scenario_file(app, "fixed.stdout", &app->expect_len);
  free(app->work_path);
  Buf p = BUF_INIT;
  buf_printf(&p, "%s/%s/main.go", app->work_root, l->id);
  app->work_path = buf_steal(&p);
  app_work_reload(app);
  app->view = app_has_work(app) ? VIEW_WORK : VIEW_BROKEN;
  app->spec = (ScheduleSpec){.strategy = STRAT_GO,
                             .seed = l->text[LANG_EN]->meta.seed};
  app->lesson_gen++;
  app_trace_clear(app); /* the last run was another program */
  app_flag_set(app, "seen");
  app_progress_write(app);
  const LessonText *t = app_text(app);
  Buf c = BUF_INIT;
  buf_printf(&c, "Lesson %zu of %zu: %s\n\n%s runs broken.go; %s applies "
             "the fix; %s verifies it.\n",
             i + 1, app->cat.nlessons, t->meta.title, "r", "f", "v");
  app_console_set(app, "output", buf_cstr(&c));
  buf_fini(&c);
  app_say(app, "%s: %s", l->id, t->meta.title);
}

static void lesson_for_start(App *app, const char *id)
{
  int i = id ? app_find(app, id) : -1;
  if (i < 0) {
    i = 0;
    for (size_t k = 0; k < app->cat.nlessons; k++)
      if (!app->prog.root ||
          progress_status(&app->prog, app->cat.lessons[k].id) !=
              PROGRESS_PASSED) {
        i = (int)k;
        break;
      }
  }
  app_select(app, (size_t)i);
}

int app_init(App *app, const char *id, Lang lang, bool line_mode, Buf *err)
{
  memset(app, 0, sizeof *app);
  app->lang = lang;
  app->line_mode = line_mode;
  app->stderr_at = SIZE_MAX;
  tm_init(&app->tm);
  app->trace_view = VIEW_COUNT;
  char *root = catalog_find_root();
  catalog_load(&app->cat, root);
  free(root);
  if (app->cat.nlessons == 0) {
    buf_printf(err, "no lessons found under %s", app->cat.root);
    return -1;
  }
  if (id && app_find(app, id) < 0) {
    buf_printf(err, "no lesson %s (panicroom list shows them)", id);
    return -1;
  }
  char *ppath = progress_default_path();
  Buf notice = BUF_INIT;
  if (ppath) {
    app->have_prog = true;
    if (progress_load(&app->prog, ppath, &notice) != 0)
      buf_printf(err, "%s", buf_cstr(&notice)); /* a notice, not fatal */
  }
  buf_fini(&notice);
  free(ppath);
  char *data = xdg_dir("XDG_DATA_HOME", ".local/share");
  Buf w = BUF_INIT;
  buf_printf(&w, "%s/work", data ? data : "/tmp/panicroom");
  app->work_root = buf_steal(&w);
  free(data);
  app->state_dir = xdg_dir("XDG_STATE_HOME", ".local/state");
  if (app->state_dir)
    mkdir_p(app->state_dir);
  lesson_for_start(app, id);
  return 0;
}

void app_fini(App *app)
{
  for (int v = 0; v < VIEW_COUNT; v++)
    source_fini(&app->src[v]);
  diff_fini(&app->diff);
  free(app->work_path);
  free(app->expect);
  free(app->work_root);
  free(app->state_dir);
  free(app->console_title);
  buf_fini(&app->console);
  buf_fini(&app->verdict_line);
  buf_fini(&app->msg);
  tm_fini(&app->tm);
  if (app->prog.root)
    progress_fini(&app->prog);
  catalog_fini(&app->cat);
}

/* --- views -----------------------------------------------------------------
 */

const char *app_view_name(CodeView v)
{
  static const char *const names[VIEW_COUNT] = {"broken", "fixed", "diff",
                                                "your copy"};
  return (unsigned)v < VIEW_COUNT ? names[v] : "?";
}

CodeView app_next_view(const App *app)
{
  CodeView v = (CodeView)((app->view + 1) % VIEW_COUNT);
  if (v == VIEW_WORK && !app_has_work(app))
    v = VIEW_BROKEN;
  return v;
}

void app_set_view(App *app, CodeView v)
{
  if (v == VIEW_WORK && !app_has_work(app)) {
    app_say(app, "no working copy yet: f applies the fix, e edits");
    v = VIEW_BROKEN;
  }
  app->view = v;
  if (app->line_mode) {
    const Source *s = &app->src[v == VIEW_DIFF ? VIEW_BROKEN : v];
    if (v != VIEW_DIFF && s->text)
      fwrite(s->text, 1, s->len, stdout);
  }
}

CodeView app_target(const App *app)
{
  if (app->view == VIEW_DIFF)
    return app_has_work(app) ? VIEW_WORK : VIEW_FIXED;
  return app->view;
}

void app_token(const App *app, Buf *out)
{
  schedule_format(&app->spec, out);
}

void app_set_lang(App *app, Lang lang)
{
  Lang got;
  app->lang = lang;
  catalog_text(app_lesson(app), lang, &got);
  app->lesson_gen++;
  if (got != lang)
    app_say(app, "no %s text for %s: showing %s",
            catalog_lang_name(lang), app_lesson(app)->id,
            catalog_lang_name(got));
  else
    app_say(app, "lesson text in %s", catalog_lang_name(lang));
}

/* --- hints and the list ----------------------------------------------------
 */

void app_hint(App *app, int n)
{
  const char *id = app_lesson(app)->id;
  int shown = app->prog.root ? progress_hints_shown(&app->prog, id) : 0;
  if (n == 0)
    n = shown < FM_NHINTS ? shown + 1 : FM_NHINTS;
  if (n < 1 || n > FM_NHINTS) {
    app_error(app, "hint: N is 1 to %d", FM_NHINTS);
    return;
  }
  const LessonText *t = app_text(app);
  Buf c = BUF_INIT, title = BUF_INIT;
  for (int i = 1; i <= n; i++)
    buf_printf(&c, "%s %d. %s\n\n", i == n ? "\u25b6" : " ", i,
               t->meta.hints[i - 1]);
  if (n < FM_NHINTS)
    buf_printf(&c, "(h again for hint %d)\n", n + 1);
  buf_printf(&title, "hint %d of %d", n, FM_NHINTS);
  app_console_set(app, buf_cstr(&title), buf_cstr(&c));
  if (app->prog.root && n > shown) {
    progress_set_hints_shown(&app->prog, id, n);
    app_flag_set(app, "seen");
    app_progress_write(app);
  }
  buf_fini(&c);
  buf_fini(&title);
  app_console_print(app);
}

/* "crashed fixed verified" flags of a lesson, as marks. */
static void list_marks(const App *app, const char *id, Buf *out)
{
  static const char *const flags[] = {"seen", "crashed", "fixed",
                                      "verified"};
  json_t *e = app->prog.root ? json_object_get(json_object_get(
                                   app->prog.root, "lessons"), id)
                             : NULL;
  for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
    buf_printf(out, "%c", json_is_true(json_object_get(e, flags[i]))
                              ? "scfv"[i] : '.');
}

void app_list(App *app)
{
  Buf c = BUF_INIT;
  buf_puts(&c, "marks: s seen, c crashed, f fixed, v verified; "
               "goto ID opens one\n");
  for (size_t k = 0; k < app->cat.nchapters; k++) {
    const Chapter *ch = &app->cat.chapters[k];
    buf_printf(&c, "\n%d. %s\n", ch->number,
               catalog_chapter_title(&app->cat, ch, app->lang));
    for (size_t i = ch->first; i < ch->first + ch->count; i++) {
      const Lesson *l = &app->cat.lessons[i];
      buf_printf(&c, " %s ", i == app->cur ? "\u25b6" : " ");
      list_marks(app, l->id, &c);
      buf_printf(&c, " %-20s %s\n", l->id,
                 catalog_text(l, app->lang, NULL)->meta.title);
    }
  }
  app_console_set(app, "lessons", buf_cstr(&c));
  buf_fini(&c);
  app_console_print(app);
}
