/* cmd_workspace.c - the learner's workspace from the command line:
 *
 *   panicroom init [DIR]                every exercise as DIR/<id>/main.go
 *   panicroom reset ID [--force] [DIR]  one exercise back to broken.go
 *   panicroom watch [DIR] [--manual]    re-check an exercise on every save
 *
 * DIR defaults to ./panicroom-exercises (lessons/workspace.h).
 *
 * watch: inotify on each exercise *directory*, not on main.go, because
 * editors save by writing a temporary file and renaming it over the old
 * one (vim, VS Code, JetBrains), which a watch on the file itself loses
 * after the first save.  Events for main.go (IN_CLOSE_WRITE, IN_MOVED_TO,
 * IN_CREATE) are collected for WATCH_DEBOUNCE_MS, so one save that makes
 * several events checks once; other names (vim's .swp and its 4913 probe,
 * backup~ files) are ignored.  A check is one grade of that exercise in a
 * forked grader (lessons/grade.h): watch and grade always agree.
 * Enter re-checks the current exercise; EOF or Ctrl-C ends watch with
 * status 0.  --manual uses only Enter: for file systems where inotify
 * sees nothing (NFS, SMB, some container mounts) or cannot start.
 */
#include "cli/cli.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/os.h"
#include "lessons/catalog.h"
#include "lessons/grade.h"
#include "lessons/progress.h"
#include "lessons/workspace.h"

/* Editors write a save as 1-4 events within a few ms; 100 ms covers a
 * slow disk without feeling laggy. */
#define WATCH_DEBOUNCE_MS 100

static int load_catalog(Catalog *c)
{
  char *root = catalog_find_root();
  catalog_load(c, root); /* load errors are `list`'s to report */
  free(root);
  if (c->nlessons == 0) {
    fprintf(stderr, "panicroom: no lessons found under %s\n", c->root);
    return -1;
  }
  return 0;
}

/* --- init ----------------------------------------------------------------- */

int cmd_init(int argc, char **argv)
{
  const char *dir = argc > 1 ? argv[1] : WS_DEFAULT_DIR;
  WsInitReport rep;
  Buf err = BUF_INIT;
  Catalog c;
  int rc = 0;

  if (argc > 2 || (argc > 1 && argv[1][0] == '-'))
    return cli_usage_error("init: usage: panicroom init [DIR]");
  if (load_catalog(&c) < 0) {
    catalog_fini(&c);
    return CLI_USAGE;
  }
  if (ws_init(&c, dir, &rep, &err) < 0) {
    fprintf(stderr, "panicroom: init: %s\n", buf_cstr(&err));
    rc = CLI_USAGE;
  }
  printf("%s: %d exercise%s written", dir, rep.written,
         rep.written == 1 ? "" : "s");
  if (rep.kept)
    printf(", %d kept your edits (main.go already there)", rep.kept);
  printf("%s\nnext: cd %s && panicroom watch   (or: panicroom grade %s)\n",
         rep.gomod_written ? ", go.mod written" : "", dir, dir);
  buf_fini(&err);
  catalog_fini(&c);
  return rc;
}

/* --- reset ---------------------------------------------------------------- */

/* Reports a reset; returns the exit status. */
static int say_reset(WsReset r, const char *dir, const char *id,
                     const Buf *err)
{
  switch (r) {
  case WS_RESET_DONE:
    printf("%s/%s/main.go: restored to the broken program\n", dir, id);
    return 0;
  case WS_RESET_SAME:
    printf("%s/%s/main.go: already the broken program\n", dir, id);
    return 0;
  case WS_RESET_REFUSED:
    fprintf(stderr, "panicroom: reset: %s/%s/main.go has your edits; add "
            "--force to replace them with the broken program\n", dir, id);
    return 1;
  case WS_RESET_ERROR:
    break;
  }
  fprintf(stderr, "panicroom: reset: %s\n", err->data ? err->data : "?");
  return CLI_USAGE;
}

