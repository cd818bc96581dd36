#!/usr/bin/env bash
# run.sh ENGINE_BINARY [PATTERN...] -- check the engine against the corpus.
#
# For every tests/conformance/NNN_topic.go (or only those whose name matches
# one of the shell PATTERNs, e.g. '1[0-2]?_*'), run
#     ENGINE_BINARY run NNN_topic.go
# with cwd tests/conformance, 10 s timeout, and compare with expected/:
#   - stdout exactly;
#   - exit status exactly;
#   - the first stderr line exactly;
#   - every `goroutine N [state]:` line of the expected stderr must have a
#     `goroutine M [state]:` line in the actual stderr (numbers may differ;
#     counted as a multiset, so two expected [semacquire] need two);
#   - the traceback frames in the program's own file (`\tNNN_topic.go:LINE`),
#     in order: the lines Go blames must be the lines the engine blames.
# Prints `ok   NAME`, `FAIL NAME: what`, `XFAIL NAME` or `XPASS NAME`, then
#     conformance: P passed, F failed, X xfail
# xfail.txt lists known engine failures (`name  reason`, `#` comments); a
# listed program that passes is an XPASS and counts as a failure.
#
# Then, unless PANICROOM_SKIP_RERECORD is set, re-records the corpus with the
# real Go toolchain (record.sh into a temp dir) and fails if stdout, exit
# status, first stderr line or goroutine states differ from expected/ (the
# rest of a traceback holds addresses that change from build to build).
# Without `go` on PATH it prints a loud SKIP line instead.
#
# Exit 0 if everything passed, 1 on any failure, 2 on bad usage.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exp=$here/expected
RUN_TIMEOUT=10

