/* lessons/catalog.c - see catalog.h.
 *
 * Loading goes English first: English files define which lessons exist;
 * each translation is then matched to its English lesson by file name and
 * checked against it. Ordering and chapter grouping come last, once the
 * set of lessons is final. Paths in messages are relative to the root
 * ("content/en/x.md:7: ..."), the way a teacher sees the tree.
 */
#include "lessons/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/os.h"
#include "config.h"

static const char *const lang_names[LANG_COUNT] = {"en", "zh"};

/* The body's sections, by the heading each language uses (SPEC §7). The
 * myth check is optional, so it is not listed. */
static const char *const sections[LANG_COUNT][3] = {
    {"What you will see", "Why", "The fix"},
    {"你会看到什么", "为什么", "修复"},
};

/* --- languages and the root ------------------------------------------------
 */

const char *catalog_lang_name(Lang lang)
{
  return (unsigned)lang < LANG_COUNT ? lang_names[lang] : "?";
}

int catalog_lang_parse(const char *s, Lang *out)
{
  for (int l = 0; s && l < LANG_COUNT; l++)
    if (strcmp(s, lang_names[l]) == 0) {
      *out = (Lang)l;
      return 0;
    }
  return -1;
}

/* POSIX precedence: LC_ALL overrides LC_MESSAGES overrides LANG. */
Lang catalog_lang_from_env(void)
{
  static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v)
      return strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
  }
  return LANG_EN;
}

static bool is_dir(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* exe's directory's parent, if it holds content/ and scenarios/. */
static char *build_tree_root(const char *exe)
{
  char *root = xstrdup(exe);
  for (int up = 0; up < 2; up++) {
    char *slash = strrchr(root, '/');
    if (!slash) {
      free(root);
      return NULL;
    }
    *slash = '\0';
  }
  Buf b = BUF_INIT;
  buf_printf(&b, "%s/content", *root ? root : "/");
  bool has_content = is_dir(buf_cstr(&b));
  buf_clear(&b);
  buf_printf(&b, "%s/scenarios", *root ? root : "/");
  bool ok = has_content && is_dir(buf_cstr(&b));
  buf_fini(&b);
  if (ok && *root)
    return root;
  free(root);
  return ok ? xstrdup("/") : NULL;
}

char *catalog_root_from(const char *env, const char *exe, const char *datadir)
{
  if (env && *env)
    return xstrdup(env);
  char *root = exe ? build_tree_root(exe) : NULL;
  return root ? root : xstrdup(datadir);
}

/* When /proc is not mounted the build-tree rule is simply skipped: the
 * install location and $PANICROOM_DATA still work. */
char *catalog_find_root(void)
{
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n >= 0)
    exe[n] = '\0';
  return catalog_root_from(getenv("PANICROOM_DATA"), n >= 0 ? exe : NULL,
                           PANICROOM_DATADIR);
}

/* --- reading one language --------------------------------------------------
 */

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.md names in dir, sorted (readdir's order is the file system's), or
 * NULL with errno set. *n gets the count. */
static char **list_md(const char *dir, size_t *n)
{
  DIR *d = opendir(dir);
  if (!d)
    return NULL;
  char **names = NULL;
  size_t cap = 0;
  struct dirent *de;
  *n = 0;
  errno = 0;
  while ((de = readdir(d)) != NULL) {
    size_t len = strlen(de->d_name);
    if (de->d_name[0] == '.' || len < 4 ||
        strcmp(de->d_name + len - 3, ".md") != 0)
      continue;
    if (*n == cap) {
      cap = cap ? 2 * cap : 32;
      names = xrealloc(names, cap * sizeof *names);
    }
    names[(*n)++] = xstrdup(de->d_name);
  }
  int err = errno;
  if (closedir(d) != 0 && !err)
    err = errno;
  if (*n)
    qsort(names, *n, sizeof *names, cmp_str);
  if (err) {
    for (size_t i = 0; i < *n; i++)
      free(names[i]);
    free(names);
    errno = err;
    return NULL;
  }
  return names ? names : xcalloc(1, sizeof *names);
}

static void free_names(char **names, size_t n)
{
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
}

static void text_free(LessonText *t)
{
  if (!t)
    return;
  fm_meta_fini(&t->meta);
  free(t->path);
  free(t->body);
  free(t);
}

