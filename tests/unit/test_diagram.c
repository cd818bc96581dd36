/* tests/unit/test_diagram.c - the state-machine diagrams (tui/diagram*.c)
 * as pure functions: a state in, a grid of cells out.
 *
 * Every state of every primitive is drawn at two sizes, the compact form
 * of an 80x24 screen's pane (30x7 inside its border) and the full
 * drawing (60x16), and compared with text art in
 * tests/unit/testdata/diagram/<case>.txt: the characters, then one letter
 * per cell for the style (. normal, C current, E edge, F fail, d dim,
 * T title). The art was recorded with DIAGRAM_RECORD=1 and read by eye;
 * re-record after a deliberate change and review the diff. A few checks
 * below say in code what the art shows (the current state's cells, the
 * failing edge in red, marks without colour). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "tui/diagram.h"

#define ART_DIR "tests/unit/testdata/diagram/"

/* --- states --------------------------------------------------------------- */

static DgObject chan(int64_t len, int64_t cap, bool closed, DgEdge e)
{
  static const char *const vals[] = {"cat.png", "dog.png", "owl.png",
                                     "emu.png"};
  DgObject o;
  memset(&o, 0, sizeof o);
  o.kind = DK_CHAN;
  o.id = 1;
  o.name = "jobs";
  o.elem = "string";
  o.u.ch.len = len;
  o.u.ch.cap = cap;
  o.u.ch.closed = closed;
  for (int i = 0; i < len && i < 4; i++)
    o.u.ch.buf[o.u.ch.nbuf++] = vals[i];
  o.edge = e;
  o.edge_g = 1;
  o.edge_now = true;
  return o;
}

static DgObject nilchan(DgEdge e, int nblocked)
{
  DgObject o = chan(0, 0, false, e);
  o.id = -1;
  o.name = "nil";
  o.elem = NULL;
  o.u.ch.nil = true;
  for (int i = 0; i < nblocked; i++)
    o.blocked.id[o.blocked.n++] = 5 + i;
  return o;
}

static DgObject wg(int64_t counter, int64_t waiters, DgEdge e)
{
  DgObject o;
  memset(&o, 0, sizeof o);
  o.kind = DK_WG;
  o.id = 2;
  o.name = "wg";
  o.u.wg.counter = counter;
  o.u.wg.waiters = waiters;
  if (waiters)
    o.blocked.id[o.blocked.n++] = 1;
  o.edge = e;
  o.edge_g = 5;
  o.edge_now = true;
  return o;
}

static DgObject lock(DgKind k, bool locked, int64_t readers, bool ww,
                     int64_t wr, DgEdge e)
{
  DgObject o;
  memset(&o, 0, sizeof o);
  o.kind = k;
  o.id = 3;
  o.name = "mu";
  o.u.lk.locked = locked;
  o.u.lk.holder = locked ? 6 : 0;
  o.u.lk.readers = readers;
  o.u.lk.writer_waiting = ww;
  o.u.lk.waiting_writers = ww ? 1 : 0;
  o.u.lk.waiting_readers = wr;
  if (ww)
    o.blocked_w.id[o.blocked_w.n++] = 6;
  if (wr)
    o.blocked.id[o.blocked.n++] = 5;
  o.edge = e;
  o.edge_g = 6;
  o.edge_now = true;
  return o;
}

static DgObject mutex(bool locked, int64_t waiters, DgEdge e)
{
  DgObject o = lock(DK_MUTEX, locked, 0, false, 0, e);
  o.u.lk.waiting_writers = waiters;
  for (int i = 0; i < waiters; i++)
    o.blocked.id[o.blocked.n++] = 7 + i;
  return o;
}

/* --- comparing with the art ----------------------------------------------- */

static char *slurp(const char *path)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  Buf b;
  buf_init(&b);
  char tmp[4096];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
    buf_append(&b, tmp, n);
  fclose(f);
  return buf_steal(&b);
}

static void render(const DgObject *o, int w, int h, bool marks, Buf *out)
{
  DgGrid g;
  DgOpts opts = {marks, false};
  dg_grid_init(&g);
  dg_grid_resize(&g, w, h);
  dg_render(o, &opts, &g);
  dg_grid_dump(&g, out, true);
  dg_grid_fini(&g);
}

