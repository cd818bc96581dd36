/* cmd_tui.c - `panicroom` with no command, or `panicroom tui [--line]
 * [--lang en|zh] [ID]`: the interactive lab (tui/tui.h).
 *
 * Full screen needs a terminal on stdin and stdout: without one (a pipe,
 * cron, CI) we print the usage and exit 2 rather than draw escape codes
 * into a file. `--line` is the same lab one command per line, for
 * pipes and tests: `printf 'run\nquit\n' | panicroom tui --line`.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tui/tui.h"

/* Declared in main.c's table too; cli.h is the lead's to extend. */

static int usage(void)
{
  fputs("usage: panicroom [tui] [--line] [--lang en|zh] [ID]\n"
        "  the full-screen lab needs a terminal on stdin and stdout;\n"
        "  --line reads one command per line instead (try: "
        "echo help | panicroom tui --line)\n"
        "  other commands: panicroom --help\n",
        stderr);
  return CLI_USAGE;
}

int cmd_tui(int argc, char **argv)
{
  TuiOptions o = {NULL, catalog_lang_from_env(), false};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--line") == 0) {
      o.line_mode = true;
    } else if (strcmp(a, "--lang") == 0) {
      if (i + 1 >= argc || catalog_lang_parse(argv[i + 1], &o.lang) < 0)
        return cli_usage_error("tui: --lang must be en or zh");
      i++;
    } else if (a[0] == '-' && a[1]) {
      return cli_usage_error("tui: unknown option %s", a);
    } else if (!o.lesson) {
      o.lesson = a;
    } else {
      return cli_usage_error("tui: one lesson at a time");
    }
  }
  if (!o.line_mode && (!isatty(0) || !isatty(1)))
    return usage();
  return tui_main(&o);
}