/* Reads and parses content/<lang>/<name>; NULL after reporting why. */
static LessonText *read_text(Catalog *c, Lang lang, const char *name)
{
  LessonText *t = xcalloc(1, sizeof *t);
  Buf b = BUF_INIT;
  buf_printf(&b, "content/%s/%s", lang_names[lang], name);
  t->path = buf_steal(&b);
  buf_printf(&b, "%s/%s", c->root, t->path);
  size_t len;
  char *data = os_read_file(buf_cstr(&b), &len);
  buf_fini(&b);
  const char *body;
  if (!data) {
    fm_errors_add(&c->errors, t->path, 0, "cannot read: %s", strerror(errno));
  } else if (fm_parse(t->path, data, len, &t->meta, &body, &c->errors) == 0) {
    t->body = xstrdup(body);
    size_t stem = strlen(name) - 3;
    if (strlen(t->meta.id) == stem && memcmp(t->meta.id, name, stem) == 0) {
      free(data);
      return t;
    }
    fm_errors_add(&c->errors, t->path, t->meta.line[FM_ID],
                  "id: \"%s\" differs from the file name (want \"%.*s\")",
                  t->meta.id, (int)stem, name);
  }
  free(data);
  text_free(t);
  return NULL;
}

/* The directory of one language's files; NULL (reported) if unreadable. */
static char **list_lang(Catalog *c, Lang lang, size_t *n)
{
  Buf dir = BUF_INIT;
  buf_printf(&dir, "%s/content/%s", c->root, lang_names[lang]);
  char **names = list_md(buf_cstr(&dir), n);
  int err = errno;
  /* A translation may be missing as a whole; English may not. */
  if (!names && (lang == LANG_EN || err != ENOENT))
    fm_errors_add(&c->errors, buf_cstr(&dir), 0,
                  "cannot read the lessons: %s%s", strerror(err),
                  lang == LANG_EN ? " (is PANICROOM_DATA right?)" : "");
  buf_fini(&dir);
  return names;
}

static void load_english(Catalog *c)
{
  size_t n;
  char **names = list_lang(c, LANG_EN, &n);
  if (!names)
    return;
  c->lessons = xcalloc(n ? n : 1, sizeof *c->lessons);
  for (size_t i = 0; i < n; i++) {
    LessonText *t = read_text(c, LANG_EN, names[i]);
    if (!t)
      continue;
    Lesson *l = &c->lessons[c->nlessons++];
    l->text[LANG_EN] = t;
    l->id = t->meta.id;
  }
  free_names(names, n);
}

static Lesson *find_mut(Catalog *c, const char *id)
{
  for (size_t i = 0; i < c->nlessons; i++)
    if (strcmp(c->lessons[i].id, id) == 0)
      return &c->lessons[i];
  return NULL;
}

/* Attaches t to its English lesson if the neutral fields agree. */
static void attach(Catalog *c, Lang lang, LessonText *t)
{
  Lesson *l = find_mut(c, t->meta.id);
  if (!l) {
    fm_errors_add(&c->errors, t->path, 0,
                  "no English lesson content/en/%s.md loaded (English is "
                  "required; this translation is not used)",
                  t->meta.id);
    text_free(t);
    return;
  }
  const LessonText *en = l->text[LANG_EN];
  if (fm_compare_neutral(&en->meta, en->path, &t->meta, t->path, &c->errors)) {
    text_free(t);
    return;
  }
  l->text[lang] = t;
}

static void load_translations(Catalog *c)
{
  for (int lang = 1; lang < LANG_COUNT; lang++) {
    size_t n;
    char **names = list_lang(c, (Lang)lang, &n);
    if (!names)
      continue;
    for (size_t i = 0; i < n; i++) {
      LessonText *t = read_text(c, (Lang)lang, names[i]);
      if (t)
        attach(c, (Lang)lang, t);
    }
    free_names(names, n);
  }
}

/* --- order, chapters and the checks that need every lesson ------------------
 */

static int cmp_lesson(const void *pa, const void *pb)
{
  const LessonMeta *a = &((const Lesson *)pa)->text[LANG_EN]->meta;
  const LessonMeta *b = &((const Lesson *)pb)->text[LANG_EN]->meta;
  if (a->chapter != b->chapter)
    return a->chapter < b->chapter ? -1 : 1;
  if (a->order != b->order)
    return a->order < b->order ? -1 : 1;
  return strcmp(a->id, b->id);
}

/* Two lessons on one (chapter, order) would make the order depend on their
 * ids; it is kept that way (deterministic), but it is a mistake. */
static void check_positions(Catalog *c)
{
  for (size_t i = 1; i < c->nlessons; i++) {
    const LessonText *a = c->lessons[i - 1].text[LANG_EN];
    const LessonText *b = c->lessons[i].text[LANG_EN];
    if (a->meta.chapter == b->meta.chapter && a->meta.order == b->meta.order)
      fm_errors_add(&c->errors, b->path, b->meta.line[FM_ORDER],
                    "order: chapter %d, order %d is also taken by %s:%d",
                    b->meta.chapter, b->meta.order, a->path,
                    a->meta.line[FM_ORDER]);
  }
}

