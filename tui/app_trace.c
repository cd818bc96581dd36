/* tui/app_trace.c - the last run's event trace in the App (app.h): how a
 * run's result-channel lines become the TraceModel, and the cursor
 * commands (step, back, play, pause, speed, start, end) that the prompt,
 * the keys and line mode share. The App module's third part.
 *
 * Decisions:
 *   - The model is fed here, from the run's on_event, not by the diagram
 *     pane: the pane only draws (pane.h: draw never changes the App), and
 *     line mode, which has no panes, steps through the same model.
 *   - Time is the front end's: the screen calls app_tick before each
 *     frame with the monotonic clock and sleeps tm_wait_ms for input, so
 *     playback needs no timer, thread or signal. Line mode never plays:
 *     after a run its cursor rests on the last event, where the crash is.
 *   - Every cursor command says where it landed in one line ("event
 *     12/17 g6 rw_lock line 18 · mu: writer waiting (...)"), so a learner
 *     reading only the prompt row, or a pipe, knows what changed.
 */
#include "tui/app.h"
#include "tui/app_int.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lessons/frontmatter.h"

/* Goroutines listed under a diagram: more than a pane has rows. */
#define TRACE_GORS_MAX 64
/* Line mode prints the diagram at this size: the full drawing's minimum
 * (diagram.c DG_FULL_W x DG_FULL_H) plus room for the goroutine list. */
#define TRACE_PRINT_W 72
#define TRACE_PRINT_H 24

int64_t app_now_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* --- feeding ----------------------------------------------------------------
 */

void app_trace_clear(App *app)
{
  tm_reset(&app->tm);
  app->trace_view = VIEW_COUNT;
  app->trace_file = NULL;
  app->trace_gen++;
}

void app_trace_begin(App *app, CodeView view, const char *file)
{
  app_trace_clear(app);
  app->trace_view = view;
  app->trace_file = file;
}

void app_trace_feed(App *app, const char *line, size_t n)
{
  if (n == 0 || line[0] != '{')
    return; /* the exit record (runner/record.h) is the runner's */
  bool first = app->tm.n == 0;
  tm_feed(&app->tm, line, n);
  /* The screen animates from the first event while the run goes on. */
  if (first && app->tm.n && !app->line_mode)
    tm_play(&app->tm, app_now_ms());
}

void app_trace_end(App *app)
{
  if (app->line_mode)
    tm_end(&app->tm);
}

bool app_tick(App *app, int64_t now_ms) { return tm_tick(&app->tm, now_ms); }

/* --- what the cursor shows --------------------------------------------------
 */

int app_trace_prefer(const App *app)
{
  const LessonMeta *m = &app_text(app)->meta;
  for (size_t i = 0; i < m->nprims; i++)
    switch (m->prims[i]) {
    case FM_PRIM_CHANNEL:
      return DK_CHAN;
    case FM_PRIM_WAITGROUP:
      return DK_WG;
    case FM_PRIM_MUTEX:
      return DK_MUTEX;
    case FM_PRIM_RWMUTEX:
      return DK_RWMUTEX;
    default:
      break;
    }
  return -1;
}

/* The source the diff view shows on its right side (app.h). */
static CodeView diff_right(const App *app)
{
  return app_has_work(app) ? VIEW_WORK : VIEW_FIXED;
}

int app_trace_line(const App *app, CodeView v, int64_t *g, char *side)
{
  const char *file;
  int line = tm_where(&app->tm, &file, g);
  *side = 'b';
  if (!line || !app->trace_file || strcmp(file, app->trace_file) != 0)
    return 0;
  if (v == app->trace_view)
    return line;
  if (v != VIEW_DIFF)
    return 0;
  if (app->trace_view == VIEW_BROKEN)
    *side = 'a';
  else if (app->trace_view != diff_right(app))
    return 0;
  return line;
}

/* Rows of dim text saying why there is no diagram. */
static void render_why(const App *app, DgGrid *g)
{
  static const char *const idle[] = {"r runs the program: its channels,",
                                     "WaitGroups and locks are drawn",
                                     "here as their events arrive", NULL};
  static const char *const running[] = {"running\u2026", NULL};
  static const char *const none[] = {"no events: the program did not run",
                                     "(a compile error?)", NULL};
  const char *const *t = app->running                    ? running
                         : app->trace_view == VIEW_COUNT ? idle
                                                         : none;
  for (int y = 0; t[y]; y++)
    dg_text(g, 0, y, g->w, t[y], DA_DIM);
}

/* When the rows left cannot list every goroutine, the one acting at the
 * cursor goes first: it is the one the diagram's edge is about. */
static void current_first(DgGor *gs, int n, int rows)
{
  if (n + 1 <= rows)
    return;
  for (int i = 1; i < n; i++)
    if (gs[i].current) {
      DgGor cur = gs[i];
      memmove(gs + 1, gs, (size_t)i * sizeof *gs);
      gs[0] = cur;
      return;
    }
}

