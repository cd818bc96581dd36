/* runner/schedule.h - which schedule a run follows, and its replay token.
 *
 * A ScheduleSpec is everything that picks one interleaving of a program
 * in the lab engine: the strategy, its seed and, for PCT, the bug depth it
 * targets.  The engine is deterministic (engine/sched.h), so (program,
 * spec) reproduces a run byte for byte; `verify` names a failing schedule
 * by its token and `run --replay TOKEN` runs it again.
 *
 * Token grammar (version 1), strict so that a typo is an error, not a
 * different schedule:
 *
 *   token    = strategy ":" [depth] ":" seed
 *   strategy = "go" | "random" | "pct"
 *   depth    = 1..SCHEDULE_MAX_DEPTH, present exactly when strategy is pct
 *   seed     = decimal uint64, no sign, no leading zeros
 *
 * e.g. `pct:2:12345`, `random::77`, `go::0`.  A token may carry a fourth
 * field, the recorded choice list (`random::0:<choices>`, base64url of the
 * engine's varints, engine/sched.h): the run follows it choice by choice.
 * `verify --strategy exhaustive` names its schedules that way, since they
 * are not a seed's.  The list is held in the spec itself (at most
 * SCHEDULE_MAX_CHOICES bytes), so a spec stays a plain value.
 */
#ifndef PANICROOM_RUNNER_SCHEDULE_H
#define PANICROOM_RUNNER_SCHEDULE_H

#include <stdint.h>

#include "base/buf.h"
#include "engine/vm.h"

/* PCT's depth d costs d - 1 change points; past a handful the bound
 * 1/(n k^(d-1)) is too small to mean anything, so larger values are more
 * likely typos than intent. */
#define SCHEDULE_MAX_DEPTH 16
/* The depth `--strategy pct` uses when none is given: bugs of depth up to
 * 3 are the ones the PCT paper reports as common. */
#define SCHEDULE_DEFAULT_DEPTH 3

/* The longest choice list a token carries: some 1,000 scheduling points
 * (a pick and a quantum cost about 4 bytes), far more than the small
 * programs the exhaustive search can cover. */
#define SCHEDULE_MAX_CHOICES 4096

typedef struct ScheduleSpec {
  Strategy strategy;
  uint64_t seed;
  int depth; /* STRAT_PCT: 1..SCHEDULE_MAX_DEPTH; else 0 */
  size_t nchoices; /* bytes of choices; 0: none, the seed decides */
  uint8_t choices[SCHEDULE_MAX_CHOICES];
} ScheduleSpec;

/* "go", "random", "pct"; "?" outside the enum. */
const char *schedule_strategy_name(Strategy s);
/* The inverse; returns 0, or -1 for an unknown name. */
int schedule_strategy_from_name(const char *name, Strategy *out);
/* Appends the token, e.g. "pct:2:12345". */
void schedule_format(const ScheduleSpec *spec, Buf *out);
/* Parses a whole token.  Returns 0, or -1 with *why set to a static
 * phrase ("unknown strategy", ...). */
int schedule_parse(const char *token, ScheduleSpec *spec, const char **why);
/* Copies the spec into the engine's options (strategy, seed, pct_depth;
 * with choices, replay pointing into the spec, which must outlive the
 * run); the other fields of opts are left alone. */
void schedule_to_options(const ScheduleSpec *spec, VMOptions *opts);

#endif
