#!/usr/bin/env bash
# bench/run.sh -- panicroom vs real Go on this machine, in one run.
#
#   (a) hello.go start-to-exit: `panicroom run` vs `go run` (warm build cache)
#   (b) fib.go (recursive fib(27)): `panicroom run` vs the compiled Go binary
#   (c) spawn.go peak RSS (100,000 goroutines blocked on one channel)
#   (d) spawn.go wall time
# Times are the median of RUNS runs in ms (date +%s%N, less the harness's
# own cost measured on /bin/true); fib compares CPU time (perf stat
# task-clock, mean of RUNS) where perf can count. Peak RSS comes from
# GNU time (%M) when /usr/bin/time is there, else from polling VmHWM in
# /proc for the process and its children.
#
# Env: PANICROOM (default build/panicroom), GO (default go), RUNS (default 5),
# TIMEOUT per run in s (default 120), RSS_VIA_PROC=1 forces the /proc method.
# A row prints n/a when panicroom (or go) is missing, fails, times out or
# prints something else than the compiled Go program; the script itself only
# fails on bad usage. Not part of `make test`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
PANICROOM=${PANICROOM:-build/panicroom}
GO=${GO:-go}
RUNS=${RUNS:-5}
TIMEOUT=${TIMEOUT:-120}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export GO111MODULE=off GOFLAGS=
export GOCACHE=${GOCACHE:-$tmp/gocache}

have_pr=0
[[ -x $PANICROOM ]] && have_pr=1
have_go=0
command -v "$GO" >/dev/null 2>&1 && have_go=1

now_ns() { date +%s%N; }

# time_once CMD... -> ms (with 0.1 ms resolution) on stdout, minus the
# harness's own cost (forking `timeout` and the command: measured once on
# /bin/true as $overhead_us), so a 3 ms program is not drowned by a 3 ms
# harness; returns the command's status.
overhead_us=0
time_once() {
    local t0 t1 rc=0 us
    t0=$(now_ns)
    timeout "$TIMEOUT" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || rc=$?
    t1=$(now_ns)
    us=$(((t1 - t0) / 1000 - overhead_us))
    ((us < 0)) && us=0
    printf '%d.%d\n' $((us / 1000)) $((us % 1000 / 100))
    return $rc
}

# median_ms WANT_STDOUT_FILE CMD... -> median ms of RUNS runs, or n/a
median_ms() {
    local want=$1
    shift
    local i ms times=()
    for ((i = 0; i < RUNS; i++)); do
        if ! ms=$(time_once "$@"); then
            echo n/a
            return
        fi
        if [[ -n $want ]] && ! cmp -s "$want" "$tmp/out"; then
            echo n/a
            return
        fi
        times+=("$ms")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

# The harness overhead: the median of RUNS timings of /bin/true.
overhead_us=$(for ((i = 0; i < RUNS; i++)); do
    t0=$(now_ns); timeout "$TIMEOUT" /bin/true; t1=$(now_ns)
    echo $(((t1 - t0) / 1000))
done | sort -n | sed -n "$(((RUNS + 1) / 2))p")

# cpu_ms WANT_STDOUT_FILE CMD... -> CPU time (task-clock, ms, mean of RUNS)
# from `perf stat`, which does not drown a 2 ms program in the harness's
# own fork/exec cost; falls back to median_ms where perf cannot count.
cpu_ms() {
    local want=$1
    shift
    if ! perf stat -e task-clock true >/dev/null 2>&1; then
        median_ms "$want" "$@"
        return
    fi
    "$@" >"$tmp/out" 2>/dev/null </dev/null || { echo n/a; return; }
    if [[ -n $want ]] && ! cmp -s "$want" "$tmp/out"; then echo n/a; return; fi
    perf stat -r "$RUNS" -x, -e task-clock "$@" 2>&1 >/dev/null </dev/null \
        | awk -F, '$3 == "task-clock" || $3 ~ /task-clock/ { printf "%.1f\n", $1; exit }'
}

# peak_kb CMD... -> peak RSS in KB of the command (and its children), or n/a
peak_kb() {
    local rc=0
    if [[ -x /usr/bin/time && -z ${RSS_VIA_PROC:-} ]]; then
        timeout "$TIMEOUT" /usr/bin/time -o "$tmp/rss" -f %M "$@" \
            >"$tmp/out" 2>/dev/null </dev/null || rc=$?
        if [[ $rc -ne 0 ]]; then echo n/a; return; fi
        tail -n 1 "$tmp/rss"
        return
    fi
    "$@" >"$tmp/out" 2>/dev/null </dev/null &
    local pid=$! peak=0 p kb kids
    while kill -0 "$pid" 2>/dev/null; do
        kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null || true)
        for p in $pid $kids; do
            kb=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/"$p"/status 2>/dev/null || true)
            [[ -n $kb && $kb -gt $peak ]] && peak=$kb
        done
        sleep 0.01
    done
    wait "$pid" || rc=$?
    if [[ $rc -ne 0 || $peak -eq 0 ]]; then echo n/a; return; fi
    echo "$peak"
}