if [[ $# -lt 1 ]]; then
    echo "usage: run.sh ENGINE_BINARY [PATTERN...]" >&2
    exit 2
fi
engine=$1
shift
if [[ $engine != */* ]]; then
    engine=$(command -v "$engine" || true)
fi
if [[ -z $engine || ! -x $engine ]]; then
    echo "run.sh: engine binary '${1:-}' not found or not executable" >&2
    exit 2
fi
engine=$(cd "$(dirname "$engine")" && pwd)/$(basename "$engine")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-conf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- xfail list -----------------------------------------------------------
declare -A xfail=()
if [[ -f $here/xfail.txt ]]; then
    while read -r name _; do
        [[ -z $name || $name == \#* ]] && continue
        xfail[${name%.go}]=1
    done <"$here/xfail.txt"
fi

states() { # FILE -> sorted goroutine states, one per line
    grep -E '^goroutine [0-9]+ \[.*\]:$' "$1" \
        | sed -E 's/^goroutine [0-9]+ \[(.*)\]:$/\1/' | LC_ALL=C sort || true
}

frames() { # NAME FILE -> the program's own frame lines, in order
    grep -oE "^[[:space:]]+$1\.go:[0-9]+" "$2" | sed 's/^[[:space:]]*//' \
        | tr '\n' ' ' || true
}

# Show expected vs got, a few lines each, indented.
show() { # LABEL EXPECTED_FILE GOT_FILE
    echo "    $1 expected:"
    head -n 4 "$2" | sed 's/^/      | /'
    echo "    $1 got:"
    head -n 4 "$3" | sed 's/^/      | /'
}

# compare NAME GOT_DIR -> prints what differed (nothing if equal)
compare() {
    local name=$1 d=$2 e=$exp/$1
    local we ge
    we=$(cat "$e.exit")
    ge=$(cat "$d/exit")
    if [[ $we != "$ge" ]]; then
        if [[ $ge == 124 ]]; then
            echo "timed out after ${RUN_TIMEOUT}s (expected exit $we)"
        else
            echo "exit $ge, expected $we"
        fi
    fi
    if ! cmp -s "$e.stdout" "$d/stdout"; then
        echo "stdout differs"
        diff "$e.stdout" "$d/stdout" | head -n 8 | sed 's/^/      /' || true
    fi
    head -n 1 "$e.stderr" >"$d/e1"
    head -n 1 "$d/stderr" >"$d/g1"
    if ! cmp -s "$d/e1" "$d/g1"; then
        echo "first stderr line differs"
        show stderr "$d/e1" "$d/g1"
    fi
    states "$e.stderr" >"$d/es"
    states "$d/stderr" >"$d/gs"
    local missing
    missing=$(LC_ALL=C comm -23 "$d/es" "$d/gs")
    if [[ -n $missing ]]; then
        echo "goroutine states missing: $(echo "$missing" | sed 's/.*/[&]/' | paste -sd ' ')"
        echo "    expected states: $(sed 's/.*/[&]/' "$d/es" | paste -sd ' ')"
        echo "    got states:      $(sed 's/.*/[&]/' "$d/gs" | paste -sd ' ')"
    fi
    local ef gf
    ef=$(frames "$name" "$e.stderr")
    gf=$(frames "$name" "$d/stderr")
    if [[ $ef != "$gf" ]]; then
        echo "traceback lines differ"
        echo "    expected: $ef"
        echo "    got:      $gf"
    fi
}

matches() { # NAME -> 0 if selected by the patterns
    [[ ${#patterns[@]} -eq 0 ]] && return 0
    local p
    for p in "${patterns[@]}"; do
        # shellcheck disable=SC2053
        [[ $1 == $p || $1.go == $p ]] && return 0
    done
    return 1
}
patterns=("$@")

pass=0 fail=0 xf=0
failed=()
declare -A seen=()
cd "$here"
for src in [0-9]*.go; do
    [[ -e $src ]] || continue
    name=${src%.go}
    matches "$name" || continue
    seen[$name]=1
    if [[ ! -f $exp/$name.exit ]]; then
        echo "FAIL $name: no expected output (run tests/conformance/record.sh)"
        fail=$((fail + 1)); failed+=("$name")
        continue
    fi
    d=$tmp/$name
    mkdir -p "$d"
    rc=0
    timeout "$RUN_TIMEOUT" "$engine" run "$src" </dev/null \
        >"$d/stdout" 2>"$d/stderr" || rc=$?
    echo "$rc" >"$d/exit"
    what=$(compare "$name" "$d")
    if [[ -z $what ]]; then
        if [[ -n ${xfail[$name]:-} ]]; then
            echo "XPASS $name: passes but is listed in xfail.txt (remove it)"
            fail=$((fail + 1)); failed+=("$name")
        else
            echo "ok   $name"
            pass=$((pass + 1))
        fi
    elif [[ -n ${xfail[$name]:-} ]]; then
        echo "XFAIL $name: $(echo "$what" | head -n 1)"
        xf=$((xf + 1))
    else
        echo "FAIL $name: $(echo "$what" | head -n 1)"
        echo "$what" | tail -n +2
        fail=$((fail + 1)); failed+=("$name")
    fi
done

if [[ ${#patterns[@]} -eq 0 ]]; then
    for name in "${!xfail[@]}"; do
        if [[ -z ${seen[$name]:-} ]]; then
            echo "FAIL xfail.txt: names unknown program '$name'"
            fail=$((fail + 1)); failed+=("xfail.txt:$name")
        fi
    done
fi

echo "conformance: $pass passed, $fail failed, $xf xfail"

# --- re-check the corpus against real Go -----------------------------------
recheck_failed=0
if [[ -n ${PANICROOM_SKIP_RERECORD:-} ]]; then
    echo "note: PANICROOM_SKIP_RERECORD set, corpus not re-checked against real Go"
elif ! command -v go >/dev/null 2>&1; then
    echo "SKIP: go not installed, corpus not re-checked against real Go"
else
    echo "re-recording the corpus with $(go version) ..."
    re=$tmp/rerecord
    if ! bash "$here/record.sh" "$re" >"$tmp/record.log" 2>&1; then
        cat "$tmp/record.log" >&2
        echo "FAIL re-record: record.sh failed (see above)"
        recheck_failed=1
    fi
    declare -A checked=()
    for f in "$exp"/*.exit "$re"/*.exit; do
        [[ -e $f ]] || continue
        name=$(basename "$f" .exit)
        [[ -n ${checked[$name]:-} ]] && continue
        checked[$name]=1
        if [[ ! -f $re/$name.exit || ! -f $exp/$name.exit ]]; then
            echo "FAIL re-record: $name is missing from $( [[ -f $re/$name.exit ]] && echo expected/ || echo 'the new recording')"
            recheck_failed=1
            continue
        fi
        for part in stdout exit; do
            if ! cmp -s "$exp/$name.$part" "$re/$name.$part"; then
                echo "FAIL re-record: expected/$name.$part differs from real Go"
                diff "$exp/$name.$part" "$re/$name.$part" | head -n 6 | sed 's/^/      /' || true
                recheck_failed=1
            fi
        done
        if [[ "$(head -n 1 "$exp/$name.stderr")" != "$(head -n 1 "$re/$name.stderr")" ]] ||
            [[ "$(states "$exp/$name.stderr")" != "$(states "$re/$name.stderr")" ]]; then
            echo "FAIL re-record: expected/$name.stderr differs from real Go (first line or goroutine states)"
            recheck_failed=1
        fi
    done
    if [[ $recheck_failed -eq 0 ]]; then
        echo "re-record: expected/ matches real Go"
    fi
fi

if [[ $fail -gt 0 || $recheck_failed -ne 0 ]]; then
    exit 1
fi
exit 0
