/* lessons/progress.c - see progress.h. Uses jansson for the JSON. */
#include "lessons/progress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "base/os.h"
#include "lessons/frontmatter.h" /* FM_NHINTS */

#define PROGRESS_VERSION 1

static const char *const status_names[] = {"todo", "started", "passed"};

const char *progress_status_name(ProgressStatus s)
{
  return (unsigned)s <= PROGRESS_PASSED ? status_names[s] : "?";
}

char *progress_default_path(void)
{
  const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
  Buf b = BUF_INIT;
  /* The XDG spec: a relative XDG_STATE_HOME is invalid and ignored. */
  if (state && state[0] == '/')
    buf_printf(&b, "%s/panicroom/progress.json", state);
  else if (home && *home)
    buf_printf(&b, "%s/.local/state/panicroom/progress.json", home);
  else
    return NULL;
  return buf_steal(&b);
}

static json_t *empty_doc(void)
{
  json_t *root =
      json_pack("{s:i, s:{}}", "version", PROGRESS_VERSION, "lessons");
  if (!root)
    die("progress: out of memory");
  return root;
}

/* The shape the rest of this file relies on: {"lessons": {...}}. */
static bool well_formed(json_t *root)
{
  return json_is_object(root) &&
         json_is_object(json_object_get(root, "lessons"));
}

/* Moves a corrupt file out of the way so the next save cannot destroy what
 * may be the only record of the learner's work. */
static int set_aside(Progress *p, const char *why, Buf *notice)
{
  Buf bad = BUF_INIT;
  buf_printf(&bad, "%s.bad", p->path);
  if (rename(p->path, buf_cstr(&bad)) != 0) {
    buf_printf(notice,
               "progress file %s is corrupt (%s) and could not be "
               "set aside: %s; starting fresh",
               p->path, why, strerror(errno));
  } else {
    buf_printf(notice,
               "progress file %s is corrupt (%s); kept it as %s "
               "and started fresh",
               p->path, why, buf_cstr(&bad));
  }
  buf_fini(&bad);
  return 1;
}

int progress_load(Progress *p, const char *path, Buf *notice)
{
  p->path = xstrdup(path);
  p->root = empty_doc();
  size_t len;
  char *text = os_read_file(path, &len);
  if (!text) {
    if (errno == ENOENT)
      return 0;
    buf_printf(notice, "cannot read progress file %s: %s", path,
               strerror(errno));
    return -1;
  }
  json_error_t err;
  json_t *root = json_loadb(text, len, 0, &err);
  free(text);
  if (!root)
    return set_aside(p, err.text, notice);
  if (!well_formed(root)) {
    json_decref(root);
    return set_aside(p, "not a {\"lessons\": {...}} object", notice);
  }
  json_decref(p->root);
  p->root = root;
  return 0;
}

/* mkdir -p of path's directory. */
static int make_parents(const char *path)
{
  char *dir = xstrdup(path);
  int rc = 0;
  for (char *s = strchr(dir + 1, '/'); s && rc == 0; s = strchr(s + 1, '/')) {
    *s = '\0';
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
      rc = -1;
    *s = '/';
  }
  int err = errno;
  free(dir);
  errno = err;
  return rc;
}

int progress_save(const Progress *p)
{
  if (make_parents(p->path) != 0)
    return -1;
  char *text = json_dumps(p->root, JSON_INDENT(2) | JSON_SORT_KEYS);
  if (!text)
    die("progress: cannot encode JSON (out of memory)");
  size_t len = strlen(text);
  Buf b = BUF_INIT;
  buf_append(&b, text, len);
  buf_putc(&b, '\n');
  free(text);
  int rc = os_write_file_atomic(p->path, b.data, b.len);
  int err = errno;
  buf_fini(&b);
  errno = err;
  return rc;
}

void progress_fini(Progress *p)
{
  json_decref(p->root);
  free(p->path);
  p->root = NULL;
  p->path = NULL;
}

/* --- entries ----------------------------------------------------------------
 */

static json_t *entry(const Progress *p, const char *id)
{
  json_t *e = json_object_get(json_object_get(p->root, "lessons"), id);
  return json_is_object(e) ? e : NULL;
}

/* The entry for id, created (or replaced, if it is not an object). */
static json_t *entry_mut(Progress *p, const char *id)
{
  json_t *e = entry(p, id);
  if (e)
    return e;
  e = json_object();
  if (!e || json_object_set_new(json_object_get(p->root, "lessons"), id, e))
    die("progress: out of memory");
  return e;
}

/* An unknown status (a later version's?) reads as todo but is kept in the
 * file until this id's status is set. */
ProgressStatus progress_status(const Progress *p, const char *id)
{
  const char *s = json_string_value(json_object_get(entry(p, id), "status"));
  for (int i = 0; s && i <= PROGRESS_PASSED; i++)
    if (strcmp(s, status_names[i]) == 0)
      return (ProgressStatus)i;
  return PROGRESS_TODO;
}

void progress_set_status(Progress *p, const char *id, ProgressStatus s)
{
  if (json_object_set_new(entry_mut(p, id), "status",
                          json_string(progress_status_name(s))))
    die("progress: out of memory");
}

void progress_mark_started(Progress *p, const char *id)
{
  if (progress_status(p, id) == PROGRESS_TODO)
    progress_set_status(p, id, PROGRESS_STARTED);
}

int progress_hints_shown(const Progress *p, const char *id)
{
  json_t *v = json_object_get(entry(p, id), "hints_shown");
  json_int_t n = json_is_integer(v) ? json_integer_value(v) : 0;
  return n < 0 ? 0 : n > FM_NHINTS ? FM_NHINTS : (int)n;
}

void progress_set_hints_shown(Progress *p, const char *id, int n)
{
  if (json_object_set_new(entry_mut(p, id), "hints_shown", json_integer(n)))
    die("progress: out of memory");
}
