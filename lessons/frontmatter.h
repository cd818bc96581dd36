/* lessons/frontmatter.h - the YAML front matter of one lesson file, read
 * into a typed, validated LessonMeta.
 *
 * A lesson file is "---\n<YAML mapping>\n---\n<Markdown body>"; the fields
 * are listed once in lessons/fields.def and documented for teachers in
 * docs/authoring.md.
 *
 * The big decision: errors are data, collected in an FmErrors list as
 * "content/en/x.md:7: verdict: unknown verdict ..." (file and line of the
 * teacher's file, not of the YAML fragment), and parsing goes on after an
 * error so one run shows every mistake in a file. A file with any error
 * yields no lesson; the catalog carries on with the other files.
 *
 * Ownership: LessonMeta owns its strings (fm_meta_fini). FmErrors owns its
 * messages (fm_errors_fini). Nothing here dies except on OOM.
 */
#ifndef PANICROOM_LESSONS_FRONTMATTER_H
#define PANICROOM_LESSONS_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/mem.h"
#include "lessons/guards.h"
#include "runner/verdict.h"

typedef enum FmField {
#define FM_FIELD(e, key, kind, member, min, max, req, neutral) FM_##e,
#include "lessons/fields.def"
#undef FM_FIELD
  FM_FIELD_COUNT
} FmField;

typedef enum FmPrim {
#define FM_PRIM(e, name) FM_PRIM_##e,
#include "lessons/primitives.def"
#undef FM_PRIM
  FM_PRIM_COUNT
} FmPrim;

/* The hint ladder: gentle, more specific, explicit. */
#define FM_NHINTS 3

typedef struct LessonMeta {
  char *id;    /* = the file name without .md and scenarios/<id> */
  char *title; /* language-specific, like chapter_title/hints/myth */
  int chapter; /* 1..6 */
  char *chapter_title;
  int order;                   /* position within the chapter */
  FmPrim prims[FM_PRIM_COUNT]; /* distinct, in the order written */
  size_t nprims;
  Verdict verdict;  /* what broken.go ends with */
  char *first_line; /* its first stderr line; may be "" */
  int exit;         /* its exit status */
  bool schedule_dependent;
  char *real_go_rate; /* "N/M": N of M real Go runs showed the failure */
  uint64_t seed;      /* the seed that shows it when schedule-dependent */
  char *hints[FM_NHINTS];
  char *myth;               /* NULL when the lesson has no myth check */
  LessonGuards guards;      /* the non-fix guards; .declared = given */
  int line[FM_FIELD_COUNT]; /* file line of each field; 0 = absent */
  int end_line;             /* the line of the closing "---" */
} LessonMeta;

/* Errors about lesson files, each "path:line: message" (line 0: no line). */
typedef struct FmErrors {
  char **msgs; /* owned */
  size_t n, cap;
} FmErrors;

void fm_errors_add(FmErrors *e, const char *path, int line, const char *fmt,
                   ...) PANICROOM_PRINTF(4, 5);
void fm_errors_fini(FmErrors *e);

/* Parses the front matter of text (len bytes, the whole file) into *m.
 * path is only used in messages. On success returns 0 and sets *body to
 * where the Markdown body starts inside text; on any error appends to errs
 * and returns -1, with *m left empty (fm_meta_fini is still safe). */
int fm_parse(const char *path, const char *text, size_t len, LessonMeta *m,
             const char **body, FmErrors *errs);
void fm_meta_fini(LessonMeta *m);

/* The key as written in front matter ("chapter_title"). */
const char *fm_field_key(FmField f);
bool fm_field_neutral(FmField f);
/* Appends field f's value of m in canonical YAML-like form: 2, true,
 * "text", [channel, goroutine]. */
void fm_field_format(const LessonMeta *m, FmField f, Buf *out);

/* Checks that the language-neutral fields of a translation (b, file bpath)
 * equal those of the English original (a, apath). Each difference is one
 * error on b's line naming both files. Returns the number of differences. */
int fm_compare_neutral(const LessonMeta *a, const char *apath,
                       const LessonMeta *b, const char *bpath, FmErrors *errs);

const char *fm_prim_name(FmPrim p);
/* The verdict names a lesson may expect; "crash" or "oom" is rejected. */
bool fm_verdict_allowed(Verdict v);

#endif
