#!/usr/bin/env bash
# workspace.sh - end-to-end checks of `panicroom init`, `reset` and
# `watch`: init writes every exercise, README and go.mod and never
# overwrites an edit; reset refuses edits without --force and restores
# with it; watch --manual re-checks on each Enter and ends at EOF; watch
# re-checks after an editor-style save (write a temp file, rename it over
# main.go) and moves on after a pass.
# Usage: tests/e2e/workspace.sh BUILD/panicroom
set -u
bin=${1:?usage: workspace.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scen=$here/../../scenarios
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-e2e-ws.XXXXXX")
watch_pid=
cleanup() { [[ -n $watch_pid ]] && kill "$watch_pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
export XDG_STATE_HOME=$tmp/state
fail=0
ok() { echo "ok   workspace: $1"; }
bad() { echo "FAIL workspace: $1"; fail=1; }
ws=$tmp/ws
nlessons=$(ls -d "$scen"/*/ | wc -l)

# init: every exercise, a README each, go.mod.
"$bin" init "$ws" >"$tmp/out" 2>&1; st=$?
n=$(ls "$ws"/*/main.go 2>/dev/null | wc -l)
if [[ $st == 0 && $n == "$nlessons" ]] && cmp -s "$scen/send-closed/broken.go" "$ws/send-closed/main.go" &&
   grep -qx "module panicroom-exercises" "$ws/go.mod" && grep -qx "go 1.19" "$ws/go.mod" &&
   grep -q "panicroom hint send-closed" "$ws/send-closed/README.md"; then
    ok "init: $n exercises, README.md each, go.mod"
else
    bad "init: exit $st, $n exercises"; sed 's/^/  | /' "$tmp/out"
fi
if command -v go >/dev/null; then
    (cd "$ws" && GOFLAGS=-mod=mod go vet ./send-closed >/dev/null 2>&1) &&
        ok "go vet ./send-closed works in the workspace" ||
        bad "go vet ./send-closed failed in the workspace"
fi

# init again keeps an edited main.go.
echo "// my edit" >>"$ws/send-closed/main.go"
"$bin" init "$ws" >"$tmp/out" 2>&1; st=$?
if [[ $st == 0 ]] && tail -1 "$ws/send-closed/main.go" | grep -qx "// my edit" &&
   grep -q "$nlessons kept your edits" "$tmp/out"; then
    ok "init again keeps your edits"
else
    bad "init again: exit $st"; sed 's/^/  | /' "$tmp/out"
fi

# reset: refuses an edited file without --force, restores with it.
"$bin" reset send-closed "$ws" >"$tmp/out" 2>&1; st=$?
if [[ $st == 1 ]] && grep -q -- "--force" "$tmp/out" && tail -1 "$ws/send-closed/main.go" | grep -qx "// my edit"; then
    ok "reset without --force refuses (exit 1)"
else
    bad "reset without --force: exit $st"; sed 's/^/  | /' "$tmp/out"
fi
"$bin" reset send-closed --force "$ws" >"$tmp/out" 2>&1; st=$?
if [[ $st == 0 ]] && cmp -s "$scen/send-closed/broken.go" "$ws/send-closed/main.go"; then
    ok "reset --force restores broken.go"
else
    bad "reset --force: exit $st"; sed 's/^/  | /' "$tmp/out"
fi
"$bin" reset nope "$ws" >/dev/null 2>&1; st=$?
[[ $st == 2 ]] && ok "reset of an unknown lesson: exit 2" || bad "reset unknown: exit $st"

# watch --manual: two Enters, two checks, then EOF ends it with status 0.
printf '\n\n' | timeout 120 "$bin" watch "$ws" --manual >"$tmp/out" 2>&1; st=$?
checks=$(grep -c "^checking send-closed" "$tmp/out")
if [[ $st == 0 && $checks == 2 ]] && grep -q "^FAIL send-closed" "$tmp/out" &&
   grep -q "hint 1/3:" "$tmp/out" && grep -q "hint 2/3:" "$tmp/out" &&
   grep -q "watch stopped" "$tmp/out"; then
    ok "watch --manual: 2 checks with the next hint each, EOF stops (exit 0)"
else
    bad "watch --manual: exit $st, $checks checks"; sed 's/^/  | /' "$tmp/out"
fi

# watch with inotify: an editor-style save by rename re-checks, a pass
# moves on to the next exercise.
mkfifo "$tmp/in"
"$bin" watch "$ws" <"$tmp/in" >"$tmp/wout" 2>&1 &
watch_pid=$!
exec 3>"$tmp/in" # keep stdin open until we are done
for _ in $(seq 50); do grep -q "^now: send-closed" "$tmp/wout" && break; sleep 0.1; done
cp "$scen/send-closed/fixed.go" "$ws/send-closed/.main.go.swp"   # ignored
cp "$scen/send-closed/fixed.go" "$ws/send-closed/main.go.tmp"
mv "$ws/send-closed/main.go.tmp" "$ws/send-closed/main.go"
for _ in $(seq 600); do grep -q "^now: close-closed" "$tmp/wout" && break; sleep 0.1; done
exec 3>&-
for _ in $(seq 50); do kill -0 "$watch_pid" 2>/dev/null || break; sleep 0.1; done
wait "$watch_pid"; st=$?
watch_pid=
if [[ $st == 0 ]] && grep -q "^PASS send-closed" "$tmp/wout" && grep -q "^now: close-closed" "$tmp/wout" &&
   [[ $(grep -c "^checking send-closed" "$tmp/wout") == 1 ]]; then
    ok "watch: a save by rename re-checks once, a pass moves on"
else
    bad "watch (inotify): exit $st"; sed 's/^/  | /' "$tmp/wout"
fi
if grep -q '"send-closed": *{[^}]*"passed"' "$XDG_STATE_HOME/panicroom/progress.json" 2>/dev/null ||
   python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['lessons']['send-closed']['status']=='passed'" \
       "$XDG_STATE_HOME/panicroom/progress.json" 2>/dev/null; then
    ok "watch marks the pass in progress.json"
else
    bad "progress.json does not say send-closed passed"
fi

"$bin" watch "$tmp/empty" --manual </dev/null >/dev/null 2>&1; st=$?
[[ $st == 2 ]] && ok "watch of a non-workspace: exit 2" || bad "watch non-workspace: exit $st"

exit $fail
