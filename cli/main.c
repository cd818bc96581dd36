/* main.c - panicroom's entry point: dispatches subcommands from one table,
 * from which --help is generated.  Commands appear here as they are built;
 * SPEC.md §3 lists the full interface they grow into. */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config.h"


static const CliCommand commands[] = {
    {"tui", "[--line] [--lang en|zh] [ID]",
     "the interactive lab (also what `panicroom` alone starts)", cmd_tui},
    {"run",
     "FILE.go|ID [--fixed] [--seed N] [--strategy go|random|pct] "
     "[--depth D] [--replay TOKEN] [--max-steps N] [--timeout SECS] "
     "[--engine lab|go] [-- ARGS...]",
     "run a Go program in the lab engine, exactly as Go would", cmd_run},
    {"verify",
     "FILE.go|ID [--fixed] [--schedules N] "
     "[--strategy random|pct|exhaustive] [--preemptions K] [--expect FILE] "
     "[--format text|json|tap|junit]",
     "run a program under many schedules; exit 0 pass, 1 fail", cmd_verify},
    {"compare", "FILE.go|ID [--fixed] [-- ARGS...]",
     "the lab engine and real Go side by side", cmd_compare},
    {"trace",
     "FILE.go|ID [--fixed] [--seed N] [--strategy go|random|pct] "
     "[--depth D] [--replay TOKEN]",
     "the program's event trace (NDJSON) to stdout, its output to stderr",
     cmd_trace},
    {"list", "[--format text|json] [--lang en|zh]",
     "the lessons by chapter, with your status in each", cmd_list},
    {"show", "ID [--lang en|zh]", "a lesson's text", cmd_show},
    {"hint", "ID [N] [--lang en|zh]",
     "the Nth hint of a lesson (default: the next one)", cmd_hint},
    {"check-lessons", "[--quick] [--lang-check] [ID...]",
     "authoring check: every lesson's claims, run; exit 0 pass, 1 fail",
     cmd_check},
    {"init", "[DIR]",
     "a workspace with every exercise (default ./panicroom-exercises)",
     cmd_init},
    {"reset", "ID [--force] [DIR]",
     "restore one exercise of the workspace to its broken program",
     cmd_reset},
    {"watch", "[DIR] [--manual]",
     "re-check an exercise each time it is saved; Enter re-checks",
     cmd_watch},
    {"grade",
     "[DIR] [--only ID] [--jobs N] [--schedules N] "
     "[--format text|json|tap|junit|exercism|classroom]",
     "grade a workspace; exit 0 all pass, 1 some fail, 2 cannot grade",
     cmd_grade},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_help(FILE *out) {
  fprintf(out, "usage: panicroom COMMAND [ARGS]\n\n"
               "panicroom is a terminal lab where Go concurrency panics "
               "happen safely.\n\ncommands:\n");
  for (size_t i = 0; i < NCOMMANDS; i++)
    fprintf(out, "  %s %s\n      %s\n", commands[i].name, commands[i].args,
            commands[i].summary);
  fprintf(out, "\n  --help       this text\n  --version    the version\n");
}

int cli_usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("panicroom: ", stderr);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputs("\n(see panicroom --help)\n", stderr);
  return CLI_USAGE;
}

int cli_run(int argc, char **argv) {
  if (argc < 2) {
    char *tui_argv[] = {"tui", NULL};
    return cmd_tui(1, tui_argv);
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    print_help(stdout);
    return 0;
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("panicroom %s\n", PANICROOM_VERSION);
    return 0;
  }
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(cmd, commands[i].name) == 0)
      return commands[i].run(argc - 1, argv + 1);
  return cli_usage_error("unknown command %s", cmd);
}

int main(int argc, char **argv) { return cli_run(argc, argv); }
