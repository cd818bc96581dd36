/* cmd_grade.c - `panicroom grade [DIR] [--only ID] [--jobs N] [--format
 * text|json|tap|junit|exercism|classroom] [--schedules N]`: grades a
 * workspace (lessons/grade.h; docs/grading.md).
 *
 * Exit status: 0 every exercise passed, 1 some failed, 2 could not grade
 * (bad arguments, not a workspace, an exercise file missing, interrupted),
 * 3 internal error.  `--format exercism` exits 0 whenever grading ran:
 * Exercism's runners read the verdict from results.json, and a non-zero
 * exit means the runner itself broke.  The report goes to stdout; usage
 * errors and notices to stderr.
 */
#include "cli/cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/os.h"
#include "lessons/catalog.h"
#include "lessons/grade.h"
#include "lessons/workspace.h"

typedef struct GradeArgs {
  const char *dir, *only;
  uint64_t jobs, schedules;
  GradeFormat format;
} GradeArgs;

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
  (void)sig;
  stop = 1;
}

static int parse_value(const char *a, const char *v, GradeArgs *ga)
{
  if (strcmp(a, "--only") == 0) {
    ga->only = v;
  } else if (strcmp(a, "--format") == 0) {
    if (grade_format_from_name(v, &ga->format) < 0)
      return cli_usage_error("grade: --format must be text, json, tap, "
                             "junit, exercism or classroom");
  } else if (strcmp(a, "--jobs") == 0) {
    if (cli_parse_u64(v, &ga->jobs) < 0 || ga->jobs < 1 ||
        ga->jobs > GRADE_MAX_JOBS)
      return cli_usage_error("grade: --jobs must be from 1 to %d",
                             GRADE_MAX_JOBS);
  } else if (strcmp(a, "--schedules") == 0) {
    if (cli_parse_u64(v, &ga->schedules) < 0 || ga->schedules < 1 ||
        ga->schedules > 1000000)
      return cli_usage_error("grade: --schedules must be from 1 to "
                             "1000000");
  } else {
    return cli_usage_error("grade: unknown option %s", a);
  }
  return 0;
}

static int parse_args(int argc, char **argv, GradeArgs *ga)
{
  memset(ga, 0, sizeof *ga);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-' && a[1]) {
      if (i + 1 >= argc)
        return cli_usage_error("grade: %s needs a value", a);
      int rc = parse_value(a, argv[++i], ga);
      if (rc)
        return rc;
    } else if (!ga->dir) {
      ga->dir = a;
    } else {
      return cli_usage_error("grade: one workspace at a time (got %s and "
                             "%s)", ga->dir, a);
    }
  }
  if (!ga->dir)
    ga->dir = WS_DEFAULT_DIR;
  return 0;
}

/* The exercises to grade, or NULL after saying why not. */
static const Lesson **pick(const Catalog *c, const GradeArgs *ga, size_t *n)
{
  const Lesson **all = ws_exercises(c, ga->dir, n);
  if (ga->only) {
    const Lesson *l = catalog_find(c, ga->only);
    size_t k = 0;
    while (l && k < *n && all[k] != l)
      k++;
    if (!l || k == *n) {
      fprintf(stderr, "panicroom: grade: %s \"%s\"%s%s\n",
              l ? "no exercise" : "no lesson", ga->only, l ? " in " : "",
              l ? ga->dir : " (see panicroom list)");
      free(all);
      return NULL;
    }
    all[0] = l;
    *n = 1;
  } else if (*n == 0) {
    fprintf(stderr, "panicroom: grade: %s is not a panicroom workspace (no "
            "exercise folders); make one with: panicroom init %s\n",
            ga->dir, ga->dir);
    free(all);
    return NULL;
  }
  return all;
}

static int default_jobs(size_t n)
{
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  long j = cpus > 0 ? cpus : 1;
  j = j > GRADE_MAX_JOBS ? GRADE_MAX_JOBS : j;
  return (int)(j > (long)n && n > 0 ? (long)n : j);
}

static int report(const GradeArgs *ga, const GradeReport *rep, int rc)
{
  Buf out = BUF_INIT;
  int status = rc < 0 ? CLI_USAGE : grade_exit_status(rep);

  grade_format(ga->format, rep, &out);
  if (os_write_all(1, out.data, out.len) < 0) {
    fprintf(stderr, "panicroom: grade: writing the report: %s\n",
            strerror(errno));
    status = CLI_INTERNAL;
  } else if (ga->format == GF_EXERCISM && rc == 0) {
    status = 0;
  }
  if (rc < 0)
    fprintf(stderr, "panicroom: grade: interrupted\n");
  buf_fini(&out);
  return status;
}

int cmd_grade(int argc, char **argv)
{
  GradeArgs ga;
  Catalog c;
  GradeReport rep;
  size_t n;
  int rc = parse_args(argc, argv, &ga);

  if (rc)
    return rc;
  char *root = catalog_find_root();
  catalog_load(&c, root); /* a broken lesson file is list's to report */
  free(root);
  const Lesson **lessons = pick(&c, &ga, &n);
  if (!lessons) {
    catalog_fini(&c);
    return CLI_USAGE;
  }
  GradeOptions o = {.c = &c, .dir = ga.dir, .lessons = lessons, .n = n,
                    .jobs = ga.jobs ? (int)ga.jobs : default_jobs(n),
                    .schedules = (int)ga.schedules, .stop = &stop};
  struct sigaction sa = {.sa_handler = on_signal}, old_int, old_term;
  sigemptyset(&sa.sa_mask);
  if (sigaction(SIGINT, &sa, &old_int) != 0 ||
      sigaction(SIGTERM, &sa, &old_term) != 0)
    die("grade: sigaction: %s", strerror(errno));
  rc = grade_run(&o, &rep);
  (void)sigaction(SIGINT, &old_int, NULL);
  (void)sigaction(SIGTERM, &old_term, NULL);
  rc = report(&ga, &rep, rc);
  grade_report_fini(&rep);
  free(lessons);
  catalog_fini(&c);
  return rc;
}
