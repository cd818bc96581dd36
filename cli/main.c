/* cli/main.c - TEMPORARY placeholder so the build links before the real
 * command line exists; the lead replaces this file. Prints usage only. */
#include <stdio.h>

#include "config.h"

int main(int argc, char **argv)
{
  (void)argv;
  fprintf(argc > 1 ? stderr : stdout,
          "panicroom %s (placeholder build)\n"
          "usage: panicroom [list|show|hint|run|trace|verify|compare|"
          "check-lessons|init|reset|watch|grade] ...\n",
          PANICROOM_VERSION);
  return argc > 1 ? 2 : 0;
}
