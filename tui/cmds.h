/* tui/cmds.h - the prompt's commands: one table (name, arguments, what
 * Tab completes for the argument, help text, handler) that dispatch,
 * completion and the help screen (keys_help) all read.
 *
 * Completion is pure: given the line, the cursor and the lesson ids it
 * says what to insert and, when several words fit, lists them; the
 * libedit glue (prompt.c) only applies the result. */
#ifndef PANICROOM_TUI_CMDS_H
#define PANICROOM_TUI_CMDS_H

#include <stddef.h>

#include "base/buf.h"

struct App;

typedef enum CmdArg {
  CA_NONE,
  CA_LESSON,  /* a lesson id */
  CA_LANG,    /* en | zh */
  CA_TARGET,  /* broken | fixed | work */
  CA_VIEW,    /* broken | fixed | diff | work */
  CA_COMMAND, /* a command name (help) */
  CA_NUMBER   /* nothing to complete */
} CmdArg;

typedef struct TuiCmd {
  const char *name;
  const char *args; /* synopsis, "" for none */
  CmdArg arg;
  void (*fn)(struct App *app, int argc, char **argv);
  const char *help;
} TuiCmd;

const TuiCmd *cmds_table(size_t *n);
/* Exact name only: a prefix is for Tab to finish, never guessed. */
const TuiCmd *cmds_find(const char *name);
/* Splits line into words and runs the command; an empty line does
 * nothing; an unknown command is an error message, never fatal. */
void cmds_exec(struct App *app, const char *line);

/* Completion of the word that ends at cursor (line is UTF-8, cursor a
 * byte offset): appends to insert what to type after the cursor (the
 * common part of every match, plus a space when only one matches) and,
 * when more than one match, the matches separated by spaces to listing. */
void cmds_complete(const char *line, size_t cursor, const char *const *ids,
                   size_t nids, Buf *insert, Buf *listing);

#endif
