#!/usr/bin/env bash
# engine2_seeds.sh - the schedule-dependent messages of issue 3 and the
# seeded math/rand, end to end:
#   tests/engine2/seeds/wg_reuse.go, wg_misuse.go, map_iter.go
#       some seed in 0..50 of `run --strategy random` dies with Go's exact
#       message, and replaying the token that `trace` prints for that seed
#       (`run --replay TOKEN`) reproduces stdout, stderr and exit status
#       byte for byte;
#   tests/engine2/seeds/rand_seeded.go
#       math/rand's top-level functions follow the run seed: the same seed
#       (or its replay token) gives the same numbers, other seeds differ.
# These outcomes depend on the schedule or the seed, so they cannot live in
# the recorded corpus (record.sh rejects nondeterministic programs).
# Usage: tests/e2e/engine2_seeds.sh BUILD/panicroom
set -u
bin=${1:?usage: engine2_seeds.sh PANICROOM_BINARY}
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../engine2/seeds" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pr_seeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   seeds: $*"; }
bad() { echo "FAIL seeds: $*"; fail=1; }

# run TAG ARGS... -> $tmp/TAG.{out,err,rc}
run() {
  local tag=$1; shift
  "$bin" run "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err"
  echo $? >"$tmp/$tag.rc"
}
same() { # TAG1 TAG2
  local p
  for p in out err rc; do cmp -s "$tmp/$1.$p" "$tmp/$2.$p" || return 1; done
}
# The replay token `trace` prints in its header line for these flags.
token() {
  "$bin" trace "$@" 2>/dev/null | head -n 1 |
    sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

seed_message() { # FILE MESSAGE
  local f=$dir/$1 msg=$2 s tok
  for s in $(seq 0 50); do
    run a --strategy random --seed "$s" "$f"
    [[ $(head -n 1 "$tmp/a.err") == "$msg" ]] || continue
    tok=$(token --strategy random --seed "$s" "$f")
    [[ -n $tok ]] || { bad "$1: trace printed no token for seed $s"; return; }
    run b --replay "$tok" "$f"
    if same a b; then
      ok "$1: seed $s dies \"$msg\"; --replay $tok reproduces it byte for byte"
    else
      bad "$1: --replay $tok differs from seed $s"
      diff "$tmp/a.err" "$tmp/b.err" | head -n 10 | sed 's/^/  | /'
    fi
    return
  done
  bad "$1: no seed in 0..50 dies \"$msg\""
}

seed_message wg_reuse.go \
  "panic: sync: WaitGroup is reused before previous Wait has returned"
seed_message wg_misuse.go \
  "panic: sync: WaitGroup misuse: Add called concurrently with Wait"
seed_message map_iter.go "fatal error: concurrent map iteration and map write"

# math/rand follows the run seed.
f=$dir/rand_seeded.go
run s1 --seed 1 "$f"
run s1b --seed 1 "$f"
run s2 --seed 2 "$f"
run r1 --replay "$(token --seed 1 "$f")" "$f"
[[ $(cat "$tmp/s1.rc") == 0 && -s $tmp/s1.out ]] || bad "rand_seeded.go --seed 1 failed"
same s1 s1b && ok "math/rand: the same seed gives the same numbers" ||
  bad "math/rand: --seed 1 twice differs"
same s1 r1 && ok "math/rand: the replay token gives the same numbers" ||
  bad "math/rand: --replay differs from --seed 1"
cmp -s "$tmp/s1.out" "$tmp/s2.out" && bad "math/rand: --seed 1 and 2 agree" ||
  ok "math/rand: another seed gives other numbers"

exit $fail
