/* tests/unit/test_lessons.c - lessons/: front matter parsing and its errors,
 * the catalog (ordering, fallback, cross-language checks, the data root),
 * the Markdown renderer, and progress.
 *
 * Catalog tests read tests/fixtures/lessons (run from the repository root,
 * as `make test` does) or build a data root of their own in a fresh
 * mkdtemp directory; progress tests write only under such a directory.
 */
#ifndef _XOPEN_SOURCE /* nftw(), to remove the temporary trees; the ncursesw */
#define _XOPEN_SOURCE 700 /* cflags may already define it */
#endif
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/os.h"
#include "lessons/catalog.h"
#include "lessons/frontmatter.h"
#include "lessons/mdrender.h"
#include "lessons/progress.h"

#define FIXTURES "tests/fixtures/lessons"

/* --- helpers -----------------------------------------------------------------
 */

/* A valid English lesson; fields one per line so line numbers are known:
 * line 1 "---", id 2, title 3, chapter 4, chapter_title 5, order 6,
 * primitives 7, verdict 8, first_line 9, exit 10, schedule_dependent 11,
 * real_go_rate 12, seed 13, hints 14, myth 15, closing "---" 16. */
static const char *const valid_fields[] = {
    "id: send-closed",
    "title: Send on a closed channel",
    "chapter: 1",
    "chapter_title: Channels",
    "order: 1",
    "primitives: [channel, goroutine]",
    "verdict: panic",
    "first_line: \"panic: send on closed channel\"",
    "exit: 2",
    "schedule_dependent: false",
    "real_go_rate: \"20/20\"",
    "seed: 0",
    "hints: [\"gentle\", \"more specific\", \"explicit\"]",
    "myth: \"select with default protects the send\"",
};
#define NVALID (sizeof valid_fields / sizeof valid_fields[0])

static const char *const en_body =
    "## What you will see\n\nA panic.\n\n## Why\n\nClosed.\n\n"
    "## The fix\n\nClose once.\n";

/* The valid lesson with field line `line` (2..15) replaced by repl (NULL:
 * left out), then the body. Returns a malloc'd text. */
static char *lesson_with(int line, const char *repl)
{
  Buf b = BUF_INIT;
  buf_puts(&b, "---\n");
  for (size_t i = 0; i < NVALID; i++) {
    const char *f = (int)i + 2 == line ? repl : valid_fields[i];
    if (f)
      buf_printf(&b, "%s\n", f);
  }
  buf_printf(&b, "---\n%s", en_body);
  return buf_steal(&b);
}

/* Parses text as content/en/send-closed.md; returns fm_parse's result. */
static int parse(const char *text, LessonMeta *m, FmErrors *e)
{
  const char *body;
  return fm_parse("content/en/send-closed.md", text, strlen(text), m, &body, e);
}

/* Expects exactly one error, equal to want. */
static void expect_one_error(const char *text, const char *want)
{
  LessonMeta m;
  FmErrors e = {0};
  assert_int_equal(parse(text, &m, &e), -1);
  for (size_t i = 0; e.n != 1 && i < e.n; i++)
    print_message("error: %s\n", e.msgs[i]);
  assert_int_equal(e.n, 1);
  assert_string_equal(e.msgs[0], want);
  fm_meta_fini(&m);
  fm_errors_fini(&e);
}

static void write_file(const char *root, const char *rel, const char *text)
{
  Buf path = BUF_INIT;
  buf_printf(&path, "%s/%s", root, rel);
  for (char *s = strchr(path.data + strlen(root) + 1, '/'); s;
       s = strchr(s + 1, '/')) {
    *s = '\0';
    assert_true(mkdir(path.data, 0777) == 0 || errno == EEXIST);
    *s = '/';
  }
  assert_int_equal(os_write_file_atomic(path.data, text, strlen(text)), 0);
  buf_fini(&path);
}

