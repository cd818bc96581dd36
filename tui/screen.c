/* tui/screen.c - the full screen: curses set-up and teardown, the main
 * loop, and the frame.
 *
 * Decisions:
 *   - Every frame is drawn whole from state (erase, four panes, status,
 *     prompt, help) and ncurses sends only the difference, so there is
 *     no partial-update bookkeeping to get wrong, and a resize is just a
 *     new layout followed by the same drawing.
 *   - All drawing happens on stdscr in the main loop (or in the run's
 *     live hook, which is the main loop blocked inside runner_spawn);
 *     signal handlers only restore the terminal and re-raise.
 *   - KEY_RESIZE comes from wget_wch (ncurses' own SIGWINCH handling).
 *   - Playback has no timer: before each frame the loop moves the trace
 *     cursor by the clock (app_tick), and waits for a key no longer than
 *     the next event is due (tm_wait_ms), so an idle screen sleeps.
 */
#include "tui/tui.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "tui/app.h"
#include "tui/cmds.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/layout.h"
#include "tui/pane.h"
#include "tui/prompt.h"
#include "tui/theme.h"

/* The diagram slot (pane.h): the state machines of the App's trace. */
#define TUI_DIAGRAM_CLASS pane_diagram_class

/* Output arriving during a run redraws at most this often: a program
 * printing in a loop must not turn into a terminal-bound redraw loop. */
#define SCREEN_LIVE_MS 50
/* ncurses waits this long after ESC for the rest of a sequence. */
#define SCREEN_ESCDELAY 25

enum { P_LESSON, P_CODE, P_OUTPUT, P_DIAGRAM, P_COUNT };

typedef struct Screen {
  App *app;
  Layout lay;
  Pane panes[P_COUNT];
  int focus;          /* P_* */
  bool show_code;     /* tabbed layout: code instead of the lesson */
  bool prompt_focus;
  Prompt *prompt;
  char *hist_path;
  int help_scroll;
  struct timespec last_live;
} Screen;

static volatile sig_atomic_t curses_active;
/* The process that owns the screen. A run's child is a fork of us and
 * inherits these handlers: if it crashes, or die()s, it must not send
 * endwin's escape sequences into its stdout (our pipe). */
static pid_t curses_pid;

/* --- restoring the terminal --------------------------------------------------
 */

static void restore_terminal(void)
{
  if (curses_active && getpid() == curses_pid) {
    curses_active = 0;
    endwin();
  }
}

static void on_fatal_signal(int sig)
{
  restore_terminal();
  signal(sig, SIG_DFL);
  raise(sig);
}

static void install_restore(void)
{
  static const int sigs[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL,
                             SIGTERM, SIGHUP,  SIGINT, SIGQUIT};
  struct sigaction sa = {.sa_handler = on_fatal_signal};
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    sigaction(sigs[i], &sa, NULL);
  atexit(restore_terminal);
  die_set_hook(restore_terminal);
}

/* --- the frame ---------------------------------------------------------------
 */

static bool pane_visible(const Screen *s, int i)
{
  if (s->lay.kind != LAYOUT_TABBED)
    return true;
  if (i == P_LESSON)
    return !s->show_code;
  if (i == P_CODE)
    return s->show_code;
  return true;
}

static void relayout(Screen *s)
{
  layout_compute(COLS, LINES, &s->lay);
  static const LayoutPane map[P_COUNT] = {LP_LESSON, LP_CODE, LP_OUTPUT,
                                          LP_DIAGRAM};
  for (int i = 0; i < P_COUNT; i++)
    s->panes[i].cls->resize(&s->panes[i], s->lay.r[map[i]]);
  if (!pane_visible(s, s->focus))
    s->focus = s->show_code ? P_CODE : P_LESSON;
}

static void draw_too_small(const Screen *s)
{
  char a[96], b[96];
  snprintf(a, sizeof a, "panicroom needs %dx%d; this terminal is %dx%d.",
           LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS, s->lay.cols, s->lay.rows);
  snprintf(b, sizeof b, "Enlarge it, or press q to quit.");
  int y = s->lay.rows / 2 - 1;
  draw_str(y < 0 ? 0 : y, 1, COLS - 2, a, theme_attr(TH_ERROR));
  draw_str(y + 1 < 0 ? 0 : y + 1, 1, COLS - 2, b, theme_attr(TH_NORMAL));
}

