/* tui/cmds.c - the prompt's command table, dispatch and completion. */
#include "tui/cmds.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "runner/schedule.h"
#include "tui/app.h"
#include "tui/keys.h"

/* A command line has a handful of words; more is a typo. */
#define CMD_MAX_WORDS 8

static const char *const target_words[] = {"broken", "fixed", "work"};
static const char *const view_words[] = {"broken", "fixed", "diff", "work"};
static const char *const lang_words[] = {"en", "zh"};

/* "broken" | "fixed" | "work" -> view; else the current target. */
static bool parse_target(App *app, int argc, char **argv, CodeView *v)
{
  *v = app_target(app);
  if (argc < 2)
    return true;
  if (strcmp(argv[1], "broken") == 0)
    *v = VIEW_BROKEN;
  else if (strcmp(argv[1], "fixed") == 0)
    *v = VIEW_FIXED;
  else if (strcmp(argv[1], "work") == 0 && app_has_work(app))
    *v = VIEW_WORK;
  else if (strcmp(argv[1], "work") == 0) {
    app_error(app, "no working copy yet: `fix` or `edit` makes one");
    return false;
  } else {
    app_error(app, "%s: say broken, fixed or work", argv[0]);
    return false;
  }
  return true;
}

/* A positive number argument, or def when absent; -1 if malformed. */
static long number_arg(int argc, char **argv, int i, long def)
{
  if (argc <= i)
    return def;
  char *end;
  long v = strtol(argv[i], &end, 10);
  return *argv[i] && !*end && v > 0 ? v : -1;
}

static void do_run(App *app, int argc, char **argv)
{
  CodeView v;
  if (parse_target(app, argc, argv, &v))
    app_run(app, v);
}

static void do_fix(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  app_fix(app);
}

static void do_edit(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  app_edit(app);
}

static void do_verify(App *app, int argc, char **argv)
{
  CodeView v = app_target(app);
  int i = 1;
  if (argc > 1 && (argv[1][0] < '0' || argv[1][0] > '9')) {
    if (!parse_target(app, argc, argv, &v))
      return;
    i = 2;
  }
  long n = number_arg(argc, argv, i, APP_VERIFY_SCHEDULES);
  if (n < 0 || n > 100000) {
    app_error(app, "verify: schedules must be from 1 to 100000");
    return;
  }
  app_verify(app, v, (int)n);
}

static void do_compare(App *app, int argc, char **argv)
{
  CodeView v;
  if (parse_target(app, argc, argv, &v))
    app_compare(app, v);
}

/* step [N] / back [N]: N events (default 1) forward or back. */
static void do_step(App *app, int argc, char **argv)
{
  long n = number_arg(argc, argv, 1, 1);
  if (n < 0) {
    app_error(app, "%s: N is a number of events (1 or more)", argv[0]);
    return;
  }
  app_step(app, argv[0][0] == 'b' ? -n : n);
}

static void do_play(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  app_play(app);
}

static void do_pause(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  app_pause(app);
}

static void do_start(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  app_seek_start(app);
}

static void do_end(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  app_seek_end(app);
}

/* speed + | - | N (events a second) | max. */
static void do_speed(App *app, int argc, char **argv)
{
  const char *a = argc > 1 ? argv[1] : "";
  if (!strcmp(a, "+") || !strcmp(a, "-")) {
    app_speed_step(app, *a == '+' ? 1 : -1);
  } else if (!strcmp(a, "max") || !strcmp(a, "0")) {
    app_speed_set(app, 0);
  } else {
    long n = number_arg(argc, argv, 1, -1);
    if (n < 0 || n > 1000000)
      app_error(app, "speed: + or -, events a second (1 to 256), or max");
    else
      app_speed_set(app, (int)n);
  }
}

static void do_seed(App *app, int argc, char **argv)
{
  const char *why;
  ScheduleSpec spec;
  uint64_t n;
  char *end;
  if (argc < 2) {
    Buf t = BUF_INIT;
    app_token(app, &t);
    app_say(app, "schedule %s (seed N: random schedule N; seed TOKEN: "
                 "replay a verify token)", buf_cstr(&t));
    buf_fini(&t);
    return;
  }
  if (strchr(argv[1], ':')) {
    if (schedule_parse(argv[1], &spec, &why) < 0) {
      app_error(app, "seed: bad token %s: %s", argv[1], why);
      return;
    }
    app->spec = spec;
  } else {
    n = strtoull(argv[1], &end, 10);
    if (!*argv[1] || *end || argv[1][0] == '-') {
      app_error(app, "seed: want a number or a token like pct:2:7");
      return;
    }
    app->spec = (ScheduleSpec){.strategy = STRAT_RANDOM, .seed = n};
  }
  /* A seed is asked for to see that schedule: run it now. */
  app_run(app, app_target(app));
}