void app_trace_render(const App *app, const DgOpts *opts, DgGrid *g)
{
  const TraceModel *m = &app->tm;
  dg_grid_clear(g);
  if (!m->n) {
    render_why(app, g);
    return;
  }
  DgObject o;
  int64_t id = tm_focus(m, app_trace_prefer(app));
  int used;
  if (id && tm_object_at(m, id, m->cur, &o)) {
    used = dg_render(&o, opts, g);
  } else {
    dg_text(g, 0, 0, g->w, "no channel, WaitGroup or lock yet", DA_DIM);
    used = 1;
  }
  DgGor gs[TRACE_GORS_MAX];
  int n = tm_gors_at(m, m->cur, gs, TRACE_GORS_MAX);
  if (g->h - used > n + 1) /* a blank row between, when there is room */
    used++;
  current_first(gs, n, g->h - used);
  if (used < g->h)
    dg_render_gors(gs, n, opts, g, used, g->h - used);
}

/* --- the cursor commands ----------------------------------------------------
 */

/* Line mode: the diagram as text, as the pane would draw it (marks on:
 * a pipe has no colour). */
static void print_diagram(const App *app)
{
  DgGrid g;
  DgOpts o = {.marks = true, .ascii = false};
  Buf b = BUF_INIT;
  dg_grid_init(&g);
  dg_grid_resize(&g, TRACE_PRINT_W, TRACE_PRINT_H);
  app_trace_render(app, &o, &g);
  dg_grid_dump(&g, &b, false);
  while (b.len >= 2 && b.data[b.len - 1] == '\n' && b.data[b.len - 2] == '\n')
    b.data[--b.len] = '\0'; /* the empty rows below the drawing */
  fputs(buf_cstr(&b), stdout);
  fflush(stdout);
  buf_fini(&b);
  dg_grid_fini(&g);
}

/* "event 12/17 g6 rw_lock line 18 · mu: writer waiting (...)". */
static void say_where(App *app)
{
  const TraceModel *m = &app->tm;
  const TmEvent *e = tm_current(m);
  Buf b = BUF_INIT;
  buf_printf(&b, "event %zu/%zu", m->cur + 1, m->n);
  if (e->g)
    buf_printf(&b, " g%lld", (long long)e->g);
  buf_printf(&b, " %s", e->ev < TRACE_NEVENTS ? trace_event_name(e->ev) : "?");
  if (e->line)
    buf_printf(&b, " line %d", e->line);
  DgObject o;
  int64_t id = tm_focus(m, app_trace_prefer(app));
  if (id && tm_object_at(m, id, m->cur, &o)) {
    static const char *const kinds[DK_COUNT] = {"chan", "WaitGroup", "Mutex",
                                                "RWMutex"};
    if (o.name)
      buf_printf(&b, " \u00b7 %s: ", o.name);
    else
      buf_printf(&b, " \u00b7 %s #%lld: ", kinds[o.kind], (long long)o.id);
    dg_state_name(&o, &b);
    if (o.edge_now && o.edge != DE_NONE)
      buf_printf(&b, " after %s", dg_edge_label(o.edge));
  }
  if (e->msg && e->msg[0] != '(') /* "(runtime.plainError)": see exit */
    buf_printf(&b, " \u00b7 %s", e->msg);
  app_say(app, "%s", buf_cstr(&b));
  buf_fini(&b);
  if (app->line_mode)
    print_diagram(app);
}

/* The commands need events; false (after saying so) without. */
static bool have_events(App *app)
{
  if (app->tm.n)
    return true;
  app_error(app, "no events yet: r runs the program and records them");
  return false;
}

void app_step(App *app, long delta)
{
  if (!have_events(app))
    return;
  tm_pause(&app->tm);
  tm_step(&app->tm, delta);
  say_where(app);
}

void app_seek_start(App *app)
{
  if (!have_events(app))
    return;
  tm_pause(&app->tm);
  tm_start(&app->tm);
  say_where(app);
}

void app_seek_end(App *app)
{
  if (!have_events(app))
    return;
  tm_pause(&app->tm);
  tm_end(&app->tm);
  say_where(app);
}

static void say_speed(App *app, const char *what)
{
  int s = tm_speed(&app->tm);
  if (s)
    app_say(app, "%s at %d event%s a second", what, s, s == 1 ? "" : "s");
  else
    app_say(app, "%s at full speed", what);
}

void app_play(App *app)
{
  if (!have_events(app))
    return;
  if (app->line_mode) { /* no clock to play by: show the end */
    app_seek_end(app);
    return;
  }
  tm_play(&app->tm, app_now_ms());
  say_speed(app, "playing");
}

void app_pause(App *app)
{
  if (!have_events(app))
    return;
  tm_pause(&app->tm);
  say_where(app);
}

void app_speed_step(App *app, int dir)
{
  tm_speed_step(&app->tm, dir);
  say_speed(app, app->tm.playing ? "playing" : "speed set: play");
}

void app_speed_set(App *app, int eps)
{
  static const int speeds[TM_NSPEEDS] = TM_SPEEDS;
  int want = 0; /* instant */
  if (eps > 0)  /* the first speed at least eps, else the fastest timed */
    for (want = 0; want < TM_NSPEEDS - 2 && speeds[want] < eps; want++)
      ;
  else
    want = TM_NSPEEDS - 1;
  app->tm.speed = want;
  say_speed(app, app->tm.playing ? "playing" : "speed set: play");
}
