#!/usr/bin/env bash
# record-scenarios.sh [--write] [--runs N] [ID...] -- hold the lesson scenarios to what
# the real Go toolchain does.
#
# For every scenarios/ID/ (or only the IDs given), with the facts the lesson
# declares in content/en/ID.md's front matter (first_line, exit, verdict,
# schedule_dependent):
#   broken.go  built once, run 20 times when schedule_dependent is true, else
#              3 times. A run "shows" the failure when its exit status and
#              first stderr line are the declared ones; when first_line is ""
#              (wrong-output, race, leak) and the verdict is wrong-output or
#              race, its stdout must also differ from fixed.stdout (a leak
#              cannot be seen in real Go's output at all). FAILS if no run
#              shows it, or if a lesson that says schedule_dependent: false
#              has a run that does not. --runs N runs every broken.go N times
#              (the lessons' real_go_rate was recorded with --runs 20).
#   fixed.go   run 10 times: exit 0, empty stderr, the same stdout every time,
#              equal to fixed.stdout. FAILS otherwise.
#   the fix    changed lines = per `diff -U0` hunk max(added, removed), summed.
#              FAILS above 7 (SPEC section 7).
#   myth.go    (myth lessons) run 20 times, all alike; compared with
#              myth.stdout, myth.stderr.first, myth.exit. A myth.go that does
#              not compile is recorded as go build's first error line
#              (`myth.go:L:C: ...`), empty stdout and go build's status.
#   other *.go evidence programs (e.g. goroutine-leak/leakcheck.go): run 3
#              times, all alike; compared with NAME.stdout.
#   go vet     on every .go file: broken.go must print exactly vet.txt (empty
#              when there is no vet.txt), every other file nothing, except a
#              myth.go that does not compile.
#   -race      lessons listed in RACE_IDS: broken.go built with -race and run
#              20 times; how many runs reported a race is printed (and, with
#              --write, saved in race.real). Never fails: it is evidence.
#
# Without --write the recorded files are only compared. With --write they are
# (re)written, plus broken.real (the outcome histogram of the runs) and
# broken.stdout / broken.stderr (what the first run that showed the failure
# printed; absent when empty). Paths in
# Go's output read `broken.go:LINE` (-gcflags=-trimpath, like
# tests/conformance/record.sh). Binaries are built in a temp dir with a
# private GOCACHE; exit statuses are the binaries' own, never `go run`'s.
#
# Exit 0 when every scenario is as declared, 1 if any is not (each failure is
# listed at the end), 2 on bad usage or when go is missing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_TIMEOUT=10
MAX_FIX_LINES=7
RACE_IDS=(wg-add-inside mutex-copy)

write=0
runs=
ids=()
while [[ $# -gt 0 ]]; do
    arg=$1
    shift
    case $arg in
    --write) write=1 ;;
    --runs)
        runs=${1:-}
        shift || true
        if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
            echo "record-scenarios.sh: --runs needs a positive number" >&2
            exit 2
        fi
        ;;
    -h | --help)
        sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "record-scenarios.sh: unknown option $arg" >&2
        exit 2
        ;;
    *) ids+=("$arg") ;;
    esac
done
if ! command -v go >/dev/null 2>&1; then
    echo "record-scenarios.sh: go is not installed (apt-get install golang-go)" >&2
    exit 2
