/* test_race.c - unit tests for engine/race.c, the FastTrack core: hand-built
 * event sequences for every kind of happens-before edge the VM feeds it
 * (fork, mutex release/acquire, channel slots, WaitGroup fan-in, once),
 * each race kind (write-write, write-read, read-write, shared reads), the
 * same-epoch fast path, the stack depot and report deduplication. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "engine/race.h"

/* Addresses are only keys: distinct bytes of these arrays will do. */
static char var[64];
static char sync_obj[64];

static int stack_calls;
static RaceStack count_stack(void *ctx) {
  stack_calls++;
  return (RaceStack)(uintptr_t)ctx;
}

static bool rd(Race *r, int t, int v, RaceAccess *prev) {
  return race_access(r, t, &var[v], false, count_stack,
                     (void *)(uintptr_t)(100 + t), prev);
}

static bool wr(Race *r, int t, int v, RaceAccess *prev) {
  return race_access(r, t, &var[v], true, count_stack,
                     (void *)(uintptr_t)(200 + t), prev);
}

static void race__fork_orders_parent_before_child(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int main_t = race_thread(r, -1, 0);
  assert_false(wr(r, main_t, 0, &p));
  int child = race_thread(r, main_t, 0);
  assert_false(rd(r, child, 0, &p));
  assert_false(wr(r, child, 0, &p));
  /* ... but the parent's later accesses are not ordered with the child */
  assert_true(rd(r, main_t, 0, &p));
  assert_int_equal(p.tid, child);
  assert_true(p.write);
  race_free(r);
}

static void race__write_write_and_stacks(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  int a = race_thread(r, m, 0), b = race_thread(r, m, 0);
  assert_false(wr(r, a, 1, &p));
  assert_true(wr(r, b, 1, &p));
  assert_int_equal(p.tid, a);
  assert_true(p.write);
  assert_int_equal(p.stack, 200 + a); /* the earlier access's stack */
  race_free(r);
}

static void race__read_write_and_write_read(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  int a = race_thread(r, m, 0), b = race_thread(r, m, 0);
  assert_false(rd(r, a, 2, &p));
  assert_true(wr(r, b, 2, &p)); /* read by a, then write by b */
  assert_int_equal(p.tid, a);
  assert_false(p.write);
  assert_int_equal(p.stack, 100 + a);
  assert_false(rd(r, a, 3, &p));
  assert_false(wr(r, a, 4, &p));
  assert_true(rd(r, b, 4, &p)); /* write by a, then read by b */
  assert_true(p.write);
  race_free(r);
}

static void race__shared_reads_then_write(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  int a = race_thread(r, m, 0), b = race_thread(r, m, 0);
  int c = race_thread(r, m, 0);
  assert_false(rd(r, a, 5, &p));
  assert_false(rd(r, b, 5, &p)); /* unordered reads do not race */
  race_release(r, a, sync_obj);  /* only a's read reaches c */
  race_acquire(r, c, sync_obj);
  assert_true(wr(r, c, 5, &p));
  assert_int_equal(p.tid, b);
  assert_false(p.write);
  race_free(r);
}

static void race__mutex_release_acquire(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  int a = race_thread(r, m, 0), b = race_thread(r, m, 0);
  /* a: Lock; x++; Unlock   b: Lock; x++; Unlock */
  race_acquire(r, a, sync_obj);
  assert_false(rd(r, a, 6, &p));
  assert_false(wr(r, a, 6, &p));
  race_release(r, a, sync_obj);
  race_acquire(r, b, sync_obj);
  assert_false(rd(r, b, 6, &p));
  assert_false(wr(r, b, 6, &p));
  race_release(r, b, sync_obj);
  /* an access after b's Unlock by a without a new Lock races */
  assert_true(rd(r, a, 6, &p));
  race_free(r);
}

static void race__channel_slots(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  int s = race_thread(r, m, 0), rcv = race_thread(r, m, 0);
  char *slot = &sync_obj[8];
  /* buffered cap 1: s writes x then sends (acquire+release the slot) */
  assert_false(wr(r, s, 7, &p));
  race_acquire(r, s, slot);
  race_release(r, s, slot);
  /* the receive of that value orders the send before it; what rcv did
   * before receiving ... */
  assert_false(wr(r, rcv, 8, &p));
  race_acquire(r, rcv, slot);
  race_release(r, rcv, slot);
  assert_false(rd(r, rcv, 7, &p));
  /* ... is ordered before the (k+C)-th send, s's next use of the slot */
  race_acquire(r, s, slot);
  race_release(r, s, slot);
  assert_false(wr(r, s, 8, &p));
  race_free(r);
}