static void check_art(const char *name, const DgObject *o)
{
  static const int sizes[2][2] = {{30, 7}, {60, 16}};
  for (int s = 0; s < 2; s++) {
    char path[256];
    snprintf(path, sizeof path, ART_DIR "%s.%dx%d.txt", name, sizes[s][0],
             sizes[s][1]);
    Buf got;
    buf_init(&got);
    render(o, sizes[s][0], sizes[s][1], false, &got);
    if (getenv("DIAGRAM_RECORD")) {
      FILE *f = fopen(path, "wb");
      assert_non_null(f);
      fputs(buf_cstr(&got), f);
      fclose(f);
    }
    char *want = slurp(path);
    if (!want)
      fail_msg("%s: missing (record with DIAGRAM_RECORD=1)", path);
    if (strcmp(want, buf_cstr(&got)) != 0)
      fail_msg("%s differs; got:\n%s", path, buf_cstr(&got));
    free(want);
    buf_fini(&got);
  }
}

/* --- every state of every primitive --------------------------------------- */

static void diagram__chan_states(void **state)
{
  (void)state;
  DgObject o = nilchan(DE_NONE, 0);
  check_art("chan-nil", &o);
  o = nilchan(DE_RECV_NIL, 2);
  check_art("chan-nil-blocked", &o);
  o = nilchan(DE_CLOSE_NIL, 0);
  check_art("chan-close-nil", &o);
  o = chan(0, 4, false, DE_MAKE);
  check_art("chan-empty", &o);
  o = chan(2, 4, false, DE_SEND);
  check_art("chan-partial", &o);
  o = chan(4, 4, false, DE_SEND);
  check_art("chan-full", &o);
  o = chan(4, 4, false, DE_SEND_BLOCK);
  o.u.ch.sendq.id[o.u.ch.sendq.n++] = 1;
  check_art("chan-full-sendq", &o);
  o = chan(3, 4, true, DE_CLOSE);
  check_art("chan-closed-drain", &o);
  o = chan(0, 4, true, DE_RECV);
  check_art("chan-drained", &o);
  o = chan(0, 4, true, DE_SEND_CLOSED);
  check_art("chan-send-closed", &o);
  o = chan(2, 4, true, DE_CLOSE_CLOSED);
  check_art("chan-close-closed", &o);
  o = chan(0, 0, false, DE_RECV_BLOCK);
  o.u.ch.recvq.id[o.u.ch.recvq.n++] = 5;
  check_art("chan-unbuffered", &o);
  o = chan(0, 0, true, DE_CLOSE);
  check_art("chan-unbuffered-closed", &o);
}

static void diagram__wg_states(void **state)
{
  (void)state;
  DgObject o = wg(0, 0, DE_NONE);
  check_art("wg-zero", &o);
  o = wg(2, 0, DE_ADD);
  check_art("wg-counting", &o);
  o = wg(2, 1, DE_WAIT_BLOCK);
  check_art("wg-waiting", &o);
  o = wg(0, 0, DE_WAIT_RETURN);
  check_art("wg-wait-returns", &o);
  o = wg(-1, 0, DE_NEGATIVE);
  check_art("wg-negative", &o);
  o = wg(1, 0, DE_REUSE);
  check_art("wg-reuse", &o);
}

static void diagram__mutex_states(void **state)
{
  (void)state;
  DgObject o = mutex(false, 0, DE_NONE);
  check_art("mutex-unlocked", &o);
  o = mutex(true, 0, DE_LOCK);
  check_art("mutex-locked", &o);
  o = mutex(true, 2, DE_LOCK_BLOCK);
  check_art("mutex-waiters", &o);
  o = mutex(true, 0, DE_UNLOCK_FATAL);
  check_art("mutex-unlock-unlocked", &o);
}

static void diagram__rwmutex_states(void **state)
{
  (void)state;
  DgObject o = lock(DK_RWMUTEX, false, 0, false, 0, DE_NONE);
  check_art("rw-unlocked", &o);
  o = lock(DK_RWMUTEX, false, 2, false, 0, DE_RLOCK);
  check_art("rw-read-locked", &o);
  o = lock(DK_RWMUTEX, true, 0, false, 0, DE_LOCK);
  check_art("rw-write-locked", &o);
  o = lock(DK_RWMUTEX, false, 1, true, 0, DE_LOCK_BLOCK);
  check_art("rw-writer-waiting", &o);
  o = lock(DK_RWMUTEX, false, 1, true, 1, DE_RLOCK_BLOCK);
  check_art("rw-readers-queued", &o);
  o = lock(DK_RWMUTEX, false, 0, false, 0, DE_RUNLOCK_FATAL);
  check_art("rw-runlock-unlocked", &o);
}