# Expected outputs, and compiled Go binaries.
printf 'hello, world\n' >"$tmp/hello.want"
printf '196418\n' >"$tmp/fib.want"
printf 'spawned 100000\ndone\n' >"$tmp/spawn.want"
if [[ $have_go -eq 1 ]]; then
    for p in hello fib spawn; do
        "$GO" build -o "$tmp/$p" "bench/$p.go"
    done
    "$GO" run bench/hello.go >/dev/null 2>&1 || true # warm the build cache
fi

na() { echo n/a; }
if [[ $have_pr -eq 1 ]]; then
    pr_hello=$(median_ms "$tmp/hello.want" "$PANICROOM" run bench/hello.go)
    pr_fib=$(cpu_ms "$tmp/fib.want" "$PANICROOM" run bench/fib.go)
    pr_rss=$(peak_kb "$PANICROOM" run bench/spawn.go)
    cmp -s "$tmp/spawn.want" "$tmp/out" || pr_rss=n/a
    pr_spawn=$(median_ms "$tmp/spawn.want" "$PANICROOM" run bench/spawn.go)
else
    pr_hello=$(na) pr_fib=$(na) pr_rss=$(na) pr_spawn=$(na)
fi
if [[ $have_go -eq 1 ]]; then
    go_hello=$(median_ms "$tmp/hello.want" "$GO" run bench/hello.go)
    go_fib=$(cpu_ms "$tmp/fib.want" "$tmp/fib")
    go_rss=$(peak_kb "$tmp/spawn")
    go_spawn=$(median_ms "$tmp/spawn.want" "$tmp/spawn")
else
    go_hello=$(na) go_fib=$(na) go_rss=$(na) go_spawn=$(na)
fi

isnum() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]]; }
ratio() { # A B -> A/B with one decimal, or n/a
    if isnum "$1" && isnum "$2" && awk -v b="$2" 'BEGIN { exit !(b > 0) }'; then
        awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'
    else
        echo n/a
    fi
}
mb() { # KB -> MB with one decimal
    if isnum "$1"; then awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; else echo n/a; fi
}
ms() { if isnum "$1"; then echo "$1 ms"; else echo n/a; fi; }
# verdict VALUE OP LIMIT -> met / MISSED / n/a
verdict() {
    if [[ $1 == n/a ]]; then echo n/a; return; fi
    awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
        ok = (op == ">=") ? (v >= l) : (v <= l); print ok ? "met" : "MISSED" }'
}

hello_x=$(ratio "$go_hello" "$pr_hello")  # how many times faster than go run
fib_x=$(ratio "$pr_fib" "$go_fib")        # how many times slower than Go
spawn_x=$(ratio "$pr_spawn" "$go_spawn")
rss_mb=n/a
isnum "$pr_rss" && rss_mb=$(awk -v k="$pr_rss" 'BEGIN { printf "%.1f", k / 1024 }')

echo "panicroom benchmarks on $(uname -m), $(nproc 2>/dev/null || echo '?') CPUs;" \
    "panicroom: $PANICROOM$([[ $have_pr -eq 1 ]] || echo ' (missing)');" \
    "go: $([[ $have_go -eq 1 ]] && "$GO" version | awk '{print $3}' || echo missing)"
row() { printf '%-30s %12s %12s %10s  %-26s %s\n' "$@"; }
row benchmark panicroom go ratio goal verdict
row "(a) hello start-to-exit" "$(ms "$pr_hello")" "$(ms "$go_hello")" \
    "$([[ $hello_x == n/a ]] && echo n/a || echo "${hello_x}x")" \
    ">=30x faster than go run" "$(verdict "$hello_x" ">=" 30)"
row "(b) fib(27)" "$(ms "$pr_fib")" "$(ms "$go_fib")" \
    "$([[ $fib_x == n/a ]] && echo n/a || echo "${fib_x}x")" \
    "<=20x slower than Go" "$(verdict "$fib_x" "<=" 20)"
row "(c) spawn 100k: peak RSS" "$(mb "$pr_rss")" "$(mb "$go_rss")" \
    "$(ratio "$pr_rss" "$go_rss" | sed '/n\/a/!s/$/x/')" \
    "panicroom <=27 MB" "$(verdict "$rss_mb" "<=" 27)"
row "(d) spawn 100k: wall time" "$(ms "$pr_spawn")" "$(ms "$go_spawn")" \
    "$([[ $spawn_x == n/a ]] && echo n/a || echo "${spawn_x}x")" \
    "(ratio reported, no goal)" "-"
