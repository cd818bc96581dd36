/* lessons/workspace.c - see workspace.h.
 *
 * The README is generated from the lesson's front matter and
 * fixed.stdout, so it never drifts from what the grader checks.  It is
 * written once (like main.go): a teacher or learner may annotate it.
 */
#include "lessons/workspace.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mem.h"
#include "base/os.h"

/* mkdir -p, one level at a time; 0 or -1 with errno set. */
static int make_dirs(const char *path)
{
  char *p = xstrdup(path);
  int rc = 0;

  for (char *s = p + 1; rc == 0; s++) {
    bool end = *s == '\0';
    if (*s != '/' && !end)
      continue;
    *s = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
      rc = -1;
    if (end)
      break;
    *s = '/';
  }
  free(p);
  return rc;
}

/* Creates the directory that will hold file. */
static bool parent_ok(const char *file)
{
  char *d = xstrdup(file), *slash = strrchr(d, '/');
  bool ok = true;
  if (slash && slash != d) {
    *slash = '\0';
    ok = make_dirs(d) == 0;
  }
  free(d);
  return ok;
}

static bool exists(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0;
}

char *ws_exercise_path(const char *dir, const char *id)
{
  Buf b = BUF_INIT;
  buf_printf(&b, "%s/%s/main.go", dir, id);
  return buf_steal(&b);
}

/* Writes path unless it exists; *wrote says which.  -1: err says why. */
static int write_new(const char *path, const char *data, size_t len,
                     bool *wrote, Buf *err)
{
  *wrote = false;
  if (exists(path))
    return 0;
  if (os_write_file_atomic(path, data, len) != 0) {
    buf_printf(err, "cannot write %s: %s", path, strerror(errno));
    return -1;
  }
  *wrote = true;
  return 0;
}

static void readme_head(const LessonMeta *m, Buf *out)
{
  buf_printf(out, "# %s (`%s`)\n\n", m->title, m->id);
  buf_printf(out, "`main.go` is a Go program that is broken: ");
  if (m->first_line && *m->first_line)
    buf_printf(out, "it ends with\n\n    %s\n\n", m->first_line);
  else
    buf_printf(out, "it ends as `%s` (%s).\n\n", verdict_name(m->verdict),
               verdict_meaning(m->verdict));
  if (m->schedule_dependent)
    buf_puts(out, "The failure depends on how the goroutines are "
                  "scheduled: a lucky run may hide it.\n\n");
}

void ws_readme(const Catalog *c, const Lesson *l, Buf *out)
{
  const LessonMeta *m = &l->text[LANG_EN]->meta;
  char *path = catalog_scenario_path(c, l, "fixed.stdout");
  size_t n;
  char *expect = os_read_file(path, &n);

  readme_head(m, out);
  buf_printf(out, "## What to fix\n\nChange at most 7 lines so that the "
             "program runs correctly on every schedule and prints "
             "exactly:\n\n```\n%s%s```\n\nKeep the goroutines and the "
             "operations the exercise is about: the grader checks that "
             "the fix does not simply remove the concurrency or hide it "
             "behind `time.Sleep`.\n\n", expect ? expect : "",
             expect && n && expect[n - 1] != '\n' ? "\n" : "");
  /* {before the id, after it (NULL: no id), what it does} */
  static const char *const how[][3] = {
      {"go run ./", "", "real Go, one schedule"},
      {"panicroom run ", "/main.go", "the lab engine"},
      {"panicroom watch", NULL, "re-check on every save"},
      {"panicroom grade --only ", "", "every criterion, with points"},
      {"panicroom show ", "", "the lesson"},
      {"panicroom hint ", "", "the next hint"},
      {"panicroom reset ", " --force", "start over"},
  };
  buf_puts(out, "## Run, check, grade\n\nFrom the workspace folder:\n\n```\n");
  for (size_t i = 0; i < sizeof how / sizeof how[0]; i++) {
    Buf cmd = BUF_INIT;
    buf_printf(&cmd, "%s%s%s", how[i][0], how[i][1] ? m->id : "",
               how[i][1] ? how[i][1] : "");
    buf_printf(out, "%-40s # %s\n", buf_cstr(&cmd), how[i][2]);
    buf_fini(&cmd);
  }
  buf_puts(out, "```\n");
  free(expect);
  free(path);
}