int cmd_reset(int argc, char **argv)
{
  const char *id = NULL, *dir = NULL;
  bool force = false;
  Buf err = BUF_INIT;
  Catalog c;
  int rc = 0;

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--force") == 0)
      force = true;
    else if (argv[i][0] == '-')
      return cli_usage_error("reset: unknown option %s", argv[i]);
    else if (!id)
      id = argv[i];
    else if (!dir)
      dir = argv[i];
    else
      return cli_usage_error("reset: usage: panicroom reset ID [--force] "
                             "[DIR]");
  }
  if (!id)
    return cli_usage_error("reset: which exercise? (reset ID)");
  dir = dir ? dir : WS_DEFAULT_DIR;
  if (load_catalog(&c) < 0) {
    catalog_fini(&c);
    return CLI_USAGE;
  }
  const Lesson *l = catalog_find(&c, id);
  if (!l) {
    fprintf(stderr, "panicroom: no lesson \"%s\" (see panicroom list)\n", id);
    rc = CLI_USAGE;
  } else {
    rc = say_reset(ws_reset(&c, l, dir, force, &err), dir, id, &err);
  }
  buf_fini(&err);
  catalog_fini(&c);
  return rc;
}

/* --- watch ---------------------------------------------------------------- */

static volatile sig_atomic_t watch_stop;

static void on_stop(int sig)
{
  (void)sig;
  watch_stop = 1;
}

typedef struct Watch {
  Catalog c;
  const char *dir;
  const Lesson **ex;   /* the workspace's exercises */
  size_t n, cur;
  int ifd;             /* inotify, -1 with --manual */
  int *wd;             /* per exercise */
  bool *pending;       /* saved, not yet checked */
  uint64_t due_ms;     /* when the pending ones are checked */
  Progress p;
  bool have_progress;
} Watch;

static uint64_t mono_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static bool passed(const Watch *w, size_t i)
{
  return w->have_progress &&
         progress_status(&w->p, w->ex[i]->id) == PROGRESS_PASSED;
}

/* The first exercise from `from` on (wrapping) not passed yet; n if none. */
static size_t next_open(const Watch *w, size_t from)
{
  for (size_t k = 0; k < w->n; k++)
    if (!passed(w, (from + k) % w->n))
      return (from + k) % w->n;
  return w->n;
}

static void say_current(const Watch *w)
{
  printf("now: %s  (%s/%s/main.go) - save it to check, or press Enter\n",
         w->ex[w->cur]->id, w->dir, w->ex[w->cur]->id);
  fflush(stdout);
}

/* After a failure: the next hint of the ladder, remembered in progress. */
static void next_hint(Watch *w, const Lesson *l)
{
  const LessonText *t = catalog_text(l, catalog_lang_from_env(), NULL);
  int shown = w->have_progress ? progress_hints_shown(&w->p, l->id) : 0;
  int n = shown < FM_NHINTS ? shown + 1 : FM_NHINTS;

  printf("  hint %d/%d: %s\n", n, FM_NHINTS, t->meta.hints[n - 1]);
  if (w->have_progress && n > shown)
    progress_set_hints_shown(&w->p, l->id, n);
}

static void after_pass(Watch *w, size_t i)
{
  size_t next;
  if (w->have_progress)
    progress_set_status(&w->p, w->ex[i]->id, PROGRESS_PASSED);
  next = next_open(w, i + 1);
  if (next == w->n) {
    printf("every exercise of %s passes. Well done.\n", w->dir);
    return;
  }
  w->cur = next;
  say_current(w);
}

