#!/usr/bin/env bash
# run.sh - end-to-end checks of `panicroom run` under the runner's limits,
# and of `run --engine go` and `compare` against the real toolchain:
#   an infinite loop ends as a timeout (wall clock with --timeout, steps
#   with --max-steps), an allocation bomb as oom, a 1 GB output flood is
#   cut at 64 MiB without hanging, fake "panic:" text is still exit 0,
#   --seed/--strategy/--depth/--replay reproduce a run byte for byte.
# Without `go` on PATH the toolchain checks print a loud SKIP line.
# Usage: tests/e2e/run.sh BUILD/panicroom
set -u
bin=${1:?usage: run.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-e2e-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# A private cache for --engine go, so the test never touches the user's.
export XDG_CACHE_HOME=$tmp/cache
fail=0
ok() { echo "ok   run: $1"; }
bad() { echo "FAIL run: $1"; fail=1; }

# expect NAME WANT_STATUS CMD... : runs CMD with stdout/stderr in $tmp/out,
# $tmp/err and checks the status.
expect() {
    local name=$1 want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [[ $got != "$want" ]]; then
        bad "$name: exit $got, want $want"
        sed 's/^/  | /' "$tmp/err" | head -20
        return 1
    fi
    ok "$name"
}
has() { # NAME FILE PATTERN: grep -q
    grep -qE -- "$3" "$2" || { bad "$1: no /$3/ in $(basename "$2")"; sed 's/^/  | /' "$2" | head -10; }
}

cat >"$tmp/loop.go" <<'GO'
package main

func main() {
	n := 0
	for {
		n++
	}
}
GO
cat >"$tmp/bomb.go" <<'GO'
package main

func main() {
	var all [][]int
	for {
		all = append(all, make([]int, 1<<20))
	}
}
GO
cat >"$tmp/flood.go" <<'GO'
package main

import (
	"fmt"
	"strings"
)

func main() {
	s := strings.Repeat("x", 1<<20-1) + "\n"
	for i := 0; i < 1024; i++ {
		fmt.Print(s)
	}
	fmt.Println("done")
}
GO
cat >"$tmp/fake.go" <<'GO'
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("panic: not really")
	fmt.Fprintln(os.Stderr, "panic: send on closed channel")
	fmt.Fprintln(os.Stderr, "fatal error: all goroutines are asleep - deadlock!")
}
GO
cat >"$tmp/args.go" <<'GO'
package main

import (
	"fmt"
	"os"
)

func main() { fmt.Println(len(os.Args), os.Args[1:]) }
GO
cat >"$tmp/partial.go" <<'GO'
package main

import "fmt"

func main() {
	fmt.Print("no newline")
	for {
	}
}
GO

# --- limits -------------------------------------------------------------
start=$(date +%s%N)
expect "infinite loop, --timeout 1 -> 124" 124 "$bin" run --timeout 1 "$tmp/loop.go" &&
    has "timeout message" "$tmp/err" '^panicroom: timeout: the program ran longer than 1 s'
ms=$((($(date +%s%N) - start) / 1000000))
((ms < 5000)) && ok "timeout took ${ms} ms" || bad "timeout took ${ms} ms (want < 5000)"
expect "infinite loop, --max-steps -> 124" 124 "$bin" run --max-steps 100000 "$tmp/loop.go" &&
    has "step message" "$tmp/err" '^panicroom: timeout: the program reached the step limit \(100000 steps\)$'
expect "our line after partial output" 124 "$bin" run --max-steps 100000 "$tmp/partial.go" &&
    has "own line" "$tmp/err" '^panicroom: timeout'
expect "allocation bomb -> oom, exit 2" 2 "$bin" run "$tmp/bomb.go" &&
    has "Go's oom" "$tmp/err" '^fatal error: runtime: out of memory$' &&
    has "oom verdict" "$tmp/err" '^panicroom: oom: '

start=$(date +%s%N)
"$bin" run "$tmp/flood.go" 2>"$tmp/err" | wc -c >"$tmp/n"
st=${PIPESTATUS[0]}
ms=$((($(date +%s%N) - start) / 1000000))
[[ $st == 0 ]] && ok "1 GB flood exits 0" || bad "1 GB flood: exit $st"
[[ $(cat "$tmp/n") == 67108864 ]] && ok "flood cut at 64 MiB" || bad "flood passed $(cat "$tmp/n") bytes"
has "flood truncation note" "$tmp/err" '^panicroom: output truncated: the program wrote 1073741829 bytes to stdout'
((ms < 20000)) && ok "flood took ${ms} ms" || bad "flood took ${ms} ms (want < 20000)"

expect "fake panic text is ok" 0 "$bin" run "$tmp/fake.go" &&
    has "fake stdout" "$tmp/out" '^panic: not really$' &&
    has "fake stderr passed through" "$tmp/err" '^panic: send on closed channel$'
grep -q '^panicroom' "$tmp/err" && bad "fake: a panicroom line was added"

expect "-- ARGS reach os.Args" 0 "$bin" run "$tmp/args.go" -- a 'b c' &&
    has "os.Args" "$tmp/out" '^3 \[a b c\]$'

