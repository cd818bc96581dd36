/* lessons/catalog.h - every lesson of the data root, validated, ordered by
 * (chapter, order) and grouped into chapters, in every language present.
 *
 * The data root holds content/<lang>/<id>.md (the text, see frontmatter.h)
 * and scenarios/<id>/ (broken.go, fixed.go, ...). It is found, in order:
 *   1. $PANICROOM_DATA, when set and not empty (tests, teachers' drafts);
 *   2. the parent of the binary's directory, when it holds content/ and
 *      scenarios/: build/panicroom run from a checkout;
 *   3. PANICROOM_DATADIR from the Makefile ($PREFIX/share/panicroom).
 *
 * The big decision: a broken file never takes the others down. Errors are
 * collected in errors (file and line each); a lesson whose English file
 * does not parse is left out, a translation that does not parse or whose
 * language-neutral fields disagree with English is left out (readers get
 * the English text), and problems that do not stop the text from being
 * read (a missing scenario folder, a missing section, two lessons on one
 * position) are reported but the lesson stays.
 *
 * Ownership: the Catalog owns everything in it; pointers into it are valid
 * until catalog_fini.
 */
#ifndef PANICROOM_LESSONS_CATALOG_H
#define PANICROOM_LESSONS_CATALOG_H

#include <stddef.h>

#include "lessons/frontmatter.h"

/* English first: it is the required language and the fallback. */
typedef enum Lang { LANG_EN, LANG_ZH, LANG_COUNT } Lang;

typedef struct LessonText {
  LessonMeta meta;
  char *path; /* "content/zh/send-closed.md", relative to the root */
  char *body; /* the Markdown after the front matter */
} LessonText;

typedef struct Lesson {
  const char *id;               /* text[LANG_EN]->meta.id */
  LessonText *text[LANG_COUNT]; /* [LANG_EN] always set; others may be NULL */
} Lesson;

typedef struct Chapter {
  int number;          /* 1..6 */
  size_t first, count; /* lessons[first .. first + count) */
} Chapter;

typedef struct Catalog {
  char *root;
  Lesson *lessons; /* ordered by (chapter, order, id) */
  size_t nlessons;
  Chapter *chapters; /* ordered by number; only chapters with lessons */
  size_t nchapters;
  FmErrors errors; /* every problem found, in the order found */
} Catalog;

/* The data root by the rules above; the caller frees it. */
char *catalog_find_root(void);
/* The same rules with their inputs given: env is $PANICROOM_DATA (may be
 * NULL), exe the binary's path (may be NULL), datadir the install dir. */
char *catalog_root_from(const char *env, const char *exe, const char *datadir);

/* Loads every lesson under root. Returns 0, or -1 if anything went into
 * c->errors; either way c is usable and must be catalog_fini'd. */
int catalog_load(Catalog *c, const char *root);
void catalog_fini(Catalog *c);

/* NULL if no lesson has that id. */
const Lesson *catalog_find(const Catalog *c, const char *id);
/* The lesson's text in want, else in English; *got (may be NULL) says
 * which one it is. */
const LessonText *catalog_text(const Lesson *l, Lang want, Lang *got);
/* The chapter's title in want (else English), from its first lesson. */
const char *catalog_chapter_title(const Catalog *c, const Chapter *ch,
                                  Lang want);
/* "<root>/scenarios/<id>/<file>"; the caller frees it. */
char *catalog_scenario_path(const Catalog *c, const Lesson *l,
                            const char *file);

/* "en", "zh". */
const char *catalog_lang_name(Lang lang);
/* Parses "en" or "zh"; -1 for anything else. */
int catalog_lang_parse(const char *s, Lang *out);
/* From the locale variables, first set and non-empty of LC_ALL,
 * LC_MESSAGES, LANG: "zh..." is Chinese, anything else English. */
Lang catalog_lang_from_env(void);

#endif
