/* cmd_lessons.c - the lesson commands of SPEC §3:
 *   panicroom list [--format text|json] [--lang en|zh]
 *   panicroom show ID [--lang en|zh]
 *   panicroom hint ID [N] [--lang en|zh]
 *
 * Exit statuses: 0 done; 1 for list when some lesson file failed to load
 * (the good ones are still listed, the errors go to stderr, so a teacher
 * sees both); CLI_USAGE (2) for bad arguments and unknown lesson ids.
 *
 * Progress is a side effect, never a reason to fail: show and hint mark
 * the lesson started and hint records the ladder position; a progress file
 * that cannot be written costs a warning, not the lesson text.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lessons/catalog.h"
#include "lessons/mdrender.h"
#include "lessons/progress.h"

/* The plain terminal `show` writes for (SPEC: 80 columns). */
#define SHOW_WIDTH 80

typedef struct LessonArgs {
  const char *id;     /* show, hint */
  const char *number; /* hint's N */
  bool json;          /* list --format json */
  Lang lang;
} LessonArgs;

/* Parses argv (argv[0] is the command) into *a; nargs is how many plain
 * arguments the command takes (0 list, 1 show, 2 hint). Returns 0, or
 * CLI_USAGE after printing why. */
static int parse_args(int argc, char **argv, int nargs, LessonArgs *a)
{
  const char *cmd = argv[0];
  memset(a, 0, sizeof *a);
  a->lang = catalog_lang_from_env();
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(s, "--lang") == 0) {
      if (catalog_lang_parse(v, &a->lang))
        return cli_usage_error("%s: --lang must be en or zh", cmd);
      i++;
    } else if (strcmp(s, "--format") == 0 && nargs == 0) {
      if (!v || (strcmp(v, "json") && strcmp(v, "text")))
        return cli_usage_error("%s: --format must be text or json", cmd);
      a->json = strcmp(v, "json") == 0;
      i++;
    } else if (s[0] == '-' && s[1]) {
      return cli_usage_error("%s: unknown option %s", cmd, s);
    } else if (!a->id && nargs >= 1) {
      a->id = s;
    } else if (!a->number && nargs >= 2) {
      a->number = s;
    } else {
      return cli_usage_error("%s: unexpected argument %s", cmd, s);
    }
  }
  if (nargs >= 1 && !a->id)
    return cli_usage_error("%s: which lesson? (%s ID; see panicroom list)", cmd,
                           cmd);
  return 0;
}

/* Loads the catalog from the data root; 0 or -1 as catalog_load. */
static int open_catalog(Catalog *c)
{
  char *root = catalog_find_root();
  int rc = catalog_load(c, root);
  free(root);
  return rc;
}

/* Prints the catalog's errors; with id, only those about that lesson's
 * files (show and hint should not bury the text in others' problems). */
static void print_errors(const Catalog *c, const char *id)
{
  Buf needle = BUF_INIT;
  if (id)
    buf_printf(&needle, "/%s.md", id);
  for (size_t i = 0; i < c->errors.n; i++)
    if (!id || strstr(c->errors.msgs[i], buf_cstr(&needle)))
      fprintf(stderr, "%s\n", c->errors.msgs[i]);
  buf_fini(&needle);
}

/* Loads progress if there is a place for it; false when there is none
 * (no HOME): everything then reads as todo and nothing is saved. */
static bool open_progress(Progress *p)
{
  char *path = progress_default_path();
  memset(p, 0, sizeof *p);
  if (!path)
    return false;
  Buf notice = BUF_INIT;
  if (progress_load(p, path, &notice) != 0)
    fprintf(stderr, "panicroom: %s\n", buf_cstr(&notice));
  buf_fini(&notice);
  free(path);
  return true;
}

/* Saves p if save, and releases it; have says whether it was opened. */
static void close_progress(Progress *p, bool have, bool save)
{
  if (!have)
    return;
  if (save && progress_save(p) != 0)
    fprintf(stderr, "panicroom: warning: cannot save progress to %s: %s\n",
            p->path, strerror(errno));
  progress_fini(p);
}

