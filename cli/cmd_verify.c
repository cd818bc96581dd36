/* cmd_verify.c - `panicroom verify FILE.go|ID [--fixed] [--schedules N]
 * [--strategy random|pct|exhaustive] [--preemptions K] [--expect FILE]
 * [--format text|json|tap|junit] [--max-steps N] [--batch K] [-- ARGS]`:
 * runs the program under many schedules (runner/verify.h), or searches
 * them all within a preemption bound (exhaustive, runner/explore.h), and
 * reports (runner/report.h).
 *
 * An ID names a lesson (lessons/resolve.h): its broken.go, or fixed.go
 * with --fixed, checked against the lesson's expected output
 * (scenarios/<id>/fixed.stdout) unless --expect names another file.
 *
 * Exit status (SPEC §3): 0 pass, 1 fail, 2 could not verify (compile
 * error, bad arguments, an option not supported yet), 3 internal error.
 * The report goes to stdout in every format, so `--format json > r.json`
 * captures all of it; usage errors go to stderr.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/os.h"
#include "lessons/resolve.h"
#include "runner/report.h"
#include "runner/verify.h"

/* Ten million schedules take about half an hour; more is a typo. */
#define VERIFY_CLI_MAX_SCHEDULES 10000000

typedef struct VerifyArgs {
  const char *file, *expect_file;
  uint64_t schedules, batch, max_steps, preemptions;
  bool preemptions_set;
  VerifyMode mode;
  ReportFormat format;
  bool fixed; /* --fixed: a lesson's fixed.go */
  int prog_argc;
  char **prog_argv;
} VerifyArgs;

static int parse_count(const char *a, const char *v, uint64_t max,
                       uint64_t *out)
{
  if (cli_parse_u64(v, out) < 0 || *out == 0 || *out > max)
    return cli_usage_error("verify: %s must be from 1 to %llu", a,
                           (unsigned long long)max);
  return 0;
}

static int parse_strategy(const char *v, VerifyMode *mode)
{
  if (strcmp(v, "random") == 0)
    *mode = VERIFY_RANDOM;
  else if (strcmp(v, "pct") == 0)
    *mode = VERIFY_PCT;
  else if (strcmp(v, "exhaustive") == 0)
    *mode = VERIFY_EXHAUSTIVE;
  else
    return cli_usage_error("verify: --strategy must be random, pct or "
                           "exhaustive");
  return 0;
}

static int parse_valued(const char *a, const char *v, VerifyArgs *va)
{
  if (strcmp(a, "--schedules") == 0)
    return parse_count(a, v, VERIFY_CLI_MAX_SCHEDULES, &va->schedules);
  if (strcmp(a, "--batch") == 0)
    return parse_count(a, v, 100000, &va->batch);
  if (strcmp(a, "--max-steps") == 0)
    return parse_count(a, v, INT64_MAX, &va->max_steps);
  if (strcmp(a, "--preemptions") == 0) {
    va->preemptions_set = true;
    if (cli_parse_u64(v, &va->preemptions) < 0 || va->preemptions > 100)
      return cli_usage_error("verify: --preemptions must be from 0 to 100");
    return 0;
  }
  if (strcmp(a, "--strategy") == 0)
    return parse_strategy(v, &va->mode);
  if (strcmp(a, "--expect") == 0) {
    va->expect_file = v;
    return 0;
  }
  if (report_format_from_name(v, &va->format) < 0)
    return cli_usage_error("verify: --format must be text, json, tap or "
                           "junit");
  return 0;
}

static int parse_option(int argc, char **argv, int *i, VerifyArgs *va)
{
  static const char *const valued[] = {"--schedules", "--batch",
                                       "--max-steps", "--strategy",
                                       "--expect", "--format",
                                       "--preemptions"};
  const char *a = argv[*i];

  if (strcmp(a, "--fixed") == 0) {
    va->fixed = true;
    return 0;
  }
  if (strcmp(a, "--race") == 0 || strcmp(a, "--leaks") == 0)
    return cli_usage_error("verify: %s is not yet supported (the engine "
                           "has no %s yet)", a,
                           a[2] == 'r' ? "race detector" : "leak check");
  for (size_t k = 0; k < sizeof valued / sizeof valued[0]; k++) {
    if (strcmp(a, valued[k]) != 0)
      continue;
    if (*i + 1 >= argc)
      return cli_usage_error("verify: %s needs a value", a);
    *i += 1;
    return parse_valued(a, argv[*i], va);
  }
  return cli_usage_error("verify: unknown option %s", a);
}

static int parse_args(int argc, char **argv, VerifyArgs *va)
{
  int rc;

  memset(va, 0, sizeof *va);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];

    if (strcmp(a, "--") == 0) {
      va->prog_argc = argc - i - 1;
      va->prog_argv = argv + i + 1;
      break;
    } else if (a[0] == '-' && a[1]) {
      if ((rc = parse_option(argc, argv, &i, va)) != 0)
        return rc;
    } else if (!va->file) {
      va->file = a;
    } else {
      return cli_usage_error("verify: one file at a time (got %s and %s)",
                             va->file, a);
    }
  }
  if (!va->file)
    return cli_usage_error("verify: which file? (verify FILE.go|ID)");
  if (va->preemptions_set && va->mode != VERIFY_EXHAUSTIVE)
    return cli_usage_error("verify: --preemptions is for --strategy "
                           "exhaustive");
  return 0;
}

static int verify_and_report(const VerifyArgs *va, VerifyOptions *o)
{
  VerifyReport rep;
  Buf out = BUF_INIT;
  int status;

  status = (int)verify_run(o, &rep);
  report_write(va->format, &rep, o, va->file, &out);
  if (out.len && os_write_all(1, out.data, out.len) < 0) {
    fprintf(stderr, "panicroom: verify: writing the report: %s\n",
            strerror(errno));
    status = CLI_INTERNAL;
  }
  buf_fini(&out);
  verify_report_fini(&rep);
  return status;
}

/* FILE.go or a lesson id; a lesson brings its expected output. */
static int resolve_file(VerifyArgs *va, Resolved *res)
{
  if (resolve_or_say(va->file, va->fixed, res) < 0)
    return CLI_USAGE;
  va->file = res->path;
  if (!va->expect_file)
    va->expect_file = res->expect_path;
  return 0;
}

int cmd_verify(int argc, char **argv)
{
  VerifyArgs va;
  VerifyOptions o;
  Resolved res;
  char *src, *expect = NULL;
  size_t len, expect_len = 0;
  int rc = parse_args(argc, argv, &va);

  if (rc)
    return rc;
  if (resolve_file(&va, &res) != 0)
    return CLI_USAGE;
  if (!(src = cli_read_source(va.file, &len))) {
    resolve_fini(&res);
    return CLI_USAGE;
  }
  if (va.expect_file && !(expect = cli_read_source(va.expect_file,
                                                   &expect_len))) {
    free(src);
    resolve_fini(&res);
    return CLI_USAGE;
  }
  o = (VerifyOptions){.filename = va.file, .src = src, .len = len,
                      .schedules = (int)va.schedules, .mode = va.mode,
                      .preemptions = (int)va.preemptions,
                      .preemptions_set = va.preemptions_set,
                      .expect = expect, .expect_len = expect_len,
                      .max_steps = (int64_t)va.max_steps,
                      .batch = (int)va.batch, .argc = va.prog_argc + 1};
  o.argv = cli_prog_args(va.file, va.prog_argc, va.prog_argv);
  rc = verify_and_report(&va, &o);
  free(o.argv);
  free(expect);
  free(src);
  resolve_fini(&res);
  return rc;
}