static const char gomod[] = "module " WS_MODULE "\n\ngo " WS_GO_VERSION
                            "\n";

/* One exercise: DIR/<id>/main.go and README.md. */
static int init_one(const Catalog *c, const Lesson *l, const char *dir,
                    WsInitReport *rep, Buf *err)
{
  char *src_path = catalog_scenario_path(c, l, "broken.go");
  char *main_go = ws_exercise_path(dir, l->id);
  Buf path = BUF_INIT, readme = BUF_INIT;
  size_t n;
  char *src = os_read_file(src_path, &n);
  bool wrote;
  int rc = -1;

  buf_printf(&path, "%s/%s", dir, l->id);
  if (!src)
    buf_printf(err, "cannot read %s: %s", src_path, strerror(errno));
  else if (make_dirs(buf_cstr(&path)) != 0)
    buf_printf(err, "cannot create %s: %s", buf_cstr(&path),
               strerror(errno));
  else if (write_new(main_go, src, n, &wrote, err) == 0) {
    wrote ? rep->written++ : rep->kept++;
    buf_puts(&path, "/README.md");
    ws_readme(c, l, &readme);
    rc = write_new(buf_cstr(&path), readme.data, readme.len, &wrote, err);
  }
  buf_fini(&path);
  buf_fini(&readme);
  free(src);
  free(src_path);
  free(main_go);
  return rc;
}

int ws_init(const Catalog *c, const char *dir, WsInitReport *rep, Buf *err)
{
  Buf path = BUF_INIT;
  int rc = 0;

  memset(rep, 0, sizeof *rep);
  if (make_dirs(dir) != 0) {
    buf_printf(err, "cannot create %s: %s", dir, strerror(errno));
    return -1;
  }
  buf_printf(&path, "%s/go.mod", dir);
  rc = write_new(buf_cstr(&path), gomod, sizeof gomod - 1,
                 &rep->gomod_written, err);
  for (size_t i = 0; rc == 0 && i < c->nlessons; i++)
    rc = init_one(c, &c->lessons[i], dir, rep, err);
  buf_fini(&path);
  return rc;
}

WsReset ws_reset(const Catalog *c, const Lesson *l, const char *dir,
                 bool force, Buf *err)
{
  char *src_path = catalog_scenario_path(c, l, "broken.go");
  char *main_go = ws_exercise_path(dir, l->id);
  size_t n, cur_n = 0;
  char *src = os_read_file(src_path, &n), *cur = NULL;
  WsReset r = WS_RESET_ERROR;

  if (!src) {
    buf_printf(err, "cannot read %s: %s", src_path, strerror(errno));
  } else {
    cur = os_read_file(main_go, &cur_n);
    if (cur && cur_n == n && memcmp(cur, src, n) == 0)
      r = WS_RESET_SAME;
    else if (cur && !force)
      r = WS_RESET_REFUSED;
    else if (parent_ok(main_go) && os_write_file_atomic(main_go, src, n) == 0)
      r = WS_RESET_DONE;
    else
      buf_printf(err, "cannot write %s: %s", main_go, strerror(errno));
  }
  free(cur);
  free(src);
  free(src_path);
  free(main_go);
  return r;
}

const Lesson **ws_exercises(const Catalog *c, const char *dir, size_t *n)
{
  const Lesson **out = xcalloc(c->nlessons + 1, sizeof *out);
  Buf path = BUF_INIT;
  struct stat st;

  *n = 0;
  for (size_t i = 0; i < c->nlessons; i++) {
    buf_clear(&path);
    buf_printf(&path, "%s/%s", dir, c->lessons[i].id);
    if (stat(buf_cstr(&path), &st) == 0 && S_ISDIR(st.st_mode))
      out[(*n)++] = &c->lessons[i];
  }
  buf_fini(&path);
  return out;
}