/* The lesson named id, or NULL after saying there is none. */
static const Lesson *find_lesson(const Catalog *c, const char *id)
{
  const Lesson *l = catalog_find(c, id);
  if (l)
    return l;
  print_errors(c, c->nlessons ? id : NULL);
  fprintf(stderr, "panicroom: no lesson \"%s\" (see panicroom list)\n", id);
  return NULL;
}

/* Opens the catalog and finds id in it; NULL (catalog closed, the error
 * printed) if there is no such lesson. */
static const Lesson *open_lesson(Catalog *c, const char *id)
{
  open_catalog(c);
  const Lesson *l = find_lesson(c, id);
  if (!l)
    catalog_fini(c);
  return l;
}

/* The text in lang, or English with a one-line notice. */
static const LessonText *pick_text(const Lesson *l, Lang lang)
{
  Lang got;
  const LessonText *t = catalog_text(l, lang, &got);
  if (got != lang)
    fprintf(stderr, "panicroom: lesson %s has no %s text yet; showing %s\n",
            l->id, catalog_lang_name(lang), catalog_lang_name(got));
  return t;
}

static void print_markdown(const char *md, size_t len)
{
  MdDoc doc;
  Buf out = BUF_INIT;
  md_render(md, len, SHOW_WIDTH, &doc);
  md_doc_text(&doc, &out);
  fwrite(out.data ? out.data : "", 1, out.len, stdout);
  md_doc_fini(&doc);
  buf_fini(&out);
}

/* --- list -------------------------------------------------------------------
 */

static ProgressStatus status_of(const Progress *p, const char *id)
{
  return p->root ? progress_status(p, id) : PROGRESS_TODO;
}

static json_t *lesson_json(const Lesson *l, Lang lang, const Progress *p)
{
  const LessonMeta *m = &catalog_text(l, lang, NULL)->meta;
  Buf verdict = BUF_INIT;
  fm_field_format(m, FM_VERDICT, &verdict);
  json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:i, s:s, s:s}", "id", l->id,
                        "title", m->title, "chapter", m->chapter,
                        "chapter_title", m->chapter_title, "order", m->order,
                        "status", progress_status_name(status_of(p, l->id)),
                        "verdict", buf_cstr(&verdict));
  buf_fini(&verdict);
  if (!o)
    die("list: out of memory");
  return o;
}

static void list_json(const Catalog *c, Lang lang, const Progress *p)
{
  json_t *arr = json_array();
  if (!arr)
    die("list: out of memory");
  for (size_t i = 0; i < c->nlessons; i++)
    if (json_array_append_new(arr, lesson_json(&c->lessons[i], lang, p)))
      die("list: out of memory");
  char *text = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  if (!text)
    die("list: cannot encode JSON (out of memory)");
  printf("%s\n", text);
  free(text);
  json_decref(arr);
}

/* Pads s with spaces to width display columns (CJK titles are 2 a char). */
static void put_padded(const char *s, int width)
{
  fputs(s, stdout);
  for (int w = md_text_width(s, strlen(s)); w < width; w++)
    putchar(' ');
}

static void list_text(const Catalog *c, Lang lang, const Progress *p)
{
  int idw = 0, titlew = 0;
  for (size_t i = 0; i < c->nlessons; i++) {
    const Lesson *l = &c->lessons[i];
    const char *title = catalog_text(l, lang, NULL)->meta.title;
    int w = md_text_width(l->id, strlen(l->id));
    int tw = md_text_width(title, strlen(title));
    idw = w > idw ? w : idw;
    titlew = tw > titlew ? tw : titlew;
  }
  for (size_t k = 0; k < c->nchapters; k++) {
    const Chapter *ch = &c->chapters[k];
    const char *title = catalog_chapter_title(c, ch, lang);
    printf(lang == LANG_ZH ? "%s第 %d 章：%s\n" : "%sChapter %d: %s\n",
           k ? "\n" : "", ch->number, title);
    for (size_t i = ch->first; i < ch->first + ch->count; i++) {
      const Lesson *l = &c->lessons[i];
      fputs("  ", stdout);
      put_padded(l->id, idw + 2);
      put_padded(catalog_text(l, lang, NULL)->meta.title, titlew + 2);
      printf("%s\n", progress_status_name(status_of(p, l->id)));
    }
  }
}

