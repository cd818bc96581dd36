/* runner/strength.h - how strong a verify run was: PCT's probability
 * bound, turned into a sentence a learner can weigh.
 *
 * PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte: "A Randomized
 * Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010)
 * finds a bug of depth d -- one that needs d ordering constraints between
 * the program's events to show -- in one run with probability at least
 *
 *     p = 1 / (n * k^(d-1))
 *
 * for a program of at most n threads and k steps, when run with parameter
 * d.  r independent runs then miss it with probability at most (1 - p)^r,
 * so they find it with probability at least 1 - (1 - p)^r.  We take n and
 * k as the largest seen in any run (larger n and k only lower the bound),
 * and count only the runs made with parameter d for a depth-d bug.
 *
 * Pure arithmetic, no I/O: unit-tested.
 */
#ifndef PANICROOM_RUNNER_STRENGTH_H
#define PANICROOM_RUNNER_STRENGTH_H

#include <stdint.h>

#include "base/buf.h"

/* p = 1/(n k^(d-1)), in [0, 1].  n, k below 1 count as 1; d below 1 is
 * treated as 1.  Underflows to 0 for huge k^(d-1), never to NaN. */
double strength_pct_per_run(int64_t n, int64_t k, int d);
/* 1 - (1 - p)^runs, computed as -expm1(runs * log1p(-p)) so that tiny p
 * (1e-12 per run) over many runs is not lost to rounding. */
double strength_found(double p, int64_t runs);
/* Appends a probability in [0, 1] as a percentage rounded DOWN: to two
 * decimals ("99.99%", "0.01%"; "100%" only when it is exactly 1), and to
 * two significant digits below 0.01% ("0.0012%"; "0%" below 1e-12 %):
 * a lower bound must never be shown larger than it is. */
void strength_format_percent(double prob, Buf *out);

#endif