static void do_hint(App *app, int argc, char **argv)
{
  long n = number_arg(argc, argv, 1, 0);
  if (n < 0) {
    app_error(app, "hint: N is 1, 2 or 3");
    return;
  }
  app_hint(app, (int)n);
}

static void do_next(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  if (app->cur + 1 >= app->cat.nlessons) {
    app_say(app, "this is the last lesson");
    return;
  }
  app_select(app, app->cur + 1);
}

static void do_prev(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  if (app->cur == 0) {
    app_say(app, "this is the first lesson");
    return;
  }
  app_select(app, app->cur - 1);
}

static void do_list(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  app_list(app);
}

static void do_goto(App *app, int argc, char **argv)
{
  int i = argc > 1 ? app_find(app, argv[1]) : -1;
  if (argc < 2)
    app_error(app, "goto: which lesson? (Tab completes the ids)");
  else if (i < 0)
    app_error(app, "goto: no lesson %s (see list)", argv[1]);
  else
    app_select(app, (size_t)i);
}

static void do_lang(App *app, int argc, char **argv)
{
  Lang l;
  if (argc < 2 || catalog_lang_parse(argv[1], &l) < 0)
    app_error(app, "lang: en or zh");
  else
    app_set_lang(app, l);
}

static void do_view(App *app, int argc, char **argv)
{
  static const char *const names[VIEW_COUNT] = {"broken", "fixed", "diff",
                                                "work"};
  for (int v = 0; argc > 1 && v < VIEW_COUNT; v++)
    if (strcmp(argv[1], names[v]) == 0) {
      app_set_view(app, (CodeView)v);
      return;
    }
  app_set_view(app, app_next_view(app));
}

static void do_help(App *app, int argc, char **argv)
{
  const TuiCmd *c = argc > 1 ? cmds_find(argv[1]) : NULL;
  if (c) {
    app_say(app, "%s %s: %s", c->name, c->args, c->help);
    return;
  }
  app->help = true;
  if (app->line_mode) {
    Buf b = BUF_INIT;
    keys_help(&b);
    app_console_set(app, "help", buf_cstr(&b));
    buf_fini(&b);
  }
}

static void do_quit(App *app, int argc, char **argv)
{
  (void)argc, (void)argv;
  app->quit = true;
}

static const TuiCmd table[] = {
    {"run", "[broken|fixed|work]", CA_TARGET, do_run,
     "run the program in the code view, or the one named"},
    {"fix", "", CA_NONE, do_fix,
     "apply the reference fix to your working copy; show the diff"},
    {"edit", "", CA_NONE, do_edit,
     "edit your working copy in $EDITOR (default vi), then run it"},
    {"verify", "[broken|fixed|work] [N]", CA_TARGET, do_verify,
     "run over N schedules (default 500) and report"},
    {"compare", "[broken|fixed|work]", CA_TARGET, do_compare,
     "the lab engine and real Go side by side (needs go)"},
    {"view", "[broken|fixed|diff|work]", CA_VIEW, do_view,
     "show that code view (as Tab)"},
    {"step", "[N]", CA_NUMBER, do_step,
     "N events (default 1) forward through the last run"},
    {"back", "[N]", CA_NUMBER, do_step, "N events (default 1) back"},
    {"play", "", CA_NONE, do_play,
     "play the events at the chosen speed (from the start at the end)"},
    {"pause", "", CA_NONE, do_pause, "stop playing at the current event"},
    {"speed", "N|+|-|max", CA_NUMBER, do_speed,
     "events a second when playing (1 to 256), faster, slower"},
    {"start", "", CA_NONE, do_start, "to the first event"},
    {"end", "", CA_NONE, do_end, "to the last event (where it crashed)"},
    {"seed", "[N|TOKEN]", CA_NUMBER, do_seed,
     "run on random schedule N, or replay a token (go::0, pct:2:7)"},
    {"hint", "[N]", CA_NUMBER, do_hint, "the next hint, or hint N (1-3)"},
    {"next", "", CA_NONE, do_next, "the next lesson"},
    {"prev", "", CA_NONE, do_prev, "the previous lesson"},
    {"list", "", CA_NONE, do_list, "every lesson with your progress"},
    {"goto", "ID", CA_LESSON, do_goto, "open a lesson by id"},
    {"lang", "en|zh", CA_LANG, do_lang, "the language of the lesson text"},
    {"help", "[COMMAND]", CA_COMMAND, do_help, "keys and commands"},
    {"quit", "", CA_NONE, do_quit, "leave panicroom (progress is saved)"},
};
#define NCMDS (sizeof table / sizeof table[0])