/* Grades exercise i in a forked grader and reports in a few lines. */
static void check(Watch *w, size_t i)
{
  GradeOptions o = {.c = &w->c, .dir = w->dir, .lessons = &w->ex[i],
                    .n = 1, .jobs = 1, .stop = &watch_stop};
  GradeReport rep;
  Buf out = BUF_INIT;

  w->cur = i;
  printf("checking %s ...\n", w->ex[i]->id);
  fflush(stdout);
  if (grade_run(&o, &rep) == 0) {
    grade_format_compact(&rep.ex[0], &out);
    fputs(buf_cstr(&out), stdout);
    if (rep.ex[0].status == GRADE_PASS) {
      after_pass(w, i);
    } else if (rep.ex[0].status == GRADE_FAIL) {
      if (w->have_progress)
        progress_mark_started(&w->p, w->ex[i]->id);
      next_hint(w, w->ex[i]);
    }
    if (w->have_progress && progress_save(&w->p) != 0)
      fprintf(stderr, "panicroom: warning: cannot save progress to %s: "
              "%s\n", w->p.path, strerror(errno));
  }
  fflush(stdout);
  buf_fini(&out);
  grade_report_fini(&rep);
}

/* File systems where inotify sees only local changes, if any. */
static bool remote_fs(const char *dir)
{
  static const long types[] = {
      0x6969,             /* NFS */
      0x517B,             /* SMB */
      (long)0xFF534D42,   /* CIFS */
      (long)0xFE534D42,   /* SMB2 */
      0x65735546,         /* FUSE (sshfs, ...) */
      0x01021997,         /* 9p (WSL, VMs) */
  };
  struct statfs st;
  if (statfs(dir, &st) != 0)
    return false;
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if ((long)st.f_type == types[i])
      return true;
  return false;
}

/* Watches every exercise directory; -1 after saying why and what to do. */
static int watch_start(Watch *w)
{
  Buf path = BUF_INIT;
  int rc = 0;

  if ((w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0)
    rc = -1;
  for (size_t i = 0; rc == 0 && i < w->n; i++) {
    buf_clear(&path);
    buf_printf(&path, "%s/%s", w->dir, w->ex[i]->id);
    w->wd[i] = inotify_add_watch(w->ifd, buf_cstr(&path),
                                 IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE);
    rc = w->wd[i] < 0 ? -1 : 0;
  }
  if (rc < 0)
    fprintf(stderr, "panicroom: watch: cannot watch %s%s%s: %s%s\n"
            "Use `panicroom watch %s --manual` instead: save, then press "
            "Enter to check.\n", w->dir, path.len ? " at " : "",
            path.len ? buf_cstr(&path) : "", strerror(errno),
            errno == ENOSPC ? " (the inotify watch limit, "
                              "fs.inotify.max_user_watches, is reached)"
                            : "", w->dir);
  else if (remote_fs(w->dir))
    fprintf(stderr, "panicroom: watch: %s is on a network file system, "
            "where saves may not be noticed; if nothing happens when you "
            "save, use `panicroom watch --manual`.\n", w->dir);
  buf_fini(&path);
  return rc;
}

/* The exercise whose directory has watch descriptor wd; n if none. */
static size_t by_wd(const Watch *w, int wd)
{
  for (size_t i = 0; i < w->n; i++)
    if (w->wd[i] == wd)
      return i;
  return w->n;
}

/* Reads inotify events: a save of main.go marks its exercise pending. */
static void read_events(Watch *w)
{
  char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
  ssize_t n;

  while ((n = read(w->ifd, buf, sizeof buf)) > 0) {
    for (char *p = buf; p < buf + n;) {
      const struct inotify_event *ev = (const struct inotify_event *)p;
      size_t i = by_wd(w, ev->wd);
      /* Only main.go itself: .main.go.swp, main.go~, 4913 are the
       * editor's own files. */
      if (i < w->n && ev->len && strcmp(ev->name, "main.go") == 0) {
        w->pending[i] = true;
        w->due_ms = mono_ms() + WATCH_DEBOUNCE_MS;
      }
      p += sizeof *ev + ev->len;
    }
  }
  if (n < 0 && errno != EAGAIN && errno != EINTR)
    die("watch: reading inotify: %s", strerror(errno));
}

/* Input from the terminal: each newline checks the current exercise.
 * Returns false at end of input. */
static bool read_input(Watch *w)
{
  char buf[256];
  ssize_t n = read(0, buf, sizeof buf);

  if (n < 0)
    return errno == EINTR;
  if (n == 0)
    return false;
  for (ssize_t i = 0; i < n; i++)
    if (buf[i] == '\n')
      check(w, w->cur);
  return true;
}

static void check_pending(Watch *w)
{
  for (size_t i = 0; i < w->n; i++)
    if (w->pending[i]) {
      w->pending[i] = false;
      check(w, i);
    }
  w->due_ms = 0;
}

/* The loop: until EOF on stdin or a signal. */
static void watch_loop(Watch *w)
{
  bool input = true;

  while (!watch_stop && input) {
    struct pollfd pfd[2] = {{.fd = 0, .events = POLLIN},
                            {.fd = w->ifd, .events = POLLIN}};
    uint64_t now = mono_ms();
    int timeout = w->due_ms ? (w->due_ms > now ? (int)(w->due_ms - now) : 0)
                            : -1;
    int rc = poll(pfd, w->ifd >= 0 ? 2 : 1, timeout);
    if (rc < 0 && errno != EINTR)
      die("watch: poll: %s", strerror(errno));
    if (rc > 0 && pfd[0].revents)
      input = read_input(w);
    if (rc > 0 && w->ifd >= 0 && pfd[1].revents)
      read_events(w);
    if (w->due_ms && mono_ms() >= w->due_ms)
      check_pending(w);
  }
}

static void open_progress(Watch *w)
{
  char *path = progress_default_path();
  Buf notice = BUF_INIT;

  w->have_progress = path != NULL;
  if (path && progress_load(&w->p, path, &notice) != 0)
    fprintf(stderr, "panicroom: %s\n", buf_cstr(&notice));
  buf_fini(&notice);
  free(path);
}

static int watch_args(int argc, char **argv, const char **dir, bool *manual)
{
  *dir = NULL;
  *manual = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--manual") == 0)
      *manual = true;
    else if (argv[i][0] == '-' || *dir)
      return cli_usage_error("watch: usage: panicroom watch [DIR] "
                             "[--manual]");
    else
      *dir = argv[i];
  }
  *dir = *dir ? *dir : WS_DEFAULT_DIR;
  return 0;
}

