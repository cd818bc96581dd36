/* cmd_check.c - `panicroom check-lessons [--quick] [--lang-check] [ID...]`:
 * the authoring check of issue 5 (lessons/check.h) over the whole catalog
 * or the named lessons.
 *
 *   --quick       fewer schedules and real-Go runs (LCHECK_QUICK_*), for
 *                 `make test`: the full run takes minutes (measured in the
 *                 report of the change that added this)
 *   --lang-check  only the text check (both languages exist, parse and
 *                 agree on the neutral fields): no program is run
 *
 * Exit status: 0 every check passed (SKIP and INFO are not failures), 1
 * any failed, 2 bad arguments or an unknown id.  The report goes to
 * stdout; a missing go toolchain is said on stderr as well, since a
 * skipped real-Go check is easy to miss in a long report.
 */
#include "cli/cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/mem.h"
#include "lessons/catalog.h"
#include "lessons/check.h"
#include "runner/gorun.h"

typedef struct CheckArgs {
  bool quick, text_only;
  const char **ids; /* borrowed from argv */
  int nids;
} CheckArgs;

static int parse_args(int argc, char **argv, CheckArgs *ca)
{
  memset(ca, 0, sizeof *ca);
  ca->ids = xcalloc((size_t)argc, sizeof *ca->ids);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--quick") == 0)
      ca->quick = true;
    else if (strcmp(argv[i], "--lang-check") == 0)
      ca->text_only = true;
    else if (argv[i][0] == '-')
      return cli_usage_error("check-lessons: unknown option %s", argv[i]);
    else
      ca->ids[ca->nids++] = argv[i];
  }
  return 0;
}

static uint64_t now_ms(void)
{
  struct timespec ts;

  if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
    die("clock_gettime(CLOCK_MONOTONIC): %s", strerror(errno));
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void say_go(const LcheckOptions *o)
{
  if (o->go) {
    printf("real Go: %s (%d runs for a schedule-dependent broken.go)\n",
           o->go, o->go_runs);
    return;
  }
  printf("\n*** SKIP: go not installed: the real-Go checks (go-broken, "
         "go-fixed, go-myth) do not run ***\n\n");
  fprintf(stderr, "panicroom: check-lessons: SKIP: go not installed "
                  "(apt-get install golang-go): real-Go checks skipped\n");
}

static void say_summary(const LcheckTally *t, uint64_t ms)
{
  printf("\nsummary: %d lesson(s), %d failing; checks: %d pass, %d fail, "
         "%d skip, %d info; %" PRIu64 ".%01" PRIu64 " s\n", t->lessons,
         t->failed_lessons, t->count[LCHECK_PASS], t->count[LCHECK_FAIL],
         t->count[LCHECK_SKIP], t->count[LCHECK_INFO], ms / 1000,
         ms % 1000 / 100);
  for (size_t i = 0; i < t->nseeds; i++)
    printf("seed found: %s %s:%" PRIu64 "%s\n", t->seeds[i].id,
           t->seeds[i].pct ? "pct:3" : "random:", t->seeds[i].seed,
           t->seeds[i].pct ? " (pct only: not recordable as seed:)"
                           : " (put it into the front matter's seed:)");
}

/* Every named id must exist before anything runs: a typo should not cost
 * a ten-minute run first. */
static int check_ids(const Catalog *c, const CheckArgs *ca)
{
  for (int i = 0; i < ca->nids; i++)
    if (!catalog_find(c, ca->ids[i])) {
      fprintf(stderr, "panicroom: no lesson \"%s\" (see panicroom list)\n",
              ca->ids[i]);
      return CLI_USAGE;
    }
  return 0;
}

static void run_checks(const LcheckOptions *o, const Catalog *c,
                       const CheckArgs *ca, LcheckTally *t)
{
  if (ca->nids == 0) {
    for (size_t i = 0; i < c->nlessons; i++)
      lcheck_lesson(o, c, &c->lessons[i], t);
    (void)lcheck_orphans(o, c, t);
    return;
  }
  for (int i = 0; i < ca->nids; i++)
    lcheck_lesson(o, c, catalog_find(c, ca->ids[i]), t);
}

int cmd_check(int argc, char **argv)
{
  CheckArgs ca;
  LcheckOptions o;
  LcheckTally t = {{0}, 0, 0, NULL, 0};
  Catalog c;
  Buf go = BUF_INIT;
  char *root = catalog_find_root();
  uint64_t t0 = now_ms();
  int rc = parse_args(argc, argv, &ca);

  (void)catalog_load(&c, root); /* its errors are check results */
  if (rc == 0 && (rc = check_ids(&c, &ca)) == 0) {
    lcheck_options_default(&o, ca.quick);
    o.text_only = ca.text_only;
    o.go = !o.text_only && gorun_find(&go) == 0 ? buf_cstr(&go) : NULL;
    if (o.text_only)
      printf("check-lessons: data root %s; text checks only "
             "(--lang-check)\n", root);
    else
      printf("check-lessons: data root %s; fixed.go under %d schedules%s\n",
             root, o.schedules, ca.quick ? " (--quick)" : "");
    if (!o.text_only)
      say_go(&o);
    run_checks(&o, &c, &ca, &t);
    say_summary(&t, now_ms() - t0);
    rc = t.count[LCHECK_FAIL] ? 1 : 0;
  }
  lcheck_tally_fini(&t);
  catalog_fini(&c);
  buf_fini(&go);
  free(ca.ids);
  free(root);
  return rc;
}
