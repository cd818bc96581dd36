#!/usr/bin/env bash
# race.sh - end-to-end checks of the concurrency checks: `run --race`,
# `run --leaks` and the fatal errors of maps under concurrency.
#   tests/race/racy_*.go   report "WARNING: DATA RACE" in Go's format and
#                          exit 66 (2 if a map fatal error ends it first),
#                          also under the random strategy
#   tests/race/clean_*.go  correctly synchronised, one program per kind of
#                          edge: no report, exit 0, under every strategy
#   tests/race/map_*.go    some seed in 0..50 of the random strategy dies
#                          with Go's exact fatal error, and that seed
#                          reproduces the output byte for byte
#   tests/race/leak_*.go   --leaks names the blocked goroutines, exit 0
# Which programs race was checked against real Go 1.19's `go build -race`.
# Usage: tests/e2e/race.sh BUILD/panicroom
set -u
bin=${1:?usage: race.sh PANICROOM_BINARY}
dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../race" && pwd)
out=$(mktemp "${TMPDIR:-/tmp}/pr_race.XXXXXX")
trap 'rm -f "$out" "$out.2"' EXIT
fail=0
bad() { echo "FAIL race: $*"; sed 's/^/  | /' "$out" | head -40; fail=1; }

# run FILE ARGS... -> status in $rc, output in $out
run() { local f=$1; shift; "$bin" run "$@" "$f" >"$out" 2>&1; rc=$?; }

# The report's shape, as Go prints it.
shape_ok() {
  grep -q '^==================$' "$out" &&
    grep -q '^WARNING: DATA RACE$' "$out" &&
    grep -Eq '^(Read|Write) at 0x[0-9a-f]{12} by (goroutine [0-9]+|main goroutine):$' "$out" &&
    grep -Eq '^Previous (read|write) at 0x[0-9a-f]{12} by ' "$out" &&
    grep -Eq '^      .*\.go:[0-9]+ \+0x[0-9a-f]+$' "$out" &&
    grep -Eq '^Found [0-9]+ data race\(s\)$' "$out"
}

for f in "$dir"/racy_*.go; do
  n=$(basename "$f")
  for strat in "go" "random --seed 1" "random --seed 7" "pct --seed 3"; do
    # shellcheck disable=SC2086
    run "$f" --race --strategy $strat
    if [ "$rc" != 66 ] && [ "$rc" != 2 ]; then bad "$n ($strat): exit $rc, want 66"; continue; fi
    grep -q 'WARNING: DATA RACE' "$out" || { bad "$n ($strat): no report"; continue; }
    [ "$rc" = 2 ] || shape_ok || bad "$n ($strat): report not in Go's format"
  done
  echo "ok   race: $n reported"
done

for f in "$dir"/clean_*.go; do
  n=$(basename "$f")
  for strat in "go" "random --seed 1" "random --seed 2" "random --seed 5" "pct --seed 4"; do
    # shellcheck disable=SC2086
    run "$f" --race --strategy $strat
    [ "$rc" = 0 ] || bad "$n ($strat): exit $rc, want 0"
    if grep -q 'DATA RACE' "$out"; then bad "$n ($strat): false positive"; fi
  done
  echo "ok   race: $n clean"
done

# Without --race nothing is checked and nothing is reported.
run "$dir/racy_counter.go"
[ "$rc" = 0 ] && ! grep -q 'DATA RACE' "$out" || bad "racy_counter.go without --race"

# Maps: Go's exact fatal errors under some seed, reproduced byte for byte.
map_seed() { # FILE MESSAGE
  local f=$1 msg=$2 s
  for s in $(seq 0 50); do
    run "$f" --strategy random --seed "$s"
    if [ "$rc" = 2 ] && head -1 "$out" | grep -qx "fatal error: $msg"; then
      cp "$out" "$out.2"
      run "$f" --strategy random --seed "$s"
      if cmp -s "$out" "$out.2"; then
        echo "ok   race: $(basename "$f"): seed $s dies \"$msg\", reproducibly"
      else
        bad "$(basename "$f"): seed $s does not reproduce"
      fi
      return
    fi
  done
  bad "$(basename "$f"): no seed in 0..50 dies \"$msg\""
}
map_seed "$dir/map_writes.go" "concurrent map writes"
map_seed "$dir/map_writes.go" "concurrent map read and map write"
map_seed "$dir/map_iterate.go" "concurrent map iteration and map write"
# Not recoverable: the goroutine dump follows, no deferred call ran.
run "$dir/map_writes.go" --strategy random --seed 2
grep -q '^goroutine [0-9]* \[running\]:$' "$out" || [ "$rc" = 0 ] || bad "map fatal error without goroutine dump"

# Leaks: the two blocked senders, after the program's output, status 0.
run "$dir/leak_senders.go" --leaks
if [ "$rc" != 0 ] || [ "$(grep -c '^panicroom: leak: goroutine [0-9]* \[chan send\] blocked on chan (make at .*leak_senders.go:15) in main.fetch at .*leak_senders.go:11, created at .*leak_senders.go:17 by main.main$' "$out")" != 2 ]; then
  bad "leak_senders.go --leaks"
else
  echo "ok   race: leak_senders.go --leaks names both senders"
fi
run "$dir/leak_senders.go"
grep -q 'panicroom: leak' "$out" && bad "leak report without --leaks"
run "$dir/clean_waitgroup.go" --leaks
grep -q 'panicroom: leak' "$out" && bad "clean_waitgroup.go: false leak"
# Senders that had no turn before main returned still count: they run on
# after main (their output dropped) and block.
run "$dir/leak_unstarted.go" --leaks
if [ "$rc" != 0 ] || [ "$(grep -c '^panicroom: leak: goroutine [0-9]* \[chan send\]' "$out")" != 2 ]; then
  bad "leak_unstarted.go --leaks"
else
  echo "ok   race: leak_unstarted.go --leaks counts senders that never ran"
fi

exit $fail