int cmd_list(int argc, char **argv)
{
  LessonArgs a;
  int rc = parse_args(argc, argv, 0, &a);
  if (rc)
    return rc;
  Catalog c;
  Progress p;
  bool have = open_progress(&p);
  rc = open_catalog(&c) ? 1 : 0;
  if (a.json)
    list_json(&c, a.lang, &p);
  else
    list_text(&c, a.lang, &p);
  if (fflush(stdout) != 0)
    rc = 1;
  print_errors(&c, NULL);
  if (rc)
    fprintf(stderr, "panicroom: %zu problem%s in the lessons under %s\n",
            c.errors.n, c.errors.n == 1 ? "" : "s", c.root);
  close_progress(&p, have, false);
  catalog_fini(&c);
  return rc;
}

/* --- show and hint ----------------------------------------------------------
 */

int cmd_show(int argc, char **argv)
{
  LessonArgs a;
  int rc = parse_args(argc, argv, 1, &a);
  if (rc)
    return rc;
  Catalog c;
  const Lesson *l = open_lesson(&c, a.id);
  if (!l)
    return CLI_USAGE;
  print_errors(&c, a.id);
  const LessonText *t = pick_text(l, a.lang);
  Buf md = BUF_INIT;
  buf_printf(&md, "# %s\n\n%s", t->meta.title, t->body);
  print_markdown(md.data, md.len);
  buf_fini(&md);
  Progress p;
  bool have = open_progress(&p);
  if (have)
    progress_mark_started(&p, l->id);
  close_progress(&p, have, true);
  catalog_fini(&c);
  return 0;
}

/* N of `hint ID N`, or the one after the last shown (the last again once
 * all were shown). 0 if N is not 1..FM_NHINTS. */
static int hint_number(const char *arg, const Progress *p, bool have,
                       const char *id)
{
  if (!arg) {
    int shown = have ? progress_hints_shown(p, id) : 0;
    return shown < FM_NHINTS ? shown + 1 : FM_NHINTS;
  }
  char *end;
  errno = 0;
  long n = strtol(arg, &end, 10);
  return errno || *end || end == arg || n < 1 || n > FM_NHINTS ? 0 : (int)n;
}

static void print_hint(const LessonText *t, const char *id, int n, Lang lang)
{
  Buf md = BUF_INIT;
  if (lang == LANG_ZH)
    printf("提示 %d/%d（%s）：\n", n, FM_NHINTS, id);
  else
    printf("Hint %d of %d (%s):\n", n, FM_NHINTS, id);
  buf_puts(&md, t->meta.hints[n - 1]);
  print_markdown(md.data, md.len);
  buf_fini(&md);
}

int cmd_hint(int argc, char **argv)
{
  LessonArgs a;
  int rc = parse_args(argc, argv, 2, &a);
  if (rc)
    return rc;
  Catalog c;
  const Lesson *l = open_lesson(&c, a.id);
  if (!l)
    return CLI_USAGE;
  Progress p;
  bool have = open_progress(&p);
  int n = hint_number(a.number, &p, have, l->id);
  if (n) {
    print_errors(&c, a.id);
    print_hint(pick_text(l, a.lang), l->id, n, a.lang);
    if (have && n > progress_hints_shown(&p, l->id))
      progress_set_hints_shown(&p, l->id, n);
    if (have)
      progress_mark_started(&p, l->id);
  } else {
    rc = cli_usage_error("hint: N must be 1 to %d (got %s)", FM_NHINTS,
                         a.number);
  }
  close_progress(&p, have, n != 0);
  catalog_fini(&c);
  return rc;
}
