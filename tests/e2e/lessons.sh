#!/usr/bin/env bash
# lessons.sh - end-to-end checks of list, show and hint (SPEC §3) against
# the fixture lessons: output, JSON, languages, the hint ladder, progress,
# load errors and exit statuses.
# Usage: tests/e2e/lessons.sh BUILD/panicroom
# HOME and XDG_STATE_HOME point into a temporary directory, so the user's
# real progress is never touched.
set -u
bin=${1:?usage: lessons.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_STATE_HOME=$tmp/state
export PANICROOM_DATA=$PWD/tests/fixtures/lessons
unset LC_ALL LC_MESSAGES LANG
mkdir -p "$HOME"
out=$tmp/out err=$tmp/err fail=0

bad() { echo "FAIL lessons: $*"; sed 's/^/  | /' "$out" "$err"; fail=1; }
# run NAME STATUS ARGS...: runs the binary, checks the exit status.
run() {
  local name=$1 want=$2; shift 2
  "$bin" "$@" >"$out" 2>"$err"
  local got=$?
  if [ "$got" != "$want" ]; then
    bad "$name: exit $got, want $want"
    return 1
  fi
  echo "ok   lessons: $name"
}
has() { grep -qF -- "$2" "$1" || bad "missing in $(basename "$1"): $2"; }
hasnt() { ! grep -qF -- "$2" "$1" || bad "unexpected in $(basename "$1"): $2"; }

# --- list -------------------------------------------------------------------
run "list" 0 list
has "$out" "Chapter 1: Channels"
has "$out" "Chapter 2: WaitGroup"
[ "$(grep -o '^  [a-z-]*' "$out" | tr -d ' ' | tr '\n' ' ')" = \
  "send-closed nil-chan wg-negative " ] || bad "list order"
grep -q '^  send-closed  *Send on a closed channel  *todo$' "$out" ||
  bad "list row"
[ -s "$err" ] && bad "list wrote to stderr"

run "list --format json" 0 list --format json
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json,sys
a = json.load(sys.stdin)
assert [l["id"] for l in a] == ["send-closed", "nil-chan", "wg-negative"], a
assert set(a[0]) == {"id", "title", "chapter", "chapter_title", "order",
                     "status", "verdict"}, a[0]
assert a[0]["verdict"] == "panic" and a[2]["chapter"] == 2, a' <"$out" ||
    bad "list json content"
else
  has "$out" '"id": "send-closed"'
  has "$out" '"verdict": "panic"'
  has "$out" '"chapter_title": "WaitGroup"'
fi
run "list --lang zh" 0 list --lang zh
has "$out" "第 1 章：通道"
has "$out" "向已关闭的通道发送"
run "list --format xml" 2 list --format xml

# --- show -------------------------------------------------------------------
run "show" 0 show send-closed
has "$out" "Send on a closed channel"
has "$out" "========================"
has "$out" "What you will see"
has "$out" "    close(results)"
hasnt "$out" "**"
awk 'length($0) > 80 { exit 1 }' "$out" || bad "show: line over 80 columns"
LANG=zh_CN.UTF-8 run "show under LANG=zh_CN.UTF-8" 0 show send-closed
has "$out" "你会看到什么"
run "show --lang zh" 0 show send-closed --lang zh
has "$out" "破除误解"
LANG=zh_CN.UTF-8 run "show --lang en overrides LANG" 0 \
  show send-closed --lang en
has "$out" "The fix"
run "show fallback to English" 0 show nil-chan --lang zh
has "$out" "Receive from a nil channel"
has "$err" "panicroom: lesson nil-chan has no zh text yet; showing en"
run "show unknown id" 2 show no-such
has "$err" 'panicroom: no lesson "no-such" (see panicroom list)'
run "show without id" 2 show
run "show bad --lang" 2 show send-closed --lang fr

# --- hint -------------------------------------------------------------------
for n in 1 2 3; do
  run "hint $n" 0 hint wg-negative $n
  has "$out" "Hint $n of 3 (wg-negative):"
done
has "$out" "Remove the second \`wg.Done()\`."
run "hint next (1)" 0 hint send-closed
has "$out" "Hint 1 of 3"
run "hint next (2)" 0 hint send-closed
has "$out" "Hint 2 of 3"
run "hint next (3, zh)" 0 hint send-closed --lang zh
has "$out" "提示 3/3（send-closed）："
run "hint after the last" 0 hint send-closed
has "$out" "Hint 3 of 3"
run "hint 0" 2 hint send-closed 0
run "hint 4" 2 hint send-closed 4
has "$err" "hint: N must be 1 to 3 (got 4)"
run "hint x" 2 hint send-closed x
run "hint unknown id" 2 hint no-such 1

# --- progress ---------------------------------------------------------------
run "list after show and hint" 0 list
grep -q '^  send-closed .*started$' "$out" || bad "status started"
grep -q '^  nil-chan .*started$' "$out" || bad "status started (show)"
[ -f "$XDG_STATE_HOME/panicroom/progress.json" ] || bad "no progress file"
printf '{"lessons": ' >"$XDG_STATE_HOME/panicroom/progress.json"
run "corrupt progress" 0 list
has "$err" "is corrupt"
[ -f "$XDG_STATE_HOME/panicroom/progress.json.bad" ] || bad "no .bad copy"
grep -q '^  send-closed .*todo$' "$out" || bad "fresh progress"

# --- a catalog with broken lessons ------------------------------------------
cp -R tests/fixtures/lessons "$tmp/data"
sed 's/^verdict: panic$/verdict: crash/' \
  tests/fixtures/lessons/content/en/wg-negative.md \
  >"$tmp/data/content/en/wg-negative.md"
sed 's/^exit: 2$/exit: 1/' tests/fixtures/lessons/content/zh/send-closed.md \
  >"$tmp/data/content/zh/send-closed.md"
PANICROOM_DATA=$tmp/data run "list with errors" 1 list
has "$err" 'content/en/wg-negative.md:8: verdict: unknown verdict "crash"'
has "$err" "content/zh/send-closed.md:10: exit: 1 here but 2 in \
content/en/send-closed.md:10"
has "$out" "send-closed"
hasnt "$out" "wg-negative"
PANICROOM_DATA=$tmp/data run "show a good lesson of a broken catalog" 0 \
  show nil-chan
PANICROOM_DATA=$tmp/data run "show a broken lesson" 2 show wg-negative
has "$err" 'content/en/wg-negative.md:8: verdict'
PANICROOM_DATA=$tmp/nowhere run "list without data" 1 list
has "$err" "cannot read the lessons"

exit $fail