fi
if [[ ${#ids[@]} -eq 0 ]]; then
    for d in "$root"/scenarios/*/; do
        ids+=("$(basename "$d")")
    done
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-scenarios.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export GO111MODULE=off GOFLAGS= GOPROXY=off
export GOCACHE=$tmp/gocache GOPATH=$tmp/gopath
unset GOTRACEBACK GODEBUG GORACE

failures=()
fail() { # ID MESSAGE
    echo "FAIL $1: $2" >&2
    failures+=("$1: $2")
}

# front ID KEY: a scalar of content/en/ID.md's front matter, unquoted.
front() {
    local file=$root/content/en/$1.md
    awk -v key="$2" '
        NR == 1 && $0 != "---" { exit }
        NR > 1 && $0 == "---" { exit }
        index($0, key ":") == 1 {
            v = substr($0, length(key) + 2)
            sub(/^[ \t]+/, "", v)
            if (v ~ /^"/) {
                v = substr(v, 2)
                out = ""
                while (length(v) > 0) {
                    c = substr(v, 1, 1)
                    if (c == "\\") { out = out substr(v, 2, 1); v = substr(v, 3); continue }
                    if (c == "\"") break
                    out = out c; v = substr(v, 2)
                }
                v = out
            } else {
                sub(/[ \t]+#.*$/, "", v)
            }
            print v
            exit
        }' "$file"
}

# fix_lines BROKEN FIXED: changed lines, per hunk max(added, removed).
fix_lines() {
    { diff -U0 "$1" "$2" || true; } | awk '
        /^@@/ { total += (a > r ? a : r); a = 0; r = 0; next }
        /^\+\+\+|^---/ { next }
        /^\+/ { a++ } /^-/ { r++ }
        END { total += (a > r ? a : r); print total + 0 }'
}

# build DIR NAME.go OUT [FLAGS...]: go build; output of a failed build in OUT.err
build() {
    local dir=$1 src=$2 out=$3
    shift 3
    (cd "$dir" && go build "$@" "-gcflags=-trimpath=$dir" -o "$out" "$src") \
        >"$out.err" 2>&1
}

# run BIN PREFIX: one run; PREFIX.out, PREFIX.err, PREFIX.rc
run() {
    local rc=0
    timeout "$RUN_TIMEOUT" "$1" </dev/null >"$2.out" 2>"$2.err" || rc=$?
    echo "$rc" >"$2.rc"
}

first_err() { head -n 1 "$1.err"; }

# vet_of DIR NAME.go: go vet's findings with paths as `NAME.go:L:C`
vet_of() {
    (cd "$1" && go vet "$2" 2>&1 || true) |
        grep -v -x '# command-line-arguments' |
        sed -e 's|^vet: ||' -e 's|^\./||' || true
}

check_vet() { # ID DIR
    local id=$1 dir=$2 f got
    for f in "$dir"/*.go; do
        f=$(basename "$f")
        if [[ $f == myth.go && -f $tmp/$id.myth.nobuild ]]; then
            continue
        fi
        got=$(vet_of "$dir" "$f")
        if [[ $f == broken.go ]]; then
            if [[ $write -eq 1 && -n $got ]]; then
                printf '%s\n' "$got" >"$dir/vet.txt"
            elif [[ $write -eq 1 ]]; then
                rm -f "$dir/vet.txt"
            fi
            local want=""
            [[ -f $dir/vet.txt ]] && want=$(cat "$dir/vet.txt")
            [[ $got == "$want" ]] || fail "$id" "go vet broken.go differs from vet.txt: $got"
        elif [[ -n $got ]]; then
            fail "$id" "go vet $f is not clean: $got"
        fi
    done
}

check_fixed() { # ID DIR
    local id=$1 dir=$2 bin=$tmp/$1.fixed i
    if ! build "$dir" fixed.go "$bin"; then
        fail "$id" "fixed.go does not build: $(head -n 3 "$bin.err" | tr '\n' ' ')"
        return
    fi
    for i in $(seq 10); do
        run "$bin" "$tmp/$id.f$i"
        if [[ $(cat "$tmp/$id.f$i.rc") != 0 || -s $tmp/$id.f$i.err ]]; then
            fail "$id" "fixed.go run $i: exit $(cat "$tmp/$id.f$i.rc"), stderr: $(first_err "$tmp/$id.f$i")"
            return
        fi
        if ! cmp -s "$tmp/$id.f1.out" "$tmp/$id.f$i.out"; then
            fail "$id" "fixed.go is not schedule-independent: run $i printed something else than run 1"
            return
        fi
    done
    [[ $write -eq 1 ]] && cp "$tmp/$id.f1.out" "$dir/fixed.stdout"
    if ! cmp -s "$tmp/$id.f1.out" "$dir/fixed.stdout" 2>/dev/null; then
        fail "$id" "fixed.go's output differs from fixed.stdout"
    fi
}

check_broken() { # ID DIR
    local id=$1 dir=$2 bin=$tmp/$1.broken
    local want_first want_exit verdict sched n i shown=0 shown_run=0 key
    want_first=$(front "$id" first_line)
    want_exit=$(front "$id" exit)
    verdict=$(front "$id" verdict)
    sched=$(front "$id" schedule_dependent)
    n=3
    [[ $sched == true ]] && n=20
    [[ -n $runs ]] && n=$runs
    if ! build "$dir" broken.go "$bin"; then
        fail "$id" "broken.go does not build: $(head -n 3 "$bin.err" | tr '\n' ' ')"
        return
    fi
    : >"$tmp/$id.outcomes"
    for i in $(seq "$n"); do
        run "$bin" "$tmp/$id.b$i"
        local rc first ok=0
        rc=$(cat "$tmp/$id.b$i.rc")
        first=$(first_err "$tmp/$id.b$i")
        if [[ $rc == "$want_exit" && $first == "$want_first" ]]; then
            ok=1
            if [[ -z $want_first && ($verdict == wrong-output || $verdict == race) ]] &&
                cmp -s "$tmp/$id.b$i.out" "$dir/fixed.stdout"; then
                ok=0
            fi
        fi
        key="exit=$rc first=\"$first\""
        if [[ -z $want_first && ($verdict == wrong-output || $verdict == race) ]]; then
            if cmp -s "$tmp/$id.b$i.out" "$dir/fixed.stdout"; then
                key="$key stdout=as-fixed"
            else
                key="$key stdout=wrong"
            fi
        fi
        echo "$key" >>"$tmp/$id.outcomes"
        if [[ $ok -eq 1 ]]; then
            shown=$((shown + 1))
            [[ $shown_run -eq 0 ]] && shown_run=$i
        fi
    done
    echo "     broken.go: $shown/$n runs showed exit $want_exit, first line \"$want_first\" (declared real_go_rate: $(front "$id" real_go_rate))"
    sort "$tmp/$id.outcomes" | uniq -c | sort -rn | sed 's/^/       /'
    if [[ $write -eq 1 ]]; then
        {
            echo "# broken.go under $(go version | cut -d' ' -f3-), $(nproc) CPUs: $shown/$n runs showed the declared failure"
            echo "# count  outcome"
            sort "$tmp/$id.outcomes" | uniq -c | sort -rn
        } >"$dir/broken.real"
        local part
        for part in out:stdout err:stderr; do
            if [[ $shown_run -gt 0 && -s $tmp/$id.b$shown_run.${part%%:*} ]]; then
                cp "$tmp/$id.b$shown_run.${part%%:*}" "$dir/broken.${part#*:}"
            else
                rm -f "$dir/broken.${part#*:}"
            fi
        done
    fi
    if [[ $shown -eq 0 ]]; then
        fail "$id" "no run of broken.go showed exit $want_exit with first stderr line \"$want_first\""
    elif [[ $sched != true && $shown -ne $n ]]; then
        fail "$id" "schedule_dependent is false, but only $shown/$n runs showed the failure"
    fi
}

check_myth() { # ID DIR
    local id=$1 dir=$2 bin=$tmp/$1.myth i
    [[ -f $dir/myth.go ]] || return 0
    local rc=0
    build "$dir" myth.go "$bin" || rc=$?
    if [[ $rc -ne 0 ]]; then
        if [[ $(head -n 1 "$bin.err") != '# command-line-arguments' ]]; then
            fail "$id" "go build myth.go failed before compiling: $(head -n 2 "$bin.err" | tr '\n' ' ')"
            return
        fi
        touch "$tmp/$id.myth.nobuild"
        : >"$tmp/$id.m.out"
        grep -v -x '# command-line-arguments' "$bin.err" | head -n 1 |
            sed 's|^\./myth\.go:|myth.go:|' >"$tmp/$id.m.first"
        echo "$rc" >"$tmp/$id.m.rc"
    else
        for i in $(seq 20); do
            run "$bin" "$tmp/$id.m$i"
            if ! cmp -s "$tmp/$id.m1.out" "$tmp/$id.m$i.out" ||
                [[ $(cat "$tmp/$id.m1.rc") != $(cat "$tmp/$id.m$i.rc") ||
                    $(first_err "$tmp/$id.m1") != $(first_err "$tmp/$id.m$i") ]]; then
                fail "$id" "myth.go is not deterministic (run 1 vs run $i)"
                return
            fi
        done
        cp "$tmp/$id.m1.out" "$tmp/$id.m.out"
        first_err "$tmp/$id.m1" >"$tmp/$id.m.first"
        cp "$tmp/$id.m1.rc" "$tmp/$id.m.rc"
    fi
    if [[ $write -eq 1 ]]; then
        cp "$tmp/$id.m.out" "$dir/myth.stdout"
        cp "$tmp/$id.m.first" "$dir/myth.stderr.first"
        cp "$tmp/$id.m.rc" "$dir/myth.exit"
    fi
    cmp -s "$tmp/$id.m.out" "$dir/myth.stdout" 2>/dev/null ||
        fail "$id" "myth.go's stdout differs from myth.stdout"
    cmp -s "$tmp/$id.m.first" "$dir/myth.stderr.first" 2>/dev/null ||
        fail "$id" "myth.go's first stderr line differs from myth.stderr.first"
    cmp -s "$tmp/$id.m.rc" "$dir/myth.exit" 2>/dev/null ||
        fail "$id" "myth.go's exit status differs from myth.exit"
    echo "     myth.go: exit $(cat "$tmp/$id.m.rc"), first stderr line \"$(cat "$tmp/$id.m.first")\""
}

check_evidence() { # ID DIR
    local id=$1 dir=$2 f name bin i
    for f in "$dir"/*.go; do
        name=$(basename "$f" .go)
        case $name in broken | fixed | myth) continue ;; esac
        bin=$tmp/$id.$name
        if ! build "$dir" "$name.go" "$bin"; then
            fail "$id" "$name.go does not build"
            continue
        fi
        for i in 1 2 3; do
            run "$bin" "$tmp/$id.$name$i"
            if ! cmp -s "$tmp/$id.${name}1.out" "$tmp/$id.$name$i.out"; then
                fail "$id" "$name.go is not deterministic (run 1 vs run $i)"
                continue 2
            fi
        done
        [[ $write -eq 1 ]] && cp "$tmp/$id.${name}1.out" "$dir/$name.stdout"
        cmp -s "$tmp/$id.${name}1.out" "$dir/$name.stdout" 2>/dev/null ||
            fail "$id" "$name.go's output differs from $name.stdout"
        echo "     $name.go: $(tr '\n' '|' <"$tmp/$id.${name}1.out")"
    done
}

check_race() { # ID DIR
    local id=$1 dir=$2 bin=$tmp/$1.race i raced=0
    local r
    for r in "${RACE_IDS[@]}"; do
        [[ $r == "$id" ]] && break
        r=
    done
    [[ -n $r ]] || return 0
    if ! build "$dir" broken.go "$bin" -race; then
        echo "     -race: cannot build ($(head -n 1 "$bin.err")); skipped"
        return 0
    fi
    : >"$tmp/$id.raceout"
    for i in $(seq 20); do
        run "$bin" "$tmp/$id.r$i"
        if grep -q '^WARNING: DATA RACE$' "$tmp/$id.r$i.err"; then
            raced=$((raced + 1))
            echo "race reported, exit $(cat "$tmp/$id.r$i.rc")" >>"$tmp/$id.raceout"
        else
            echo "no race reported, exit $(cat "$tmp/$id.r$i.rc")" >>"$tmp/$id.raceout"
        fi
    done
    echo "     -race: $raced/20 runs reported WARNING: DATA RACE"
    if [[ $write -eq 1 ]]; then
        {
            echo "# broken.go built with -race, $(go version | cut -d' ' -f3-), $(nproc) CPUs: $raced/20 runs reported a race"
            sort "$tmp/$id.raceout" | uniq -c | sort -rn
            for i in $(seq 20); do
                if grep -q '^WARNING: DATA RACE$' "$tmp/$id.r$i.err"; then
                    echo "# first report (run $i), program frames only:"
                    awk '/^==================$/ { n++ } n == 2 { exit } { print }' "$tmp/$id.r$i.err" |
                        grep -E '^(WARNING|Write|Read|Previous|Goroutine|  main\.|      broken\.go)' || true
                    break
                fi
            done
        } >"$dir/race.real"
    fi
}

for id in "${ids[@]}"; do
    dir=$root/scenarios/$id
    if [[ ! -f $dir/broken.go || ! -f $dir/fixed.go ]]; then
        fail "$id" "scenarios/$id needs broken.go and fixed.go"
        continue
    fi
    if [[ ! -f $root/content/en/$id.md ]]; then
        fail "$id" "content/en/$id.md is missing (the declared facts live there)"
        continue
    fi
    echo "== $id"
    lines=$(fix_lines "$dir/broken.go" "$dir/fixed.go")
    echo "     fix: $lines changed lines"
    [[ $lines -le $MAX_FIX_LINES ]] || fail "$id" "the fix changes $lines lines (at most $MAX_FIX_LINES)"
    check_fixed "$id" "$dir"
    check_broken "$id" "$dir"
    check_myth "$id" "$dir"
    check_evidence "$id" "$dir"
    check_vet "$id" "$dir"
    check_race "$id" "$dir"
done

if [[ ${#failures[@]} -gt 0 ]]; then
    echo "record-scenarios.sh: ${#failures[@]} problem(s):" >&2
    printf '    %s\n' "${failures[@]}" >&2
    exit 1
fi
echo "record-scenarios.sh: ${#ids[@]} scenario(s) as declared, with $(go version | cut -d' ' -f3)"
