/* cli.h - the batch command line: one function per subcommand, dispatched
 * from a table in main.c so --help is generated from it.
 *
 * Exit statuses: a command that runs a Go program returns that program's
 * status (Go's: 0, 2, n of os.Exit); bad arguments return CLI_USAGE (2),
 * as Go's own tools do. */
#ifndef PANICROOM_CLI_CLI_H
#define PANICROOM_CLI_CLI_H

#define CLI_USAGE 2

typedef struct CliCommand {
  const char *name;
  const char *args;    /* synopsis of the arguments */
  const char *summary; /* one line for --help */
  int (*run)(int argc, char **argv); /* argv[0] is the command name */
} CliCommand;

int cli_run(int argc, char **argv);

/* Subcommands (cmd_<name>.c). */
int cmd_run(int argc, char **argv);
/* cmd_lessons.c: list, show, hint (the lesson catalog). */
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_hint(int argc, char **argv);

/* Prints "panicroom: <msg>" and a hint to use --help; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
