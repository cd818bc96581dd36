#!/usr/bin/env bash
# grade_all.sh - `panicroom grade` over the whole catalog with the default
# schedule set (grade.sh uses --schedules 30 for the formats):
#   - a fresh workspace: every one of the exercises fails (exit 1);
#   - every lesson's reference fixed.go copied in: every exercise passes
#     (exit 0), with --jobs 1 and --jobs 2; the wall times are printed
#     (issue 7's goal: under 10 s on a 2-core machine);
#   - the events the ops guards read are in the trace: map_write_begin/end,
#     once_do, ctx_cancel;
#   - each kind of non-fix is rejected by its guard, on three lessons:
#     deleting the `go` statement (map-concurrent: the workers run inline),
#     a time.Sleep instead of synchronisation (wg-reuse), printing the
#     expected output without doing the work (once-panic, ctx-nil-parent);
#   - a deleted main.go still counts its 10 points as possible.
# Usage: tests/e2e/grade_all.sh BUILD/panicroom
set -u
bin=${1:?usage: grade_all.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scen=$here/../../scenarios
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-e2e-grade-all.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME=$tmp/state
fail=0
ok() { echo "ok   grade_all: $1"; }
bad() { echo "FAIL grade_all: $1"; fail=1; }
ws=$tmp/ws
ids=$(cd "$scen" && ls -d */ | tr -d /)
n=$(echo "$ids" | wc -l)

"$bin" init "$ws" >/dev/null || { bad "init"; exit 1; }

# summary FILE.json: "<status> <id>" per exercise.
summary() {
    python3 -c '
import json, sys
for e in json.load(open(sys.argv[1]))["exercises"]:
    print(e["status"], e["id"])' "$1"
}

# A fresh workspace: nothing passes.
"$bin" grade "$ws" --format json >"$tmp/fresh.json"; st=$?
if [[ $st == 1 ]] && ! summary "$tmp/fresh.json" | grep -qv '^fail '; then
    ok "fresh workspace: all $n exercises fail (exit 1)"
else
    bad "fresh workspace: exit $st"; summary "$tmp/fresh.json" | grep -v '^fail ' | sed 's/^/  | /'
fi

# Every reference fix: everything passes, with 1 and 2 graders.
for id in $ids; do cp "$scen/$id/fixed.go" "$ws/$id/main.go"; done
for jobs in 1 2; do
    start=$(date +%s.%N)
    "$bin" grade "$ws" --jobs "$jobs" --format json >"$tmp/fixed$jobs.json"; st=$?
    end=$(date +%s.%N)
    secs=$(echo "$start $end" | awk '{printf "%.1f", $2 - $1}')
    if [[ $st == 0 ]] && ! summary "$tmp/fixed$jobs.json" | grep -qv '^pass '; then
        ok "reference fixes: all $n pass (exit 0), --jobs $jobs in $secs s"
    else
        bad "reference fixes, --jobs $jobs: exit $st"
        summary "$tmp/fixed$jobs.json" | grep -v '^pass ' | sed 's/^/  | /'
    fi
    # A figure, not a failure: a loaded CI machine may be slower.
    awk -v s="$secs" 'BEGIN { exit !(s >= 10) }' &&
        echo "note grade_all: --jobs $jobs took $secs s (goal: under 10 s)"
done

# The ops guards' events are raised (docs/trace.md).
kinds() { # FILE.go -> the distinct event kinds of its go-schedule trace
    "$bin" trace "$1" 2>/dev/null | sed -n 's/^{"ev":"\([a-z_]*\)".*/\1/p' | sort -u
}
check_kinds() { # ID KIND...
    local id=$1 k; shift
    kinds "$scen/$id/fixed.go" >"$tmp/kinds"
    for k in "$@"; do
        grep -qx "$k" "$tmp/kinds" || { bad "trace of $id/fixed.go has no $k"; return; }
    done
    ok "trace of $id/fixed.go has $*"
}
check_kinds map-concurrent map_write_begin map_write_end
check_kinds close-closed once_do
check_kinds ctx-nil-parent ctx_cancel

# grade_one ID -> $tmp/out (text) and $st
grade_one() {
    "$bin" grade "$ws" --only "$1" >"$tmp/out" 2>&1
    st=$?
}
expect_guard() { # WHAT PATTERN...: exit 1 and every pattern in the report
    local what=$1 p; shift
    if [[ $st != 1 ]]; then
        bad "$what: exit $st, want 1"; sed 's/^/  | /' "$tmp/out"; return
    fi
    for p in "$@"; do
        if ! grep -q -- "$p" "$tmp/out"; then
            bad "$what: no \"$p\""; sed 's/^/  | /' "$tmp/out"; return
        fi
    done
    ok "$what"
}

# 1. Deleting `go`: the broken program's workers run one after another,
#    so it no longer crashes - and no longer writes from several goroutines.
sed 's/^\t\tgo func(part/\t\tfunc(part/' "$scen/map-concurrent/broken.go" \
    >"$ws/map-concurrent/main.go"
grade_one map-concurrent
expect_guard "map-concurrent without its go statement fails guard-goroutines and guard-ops" \
    "guard-goroutines: your fix no longer starts any goroutine" \
    "guard-ops: your fix writes to a map from 1 goroutine only"

# 2. A time.Sleep instead of synchronisation: waitIdle sleeps until the
#    jobs are over instead of being started after them.
sed 's/^\tr.inflight.Wait()$/\ttime.Sleep(time.Second)\n\tr.inflight.Wait()/' \
    "$scen/wg-reuse/broken.go" |
    sed 's/^\t"sync"$/\t"sync"\n\t"time"/' >"$ws/wg-reuse/main.go"
grade_one wg-reuse
expect_guard "wg-reuse with a time.Sleep in waitIdle fails guard-no-sleep" \
    "guard-no-sleep: your fix makes main.(\*Runner).waitIdle wait with time.Sleep"

# 3. The expected output, printed without the work.
print_only() { # ID: main.go prints fixed.stdout and does nothing else
    python3 - "$scen/$1/fixed.stdout" >"$ws/$1/main.go" <<'EOF'
import json, sys
text = open(sys.argv[1]).read()
print("package main\n\nimport \"fmt\"\n\nfunc main() {")
print("\tfmt.Print(%s)" % json.dumps(text))
print("}")
EOF
}
print_only once-panic
grade_one once-panic
expect_guard "once-panic printing its output fails guard-goroutines and guard-ops" \
    "guard-goroutines: your fix no longer starts any goroutine" \
    "guard-ops: your fix no longer panics (no panic event)"
print_only ctx-nil-parent
grade_one ctx-nil-parent
expect_guard "ctx-nil-parent printing its output fails guard-ops" \
    "guard-ops: your fix no longer cancels a context (no ctx_cancel event)"

# An exercise that cannot be graded still counts its points as possible,
# so deleting a hard exercise cannot raise the percentage.
rm "$ws/nil-map/main.go"
"$bin" grade "$ws" --only nil-map --format classroom >"$tmp/cl"; st=$?
if [[ $st == 2 ]] && tail -n 1 "$tmp/cl" | grep -qx "Points 0/10"; then
    ok "a deleted main.go: could not grade (exit 2), Points 0/10"
else
    bad "deleted main.go: exit $st"; sed 's/^/  | /' "$tmp/cl"
fi

exit $fail
