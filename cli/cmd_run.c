/* cmd_run.c - `panicroom run FILE.go [--seed N] [--strategy S] [-- ARGS]`:
 * runs one Go file in the lab engine and behaves like the compiled Go
 * program: same stdout, same stderr for panics, fatal errors and
 * deadlocks, same exit status.
 *
 * The engine runs in this process for now; the runner (forked child with
 * limits) takes over once it exists, without changing this interface. */
#include "cli/cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/os.h"
#include "engine/engine.h"

typedef struct RunArgs {
  const char *file;
  uint64_t seed;
  Strategy strategy;
  int prog_argc;
  char **prog_argv;
} RunArgs;

static int parse_u64(const char *s, uint64_t *out) {
  if (!s || !*s) return -1;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end || s[0] == '-') return -1;
  *out = v;
  return 0;
}

static int parse_strategy(const char *s, Strategy *out) {
  static const struct { const char *name; Strategy s; } names[] = {
      {"go", STRAT_GO}, {"random", STRAT_RANDOM}, {"pct", STRAT_PCT}};
  for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
    if (strcmp(s, names[i].name) == 0) {
      *out = names[i].s;
      return 0;
    }
  return -1;
}

/* Returns 0, or CLI_USAGE after printing why. */
static int parse_args(int argc, char **argv, RunArgs *ra) {
  memset(ra, 0, sizeof *ra);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      ra->prog_argc = argc - i - 1;
      ra->prog_argv = argv + i + 1;
      break;
    } else if (strcmp(a, "--seed") == 0) {
      if (i + 1 >= argc || parse_u64(argv[++i], &ra->seed))
        return cli_usage_error("--seed needs a non-negative integer");
    } else if (strcmp(a, "--strategy") == 0) {
      if (i + 1 >= argc || parse_strategy(argv[++i], &ra->strategy))
        return cli_usage_error("--strategy must be go, random or pct");
    } else if (a[0] == '-' && a[1]) {
      return cli_usage_error("run: unknown option %s", a);
    } else if (!ra->file) {
      ra->file = a;
    } else {
      return cli_usage_error("run: one file at a time (got %s and %s)",
                             ra->file, a);
    }
  }
  if (!ra->file) return cli_usage_error("run: which file? (run FILE.go)");
  return 0;
}

int cmd_run(int argc, char **argv) {
  RunArgs ra;
  int rc = parse_args(argc, argv, &ra);
  if (rc) return rc;
  size_t len;
  char *src = os_read_file(ra.file, &len);
  if (!src) {
    fprintf(stderr, "panicroom: cannot read %s: %s\n", ra.file,
            strerror(errno));
    return CLI_USAGE;
  }
  /* os.Args[0] is the program's name, as for a built Go binary. */
  char **pargv = malloc(sizeof(char *) * (size_t)(ra.prog_argc + 2));
  if (!pargv) {
    free(src);
    fprintf(stderr, "panicroom: out of memory\n");
    return 3;
  }
  pargv[0] = (char *)ra.file;
  for (int i = 0; i < ra.prog_argc; i++) pargv[i + 1] = ra.prog_argv[i];
  pargv[ra.prog_argc + 1] = NULL;
  VMOptions opts = {.seed = ra.seed, .strategy = ra.strategy,
                    .argc = ra.prog_argc + 1, .argv = pargv};
  EngineResult res;
  int status = engine_run(ra.file, src, len, &opts, &res);
  engine_result_fini(&res);
  free(pargv);
  free(src);
  return status;
}