static int rm_one(const char *path, const struct stat *st, int flag,
                  struct FTW *ftw)
{
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

static char *make_tmpdir(void)
{
  char tmpl[] = "/tmp/test_lessons.XXXXXX";
  assert_non_null(mkdtemp(tmpl));
  return strdup(tmpl);
}

static void remove_tree(char *dir)
{
  assert_int_equal(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
  free(dir);
}

/* A data root with one valid English lesson per id and its folder. */
static char *root_with(const char *const *ids, size_t n)
{
  char *root = make_tmpdir();
  for (size_t i = 0; i < n; i++) {
    Buf rel = BUF_INIT, text = BUF_INIT, id = BUF_INIT;
    buf_printf(&id, "id: %s", ids[i]);
    char *t = lesson_with(2, buf_cstr(&id));
    buf_printf(&rel, "content/en/%s.md", ids[i]);
    write_file(root, buf_cstr(&rel), t);
    buf_clear(&rel);
    buf_printf(&rel, "scenarios/%s/broken.go", ids[i]);
    write_file(root, buf_cstr(&rel), "package main\n");
    free(t);
    buf_fini(&rel), buf_fini(&text), buf_fini(&id);
  }
  return root;
}

static bool has_error(const Catalog *c, const char *want)
{
  for (size_t i = 0; i < c->errors.n; i++)
    if (strcmp(c->errors.msgs[i], want) == 0)
      return true;
  for (size_t i = 0; i < c->errors.n; i++)
    print_message("have: %s\n", c->errors.msgs[i]);
  return false;
}

/* --- front matter ------------------------------------------------------------
 */

static void lessons__fm_valid(void **state)
{
  (void)state;
  char *text = lesson_with(0, NULL);
  LessonMeta m;
  FmErrors e = {0};
  const char *body;
  assert_int_equal(fm_parse("x.md", text, strlen(text), &m, &body, &e), 0);
  assert_int_equal(e.n, 0);
  assert_string_equal(m.id, "send-closed");
  assert_string_equal(m.title, "Send on a closed channel");
  assert_int_equal(m.chapter, 1);
  assert_string_equal(m.chapter_title, "Channels");
  assert_int_equal(m.order, 1);
  assert_int_equal(m.nprims, 2);
  assert_int_equal(m.prims[0], FM_PRIM_CHANNEL);
  assert_int_equal(m.prims[1], FM_PRIM_GOROUTINE);
  assert_int_equal(m.verdict, VERDICT_PANIC);
  assert_string_equal(m.first_line, "panic: send on closed channel");
  assert_int_equal(m.exit, 2);
  assert_false(m.schedule_dependent);
  assert_string_equal(m.real_go_rate, "20/20");
  assert_true(m.seed == 0);
  assert_string_equal(m.hints[2], "explicit");
  assert_string_equal(m.myth, "select with default protects the send");
  assert_int_equal(m.line[FM_VERDICT], 8);
  assert_int_equal(m.end_line, 16);
  assert_string_equal(body, en_body);
  fm_meta_fini(&m);
  free(text);
}

/* Block lists, an empty first_line, no myth, a big seed. */
static void lessons__fm_block_lists_and_optional(void **state)
{
  (void)state;
  const char *text =
      "---\nid: wg-reuse\ntitle: T\nchapter: 2\nchapter_title: WaitGroup\n"
      "order: 3\nprimitives:\n  - waitgroup\nverdict: wrong-output\n"
      "first_line: \"\"\nexit: 0\nschedule_dependent: true\n"
      "real_go_rate: \"15/20\"\nseed: 18446744073709551615\nhints:\n"
      "  - a\n  - b\n  - c\n---\n";
  LessonMeta m;
  FmErrors e = {0};
  assert_int_equal(parse(text, &m, &e), 0);
  assert_int_equal(m.verdict, VERDICT_WRONG_OUTPUT);
  assert_string_equal(m.first_line, "");
  assert_null(m.myth);
  assert_true(m.schedule_dependent);
  assert_true(m.seed == UINT64_MAX);
  assert_string_equal(m.hints[1], "b");
  fm_meta_fini(&m);
  fm_errors_fini(&e);
}

static void lessons__fm_unknown_verdict(void **state)
{
  (void)state;
  char *text = lesson_with(8, "verdict: crash");
  expect_one_error(text,
                   "content/en/send-closed.md:8: verdict: unknown verdict "
                   "\"crash\" (want panic, fatal, deadlock, race, leak, "
                   "timeout, wrong-output, ok)");
  free(text);
  /* A runner verdict that no lesson can expect. */
  text = lesson_with(8, "verdict: signal");
  LessonMeta m;
  FmErrors e = {0};
  assert_int_equal(parse(text, &m, &e), -1);
  fm_errors_fini(&e);
  free(text);
}

static void lessons__fm_missing_field(void **state)
{
  (void)state;
  char *text = lesson_with(8, NULL); /* no verdict: "---" moves to 15 */
  expect_one_error(text,
                   "content/en/send-closed.md:15: missing field \"verdict\"");
  free(text);
}

static void lessons__fm_hint_count(void **state)
{
  (void)state;
  char *text = lesson_with(14, "hints: [\"one\", \"two\"]");
  expect_one_error(text, "content/en/send-closed.md:14: hints: want exactly "
                         "3 hints (gentle, more specific, explicit), got 2");
  free(text);
  text = lesson_with(14, "hints: [\"one\", \"\", \"three\"]");
  expect_one_error(text,
                   "content/en/send-closed.md:14: hints: hint 2 is empty");
  free(text);
}

static void lessons__fm_typed_values(void **state)
{
  (void)state;
  char *t = lesson_with(10, "exit: \"2\"");
  expect_one_error(t, "content/en/send-closed.md:10: exit: \"2\" is not a "
                      "whole number (write it without quotes)");
  free(t);
  t = lesson_with(4, "chapter: 9");
  expect_one_error(t, "content/en/send-closed.md:4: chapter: 9 is out of "
                      "range (want 1..6)");
  free(t);
  t = lesson_with(11, "schedule_dependent: yes");
  expect_one_error(t, "content/en/send-closed.md:11: schedule_dependent: "
                      "\"yes\" is not true or false");
  free(t);
  t = lesson_with(12, "real_go_rate: \"21/20\"");
  expect_one_error(t, "content/en/send-closed.md:12: real_go_rate: \"21/20\" "
                      "is not a rate (want \"N/M\": N of M real Go runs, "
                      "like \"20/20\")");
  free(t);
  t = lesson_with(3, "title: \"\"");
  expect_one_error(t, "content/en/send-closed.md:3: title: is empty");
  free(t);
}

static void lessons__fm_primitives(void **state)
{
  (void)state;
  char *t = lesson_with(7, "primitives: [channel, chan]");
  expect_one_error(t, "content/en/send-closed.md:7: primitives: unknown "
                      "primitive \"chan\" (want channel, waitgroup, mutex, "
                      "rwmutex, once, context, timer, map, pool, goroutine)");
  free(t);
  t = lesson_with(7, "primitives: [mutex, mutex]");
  expect_one_error(
      t, "content/en/send-closed.md:7: primitives: mutex is listed twice");
  free(t);
  t = lesson_with(7, "primitives: channel");
  expect_one_error(t, "content/en/send-closed.md:7: primitives: want a list, "
                      "like [a, b, c]");
  free(t);
}

static void lessons__fm_unknown_and_duplicate(void **state)
{
  (void)state;
  char *t = lesson_with(15, "verdic: panic");
  LessonMeta m;
  FmErrors e = {0};
  assert_int_equal(parse(t, &m, &e), -1);
  assert_int_equal(e.n, 1);
  assert_non_null(strstr(e.msgs[0],
                         "send-closed.md:15: unknown field \"verdic\" "
                         "(fields: id, title, chapter,"));
  fm_errors_fini(&e);
  free(t);
  t = lesson_with(15, "order: 2");
  expect_one_error(t, "content/en/send-closed.md:15: order: given twice "
                      "(first on line 6)");
  free(t);
}

/* Every error of a file in one pass, not just the first. */
static void lessons__fm_many_errors(void **state)
{
  (void)state;
  const char *text = "---\nid: Bad_Id\nchapter: 0\nverdict: boom\n---\n";
  LessonMeta m;
  FmErrors e = {0};
  assert_int_equal(parse(text, &m, &e), -1);
  /* 3 bad values, then the 10 fields not given at all (at the "---"). */
  assert_int_equal(e.n, 13);
  assert_non_null(strstr(e.msgs[0], ":2: id: \"Bad_Id\" is not a lesson id"));
  assert_non_null(strstr(e.msgs[1], ":3: chapter: 0 is out of range"));
  assert_non_null(strstr(e.msgs[2], ":4: verdict: unknown verdict \"boom\""));
  assert_string_equal(e.msgs[3],
                      "content/en/send-closed.md:5: missing field \"title\"");
  fm_errors_fini(&e);
}

static void lessons__fm_delimiters_and_syntax(void **state)
{
  (void)state;
  expect_one_error("# no front matter\n",
                   "content/en/send-closed.md:1: no front matter: the file "
                   "must start with a \"---\" line");
  expect_one_error("---\nid: x\n",
                   "content/en/send-closed.md:1: front matter is not closed "
                   "by a \"---\" line");
  LessonMeta m;
  FmErrors e = {0};
  assert_int_equal(parse("---\nid: a\n\ntitle: a: b\n---\n", &m, &e), -1);
  assert_int_equal(e.n, 1);
  assert_string_equal(e.msgs[0], "content/en/send-closed.md:4: invalid YAML: "
                                 "mapping values are not allowed in this "
                                 "context");
  fm_errors_fini(&e);
}

static void lessons__fm_compare_neutral(void **state)
{
  (void)state;
  char *en = lesson_with(0, NULL);
  char *zh = lesson_with(8, "verdict: deadlock");
  LessonMeta a, b;
  FmErrors e = {0};
  assert_int_equal(parse(en, &a, &e), 0);
  assert_int_equal(parse(zh, &b, &e), 0);
  free(b.title);
  b.title = strdup("另一个标题"); /* language-specific: may differ */
  assert_int_equal(
      fm_compare_neutral(&a, "content/en/x.md", &b, "content/zh/x.md", &e), 1);
  assert_string_equal(e.msgs[0],
                      "content/zh/x.md:8: verdict: deadlock here but panic in "
                      "content/en/x.md:8 (language-neutral fields must be the "
                      "same in every language)");
  fm_meta_fini(&a), fm_meta_fini(&b), fm_errors_fini(&e);
  free(en), free(zh);
}

/* --- the catalog -------------------------------------------------------------
 */

static void lessons__catalog_fixtures_ordered(void **state)
{
  (void)state;
  Catalog c;
  assert_int_equal(catalog_load(&c, FIXTURES), 0);
  assert_int_equal(c.errors.n, 0);
  assert_int_equal(c.nlessons, 3);
  /* By (chapter, order), not by file name (nil-chan < send-closed). */
  assert_string_equal(c.lessons[0].id, "send-closed");
  assert_string_equal(c.lessons[1].id, "nil-chan");
  assert_string_equal(c.lessons[2].id, "wg-negative");
  assert_int_equal(c.nchapters, 2);
  assert_int_equal(c.chapters[0].number, 1);
  assert_int_equal(c.chapters[0].count, 2);
  assert_int_equal(c.chapters[1].first, 2);
  assert_string_equal(catalog_chapter_title(&c, &c.chapters[0], LANG_ZH),
                      "通道");
  char *p =
      catalog_scenario_path(&c, catalog_find(&c, "nil-chan"), "broken.go");
  assert_string_equal(p, FIXTURES "/scenarios/nil-chan/broken.go");
  free(p);
  assert_null(catalog_find(&c, "nope"));
  catalog_fini(&c);
}

static void lessons__catalog_language_fallback(void **state)
{
  (void)state;
  Catalog c;
  Lang got;
  assert_int_equal(catalog_load(&c, FIXTURES), 0);
  const Lesson *l = catalog_find(&c, "nil-chan");
  assert_string_equal(catalog_text(l, LANG_ZH, &got)->meta.title,
                      "Receive from a nil channel");
  assert_int_equal(got, LANG_EN);
  l = catalog_find(&c, "send-closed");
  assert_string_equal(catalog_text(l, LANG_ZH, &got)->meta.title,
                      "向已关闭的通道发送");
  assert_int_equal(got, LANG_ZH);
  assert_string_equal(catalog_text(l, LANG_ZH, NULL)->path,
                      "content/zh/send-closed.md");
  catalog_fini(&c);
}

/* A broken file is reported and skipped; the others load. */
static void lessons__catalog_keeps_good_lessons(void **state)
{
  (void)state;
  static const char *const ids[] = {"alpha", "beta"};
  char *root = root_with(ids, 2);
  char *t = lesson_with(2, "id: gamma"); /* in a file named delta.md */
  write_file(root, "content/en/delta.md", t);
  free(t);
  write_file(root, "content/en/broken.md", "no front matter\n");
  Catalog c;
  assert_int_equal(catalog_load(&c, root), -1);
  assert_int_equal(c.nlessons, 2);
  assert_non_null(catalog_find(&c, "alpha"));
  assert_non_null(catalog_find(&c, "beta"));
  assert_true(has_error(&c, "content/en/delta.md:2: id: \"gamma\" differs "
                            "from the file name (want \"delta\")"));
  assert_true(has_error(&c, "content/en/broken.md:1: no front matter: the "
                            "file must start with a \"---\" line"));
  /* alpha and beta share chapter 1, order 1. */
  assert_true(has_error(&c, "content/en/beta.md:6: order: chapter 1, order 1 "
                            "is also taken by content/en/alpha.md:6"));
  catalog_fini(&c);
  remove_tree(root);
}

static void lessons__catalog_neutral_mismatch(void **state)
{
  (void)state;
  static const char *const ids[] = {"send-closed"};
  char *root = root_with(ids, 1);
  char *t = lesson_with(10, "exit: 1");
  write_file(root, "content/zh/send-closed.md", t);
  free(t);
  Catalog c;
  Lang got;
  assert_int_equal(catalog_load(&c, root), -1);
  assert_true(has_error(&c, "content/zh/send-closed.md:10: exit: 1 here but "
                            "2 in content/en/send-closed.md:10 "
                            "(language-neutral fields must be the same in "
                            "every language)"));
  /* The translation is dropped: readers get English. */
  catalog_text(catalog_find(&c, "send-closed"), LANG_ZH, &got);
  assert_int_equal(got, LANG_EN);
  catalog_fini(&c);
  remove_tree(root);
}

static void lessons__catalog_content_checks(void **state)
{
  (void)state;
  char *root = make_tmpdir();
  char *t = lesson_with(0, NULL);
  t[strlen(t) - strlen("## The fix\n\nClose once.\n")] = '\0';
  write_file(root, "content/en/send-closed.md", t);
  free(t);
  t = lesson_with(2, "id: orphan");
  write_file(root, "content/zh/orphan.md", t);
  free(t);
  Catalog c;
  assert_int_equal(catalog_load(&c, root), -1);
  assert_int_equal(c.nlessons, 1); /* still readable */
  assert_true(has_error(&c, "content/en/send-closed.md: missing section "
                            "\"## The fix\""));
  assert_true(has_error(&c, "content/en/send-closed.md:2: id: no folder "
                            "scenarios/send-closed/ for the lesson's "
                            "programs"));
  assert_true(has_error(&c, "content/zh/orphan.md: no English lesson "
                            "content/en/orphan.md loaded (English is "
                            "required; this translation is not used)"));
  catalog_fini(&c);
  remove_tree(root);
}

static void lessons__catalog_no_content(void **state)
{
  (void)state;
  char *root = make_tmpdir();
  Catalog c;
  assert_int_equal(catalog_load(&c, root), -1);
  assert_int_equal(c.nlessons, 0);
  assert_int_equal(c.nchapters, 0);
  assert_int_equal(c.errors.n, 1);
  assert_non_null(strstr(c.errors.msgs[0], "/content/en: cannot read the "
                                           "lessons: No such file"));
  catalog_fini(&c);
  remove_tree(root);
}

static void lessons__catalog_root_rules(void **state)
{
  (void)state;
  char *root = make_tmpdir(), *r;
  r = catalog_root_from("/data", "/x/build/panicroom", "/usr/share/pr");
  assert_string_equal(r, "/data");
  free(r);
  r = catalog_root_from("", "/nonexistent/build/panicroom", "/usr/share/pr");
  assert_string_equal(r, "/usr/share/pr");
  free(r);
  write_file(root, "content/en/.keep", "");
  write_file(root, "scenarios/.keep", "");
  Buf exe = BUF_INIT;
  buf_printf(&exe, "%s/build/panicroom", root);
  r = catalog_root_from(NULL, buf_cstr(&exe), "/usr/share/pr");
  assert_string_equal(r, root);
  free(r);
  buf_fini(&exe);
  remove_tree(root);
}

static void lessons__lang_from_env(void **state)
{
  (void)state;
  Lang l;
  unsetenv("LC_ALL"), unsetenv("LC_MESSAGES"), unsetenv("LANG");
  assert_int_equal(catalog_lang_from_env(), LANG_EN);
  setenv("LANG", "zh_CN.UTF-8", 1);
  assert_int_equal(catalog_lang_from_env(), LANG_ZH);
  setenv("LC_MESSAGES", "en_US.UTF-8", 1);
  assert_int_equal(catalog_lang_from_env(), LANG_EN);
  setenv("LC_ALL", "zh_TW", 1);
  assert_int_equal(catalog_lang_from_env(), LANG_ZH);
  setenv("LC_ALL", "", 1); /* empty means unset */
  assert_int_equal(catalog_lang_from_env(), LANG_EN);
  unsetenv("LC_ALL"), unsetenv("LC_MESSAGES"), unsetenv("LANG");
  assert_int_equal(catalog_lang_parse("zh", &l), 0);
  assert_int_equal(l, LANG_ZH);
  assert_int_equal(catalog_lang_parse("fr", &l), -1);
}

/* --- Markdown ----------------------------------------------------------------
 */

/* Renders md at width and returns the plain text (malloc'd). */
static char *render(const char *md, int width)
{
  MdDoc doc;
  Buf out = BUF_INIT;
  assert_int_equal(md_render(md, strlen(md), width, &doc), 0);
  md_doc_text(&doc, &out);
  md_doc_fini(&doc);
  return buf_steal(&out);
}

static void expect_render(const char *md, int width, const char *want)
{
  char *got = render(md, width);
  assert_string_equal(got, want);
  free(got);
}

static void lessons__md_headings(void **state)
{
  (void)state;
  expect_render("# Title\n\n## Why\n\n### Deeper\n", 80,
                "Title\n=====\n\nWhy\n---\n\nDeeper\n");
  MdDoc doc;
  assert_int_equal(md_render("## 为什么\n", strlen("## 为什么\n"), 80, &doc),
                   0);
  assert_int_equal(doc.nlines, 1);
  assert_int_equal(doc.lines[0].heading, 2);
  assert_int_equal(doc.lines[0].width, 6);
  assert_int_equal(doc.lines[0].spans[0].style, MD_STYLE_HEADING);
  md_doc_fini(&doc);
  expect_render("## 为什么\n", 80, "为什么\n------\n");
}

static void lessons__md_paragraph_wrap(void **state)
{
  (void)state;
  expect_render("one two three\nfour five six seven\n", 14,
                "one two three\nfour five six\nseven\n");
  /* A word longer than the line is not cut. */
  expect_render("a verylongwordthatdoesnotfit b\n", 20,
                "a\nverylongwordthatdoesnotfit\nb\n");
  expect_render("first  \nsecond\n\nnext paragraph\n", 80,
                "first\nsecond\n\nnext paragraph\n");
}

static void lessons__md_inline_styles(void **state)
{
  (void)state;
  const char *md = "A *closed* `ch` is **never** safe.\n";
  expect_render(md, 80, "A closed `ch` is never safe.\n");
  MdDoc doc;
  assert_int_equal(md_render(md, strlen(md), 80, &doc), 0);
  assert_int_equal(doc.nlines, 1);
  const MdLine *l = &doc.lines[0];
  assert_int_equal(l->nspans, 7);
  assert_int_equal(l->spans[1].style, MD_STYLE_EMPH);
  assert_string_equal(l->spans[1].text, "closed");
  assert_int_equal(l->spans[3].style, MD_STYLE_CODE);
  assert_string_equal(l->spans[3].text, "`ch`");
  assert_int_equal(l->spans[5].style, MD_STYLE_STRONG);
  assert_string_equal(l->spans[5].text, "never");
  assert_int_equal(l->width, 28);
  md_doc_fini(&doc);
  expect_render("[Go spec](https://go.dev/ref/spec) &amp; <-ch &#955;\n", 80,
                "Go spec (https://go.dev/ref/spec) & <-ch \xce\xbb\n");
}

static void lessons__md_code_block(void **state)
{
  (void)state;
  expect_render("Before:\n\n```go\nfunc f() {\n\tclose(ch)\n}\n```\nAfter.\n",
                80,
                "Before:\n\n    func f() {\n        close(ch)\n    }\n\n"
                "After.\n");
  /* Never wrapped, even past the width. */
  expect_render("    x := \"a long line of code\"\n", 10,
                "    x := \"a long line of code\"\n");
}

static void lessons__md_lists(void **state)
{
  (void)state;
  expect_render("Items:\n\n- one\n- two\n  - nested\n- three\n\nEnd.\n", 80,
                "Items:\n\n- one\n- two\n  - nested\n- three\n\nEnd.\n");
  expect_render("3. three\n4. four\n", 80, "3. three\n4. four\n");
  /* A wrapped item continues under its text, not under its marker. */
  expect_render("- alpha beta gamma delta epsilon zeta eta theta iota\n", 24,
                "- alpha beta gamma delta\n  epsilon zeta eta theta\n"
                "  iota\n");
  expect_render("> quoted\n", 80, "> quoted\n");
}

static void lessons__md_cjk_wrap(void **state)
{
  (void)state;
  /* 12 characters = 24 columns; at 20 columns the break falls between
   * characters, and "。" may not start a line. */
  expect_render("通道有三种状态打开关闭和空。\n", 20,
                "通道有三种状态打开关\n闭和空。\n");
  expect_render("一二三四五六七八九。十\n", 18, "一二三四五六七八\n九。十\n");
  /* Mixed text: Latin words stay whole. */
  expect_render("使用 `close(ch)` 关闭通道\n", 16,
                "使用 `close(ch)`\n关闭通道\n");
  char *out =
      render("向已关闭的通道发送数据会引发恐慌，即使在带有默认分支的选择语"
             "句中也是如此。这是一段很长的中文文本，用来测试按显示宽度换行"
             "是否正确。\n",
             80);
  for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
    assert_true(md_text_width(line, strlen(line)) <= 80);
  free(out);
}

static void lessons__md_text_width(void **state)
{
  (void)state;
  assert_int_equal(md_text_width("abc", 3), 3);
  assert_int_equal(md_text_width("通道", strlen("通道")), 4);
  assert_int_equal(md_text_width("，", strlen("，")), 2);
  assert_int_equal(md_text_width("e\xcc\x81", 3), 1); /* e + combining */
  assert_int_equal(md_text_width("\xff"
                                 "a",
                                 2),
                   2);                        /* invalid byte: 1 */
  assert_int_equal(md_char_width(0x2705), 2); /* ✅ */
}

/* --- progress ----------------------------------------------------------------
 */

static void lessons__progress_round_trip(void **state)
{
  (void)state;
  char *dir = make_tmpdir();
  Buf path = BUF_INIT, notice = BUF_INIT;
  buf_printf(&path, "%s/state/panicroom/progress.json", dir);
  Progress p;
  assert_int_equal(progress_load(&p, buf_cstr(&path), &notice), 0);
  assert_int_equal(notice.len, 0);
  assert_int_equal(progress_status(&p, "send-closed"), PROGRESS_TODO);
  progress_mark_started(&p, "send-closed");
  progress_set_hints_shown(&p, "send-closed", 2);
  progress_set_status(&p, "nil-chan", PROGRESS_PASSED);
  progress_mark_started(&p, "nil-chan"); /* never downgrades */
  assert_int_equal(progress_save(&p), 0);
  progress_fini(&p);
  assert_int_equal(progress_load(&p, buf_cstr(&path), &notice), 0);
  assert_int_equal(progress_status(&p, "send-closed"), PROGRESS_STARTED);
  assert_int_equal(progress_hints_shown(&p, "send-closed"), 2);
  assert_int_equal(progress_status(&p, "nil-chan"), PROGRESS_PASSED);
  assert_int_equal(progress_hints_shown(&p, "nil-chan"), 0);
  progress_fini(&p);
  buf_fini(&path), buf_fini(&notice);
  remove_tree(dir);
}

static void lessons__progress_corrupt_file(void **state)
{
  (void)state;
  char *dir = make_tmpdir();
  Buf path = BUF_INIT, bad = BUF_INIT, notice = BUF_INIT;
  buf_printf(&path, "%s/progress.json", dir);
  buf_printf(&bad, "%s/progress.json.bad", dir);
  write_file(dir, "progress.json", "{\"lessons\": {\"x\": ");
  Progress p;
  assert_int_equal(progress_load(&p, buf_cstr(&path), &notice), 1);
  assert_non_null(strstr(buf_cstr(&notice), "is corrupt"));
  assert_non_null(strstr(buf_cstr(&notice), buf_cstr(&bad)));
  /* The bad copy keeps the learner's bytes; progress starts empty. */
  char *kept = os_read_file(buf_cstr(&bad), NULL);
  assert_string_equal(kept, "{\"lessons\": {\"x\": ");
  free(kept);
  assert_int_equal(progress_status(&p, "x"), PROGRESS_TODO);
  progress_mark_started(&p, "x");
  assert_int_equal(progress_save(&p), 0);
  progress_fini(&p);
  /* Valid JSON of the wrong shape is corrupt too. */
  write_file(dir, "progress.json", "[1, 2]");
  buf_clear(&notice);
  assert_int_equal(progress_load(&p, buf_cstr(&path), &notice), 1);
  progress_fini(&p);
  buf_fini(&path), buf_fini(&bad), buf_fini(&notice);
  remove_tree(dir);
}

/* Entries of unknown lessons and unknown fields survive a save. */
static void lessons__progress_keeps_unknown(void **state)
{
  (void)state;
  char *dir = make_tmpdir();
  Buf path = BUF_INIT, notice = BUF_INIT;
  buf_printf(&path, "%s/progress.json", dir);
  write_file(dir, "progress.json",
             "{\"version\": 1, \"theme\": \"dark\", \"lessons\": "
             "{\"gone\": {\"status\": \"passed\", \"x\": 1}}}");
  Progress p;
  assert_int_equal(progress_load(&p, buf_cstr(&path), &notice), 0);
  progress_set_hints_shown(&p, "new", 1);
  assert_int_equal(progress_save(&p), 0);
  progress_fini(&p);
  char *text = os_read_file(buf_cstr(&path), NULL);
  assert_non_null(strstr(text, "\"theme\": \"dark\""));
  assert_non_null(strstr(text, "\"gone\""));
  assert_non_null(strstr(text, "\"x\": 1"));
  free(text);
  buf_fini(&path), buf_fini(&notice);
  remove_tree(dir);
}

static void lessons__progress_default_path(void **state)
{
  (void)state;
  char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
  char *p;
  setenv("XDG_STATE_HOME", "/xdg", 1);
  p = progress_default_path();
  assert_string_equal(p, "/xdg/panicroom/progress.json");
  free(p);
  setenv("XDG_STATE_HOME", "relative", 1); /* invalid per XDG: ignored */
  setenv("HOME", "/home/u", 1);
  p = progress_default_path();
  assert_string_equal(p, "/home/u/.local/state/panicroom/progress.json");
  free(p);
  unsetenv("XDG_STATE_HOME");
  unsetenv("HOME");
  assert_null(progress_default_path());
  if (old_home)
    setenv("HOME", old_home, 1);
  free(old_home);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(lessons__fm_valid),
      cmocka_unit_test(lessons__fm_block_lists_and_optional),
      cmocka_unit_test(lessons__fm_unknown_verdict),
      cmocka_unit_test(lessons__fm_missing_field),
      cmocka_unit_test(lessons__fm_hint_count),
      cmocka_unit_test(lessons__fm_typed_values),
      cmocka_unit_test(lessons__fm_primitives),
      cmocka_unit_test(lessons__fm_unknown_and_duplicate),
      cmocka_unit_test(lessons__fm_many_errors),
      cmocka_unit_test(lessons__fm_delimiters_and_syntax),
      cmocka_unit_test(lessons__fm_compare_neutral),
      cmocka_unit_test(lessons__catalog_fixtures_ordered),
      cmocka_unit_test(lessons__catalog_language_fallback),
      cmocka_unit_test(lessons__catalog_keeps_good_lessons),
      cmocka_unit_test(lessons__catalog_neutral_mismatch),
      cmocka_unit_test(lessons__catalog_content_checks),
      cmocka_unit_test(lessons__catalog_no_content),
      cmocka_unit_test(lessons__catalog_root_rules),
      cmocka_unit_test(lessons__lang_from_env),
      cmocka_unit_test(lessons__md_headings),
      cmocka_unit_test(lessons__md_paragraph_wrap),
      cmocka_unit_test(lessons__md_inline_styles),
      cmocka_unit_test(lessons__md_code_block),
      cmocka_unit_test(lessons__md_lists),
      cmocka_unit_test(lessons__md_cjk_wrap),
      cmocka_unit_test(lessons__md_text_width),
      cmocka_unit_test(lessons__progress_round_trip),
      cmocka_unit_test(lessons__progress_corrupt_file),
      cmocka_unit_test(lessons__progress_keeps_unknown),
      cmocka_unit_test(lessons__progress_default_path),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
