#!/usr/bin/env bash
# lessons_run.sh - end-to-end checks of lesson ids on the program commands
# (SPEC §3: "ID names a lesson"): run ID, run ID --fixed, verify ID
# [--fixed], an unknown id, and check-lessons on one lesson, against the
# real catalog of this checkout (found next to the binary).
# Commands run from an empty directory, so no file there can shadow an id.
# Usage: tests/e2e/lessons_run.sh BUILD/panicroom
set -u
bin=${1:?usage: lessons_run.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-e2e-lessons.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
unset PANICROOM_DATA
cd "$tmp" || exit 2
export HOME=$tmp/home XDG_STATE_HOME=$tmp/state
mkdir -p "$HOME"
fail=0
ok() { echo "ok   lessons_run: $1"; }
bad() { echo "FAIL lessons_run: $1"; fail=1; }

# expect NAME WANT_STATUS ARGS...: runs the binary, checks the status.
expect() {
    local name=$1 want=$2
    shift 2
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [[ $got != "$want" ]]; then
        bad "$name: exit $got, want $want"
        sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -20
        return 1
    fi
    ok "$name"
}

expect "run send-closed" 2 run send-closed &&
    { [[ $(head -1 "$tmp/err") == "panic: send on closed channel" ]] ||
          bad "run send-closed: first stderr line $(head -1 "$tmp/err")"; }

expect "run send-closed --fixed" 0 run send-closed --fixed &&
    { cmp -s "$tmp/out" "$root/scenarios/send-closed/fixed.stdout" ||
          bad "run send-closed --fixed: stdout differs from fixed.stdout"; }

expect "verify nil-map --fixed" 0 verify nil-map --fixed
expect "verify wg-negative" 1 verify wg-negative

expect "unknown id" 2 run no-such-lesson &&
    { grep -qF 'panicroom: no lesson or file "no-such-lesson" (see panicroom list)' \
          "$tmp/err" || bad "unknown id: message"; }
expect "verify: unknown id" 2 verify no-such-lesson
expect "--fixed with a file" 2 run "$root/scenarios/send-closed/broken.go" --fixed

# A file of the lesson's name in the current directory wins over the id.
printf 'package main\n\nfunc main() { println("mine") }\n' >send-closed
expect "a file shadows the id" 0 run send-closed
rm -f send-closed

expect "check-lessons send-closed" 0 check-lessons send-closed --quick &&
    { grep -q '^summary: 1 lesson(s), 0 failing' "$tmp/out" ||
          bad "check-lessons send-closed: no summary line"; }
expect "check-lessons unknown id" 2 check-lessons no-such-lesson

# The real catalog: four chapters, in order (issue 5's acceptance).
expect "list (the real catalog)" 0 list &&
    { [ "$(grep '^Chapter ' "$tmp/out" | paste -sd '|')" = \
        "Chapter 1: Channels|Chapter 2: Goroutines and WaitGroup|Chapter 3: Maps and locks|Chapter 4: Once, context, timers and pools" ] ||
          bad "list: not the four chapters in order"; }
# LANG picks Chinese when --lang is not given.
LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES= expect "show in Chinese by LANG" 0 show send-closed &&
    { grep -q '^## 你会看到什么\|你会看到什么' "$tmp/out" ||
          bad "LANG=zh_CN.UTF-8 show send-closed: not the Chinese lesson"; }

exit $fail