static void race__close_observed(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  int w = race_thread(r, m, 0);
  char *ch = &sync_obj[16];
  assert_false(wr(r, w, 9, &p));
  race_release(r, w, ch); /* close(done) */
  race_acquire(r, m, ch); /* <-done sees the close */
  assert_false(rd(r, m, 9, &p));
  race_free(r);
}

static void race__waitgroup_fan_in(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  enum { N = 3000 };
  char *wg = &sync_obj[24];
  static char slots[N];
  for (int i = 0; i < N; i++) {
    int t = race_thread(r, m, 0);
    assert_false(race_access(r, t, &slots[i], true, NULL, NULL, &p));
    race_release(r, t, wg); /* Done */
  }
  race_acquire(r, m, wg); /* Wait returns */
  for (int i = 0; i < N; i++)
    assert_false(race_access(r, m, &slots[i], false, NULL, NULL, &p));
  /* a worker that did not Done before Wait: its write races */
  int late = race_thread(r, m, 0);
  assert_false(wr(r, late, 10, &p));
  assert_true(rd(r, m, 10, &p));
  race_free(r);
}

static void race__exit_is_no_edge(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  int g = race_thread(r, m, 0);
  assert_false(wr(r, g, 11, &p));
  /* g returns; nothing tells main */
  assert_true(rd(r, m, 11, &p));
  race_free(r);
}

static void race__same_epoch_skips_stack(void **state) {
  (void)state;
  Race *r = race_new();
  RaceAccess p;
  int m = race_thread(r, -1, 0);
  stack_calls = 0;
  for (int i = 0; i < 100; i++) {
    assert_false(rd(r, m, 12, &p));
    assert_false(wr(r, m, 13, &p));
  }
  assert_int_equal(stack_calls, 2); /* only the first of each */
  race_free(r);
}

static void race__stack_depot(void **state) {
  (void)state;
  Race *r = race_new();
  int fa, fb;
  RaceFrame s1[2] = {{&fa, 3}, {&fb, 9}}, s2[2] = {{&fa, 3}, {&fb, 10}};
  RaceStack a = race_stack_intern(r, s1, 2), b = race_stack_intern(r, s2, 2);
  assert_int_not_equal(a, 0);
  assert_int_not_equal(a, b);
  assert_int_equal(race_stack_intern(r, s1, 2), a);
  for (int i = 0; i < 1000; i++) { /* growth keeps old ids */
    RaceFrame f = {&fa, (uint32_t)(100 + i)};
    race_stack_intern(r, &f, 1);
  }
  assert_int_equal(race_stack_intern(r, s2, 2), b);
  const RaceFrame *f;
  assert_int_equal(race_stack_frames(r, b, &f), 2);
  assert_ptr_equal(f[1].fn, &fb);
  assert_int_equal(f[1].pc, 10);
  assert_int_equal(race_stack_intern(r, s1, 0), 0);
  race_free(r);
}

static void race__reports_once(void **state) {
  (void)state;
  Race *r = race_new();
  assert_true(race_first_report(r, &var[20], 1, 2));
  assert_false(race_first_report(r, &var[20], 3, 4)); /* same address */
  assert_false(race_first_report(r, &var[21], 2, 1)); /* same pair */
  assert_true(race_first_report(r, &var[22], 1, 3));
  race_free(r);
}

static void race__sync_counter(void **state) {
  (void)state;
  Race *r = race_new();
  *race_sync_counter(r, sync_obj, 0) += 3;
  (*race_sync_counter(r, sync_obj, 1))++;
  assert_int_equal(*race_sync_counter(r, sync_obj, 0), 3);
  assert_int_equal(*race_sync_counter(r, sync_obj, 1), 1);
  race_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(race__fork_orders_parent_before_child),
      cmocka_unit_test(race__write_write_and_stacks),
      cmocka_unit_test(race__read_write_and_write_read),
      cmocka_unit_test(race__shared_reads_then_write),
      cmocka_unit_test(race__mutex_release_acquire),
      cmocka_unit_test(race__channel_slots),
      cmocka_unit_test(race__close_observed),
      cmocka_unit_test(race__waitgroup_fan_in),
      cmocka_unit_test(race__exit_is_no_edge),
      cmocka_unit_test(race__same_epoch_skips_stack),
      cmocka_unit_test(race__stack_depot),
      cmocka_unit_test(race__reports_once),
      cmocka_unit_test(race__sync_counter),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
