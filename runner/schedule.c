/* runner/schedule.c - see schedule.h.  The parser walks the token field
 * by field and says which one is wrong, because a learner types tokens
 * by hand from a report. */
#include "runner/schedule.h"

#include <inttypes.h>
#include <string.h>

static const char *const strategy_names[] = {
    [STRAT_GO] = "go", [STRAT_RANDOM] = "random", [STRAT_PCT] = "pct"};
#define NSTRATEGIES (sizeof strategy_names / sizeof strategy_names[0])

const char *schedule_strategy_name(Strategy s)
{
  return (unsigned)s < NSTRATEGIES ? strategy_names[s] : "?";
}

int schedule_strategy_from_name(const char *name, Strategy *out)
{
  for (unsigned i = 0; i < NSTRATEGIES; i++)
    if (strcmp(name, strategy_names[i]) == 0) {
      *out = (Strategy)i;
      return 0;
    }
  return -1;
}

void schedule_format(const ScheduleSpec *spec, Buf *out)
{
  buf_puts(out, schedule_strategy_name(spec->strategy));
  buf_putc(out, ':');
  if (spec->strategy == STRAT_PCT)
    buf_printf(out, "%d", spec->depth);
  buf_printf(out, ":%" PRIu64, spec->seed);
  if (spec->nchoices) {
    Buf full = BUF_INIT;

    /* The engine's own encoding; its first fields equal ours. */
    sched_token_format(spec->strategy, spec->depth, spec->seed,
                       spec->choices, spec->nchoices, &full);
    buf_puts(out, strrchr(buf_cstr(&full), ':'));
    buf_fini(&full);
  }
}

/* Decimal digits [p, end) into *v: no sign, no leading zero, no overflow
 * past max. */
static int parse_dec(const char *p, const char *end, uint64_t max,
                     uint64_t *v)
{
  uint64_t x = 0;

  if (p == end || (*p == '0' && end - p > 1))
    return -1;
  for (; p < end; p++) {
    if (*p < '0' || *p > '9')
      return -1;
    if (x > (max - (uint64_t)(*p - '0')) / 10)
      return -1;
    x = x * 10 + (uint64_t)(*p - '0');
  }
  *v = x;
  return 0;
}

static int fail(const char **why, const char *msg)
{
  *why = msg;
  return -1;
}

/* The fourth field, decoded by the engine's parser (the first three are
 * already checked, more strictly). */
static int parse_choices(const char *token, ScheduleSpec *spec,
                         const char **why)
{
  SchedToken tok;
  int rc = 0;

  if (sched_token_parse(token, &tok, NULL) < 0 || tok.nchoices == 0)
    return fail(why, "the choice list must be base64url (A-Z a-z 0-9 - _)");
  if (tok.nchoices > sizeof spec->choices)
    rc = fail(why, "the choice list is too long");
  else
    memcpy(spec->choices, tok.choices, tok.nchoices);
  spec->nchoices = rc ? 0 : tok.nchoices;
  sched_token_fini(&tok);
  return rc;
}

int schedule_parse(const char *token, ScheduleSpec *spec, const char **why)
{
  const char *c1 = strchr(token, ':');
  const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
  const char *end;
  char name[16];
  uint64_t v;

  if (!c2)
    return fail(why, "expected STRATEGY:DEPTH:SEED, e.g. pct:2:12345");
  end = c2 + 1 + strcspn(c2 + 1, ":");
  if ((size_t)(c1 - token) >= sizeof name)
    return fail(why, "unknown strategy (go, random or pct)");
  memcpy(name, token, (size_t)(c1 - token));
  name[c1 - token] = '\0';
  memset(spec, 0, sizeof *spec);
  if (schedule_strategy_from_name(name, &spec->strategy) < 0)
    return fail(why, "unknown strategy (go, random or pct)");
  if (spec->strategy == STRAT_PCT) {
    if (parse_dec(c1 + 1, c2, SCHEDULE_MAX_DEPTH, &v) < 0 || v == 0)
      return fail(why, "pct needs a depth from 1 to 16");
    spec->depth = (int)v;
  } else if (c2 != c1 + 1) {
    return fail(why, "only pct takes a depth (use go::SEED or random::SEED)");
  }
  if (parse_dec(c2 + 1, end, UINT64_MAX, &spec->seed) < 0)
    return fail(why, "the seed must be a decimal number without sign or "
                     "leading zeros");
  return *end == ':' ? parse_choices(token, spec, why) : 0;
}

void schedule_to_options(const ScheduleSpec *spec, VMOptions *opts)
{
  opts->strategy = spec->strategy;
  opts->seed = spec->seed;
  opts->pct_depth = spec->strategy == STRAT_PCT ? spec->depth : 0;
  if (spec->nchoices) {
    opts->replay = spec->choices;
    opts->nreplay = spec->nchoices;
  }
}