static void progress_marks(const App *app, Buf *b)
{
  static const char *const flags[] = {"seen", "crashed", "fixed",
                                      "verified"};
  for (int i = 0; i < 4; i++)
    buf_putc(b, app_flag(app, flags[i]) ? "scfv"[i] : '.');
}

/* "event 12/34 ▶ 16/s │ " while there is a trace: where the cursor is,
 * whether it plays (a mark, not a colour) and how fast. */
static void trace_status(const TraceModel *m, Buf *b)
{
  if (!m->n)
    return;
  int speed = tm_speed(m);
  buf_printf(b, "event %zu/%zu %s ", m->cur + 1, m->n,
             m->playing ? "\u25b6" : "\u2016");
  if (speed)
    buf_printf(b, "%d/s", speed);
  else
    buf_puts(b, "max");
  buf_puts(b, " \u2502 ");
}

static void draw_status(const Screen *s)
{
  const App *app = s->app;
  Rect r = s->lay.r[LP_STATUS];
  Buf b = BUF_INIT;
  attr_t a = theme_attr(TH_STATUS);
  draw_fill(r.y, r.x, r.w, a);
  buf_printf(&b, " %s %zu/%zu \u2502 seed ", app_lesson(app)->id,
             app->cur + 1, app->cat.nlessons);
  app_token(app, &b);
  buf_printf(&b, " \u2502 %s \u2502 ", app_view_name(app->view));
  progress_marks(app, &b);
  buf_puts(&b, " \u2502 ");
  trace_status(&app->tm, &b);
  int col = draw_str(r.y, r.x, r.w, buf_cstr(&b), a | A_BOLD);
  buf_clear(&b);
  keys_status_hints(&b);
  draw_str(r.y, r.x + col, r.w - col, buf_cstr(&b), a);
  buf_fini(&b);
}

/* The prompt row: ":" and the line when focused, then the last message
 * (or Tab's choices) in what room is left. Returns the cursor column. */
static int draw_prompt_row(Screen *s)
{
  const App *app = s->app;
  Rect r = s->lay.r[LP_PROMPT];
  int col = 0, cursor = -1;
  if (s->prompt_focus) {
    size_t len, cur;
    const wchar_t *w = prompt_text(s->prompt, &len, &cur);
    draw_str(r.y, r.x, r.w, ":", theme_attr(TH_STRONG));
    int before = draw_wstr(r.y, r.x + 1, r.w - 1, w, cur, A_NORMAL);
    cursor = 1 + before;
    col = 1 + before + draw_wstr(r.y, r.x + 1 + before, r.w - 1 - before,
                                 w + cur, len - cur, A_NORMAL);
    col += 3;
  }
  const char *listing = s->prompt_focus ? prompt_listing(s->prompt) : "";
  const char *msg = *listing ? listing
                    : app->msg.len ? app->msg.data
                    : s->prompt_focus
                        ? ""
                        : "press : for a command, ? for help";
  ThemeRole role = *listing ? TH_MESSAGE
                   : app->msg.len ? (app->msg_error ? TH_ERROR : TH_MESSAGE)
                                  : TH_DIM;
  if (col < r.w)
    draw_str(r.y, r.x + col, r.w - col, msg, theme_attr(role));
  return cursor;
}

static void draw_help(Screen *s)
{
  Rect r = {2, 1, COLS - 4, LINES - 4};
  if (r.w < 20 || r.h < 5)
    return;
  Buf h = BUF_INIT;
  keys_help(&h);
  for (int y = r.y; y < r.y + r.h; y++)
    draw_fill(y, r.x, r.w, A_NORMAL);
  draw_box(r, "help: Up/Down/PgUp/PgDn scroll, any other key closes", true);
  int row = 0, first = s->help_scroll;
  const char *p = buf_cstr(&h);
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    int y = row - first;
    if (y >= 0 && y < r.h - 2) {
      int c = 0;
      bool head = n > 0 && p[0] != ' ';
      draw_run(r.y + 1 + y, r.x + 2, &c, r.w - 4, p, n,
               theme_attr(head ? TH_HEADING : TH_NORMAL));
    }
    row++;
    p += n + (nl ? 1 : 0);
  }
  if (s->help_scroll > row - (r.h - 2))
    s->help_scroll = row - (r.h - 2) < 0 ? 0 : row - (r.h - 2);
  buf_fini(&h);
}

