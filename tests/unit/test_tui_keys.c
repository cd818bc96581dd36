/* tests/unit/test_tui_keys.c - the TUI's key table (tui/keys.def), the
 * help screen and status hints generated from it, the prompt's command
 * table and its Tab completion (tui/cmds.c). No curses is started: the
 * tables are data and completion is a pure function of the line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "base/buf.h"
#include "tui/cmds.h"
#include "tui/keys.h"

static const char *const ids[] = {"send-closed", "close-closed",
                                  "recv-closed", "wg-reuse"};
#define NIDS (sizeof ids / sizeof ids[0])

/* --- the key table ---------------------------------------------------------
 */

static void keys__unique_and_documented(void **state)
{
  (void)state;
  size_t n;
  const KeyBinding *k = keys_table(&n);
  assert_true(n >= 10);
  for (size_t i = 0; i < n; i++) {
    assert_non_null(k[i].label);
    assert_true(strlen(k[i].help) > 3);
    for (size_t j = i + 1; j < n; j++)
      if (k[i].fn == k[j].fn && k[i].code == k[j].code)
        fail_msg("key %s bound twice", k[i].label);
    assert_ptr_equal(keys_find(k[i].fn, k[i].code), &k[i]);
  }
  assert_null(keys_find(false, 0x1234));
}

static void keys__commands_exist(void **state)
{
  (void)state;
  size_t n;
  const KeyBinding *k = keys_table(&n);
  for (size_t i = 0; i < n; i++) {
    if (k[i].action != KA_COMMAND) {
      assert_null(k[i].command);
      continue;
    }
    char word[32];
    snprintf(word, sizeof word, "%s", k[i].command);
    word[strcspn(word, " ")] = '\0';
    if (!cmds_find(word))
      fail_msg("key %s runs unknown command %s", k[i].label, word);
  }
}

static void keys__the_brief_keys(void **state)
{
  (void)state;
  static const struct {
    int code;
    const char *command;
  } want[] = {{'r', "run"},  {'f', "fix"},  {'v', "verify"}, {'n', "next"},
              {'p', "prev"}, {'h', "hint"}, {'?', "help"},   {'q', "quit"},
              {'.', "step"}, {',', "back"}, {'<', "start"},  {'>', "end"},
              {'[', "speed -"}, {']', "speed +"}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const KeyBinding *k = keys_find(false, want[i].code);
    assert_non_null(k);
    assert_string_equal(k->command, want[i].command);
  }
  assert_int_equal(keys_find(false, '\t')->action, KA_VIEW);
  assert_int_equal(keys_find(false, ':')->action, KA_PROMPT);
  assert_int_equal(keys_find(false, ' ')->action, KA_PLAY);
  assert_string_equal(keys_find(true, KEY_RIGHT)->command, "step");
  assert_string_equal(keys_find(true, KEY_LEFT)->command, "back");
}

static void keys__help_lists_every_key_and_command(void **state)
{
  (void)state;
  Buf h = BUF_INIT;
  keys_help(&h);
  size_t n;
  const KeyBinding *k = keys_table(&n);
  for (size_t i = 0; i < n; i++) {
    char line[128];
    snprintf(line, sizeof line, "  %-6s %s\n", k[i].label, k[i].help);
    if (!strstr(buf_cstr(&h), line))
      fail_msg("help lacks the line for key %s", k[i].label);
  }
  const TuiCmd *c = cmds_table(&n);
  for (size_t i = 0; i < n; i++) {
    char line[64];
    snprintf(line, sizeof line, "  %s", c[i].name);
    assert_non_null(strstr(buf_cstr(&h), line));
    assert_non_null(strstr(buf_cstr(&h), c[i].help));
  }
  buf_fini(&h);
}

static void keys__status_hints(void **state)
{
  (void)state;
  Buf b = BUF_INIT;
  keys_status_hints(&b);
  assert_string_equal(buf_cstr(&b), "r run  f fix  v verify  Space play"
                                    "  . step  ? help  : cmd  q quit"
                                    "  Tab view");
  buf_fini(&b);
}

static void cmds__table_has_the_brief_commands(void **state)
{
  (void)state;
  static const char *const want[] = {
      "run",  "fix",  "edit", "verify", "compare", "step", "back", "play",
      "pause", "speed", "start", "end",
      "seed", "hint", "next", "prev",   "list",    "goto", "lang", "help",
      "quit"};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
    if (!cmds_find(want[i]))
      fail_msg("no command %s", want[i]);
  assert_null(cmds_find("ver")); /* prefixes are Tab's job */
}

/* --- completion ------------------------------------------------------------
 */

static void complete(const char *line, const char *insert,
                     const char *listing)
{
  Buf ins = BUF_INIT, lst = BUF_INIT;
  cmds_complete(line, strlen(line), ids, NIDS, &ins, &lst);
  assert_string_equal(buf_cstr(&ins), insert);
  assert_string_equal(buf_cstr(&lst), listing);
  buf_fini(&ins);
  buf_fini(&lst);
}

static void complete__command_names(void **state)
{
  (void)state;
  complete("ver", "ify ", "");
  complete("  ver", "ify ", "");
  complete("q", "uit ", "");
  complete("s", "", "step speed start seed");
  complete("p", "", "play pause prev");
  complete("pa", "use ", "");
  complete("pr", "ev ", "");
  complete("xyz", "", "");
}

static void complete__arguments(void **state)
{
  (void)state;
  complete("goto se", "nd-closed ", "");
  complete("goto ", "", "send-closed close-closed recv-closed wg-reuse");
  complete("goto c", "lose-closed ", "");
  complete("goto wg", "-reuse ", "");
  complete("lang z", "h ", "");
  complete("run b", "roken ", "");
  complete("verify w", "ork ", "");
  complete("view d", "iff ", "");
  complete("run d", "", "");
  complete("help ve", "rify ", "");
  complete("quit x", "", "");
  complete("bogus x", "", "");
}

static void complete__only_up_to_the_cursor(void **state)
{
  (void)state;
  Buf ins = BUF_INIT, lst = BUF_INIT;
  cmds_complete("ver xyz", 3, ids, NIDS, &ins, &lst);
  assert_string_equal(buf_cstr(&ins), "ify ");
  buf_fini(&ins);
  buf_fini(&lst);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(keys__unique_and_documented),
      cmocka_unit_test(keys__commands_exist),
      cmocka_unit_test(keys__the_brief_keys),
      cmocka_unit_test(keys__help_lists_every_key_and_command),
      cmocka_unit_test(keys__status_hints),
      cmocka_unit_test(cmds__table_has_the_brief_commands),
      cmocka_unit_test(complete__command_names),
      cmocka_unit_test(complete__arguments),
      cmocka_unit_test(complete__only_up_to_the_cursor),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
