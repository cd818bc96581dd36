/* tui/app.h - the TUI's state and everything a command does to it, with
 * no drawing: the full-screen front end (screen.c) and the line-mode
 * front end (tui.c) drive the same App, so `printf 'run\nquit\n' |
 * panicroom tui --line` tests the very code behind the keys.
 *
 * The state, and where it lives:
 *   - the catalog (read-only, installed content is never modified);
 *   - per lesson: broken.go, fixed.go, fixed.stdout from the scenario,
 *     and the learner's working copy in
 *     $XDG_DATA_HOME/panicroom/work/<id>/main.go (default
 *     ~/.local/share/...), created from broken.go by `fix` or `edit`;
 *   - progress (lessons/progress.h) in $XDG_STATE_HOME/panicroom: the
 *     status (started when seen, passed when verified) plus the flags
 *     "seen", "crashed", "fixed", "verified" in the lesson's entry (the
 *     progress file keeps fields it does not know, see progress.h);
 *   - the console: what the output pane shows, i.e. the last run's
 *     stdout/stderr exactly as captured, then its verdict line; or a
 *     verify report, a hint, the lesson list.
 *
 * Runs are synchronous: runner_spawn() polls the child's pipes itself and
 * returns when the child is gone, bounded by the runner's limits (the
 * wall clock and the engine's step limit below), so a runaway ends as a
 * `timeout` verdict after a few seconds at most. While it runs, output
 * arrives through on_output into the console and the front end's live()
 * hook redraws it (throttled), so the screen shows a streaming run.
 */
#ifndef PANICROOM_TUI_APP_H
#define PANICROOM_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "lessons/catalog.h"
#include "lessons/progress.h"
#include "runner/capture.h"
#include "runner/schedule.h"
#include "runner/verdict.h"
#include "tui/diagram.h"
#include "tui/diff.h"
#include "tui/trace_model.h"

/* A TUI run may take this long on the wall clock; a lesson takes
 * milliseconds, so this only ever ends a runaway. */
#define APP_RUN_WALL_MS 5000
#define APP_RUN_CPU_S 5
/* About half a second of engine time: a lesson needs thousands. */
#define APP_RUN_MAX_STEPS INT64_C(50000000)
/* What the console keeps of one run: the start and the end (where the
 * panic is), with the gap marked (runner/capture.h). */
#define APP_CONSOLE_HEAD (256u << 10)
#define APP_CONSOLE_TAIL (64u << 10)
/* TUI verify: fewer schedules than the CLI's 1000 so the answer is
 * instant; `verify N` asks for more. */
#define APP_VERIFY_SCHEDULES 500

typedef enum CodeView {
  VIEW_BROKEN, /* scenarios/<id>/broken.go */
  VIEW_FIXED,  /* scenarios/<id>/fixed.go, the reference fix */
  VIEW_DIFF,   /* broken.go against the working copy (else fixed.go) */
  VIEW_WORK,   /* the learner's working copy */
  VIEW_COUNT
} CodeView;

/* How the last console line (the verdict) reads. */
typedef enum Tone {
  TONE_NONE,
  TONE_OK,       /* the program ended well / verify passed */
  TONE_EXPECTED, /* broken.go failed the way the lesson says */
  TONE_FAIL      /* anything else that went wrong */
} Tone;

typedef struct Source {
  char *text; /* owned, NUL-terminated; NULL when there is none */
  size_t len;
  unsigned char *hl; /* owned: highlight class per byte */
  Lines lines;
} Source;

/* Front-end hooks; any may be NULL (line mode has no live redraw). */
typedef struct AppHooks {
  void (*live)(void *ctx);       /* output arrived during a run */
  void (*suspend)(void *ctx);    /* before $EDITOR takes the terminal */
  void (*resume)(void *ctx);     /* after it gives it back */
  void (*message)(void *ctx);    /* app->msg changed */
  void (*run_line)(void *ctx, const char *line, size_t n); /* events */
  void *ctx;
} AppHooks;

