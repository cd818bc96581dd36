/* lessons/resolve.c - FILE-or-ID resolution; see resolve.h. */
#include "lessons/resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/mem.h"
#include "lessons/catalog.h"

/* An existing path that is not a directory: a FIFO or /dev/stdin is as
 * much "the file the learner named" as a regular one. */
static bool names_file(const char *arg)
{
  struct stat st;

  return stat(arg, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* Lesson ids are [a-z][a-z0-9-]* (docs/authoring.md): anything else
 * ("x.go", "dir/x") can only mean a file. */
static bool id_shaped(const char *arg)
{
  if (*arg < 'a' || *arg > 'z')
    return false;
  for (; *arg; arg++)
    if (!((*arg >= 'a' && *arg <= 'z') || (*arg >= '0' && *arg <= '9') ||
          *arg == '-'))
      return false;
  return true;
}

static void fill_lesson(const Catalog *c, const Lesson *l, bool fixed,
                        Resolved *out)
{
  const LessonMeta *m = &l->text[LANG_EN]->meta;

  out->lesson = true;
  out->fixed = fixed;
  out->id = xstrdup(l->id);
  out->path = catalog_scenario_path(c, l, fixed ? "fixed.go" : "broken.go");
  out->expect_path = catalog_scenario_path(c, l, "fixed.stdout");
  out->schedule_dependent = m->schedule_dependent;
  out->seed = m->seed;
  out->verdict = m->verdict;
}

static int resolve_id(const char *root, const char *arg, bool fixed,
                      Resolved *out, Buf *err)
{
  char *found = root ? NULL : catalog_find_root();
  Catalog c;
  const Lesson *l;
  int rc = -1;

  (void)catalog_load(&c, root ? root : found); /* errors: `list` says */
  if ((l = catalog_find(&c, arg)) != NULL) {
    fill_lesson(&c, l, fixed, out);
    rc = 0;
  } else {
    buf_printf(err, "no lesson or file \"%s\" (see panicroom list)", arg);
  }
  catalog_fini(&c);
  free(found);
  return rc;
}

int resolve_arg(const char *root, const char *arg, bool fixed, Resolved *out,
                Buf *err)
{
  memset(out, 0, sizeof *out);
  if (names_file(arg) || !id_shaped(arg)) {
    if (fixed) {
      buf_printf(err, "--fixed needs a lesson id, not a file (%s)", arg);
      return -1;
    }
    out->path = xstrdup(arg);
    return 0;
  }
  return resolve_id(root, arg, fixed, out, err);
}

void resolve_fini(Resolved *r)
{
  free(r->path);
  free(r->id);
  free(r->expect_path);
  memset(r, 0, sizeof *r);
}

int resolve_or_say(const char *arg, bool fixed, Resolved *out)
{
  Buf err = BUF_INIT;
  int rc = resolve_arg(NULL, arg, fixed, out, &err);

  if (rc < 0)
    fprintf(stderr, "panicroom: %s\n", buf_cstr(&err));
  buf_fini(&err);
  return rc;
}

bool resolve_uses_seed(const Resolved *r)
{
  return r->lesson && r->schedule_dependent && r->seed != 0;
}