static void watch_fini(Watch *w)
{
  if (w->ifd >= 0 && close(w->ifd) != 0)
    fprintf(stderr, "panicroom: watch: close: %s\n", strerror(errno));
  if (w->have_progress)
    progress_fini(&w->p);
  free(w->wd);
  free(w->pending);
  free(w->ex);
  catalog_fini(&w->c);
}

int cmd_watch(int argc, char **argv)
{
  Watch w = {.ifd = -1};
  bool manual;
  int rc = watch_args(argc, argv, &w.dir, &manual);

  if (rc)
    return rc;
  if (load_catalog(&w.c) == 0)
    w.ex = ws_exercises(&w.c, w.dir, &w.n);
  if (w.n == 0) {
    fprintf(stderr, "panicroom: watch: %s has no exercises; make them "
            "with: panicroom init %s\n", w.dir, w.dir);
    watch_fini(&w);
    return CLI_USAGE;
  }
  w.wd = xcalloc(w.n, sizeof *w.wd);
  w.pending = xcalloc(w.n, sizeof *w.pending);
  if (!manual && watch_start(&w) < 0) {
    watch_fini(&w);
    return CLI_USAGE;
  }
  open_progress(&w);
  struct sigaction sa = {.sa_handler = on_stop}; /* no SA_RESTART: poll
                                                  * returns EINTR */
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL))
    die("watch: sigaction: %s", strerror(errno));
  w.cur = next_open(&w, 0) < w.n ? next_open(&w, 0) : 0;
  printf("watching %s: %zu exercises%s. Ctrl-C or Ctrl-D stops.\n", w.dir,
         w.n, manual ? " (manual: press Enter after saving)" : "");
  say_current(&w);
  watch_loop(&w);
  printf("\nwatch stopped.\n");
  watch_fini(&w);
  return 0;
}
