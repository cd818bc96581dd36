/* lessons/guards.h - non-fix guards: does a "fix" still do what the lesson
 * is about, judged from the program's event trace (engine/trace.h,
 * docs/trace.md), never from its source text.
 *
 * A lesson declares its guards in front matter (docs/authoring.md):
 *
 *   guards: {goroutines: 3, ops: [chan_close, {mutex_lock: 2}],
 *            no_sleep_sync: true}
 *
 *   goroutines     the program starts at least N goroutines besides main
 *                  (go_create events other than runtime.main's);
 *   ops            for each item, at least one event of that trace kind;
 *                  {kind: N} asks for events of that kind from at least N
 *                  distinct goroutines ("map writes from 2 goroutines");
 *   no_sleep_sync  no goroutine sleeps or waits on a timer unless the
 *                  goroutine running the same function does so in the
 *                  reference fix.  Precisely: a *sleep event* is a
 *                  go_block with reason "sleep" or a timer_start; each
 *                  sleep event of the learner's trace names a function
 *                  (the fn of its goroutine's go_create; runtime.main for
 *                  main), and that function must have a sleep event in
 *                  the reference fix's trace of the same schedule.
 *
 * Why from the trace: source text can be gamed (a `go` in a comment, a
 * goroutine that is never started), and the trace shows what really ran.
 * Both traces come from the same schedule (`go`), so they are comparable.
 *
 * The big decision: a guard explains itself in one sentence a learner can
 * act on ("your fix no longer starts any goroutine: ..."), because a grade
 * that only says "guard failed" teaches nothing.
 *
 * Ownership: a GuardTrace owns its events and their strings
 * (guard_trace_fini); guard_check fills caller-owned GuardVerdicts whose
 * messages are malloc'd (guard_verdict_fini).
 */
#ifndef PANICROOM_LESSONS_GUARDS_H
#define PANICROOM_LESSONS_GUARDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "engine/trace.h"

/* A lesson is about a handful of operations; more is a typo or a lesson
 * about too many things at once. */
#define GUARDS_MAX_OPS 8
/* Goroutines a guard can ask for: the catalog's programs start at most
 * ten; 1000 leaves room without letting a typo ask for millions. */
#define GUARDS_MAX_GOROUTINES 1000

typedef struct GuardOp {
  TraceEv ev;       /* the event kind */
  int goroutines;   /* from at least this many distinct goroutines, >= 1 */
} GuardOp;

typedef struct LessonGuards {
  bool declared;       /* the lesson has a guards: field */
  int goroutines;      /* 0: not checked */
  GuardOp ops[GUARDS_MAX_OPS];
  size_t nops;
  bool no_sleep_sync;
} LessonGuards;

/* The guards a grader reports, in report order. */
typedef enum GuardKind {
  GUARD_GOROUTINES, GUARD_OPS, GUARD_NO_SLEEP, GUARD_NKINDS
} GuardKind;

/* One event of a trace, reduced to what the guards read. */
typedef struct GuardEvent {
  TraceEv ev;
  int64_t g;       /* the goroutine the event is about */
  char *fn;        /* go_create: the function it runs; else NULL */
  char *reason;    /* go_block: the wait reason; else NULL */
  char *pos;       /* "file:line" or NULL */
} GuardEvent;

typedef struct GuardTrace {
  GuardEvent *ev;  /* owned */
  size_t n, cap;
} GuardTrace;

typedef struct GuardVerdict {
  bool checked;    /* false: the lesson does not declare this guard */
  bool pass;
  char *message;   /* one sentence; malloc'd; NULL when not checked */
} GuardVerdict;

/* "chan_send" -> TEV_CHAN_SEND; -1 for an unknown name. */
int guard_event_from_name(const char *name, size_t n);

/* Appends one event (strings copied; fn, reason, pos may be NULL). */
void guard_trace_add(GuardTrace *t, TraceEv ev, int64_t g, const char *fn,
                     const char *reason, const char *pos);
/* Parses an NDJSON trace (docs/trace.md); the header and lines that are
 * not events are skipped, unknown event kinds too (a newer trace).
 * Returns 0, or -1 if a line is not JSON (the trace was cut). */
int guard_trace_parse(const char *text, size_t len, GuardTrace *out);
void guard_trace_fini(GuardTrace *t);
/* Whether t has any sleep event (see no_sleep_sync above): the grader
 * traces the reference fix only when it does. */
bool guard_trace_sleeps(const GuardTrace *t);

/* Decides every guard of g on the learner's trace.  ref is the reference
 * fix's trace of the same schedule; it is only read for no_sleep_sync and
 * may be NULL when guard_trace_sleeps(learner) is false. */
void guard_check(const LessonGuards *g, const GuardTrace *learner,
                 const GuardTrace *ref, GuardVerdict out[GUARD_NKINDS]);
void guard_verdict_fini(GuardVerdict v[GUARD_NKINDS]);

/* "goroutines", "ops", "no_sleep_sync": the front matter keys. */
const char *guard_kind_key(GuardKind k);
/* The canonical front matter form, "{goroutines: 2, ops: [chan_send,
 * {mutex_lock: 2}], no_sleep_sync: true}", for comparing translations. */
void guard_format(const LessonGuards *g, Buf *out);

#endif
