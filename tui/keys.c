/* tui/keys.c - the key table and the texts generated from it. */
#include "tui/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/cmds.h"

static const KeyBinding table[] = {
#define KEY(fn, code, label, action, command, hint, help) \
  {fn, code, label, action, command, hint, help},
#include "tui/keys.def"
#undef KEY
};
#define NKEYS (sizeof table / sizeof table[0])

const KeyBinding *keys_table(size_t *n)
{
  *n = NKEYS;
  return table;
}

const KeyBinding *keys_find(bool fn, int code)
{
  for (size_t i = 0; i < NKEYS; i++)
    if (table[i].fn == fn && table[i].code == code)
      return &table[i];
  return NULL;
}

void keys_status_hints(Buf *out)
{
  for (size_t i = 0; i < NKEYS; i++) {
    if (!table[i].hint)
      continue;
    if (out->len)
      buf_puts(out, "  ");
    buf_printf(out, "%s %s", table[i].label, table[i].hint);
  }
}

void keys_help(Buf *out)
{
  size_t n;
  const TuiCmd *cmds = cmds_table(&n);
  buf_puts(out, "Keys (when the prompt is not focused)\n");
  for (size_t i = 0; i < NKEYS; i++)
    buf_printf(out, "  %-6s %s\n", table[i].label, table[i].help);
  buf_puts(out, "\nCommands (press : first; Tab completes, Up/Down recall,"
                " Esc leaves the prompt)\n");
  for (size_t i = 0; i < n; i++) {
    char syn[64];
    snprintf(syn, sizeof syn, "%s%s%s", cmds[i].name,
             cmds[i].args[0] ? " " : "", cmds[i].args);
    buf_printf(out, "  %-22s %s\n", syn, cmds[i].help);
  }
}