/* --- what the art shows, said in code ------------------------------------- */

static int count_attr(const DgGrid *g, DgAttr a)
{
  int n = 0;
  for (int i = 0; i < g->w * g->h; i++)
    n += g->cells[i].attr == a;
  return n;
}

static bool has_text(const DgGrid *g, const char *s)
{
  Buf b;
  buf_init(&b);
  dg_grid_dump(g, &b, false);
  bool found = strstr(buf_cstr(&b), s) != NULL;
  buf_fini(&b);
  return found;
}

static void diagram__failing_edge_is_red(void **state)
{
  (void)state;
  DgObject o = chan(0, 4, true, DE_SEND_CLOSED);
  DgGrid g;
  DgOpts plain = {false, false};
  dg_grid_init(&g);
  dg_grid_resize(&g, 60, 16);
  dg_render(&o, &plain, &g);
  assert_true(count_attr(&g, DA_FAIL) > 20);    /* arrow, PANIC, message */
  assert_true(count_attr(&g, DA_CURRENT) > 20); /* the drained box */
  assert_int_equal(count_attr(&g, DA_EDGE), 0);
  assert_true(has_text(&g, "g1 send on closed channel"));
  dg_grid_fini(&g);
}

/* Under NO_COLOR the same meaning is in the characters. */
static void diagram__marks_without_colour(void **state)
{
  (void)state;
  DgObject o = chan(0, 4, true, DE_SEND_CLOSED);
  DgGrid g;
  DgOpts marks = {true, false};
  dg_grid_init(&g);
  dg_grid_resize(&g, 60, 16);
  dg_render(&o, &marks, &g);
  assert_true(has_text(&g, "\xe2\x95\x91 drained \xe2\x95\x91")); /* ║ */
  assert_true(has_text(&g, "x send, close"));
  assert_true(has_text(&g, "! g1 send on closed channel"));
  dg_grid_resize(&g, 30, 7);
  dg_render(&o, &marks, &g);
  assert_true(has_text(&g, "> closed, drained"));
  assert_true(has_text(&g, "!panic"));
  dg_grid_fini(&g);
}

static void diagram__ascii_and_tiny(void **state)
{
  (void)state;
  DgObject o = lock(DK_RWMUTEX, false, 1, true, 0, DE_LOCK_BLOCK);
  DgGrid g;
  DgOpts ascii = {true, true};
  dg_grid_init(&g);
  dg_grid_resize(&g, 60, 16);
  dg_render(&o, &ascii, &g);
  assert_true(has_text(&g, "#=========#"));
  assert_true(has_text(&g, "=====>H writer  H"));
  for (int w = 0; w <= 12; w++) /* nothing drawn outside, at any size */
    for (int h = 0; h <= 4; h++) {
      dg_grid_resize(&g, w, h);
      assert_true(dg_render(&o, &ascii, &g) <= h);
    }
  dg_grid_fini(&g);
}

static void diagram__goroutine_list(void **state)
{
  (void)state;
  DgGor gs[] = {{1, "waiting", "semacquire", "runtime.main", 2, false},
                {5, "running", NULL, "main.worker", 0, true},
                {6, "dead", NULL, "main.worker", 0, false},
                {7, "waiting", "chan send", "main.worker", 1, false}};
  DgGrid g;
  DgOpts marks = {true, false};
  dg_grid_init(&g);
  dg_grid_resize(&g, 40, 4);
  assert_int_equal(dg_render_gors(gs, 4, &marks, &g, 0, 4), 4);
  Buf b;
  buf_init(&b);
  dg_grid_dump(&g, &b, true);
  assert_string_equal(buf_cstr(&b), "goroutines\n"
                                    " g1   waiting [semacquire] runtime.main\n"
                                    ">g5   running main.worker\n"
                                    " ... 2 more\n"
                                    "TTTTTTTTTT\n"
                                    ".......................................\n"
                                    "CCCCCCCCCCCCCCCCCCCCCCCCC\n"
                                    "ddddddddddd\n");
  buf_fini(&b);
  dg_grid_fini(&g);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(diagram__chan_states),
      cmocka_unit_test(diagram__wg_states),
      cmocka_unit_test(diagram__mutex_states),
      cmocka_unit_test(diagram__rwmutex_states),
      cmocka_unit_test(diagram__failing_edge_is_red),
      cmocka_unit_test(diagram__marks_without_colour),
      cmocka_unit_test(diagram__ascii_and_tiny),
      cmocka_unit_test(diagram__goroutine_list),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