static void draw_frame(Screen *s)
{
  erase();
  if (s->lay.kind == LAYOUT_TOO_SMALL) {
    draw_too_small(s);
    curs_set(0);
    refresh();
    return;
  }
  for (int i = 0; i < P_COUNT; i++)
    if (pane_visible(s, i))
      s->panes[i].cls->draw(&s->panes[i], s->app, i == s->focus &&
                                                      !s->prompt_focus);
  draw_status(s);
  int cursor = draw_prompt_row(s);
  if (s->app->help)
    draw_help(s);
  attrset(A_NORMAL);
  if (cursor >= 0 && !s->app->help) {
    move(s->lay.r[LP_PROMPT].y, cursor);
    curs_set(1);
  } else {
    curs_set(0);
  }
  refresh();
}

/* --- hooks from the App ------------------------------------------------------
 */

static void hook_live(void *ctx)
{
  Screen *s = ctx;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  long ms = (now.tv_sec - s->last_live.tv_sec) * 1000 +
            (now.tv_nsec - s->last_live.tv_nsec) / 1000000;
  if (ms < SCREEN_LIVE_MS)
    return;
  s->last_live = now;
  app_tick(s->app, app_now_ms());
  draw_frame(s);
}

static void hook_message(void *ctx)
{
  Screen *s = ctx;
  if (curses_active)
    draw_frame(s); /* "running..." shows before the run blocks */
}

static void hook_suspend(void *ctx)
{
  (void)ctx;
  def_prog_mode();
  endwin();
}

static void hook_resume(void *ctx)
{
  Screen *s = ctx;
  reset_prog_mode();
  clearok(curscr, TRUE);
  relayout(s);
}

static void hook_run_line(void *ctx, const char *line, size_t n)
{
  Screen *s = ctx;
  Pane *d = &s->panes[P_DIAGRAM];
  if (d->cls->run_line)
    d->cls->run_line(d, s->app, line, n);
  hook_live(s); /* the diagram animates while the run goes on */
}

/* --- keys --------------------------------------------------------------------
 */

static void next_focus(Screen *s)
{
  for (int k = 1; k <= P_COUNT; k++) {
    int i = (s->focus + k) % P_COUNT;
    if (pane_visible(s, i)) {
      s->focus = i;
      return;
    }
  }
}

/* After a command: show what it changed (the code after fix, the lesson
 * after next). */
static void follow(Screen *s, int gen, CodeView view)
{
  App *app = s->app;
  if (app->lesson_gen != gen) {
    s->show_code = false;
    for (int i = 0; i < P_COUNT; i++)
      s->panes[i].scroll = 0;
  } else if (app->view != view) {
    s->show_code = true;
  }
  if (!pane_visible(s, s->focus))
    s->focus = s->show_code ? P_CODE : P_LESSON;
}

static void exec_line(Screen *s, const char *line)
{
  int gen = s->app->lesson_gen, tgen = s->app->trace_gen;
  size_t cur = s->app->tm.cur;
  CodeView view = s->app->view;
  buf_clear(&s->app->msg);
  cmds_exec(s->app, line);
  if (s->app->help)
    s->help_scroll = 0;
  /* Stepping is about the code: the tabbed layout shows it. */
  if (tgen == s->app->trace_gen && cur != s->app->tm.cur)
    s->show_code = true;
  follow(s, gen, view);
}

static void scroll_focused(Screen *s, KeyAction act)
{
  Pane *p = &s->panes[s->focus];
  p->cls->key(p, s->app, act);
}

static void do_binding(Screen *s, const KeyBinding *k)
{
  switch (k->action) {
  case KA_COMMAND: exec_line(s, k->command); break;
  case KA_VIEW:
    exec_line(s, "view");
    s->show_code = true;
    s->focus = P_CODE;
    break;
  case KA_TAB:
    s->show_code = !s->show_code;
    if (s->lay.kind == LAYOUT_TABBED)
      s->focus = s->show_code ? P_CODE : P_LESSON;
    break;
  case KA_FOCUS: next_focus(s); break;
  case KA_PLAY: exec_line(s, s->app->tm.playing ? "pause" : "play"); break;
  case KA_PROMPT:
    s->prompt_focus = true;
    buf_clear(&s->app->msg);
    break;
  case KA_REDRAW: clearok(curscr, TRUE); break;
  default: scroll_focused(s, k->action); break;
  }
}

