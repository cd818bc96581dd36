#!/usr/bin/env bash
# record.sh [OUTDIR] -- record what the real Go toolchain does with every
# conformance program, as the expected results the engine must match.
#
# For each tests/conformance/NNN_topic.go:
#   - `go build` it (GO111MODULE=off, so no go.mod; GOCACHE in a private temp
#     dir unless GOCACHE is set; no network). -gcflags=-trimpath=<this dir>
#     makes the program's own frames in tracebacks read `NNN_topic.go:LINE`.
#   - run the binary 3 times from this directory, 10 s timeout each, and fail
#     loudly if the runs differ in stdout, the first stderr line, the exit
#     status or the multiset of `goroutine N [state]:` lines: such a program is
#     not deterministic and must be fixed.
#   - write OUTDIR/NNN_topic.{stdout,stderr,exit} from the first run (nothing
#     is normalised; traceback addresses stay as Go printed them, but an
#     existing .stderr that differs only in hex numbers and goroutine ids is
#     left untouched).
# Programs named *_compile_* must fail to build: their .stderr is what
# `go build` printed minus the `# command-line-arguments` line, with
# `./NNN_topic.go:` rewritten to `NNN_topic.go:`; .stdout is empty; .exit is
# go build's status (2). Any other program must build.
#
# OUTDIR defaults to tests/conformance/expected. Exit 0 on success, 1 if any
# program misbehaved (each one is listed), 2 on bad usage / no go.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/expected}
if [[ $# -gt 1 ]]; then
    echo "usage: record.sh [OUTDIR]" >&2
    exit 2
fi
if ! command -v go >/dev/null 2>&1; then
    echo "record.sh: go is not installed (apt-get install golang-go)" >&2
    exit 2
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-record.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"

export GO111MODULE=off
export GOFLAGS=
export GOCACHE=${GOCACHE:-$tmp/gocache}
export GOPATH=${GOPATH:-$tmp/gopath}
export GOPROXY=off
# These change what a crashing Go program prints; record Go's defaults.
unset GOTRACEBACK GODEBUG

RUN_TIMEOUT=10

# The parts of one run that must be identical across runs (and that run.sh
# compares): stdout, exit status, first stderr line, goroutine states.
run_key() { # DIR I
    local d=$1 i=$2
    cat "$d/$i.stdout"
    printf '\n--exit %s\n--stderr1 ' "$(cat "$d/$i.exit")"
    head -n 1 "$d/$i.stderr"
    printf '\n--states\n'
    grep -E '^goroutine [0-9]+ \[.*\]:$' "$d/$i.stderr" \
        | sed -E 's/^goroutine [0-9]+ /goroutine N /' | LC_ALL=C sort || true
}

unhex() { sed -E -e 's/0x[0-9a-f]+/0x_/g' -e 's/^goroutine [0-9]+ /goroutine N /'; }

bad=()
count=0
cd "$here"
for src in [0-9]*.go; do
    [[ -e $src ]] || continue
    name=${src%.go}
    count=$((count + 1))
    rm -rf "$tmp/runs"
    mkdir -p "$tmp/runs"

    rc=0
    go build "-gcflags=-trimpath=$here" -o "$tmp/bin/$name" "$src" \
        >"$tmp/build.out" 2>"$tmp/build.err" || rc=$?
    if [[ $rc -ne 0 ]]; then
        if [[ $(head -n 1 "$tmp/build.err") != '# command-line-arguments' ]]; then
            echo "record.sh: go build $src failed before compiling:" >&2
            sed 's/^/    /' "$tmp/build.err" >&2
            bad+=("$name (go build failed: toolchain problem?)")
            continue
        fi
        if [[ $name != *_compile_* ]]; then
            echo "record.sh: $src does not compile (only *_compile_* may):" >&2
            sed 's/^/    /' "$tmp/build.err" >&2
            bad+=("$name (unexpected compile error)")
            continue
        fi
        : >"$out/$name.stdout"
        grep -v -x '# command-line-arguments' "$tmp/build.err" \
            | sed "s|^\./$src:|$src:|" >"$out/$name.stderr" || true
        echo "$rc" >"$out/$name.exit"
        echo "recorded $name (compile error, exit $rc)"
        continue
    fi
    if [[ $name == *_compile_* ]]; then
        echo "record.sh: $src is named *_compile_* but compiles" >&2
        bad+=("$name (expected a compile error)")
        continue
    fi

    for i in 1 2 3; do
        rc=0
        timeout "$RUN_TIMEOUT" "$tmp/bin/$name" </dev/null \
            >"$tmp/runs/$i.stdout" 2>"$tmp/runs/$i.stderr" || rc=$?
        echo "$rc" >"$tmp/runs/$i.exit"
    done
    if [[ $(cat "$tmp/runs/1.exit") == 124 ]]; then
        echo "record.sh: $src timed out after ${RUN_TIMEOUT}s" >&2
        bad+=("$name (timeout)")
        continue
    fi
    run_key "$tmp/runs" 1 >"$tmp/runs/k1"
    nondet=0
    for i in 2 3; do
        run_key "$tmp/runs" $i >"$tmp/runs/k$i"
        if ! cmp -s "$tmp/runs/k1" "$tmp/runs/k$i"; then
            nondet=1
            echo "record.sh: $src is NOT deterministic (run 1 vs run $i):" >&2
            diff "$tmp/runs/k1" "$tmp/runs/k$i" | head -n 20 | sed 's/^/    /' >&2 || true
        fi
    done
    cp "$tmp/runs/1.stdout" "$out/$name.stdout"
    cp "$tmp/runs/1.exit" "$out/$name.exit"
    # Tracebacks print argument values, addresses and goroutine ids that
    # change from run to run; keep an existing .stderr that differs only in
    # those, so a re-record does not churn the tree.
    if [[ ! -f $out/$name.stderr ]] ||
        ! cmp -s <(unhex <"$out/$name.stderr") <(unhex <"$tmp/runs/1.stderr"); then
        cp "$tmp/runs/1.stderr" "$out/$name.stderr"
    fi
    if [[ $nondet -ne 0 ]]; then
        bad+=("$name (nondeterministic)")
        continue
    fi
    echo "recorded $name (exit $(cat "$out/$name.exit"))"
done

# Expected files of programs that no longer exist would make run.sh lie.
for f in "$out"/*.exit; do
    [[ -e $f ]] || continue
    name=$(basename "$f" .exit)
    if [[ ! -e $here/$name.go ]]; then
        rm -f "$out/$name.stdout" "$out/$name.stderr" "$out/$name.exit"
        echo "removed stale expected files of $name"
    fi
done

if [[ ${#bad[@]} -gt 0 ]]; then
    echo "record.sh: ${#bad[@]} of $count programs are broken:" >&2
    printf '    %s\n' "${bad[@]}" >&2
    exit 1
fi
echo "record.sh: recorded $count programs into $out with $(go version)"
