#!/usr/bin/env bash
# trace.sh - end-to-end checks of `panicroom trace` (docs/trace.md): the
# header comes first, every line is JSON, the last event is exit with the
# program's status, the program's output goes to stderr, and a recorded
# token replays the same events under another strategy's seed.
# Usage: tests/e2e/trace.sh BUILD/panicroom   (needs jq)
set -u
bin=${1:?usage: trace.sh PANICROOM_BINARY}
if ! command -v jq >/dev/null 2>&1; then
  echo "skip trace: jq is not installed"; exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pr_trace.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL trace: $*"; fail=1; }
ok() { echo "ok   trace: $*"; }

cat >"$tmp/prog.go" <<'GO'
package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	done := make(chan bool)
	go func() {
		for v := range ch {
			fmt.Println("got", v)
		}
		done <- true
	}()
	for i := 0; i < 3; i++ {
		ch <- i
	}
	close(ch)
	<-done
}
GO
cat >"$tmp/panics.go" <<'GO'
package main

func main() {
	ch := make(chan int)
	close(ch)
	close(ch)
}
GO

"$bin" trace "$tmp/prog.go" >"$tmp/out.ndjson" 2>"$tmp/err.txt"
rc=$?
[ "$rc" = 0 ] && ok "exit status 0" || bad "exit status $rc, want 0"
head -n1 "$tmp/out.ndjson" | jq -e '.trace == 1 and .strategy == "go" and
  .token == "go::0"' >/dev/null && ok "header first" || bad "header"
jq -c . "$tmp/out.ndjson" >/dev/null 2>&1 && ok "every line is JSON" ||
  bad "a line is not JSON"
[ "$(jq -s 'length' "$tmp/out.ndjson")" = "$(wc -l <"$tmp/out.ndjson")" ] ||
  bad "one value per line"
tail -n1 "$tmp/out.ndjson" | jq -e '.ev == "exit" and .status == 0' \
  >/dev/null && ok "last event is exit" || bad "last event"
grep -q '^got 2$' "$tmp/err.txt" && ok "program output on stderr" ||
  bad "program output missing from stderr"
grep -q '"got' "$tmp/out.ndjson" && bad "program output on stdout"
for ev in go_create go_block go_unblock go_exit chan_make chan_send \
          chan_recv chan_close; do
  jq -se --arg ev "$ev" 'any(.ev == $ev)' "$tmp/out.ndjson" >/dev/null ||
    bad "no $ev event"
done
jq -se '.[1:] | all((.seq|type) == "number" and (.pos|type) == "string"
  and (.g|type) == "number" and (.t|type) == "number")' "$tmp/out.ndjson" \
  >/dev/null && ok "common keys" || bad "common keys"

"$bin" trace "$tmp/panics.go" >"$tmp/p.ndjson" 2>"$tmp/p.txt"
rc=$?
[ "$rc" = 2 ] && ok "panicking program exits 2" || bad "panic status $rc"
tail -n1 "$tmp/p.ndjson" | jq -e '.ev == "exit" and .end == "panic" and
  .status == 2' >/dev/null && ok "exit event after a panic" ||
  bad "exit event after a panic"
grep -q "panic: close of closed channel" "$tmp/p.txt" ||
  bad "panic message on stderr"

# A recorded token replays the same events even under another seed.
"$bin" trace --strategy random --seed 42 "$tmp/prog.go" >"$tmp/r1.ndjson" \
  2>/dev/null
tok=$(tail -n1 "$tmp/r1.ndjson" | jq -r .token)
case $tok in random::42:*) ok "token carries choices";;
  *) bad "token $tok";; esac
other=$(echo "$tok" | sed 's/^random::42:/random::7:/')
"$bin" trace --replay "$other" "$tmp/prog.go" >"$tmp/r2.ndjson" 2>/dev/null
if diff <(tail -n +2 "$tmp/r1.ndjson" | jq -c 'del(.token)') \
        <(tail -n +2 "$tmp/r2.ndjson" | jq -c 'del(.token)') >/dev/null; then
  ok "replayed token gives the same events"
else
  bad "replay differs"
fi
"$bin" trace --replay "pct:x:1" "$tmp/prog.go" >/dev/null 2>&1
[ $? = 2 ] && ok "bad token is a usage error" || bad "bad token status"
"$bin" trace >/dev/null 2>&1
[ $? = 2 ] && ok "no file is a usage error" || bad "no file status"
# run --trace FILE: the program's output stays where Go puts it.
"$bin" run --trace "$tmp/run.ndjson" "$tmp/prog.go" >"$tmp/run.out" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q '^got 2$' "$tmp/run.out" && ok "run --trace runs" ||
  bad "run --trace status $rc"
head -n1 "$tmp/run.ndjson" | jq -e '.trace == 1' >/dev/null &&
  tail -n1 "$tmp/run.ndjson" | jq -e '.ev == "exit"' >/dev/null &&
  ok "run --trace writes the trace" || bad "run --trace file"
"$bin" run --trace /nonexistent/dir/t.ndjson "$tmp/prog.go" >/dev/null 2>&1
[ $? = 2 ] && ok "run --trace to an unwritable path is a usage error" ||
  bad "unwritable trace path"
exit $fail
