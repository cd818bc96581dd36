/* runner/explore.h - `verify --strategy exhaustive`: a preemption-bounded
 * stateless search over a program's schedules (Musuvathi and Qadeer,
 * "Iterative Context Bounding for Systematic Testing of Multithreaded
 * Programs", PLDI 2007 - the CHESS search).
 *
 * A schedule is the list of values the engine's chooser returned (every
 * choice with more than one option, engine/sched.h).  The search runs the
 * program under STRAT_RANDOM with VMOptions.choose_hook set, so every
 * scheduling point (channel operations, go statements, sync/time/context
 * calls, the middle of a map write, and every 1,024 instructions) is a
 * choice point.  What is explored:
 *   - pick: which runnable goroutine runs next.  Choosing another one
 *     while the goroutine that just ran is still runnable is a
 *     PREEMPTION; a schedule may hold at most `bound` of them (default
 *     EXPLORE_DEFAULT_BOUND, `--preemptions K`).  When the last goroutine
 *     blocked or ended, any pick is free.
 *   - select: every order of a select's ready cases (free).
 * What is fixed: an instruction slice is always the longest (1,024), and
 * map iteration starts and sync.Pool drops come from the seed (0).  So
 * "covered" means: every schedule of at most `bound` preemptions at
 * scheduling points, and every select order, for those fixed values.
 *
 * Depth-first: the first schedule takes the default everywhere (continue
 * the last goroutine, else the queue's head; select order 0).  The next
 * schedule keeps the longest prefix whose last choice point still has an
 * untried value within the bound and takes that value, then defaults
 * again.  The search state between two schedules is that prefix alone
 * (choice points before it are reproduced by running it), so a batch
 * child (verify.c) can hand it to the next one as one result line.
 *
 * Each schedule's replay token is `random::0:<its whole choice list>`:
 * plain STRAT_RANDOM replay of that list reproduces it without the hook.
 */
#ifndef PANICROOM_RUNNER_EXPLORE_H
#define PANICROOM_RUNNER_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/buf.h"
#include "engine/vm.h"
#include "runner/schedule.h"

#define EXPLORE_DEFAULT_BOUND 2
/* Every slice is EXPLORE_SLICE instructions (STRAT_RANDOM draws a shift,
 * then a length below 2^shift; the search takes 2^SHIFT): short enough
 * that a preemption can fall inside an unsynchronised check-then-act a
 * loop long, long enough that a busy loop adds few choice points. */
#define EXPLORE_SLICE_SHIFT 6
#define EXPLORE_SLICE (1 << EXPLORE_SLICE_SHIFT)
/* SPEC's verify runs 1,000 by default; a search needs more to cover even
 * a small program (about 1 s). */
#define EXPLORE_DEFAULT_SCHEDULES 10000

/* One explored choice point of a run. */
typedef struct ExploreNode {
  ChoiceKind kind; /* CHOICE_PICK or CHOICE_SELECT */
  int n;           /* options */
  int chosen;
  int dflt;        /* the default: the continuing goroutine, or 0 */
  bool cont;       /* pick only: dflt is the last goroutine, still
                    * runnable, so any other value is a preemption */
} ExploreNode;

typedef struct Explore {
  int bound;
  int *prefix;          /* values of the next schedule's first choices */
  size_t nprefix, prefix_cap;
  ExploreNode *path;    /* the current run's choice points */
  size_t len, cap;
  Buf record;           /* the current run's choice list (token form) */
  bool diverged;        /* a prefix value did not fit: a panicroom bug */
  bool done;            /* parent: the space is exhausted */
  bool has_next;        /* parent: a `next` line came */
  bool has_fail;        /* parent: a `fail` line came */
  ScheduleSpec fail_spec;
  char *error;          /* parent: why the search could not go on */
  bool error_bug;       /* ... a panicroom bug (else: the program's size) */
} Explore;

void explore_init(Explore *ex, int bound);
void explore_fini(Explore *ex);

/* Sets opts for the next schedule: STRAT_RANDOM, seed 0, the hook, the
 * recording.  ex must outlive the run. */
void explore_begin(Explore *ex, VMOptions *opts);
/* After a run: the next prefix (DFS, within the bound).  Returns false
 * when no schedule is left: the space is covered. */
bool explore_advance(Explore *ex);
/* The run's token as a spec; -1 when its list exceeds a token's. */
int explore_spec(const Explore *ex, ScheduleSpec *spec);

/* The batch child's lines (after the schedules' own):
 *   explore fail <token>     the last schedule failed
 *   explore next <v,v,...>   the prefix the next batch starts from
 *   explore done             no schedule left
 *   explore cannot <why>     the program is too large to explore
 *   explore bug <why>        a prefix did not reproduce (nondeterminism)
 * explore_line parses one in the parent; returns 1 when it was one of
 * these (0: not ours; -1: malformed, *why says how). */
void explore_put_fail(const Explore *ex, Buf *out);
void explore_put_next(const Explore *ex, Buf *out);
int explore_line(Explore *ex, const char *line, size_t n, const char **why);

/* Runs one schedule with opts in the batch child: true when it failed. */
typedef bool (*ExploreRunFn)(void *ctx, int index, const VMOptions *opts);
/* The batch child's loop: schedules [from, to) from ex's prefix, writing
 * the lines above to fd after run()'s own. */
void explore_batch(Explore *ex, const VMOptions *base, int from, int to,
                   ExploreRunFn run, void *ctx, int fd);

#endif