typedef struct App {
  Catalog cat;
  Progress prog;
  bool have_prog;     /* there is a progress file to write */
  Lang lang;
  size_t cur;         /* index into cat.lessons */
  char *work_root;    /* $XDG_DATA_HOME/panicroom/work */
  char *state_dir;    /* $XDG_STATE_HOME/panicroom (history) */

  /* The current lesson. */
  Source src[VIEW_COUNT]; /* VIEW_DIFF unused: built from two others */
  char *work_path;
  char *expect;       /* fixed.stdout, NULL if none */
  size_t expect_len;
  Diff diff;          /* broken against the diff view's right side */
  CodeView view;
  ScheduleSpec spec;  /* what the next run follows */
  int lesson_gen;     /* bumped when the lesson or language changes */

  /* The console (output pane). */
  char *console_title;
  Buf console;
  Capture cap;        /* the running program's output, arrival order */
  bool running;
  size_t stderr_at;   /* console offset where stderr began, or SIZE_MAX */
  Buf verdict_line;
  Tone tone;
  int console_gen;    /* bumped when the console is replaced */
  int scroll_hint;    /* the line the output pane should show first */
  uint64_t run_events; /* result-channel lines of the last run */

  /* The last run's event trace and its cursor (app_trace.c): the
   * diagram pane draws it, the code pane marks its line, and step /
   * back / play move it. It lives here, not in a pane, so that commands,
   * keys and line mode all reach the same cursor. */
  TraceModel tm;
  CodeView trace_view;    /* the source that ran; VIEW_COUNT: no trace */
  const char *trace_file; /* the name its events' "pos" carry (static) */
  int trace_gen;          /* bumped when a run starts a new trace */

  Buf msg;            /* one-line message for the status area */
  bool msg_error;
  bool help;          /* the help screen is up */
  bool quit;
  bool line_mode;
  AppHooks hooks;
} App;

/* Loads catalog and progress and opens the lesson id (NULL: the first
 * unfinished one). Returns 0, or -1 with *err set (no lessons at all, an
 * unknown id); the App must be app_fini'd either way. */
int app_init(App *app, const char *id, Lang lang, bool line_mode, Buf *err);
void app_fini(App *app);

const Lesson *app_lesson(const App *app);
const LessonText *app_text(const App *app);
/* Opens lesson i (clamped): sources, schedule, view, progress "seen". */
void app_select(App *app, size_t i);
/* The lesson with that id; -1 if none. */
int app_find(const App *app, const char *id);

/* Message for the status area (also printed in line mode). */
void app_say(App *app, const char *fmt, ...) PANICROOM_PRINTF(2, 3);
void app_error(App *app, const char *fmt, ...) PANICROOM_PRINTF(2, 3);
/* Replaces the console with text under a title. */
void app_console_set(App *app, const char *title, const char *text);

/* The view the code pane shows next after Tab (VIEW_WORK only when a
 * working copy exists). */
CodeView app_next_view(const App *app);
const char *app_view_name(CodeView v);
/* Sets the view (VIEW_WORK falls back to VIEW_BROKEN without a copy). */
void app_set_view(App *app, CodeView v);
/* The source a run or verify of the current view uses: broken, fixed or
 * the working copy (the diff view means the working copy, else fixed). */
CodeView app_target(const App *app);
bool app_has_work(const App *app);

/* The commands' work; each reports through app_say and the console. */
void app_run(App *app, CodeView target);
void app_verify(App *app, CodeView target, int schedules);
void app_fix(App *app);
void app_edit(App *app);
void app_compare(App *app, CodeView target);
void app_hint(App *app, int n); /* 0: the next one */
void app_list(App *app);
void app_set_lang(App *app, Lang lang);
/* The schedule token as shown in the status line ("go::0"). */
void app_token(const App *app, Buf *out);

/* --- the event trace (app_trace.c) ----------------------------------------
 * The cursor commands; each pauses playback (but play), and says where
 * the cursor is (line mode also prints the diagram as text). */
void app_step(App *app, long delta); /* step N (> 0) / back N (< 0) */
void app_seek_start(App *app);
void app_seek_end(App *app);
void app_play(App *app);
void app_pause(App *app);
/* Speed by a step (dir +1 / -1), or set to eps events a second (0:
 * instant); unknown values take the nearest speed the model has. */
void app_speed_step(App *app, int dir);
void app_speed_set(App *app, int eps);
/* The playback clock (CLOCK_MONOTONIC ms); the front end calls app_tick
 * before each frame and sleeps at most tm_wait_ms() for input. Returns
 * whether the cursor moved. */
int64_t app_now_ms(void);
bool app_tick(App *app, int64_t now_ms);
/* The DgKind of the lesson's first drawable primitive, or -1: what the
 * diagram keeps in view when the current event touches no object. */
int app_trace_prefer(const App *app);
/* The line of the current event in the code view v (1-based), and its
 * goroutine; 0 when that view does not show the source the trace ran,
 * or the event has no position. side is 'a' or 'b' in the diff view:
 * which side's line numbers the answer uses. */
int app_trace_line(const App *app, CodeView v, int64_t *g, char *side);
/* The diagram at the cursor into g (sized by the caller): the object in
 * focus (tm_focus), then the goroutines in the rows left; or a sentence
 * saying why there is nothing to draw. Pure: no curses. */
void app_trace_render(const App *app, const DgOpts *opts, DgGrid *g);

/* Progress flags of the current lesson ("seen", "crashed", "fixed",
 * "verified"). */
bool app_flag(const App *app, const char *flag);

#endif