const TuiCmd *cmds_table(size_t *n)
{
  *n = NCMDS;
  return table;
}

const TuiCmd *cmds_find(const char *name)
{
  for (size_t i = 0; i < NCMDS; i++)
    if (strcmp(table[i].name, name) == 0)
      return &table[i];
  return NULL;
}

static int split(char *s, char **argv)
{
  int argc = 0;
  for (char *tok = strtok(s, " \t\r\n"); tok && argc < CMD_MAX_WORDS;
       tok = strtok(NULL, " \t\r\n"))
    argv[argc++] = tok;
  return argc;
}

void cmds_exec(App *app, const char *line)
{
  char *copy = xstrdup(line);
  char *argv[CMD_MAX_WORDS + 1] = {0};
  int argc = split(copy, argv);
  if (argc > 0) {
    const TuiCmd *c = cmds_find(argv[0]);
    if (c)
      c->fn(app, argc, argv);
    else
      app_error(app, "unknown command %s (help lists them; Tab completes)",
                argv[0]);
  }
  free(copy);
}

/* --- completion ------------------------------------------------------------
 */

/* Matches of word[0, n) among cands: common extension into insert (plus a
 * space when unique), the matches into listing when several. */
static void complete_from(const char *const *cands, size_t ncands,
                          const char *word, size_t n, Buf *insert,
                          Buf *listing)
{
  const char *first = NULL;
  size_t common = 0, count = 0;
  for (size_t i = 0; i < ncands; i++) {
    if (strncmp(cands[i], word, n) != 0)
      continue;
    if (!first) {
      first = cands[i];
      common = strlen(first);
    } else {
      size_t k = n;
      while (k < common && cands[i][k] == first[k])
        k++;
      common = k;
    }
    count++;
  }
  if (!first)
    return;
  buf_append(insert, first + n, common - n);
  if (count == 1) {
    buf_putc(insert, ' ');
    return;
  }
  for (size_t i = 0; i < ncands; i++)
    if (strncmp(cands[i], word, n) == 0) {
      if (listing->len)
        buf_putc(listing, ' ');
      buf_puts(listing, cands[i]);
    }
}

/* The argument of command c: what its CmdArg says can go there. */
static void complete_arg(const TuiCmd *c, const char *word, size_t n,
                         const char *const *ids, size_t nids, Buf *insert,
                         Buf *listing)
{
  const char *names[NCMDS];
  switch (c->arg) {
  case CA_LESSON:
    complete_from(ids, nids, word, n, insert, listing);
    break;
  case CA_LANG:
    complete_from(lang_words, 2, word, n, insert, listing);
    break;
  case CA_TARGET:
    complete_from(target_words, 3, word, n, insert, listing);
    break;
  case CA_VIEW:
    complete_from(view_words, 4, word, n, insert, listing);
    break;
  case CA_COMMAND:
    for (size_t i = 0; i < NCMDS; i++)
      names[i] = table[i].name;
    complete_from(names, NCMDS, word, n, insert, listing);
    break;
  case CA_NONE:
  case CA_NUMBER:
    break;
  }
}

void cmds_complete(const char *line, size_t cursor, const char *const *ids,
                   size_t nids, Buf *insert, Buf *listing)
{
  size_t start = cursor;
  while (start > 0 && line[start - 1] != ' ')
    start--;
  size_t first = 0;
  while (first < start && line[first] == ' ')
    first++;
  if (first == start) { /* the command word itself */
    static const TuiCmd help = {"", "", CA_COMMAND, NULL, ""};
    complete_arg(&help, line + start, cursor - start, ids, nids, insert,
                 listing);
    return;
  }
  size_t cmdlen = strcspn(line + first, " ");
  for (size_t i = 0; i < NCMDS; i++)
    if (strlen(table[i].name) == cmdlen &&
        strncmp(table[i].name, line + first, cmdlen) == 0)
      complete_arg(&table[i], line + start, cursor - start, ids, nids,
                   insert, listing);
}