/* Every lesson of a chapter must give it the same title, per language. */
static void check_chapter_titles(Catalog *c, const Chapter *ch)
{
  for (int lang = 0; lang < LANG_COUNT; lang++) {
    const LessonText *first = NULL;
    for (size_t i = ch->first; i < ch->first + ch->count; i++) {
      const LessonText *t = c->lessons[i].text[lang];
      if (!t)
        continue;
      if (!first) {
        first = t;
      } else if (strcmp(first->meta.chapter_title, t->meta.chapter_title)) {
        fm_errors_add(&c->errors, t->path, t->meta.line[FM_CHAPTER_TITLE],
                      "chapter_title: \"%s\" here but \"%s\" in %s:%d (one "
                      "chapter, one title)",
                      t->meta.chapter_title, first->meta.chapter_title,
                      first->path, first->meta.line[FM_CHAPTER_TITLE]);
      }
    }
  }
}

static void group_chapters(Catalog *c)
{
  c->chapters = xcalloc(c->nlessons ? c->nlessons : 1, sizeof *c->chapters);
  for (size_t i = 0; i < c->nlessons; i++) {
    int number = c->lessons[i].text[LANG_EN]->meta.chapter;
    Chapter *ch = c->nchapters ? &c->chapters[c->nchapters - 1] : NULL;
    if (!ch || ch->number != number) {
      ch = &c->chapters[c->nchapters++];
      ch->number = number;
      ch->first = i;
    }
    ch->count++;
  }
  for (size_t i = 0; i < c->nchapters; i++)
    check_chapter_titles(c, &c->chapters[i]);
}

/* True if body has the level-2 heading "## title" outside fenced code. */
static bool has_section(const char *body, const char *title)
{
  bool fenced = false;
  size_t tl = strlen(title);
  for (const char *line = body; *line;) {
    size_t n = strcspn(line, "\n");
    if (n >= 3 && (!strncmp(line, "```", 3) || !strncmp(line, "~~~", 3)))
      fenced = !fenced;
    else if (!fenced && n >= 3 + tl && !strncmp(line, "## ", 3) &&
             !strncmp(line + 3, title, tl) &&
             (n == 3 + tl || line[3 + tl] == ' ' || line[3 + tl] == '\r'))
      return true;
    line += n + (line[n] == '\n');
  }
  return false;
}

/* What the text needs besides valid front matter: its sections, and the
 * scenario folder the commands run. */
static void check_lesson(Catalog *c, const Lesson *l)
{
  for (int lang = 0; lang < LANG_COUNT; lang++) {
    const LessonText *t = l->text[lang];
    for (int s = 0; t && s < 3; s++)
      if (!has_section(t->body, sections[lang][s]))
        fm_errors_add(&c->errors, t->path, 0, "missing section \"## %s\"",
                      sections[lang][s]);
  }
  char *dir = catalog_scenario_path(c, l, "");
  if (!is_dir(dir)) {
    const LessonText *en = l->text[LANG_EN];
    fm_errors_add(&c->errors, en->path, en->meta.line[FM_ID],
                  "id: no folder scenarios/%s/ for the lesson's programs",
                  l->id);
  }
  free(dir);
}

/* --- the public face -------------------------------------------------------
 */

int catalog_load(Catalog *c, const char *root)
{
  memset(c, 0, sizeof *c);
  c->root = xstrdup(root);
  load_english(c);
  load_translations(c);
  if (c->nlessons)
    qsort(c->lessons, c->nlessons, sizeof *c->lessons, cmp_lesson);
  check_positions(c);
  group_chapters(c);
  for (size_t i = 0; i < c->nlessons; i++)
    check_lesson(c, &c->lessons[i]);
  return c->errors.n ? -1 : 0;
}

void catalog_fini(Catalog *c)
{
  for (size_t i = 0; i < c->nlessons; i++)
    for (int lang = 0; lang < LANG_COUNT; lang++)
      text_free(c->lessons[i].text[lang]);
  free(c->lessons);
  free(c->chapters);
  fm_errors_fini(&c->errors);
  free(c->root);
  memset(c, 0, sizeof *c);
}

const Lesson *catalog_find(const Catalog *c, const char *id)
{
  return find_mut((Catalog *)c, id);
}

const LessonText *catalog_text(const Lesson *l, Lang want, Lang *got)
{
  Lang lang = (unsigned)want < LANG_COUNT && l->text[want] ? want : LANG_EN;
  if (got)
    *got = lang;
  return l->text[lang];
}

const char *catalog_chapter_title(const Catalog *c, const Chapter *ch,
                                  Lang want)
{
  return catalog_text(&c->lessons[ch->first], want, NULL)->meta.chapter_title;
}

char *catalog_scenario_path(const Catalog *c, const Lesson *l, const char *file)
{
  Buf b = BUF_INIT;
  buf_printf(&b, "%s/scenarios/%s/%s", c->root, l->id, file);
  return buf_steal(&b);
}