static void help_key(Screen *s, bool fn, wint_t ch)
{
  const KeyBinding *k = keys_find(fn, (int)ch);
  KeyAction a = k ? k->action : KA_REDRAW;
  if (a == KA_LINE_UP || a == KA_PAGE_UP)
    s->help_scroll -= a == KA_LINE_UP ? 1 : LINES / 2;
  else if (a == KA_LINE_DOWN || a == KA_PAGE_DOWN)
    s->help_scroll += a == KA_LINE_DOWN ? 1 : LINES / 2;
  else
    s->app->help = false;
  if (s->help_scroll < 0)
    s->help_scroll = 0;
}

static void prompt_key(Screen *s, bool fn, wint_t ch)
{
  Buf line = BUF_INIT;
  if (!fn && ch == 27) { /* Esc: leave the prompt, drop the line */
    prompt_reset(s->prompt);
    s->prompt_focus = false;
  } else if (fn && (ch == KEY_PPAGE || ch == KEY_NPAGE)) {
    scroll_focused(s, ch == KEY_PPAGE ? KA_PAGE_UP : KA_PAGE_DOWN);
  } else if (prompt_feed(s->prompt, fn, ch, &line)) {
    if (line.len == 0) {
      s->prompt_focus = false;
    } else {
      prompt_remember(s->prompt, buf_cstr(&line));
      exec_line(s, buf_cstr(&line));
    }
  }
  buf_fini(&line);
}

static void handle_key(Screen *s, bool fn, wint_t ch)
{
  if (fn && ch == KEY_RESIZE) {
    relayout(s);
    return;
  }
  if (s->lay.kind == LAYOUT_TOO_SMALL) {
    if (!fn && (ch == 'q' || ch == 3))
      s->app->quit = true;
    return;
  }
  if (s->app->help) {
    help_key(s, fn, ch);
    return;
  }
  if (s->prompt_focus) {
    prompt_key(s, fn, ch);
    return;
  }
  const KeyBinding *k = keys_find(fn, (int)ch);
  if (k)
    do_binding(s, k);
  else if (!fn && ch == '\r')
    s->prompt_focus = true; /* Enter also opens the prompt */
}

/* --- set-up and the loop -----------------------------------------------------
 */

static int screen_open(Screen *s, App *app)
{
  Buf err = BUF_INIT;
  memset(s, 0, sizeof *s);
  s->app = app;
  s->hist_path = tui_history_path(app);
  /* libedit first: it must see the terminal before curses changes it. */
  s->prompt = prompt_new(s->hist_path, tui_complete, app, &err);
  if (!s->prompt) {
    fprintf(stderr, "panicroom: the prompt could not start: %s\n",
            buf_cstr(&err));
    buf_fini(&err);
    return -1;
  }
  buf_fini(&err);
  install_restore();
  set_escdelay(SCREEN_ESCDELAY);
  if (!initscr())
    die("initscr failed");
  curses_pid = getpid();
  curses_active = 1;
  cbreak();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  draw_init();
  theme_init();
  static const PaneClass *const classes[P_COUNT] = {
      &pane_lesson_class, &pane_code_class, &pane_output_class,
      &TUI_DIAGRAM_CLASS};
  for (int i = 0; i < P_COUNT; i++) {
    s->panes[i].cls = classes[i];
    s->panes[i].cls->init(&s->panes[i]);
  }
  app->hooks = (AppHooks){hook_live, hook_suspend, hook_resume, hook_message,
                          hook_run_line, s};
  relayout(s);
  return 0;
}

static void screen_close(Screen *s)
{
  s->app->hooks = (AppHooks){0};
  for (int i = 0; i < P_COUNT; i++)
    if (s->panes[i].cls)
      s->panes[i].cls->free(&s->panes[i]);
  restore_terminal();
  prompt_free(s->prompt);
  free(s->hist_path);
}

int screen_run(App *app)
{
  Screen s;
  if (screen_open(&s, app) < 0) {
    prompt_free(s.prompt);
    free(s.hist_path);
    return 1;
  }
  while (!app->quit) {
    app_tick(app, app_now_ms());
    draw_frame(&s);
    wint_t ch;
    timeout(tm_wait_ms(&app->tm, app_now_ms()));
    int r = get_wch(&ch);
    if (r == ERR)
      continue;
    handle_key(&s, r == KEY_CODE_YES, ch);
  }
  screen_close(&s);
  return 0;
}
