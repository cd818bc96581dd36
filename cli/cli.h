/* cli.h - the batch command line: one function per subcommand, dispatched
 * from a table in main.c so --help is generated from it.
 *
 * Exit statuses: a command that runs a Go program returns that program's
 * status (Go's: 0, 2, n of os.Exit); bad arguments return CLI_USAGE (2),
 * as Go's own tools do. */
#ifndef PANICROOM_CLI_CLI_H
#define PANICROOM_CLI_CLI_H

#define CLI_USAGE 2
/* panicroom itself failed (the sandbox could not be set up, the child
 * crashed): verify's "internal error" status, used by run and compare too. */
#define CLI_INTERNAL 3

typedef struct CliCommand {
  const char *name;
  const char *args;    /* synopsis of the arguments */
  const char *summary; /* one line for --help */
  int (*run)(int argc, char **argv); /* argv[0] is the command name */
} CliCommand;

int cli_run(int argc, char **argv);

/* Subcommands (cmd_<name>.c). */
int cmd_run(int argc, char **argv);
int cmd_tui(int argc, char **argv); /* cmd_tui.c */
int cmd_verify(int argc, char **argv);  /* cmd_verify.c */
int cmd_compare(int argc, char **argv); /* cmd_compare.c */
int cmd_trace(int argc, char **argv);   /* cmd_trace.c */
/* cmd_trace.c: true if path can be created for writing (it is then an
 * empty file); else prints "panicroom: cannot write PATH: why". */
#include <stdbool.h>
bool cli_trace_writable(const char *path);

/* Helpers shared by run, verify and compare (cmd_run.c). */
#include <stddef.h>
#include <stdint.h>
/* Decimal without sign; returns 0, or -1 if s is not one. */
int cli_parse_u64(const char *s, uint64_t *out);
/* The whole file, NUL-terminated, or NULL after printing
 * "panicroom: cannot read FILE: why". */
char *cli_read_source(const char *path, size_t *len);
/* os.Args for the program: file, then args[0..n); free() the array. */
char **cli_prog_args(const char *file, int n, char **args);
/* cmd_lessons.c: list, show, hint (the lesson catalog). */
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_hint(int argc, char **argv);
/* cmd_check.c: check-lessons (lessons/check.h). */
int cmd_check(int argc, char **argv);

/* cmd_workspace.c: init, reset, watch (lessons/workspace.h). */
int cmd_init(int argc, char **argv);
int cmd_reset(int argc, char **argv);
int cmd_watch(int argc, char **argv);
/* cmd_grade.c: grade a workspace (lessons/grade.h). */
int cmd_grade(int argc, char **argv);

/* Prints "panicroom: <msg>" and a hint to use --help; returns CLI_USAGE. */
int cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

#endif