# --- schedules and replay ----------------------------------------------------
prog=$here/../verify/close_check_act.go
for s in "--seed 3" "--strategy random --seed 7" "--strategy pct --seed 5" \
         "--strategy pct --depth 2 --seed 9"; do
    # shellcheck disable=SC2086
    "$bin" run $s "$prog" >"$tmp/a.out" 2>"$tmp/a.err"; a=$?
    # shellcheck disable=SC2086
    "$bin" run $s "$prog" >"$tmp/b.out" 2>"$tmp/b.err"; b=$?
    if [[ $a == "$b" ]] && cmp -s "$tmp/a.out" "$tmp/b.out" && cmp -s "$tmp/a.err" "$tmp/b.err"; then
        ok "$s is deterministic (exit $a)"
    else
        bad "$s: two runs differ"
    fi
done
"$bin" run --strategy pct --depth 2 --seed 9 "$prog" >"$tmp/a.out" 2>"$tmp/a.err"; a=$?
"$bin" run --replay pct:2:9 "$prog" >"$tmp/b.out" 2>"$tmp/b.err"; b=$?
[[ $a == "$b" ]] && cmp -s "$tmp/a.out" "$tmp/b.out" && cmp -s "$tmp/a.err" "$tmp/b.err" &&
    ok "--replay pct:2:9 = --strategy pct --depth 2 --seed 9" || bad "--replay differs from the flags"
expect "bad token" 2 "$bin" run --replay pct::9 "$prog" && has "token why" "$tmp/err" 'bad replay token'
expect "bad choice list" 2 "$bin" run --replay 'random::9:A*' "$prog" && has "choice list why" "$tmp/err" base64url
expect "--replay with --seed" 2 "$bin" run --replay go::1 --seed 2 "$prog"
expect "--depth without pct" 2 "$bin" run --depth 2 "$prog"
expect "bad --engine" 2 "$bin" run --engine gccgo "$prog"

# --- the real toolchain ------------------------------------------------------
if ! command -v go >/dev/null 2>&1; then
    echo "SKIP: go not installed: run --engine go and compare not tested"
    expect "no go: clear message" 2 env PATH=/nonexistent "$bin" run --engine go "$tmp/fake.go" &&
        has "install hint" "$tmp/err" 'go toolchain is not installed'
    exit $fail
fi
expect "--engine go: fake panic passes through" 0 "$bin" run --engine go "$tmp/fake.go" &&
    has "go stdout" "$tmp/out" '^panic: not really$'
cp "$here/../conformance/101_panic_send_closed.go" "$tmp/send.go"
expect "--engine go: go run's status 1" 1 "$bin" run --engine go "$tmp/send.go" &&
    has "go stderr" "$tmp/err" '^panic: send on closed channel$' &&
    has "go run's line" "$tmp/err" '^exit status 2$'
expect "--engine go: -- ARGS" 0 "$bin" run --engine go "$tmp/args.go" -- a 'b c' &&
    has "go os.Args" "$tmp/out" '^3 \[a b c\]$'
[[ -d $XDG_CACHE_HOME/panicroom/gocache ]] && ok "private GOCACHE used" || bad "no private GOCACHE"
expect "--engine go with --seed" 2 "$bin" run --engine go --seed 1 "$tmp/send.go"
expect "--engine go with --race" 2 "$bin" run --engine go --race "$tmp/send.go"
expect "no go: clear message" 2 env PATH=/nonexistent "$bin" run --engine go "$tmp/fake.go" &&
    has "install hint" "$tmp/err" '^panicroom: the go toolchain is not installed \(apt-get install golang-go\)$'
expect "compare: panic agrees" 0 env COLUMNS=100 "$bin" compare "$tmp/send.go" &&
    has "agree line" "$tmp/out" '^agree: same first error line and exit status$' &&
    has "two columns" "$tmp/out" '^lab engine: exit 2 +\| go run: exit 2$'
expect "compare: stacked when narrow" 0 env COLUMNS=60 "$bin" compare "$tmp/fake.go" &&
    has "stacked" "$tmp/out" '^=== go run: exit 0 ===$'
awk 'length > 100 { exit 1 }' "$tmp/out" || bad "compare: a line wider than the terminal"
printf 'package main\n\nfunc main() { x := 1 }\n' >"$tmp/ce.go"
expect "compare: compile errors agree" 0 "$bin" compare "$tmp/ce.go"
cat >"$tmp/differ.go" <<'GO'
package main

import "fmt"

func main() {
	m := map[int]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8}
	for k := range m {
		panic(fmt.Sprint("first key ", k))
	}
}
GO
"$bin" compare "$tmp/differ.go" >"$tmp/out" 2>"$tmp/err"; st=$?
if [[ $st == 0 ]] && grep -q '^agree' "$tmp/out"; then ok "compare: map order agreed by chance"
elif [[ $st == 1 ]] && grep -qE '^differ: lab exit 2 "panic: first key [0-9]" vs go exit 2 "panic: first key [0-9]"$' "$tmp/out"; then
    ok "compare: differ line"
else bad "compare: differ: exit $st"; sed 's/^/  | /' "$tmp/out" | tail -3; fi
exit $fail
