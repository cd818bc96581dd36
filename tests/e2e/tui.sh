#!/usr/bin/env bash
# tui.sh - end-to-end checks of the TUI, driving the real binary in tmux
# (send-keys, capture-pane) on a private tmux server, with XDG dirs in a
# temp dir so the learner's own progress is never touched:
#   the first lesson appears; `run` on send-closed shows the panic and
#   the verdict, and the diagram plays to the closed channel (more in
#   tui_diagrams.sh); `fix` shows the diff; `verify` reports a pass; Tab
#   completes `ver` to `verify`; Up recalls the last command; a resize
#   redraws (and a too-small terminal says so); `quit` and SIGTERM leave
#   the shell with sane modes (icanon echo); line mode (`tui --line`)
#   runs commands from a pipe; without a terminal `panicroom` prints the
#   usage and exits 2.
# Without tmux the screen checks print a loud SKIP line.
# Usage: tests/e2e/tui.sh BUILD/panicroom
set -u
bin=${1:?usage: tui.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-e2e-tui.XXXXXX")
sock=panicroom-e2e-$$
fail=0
ok() { echo "ok   tui: $1"; }
bad() { echo "FAIL tui: $1"; fail=1; }
cleanup() {
    command -v tmux >/dev/null && tmux -L "$sock" kill-server 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# The environment of every run: content from this checkout, state in tmp.
envs=(PANICROOM_DATA="$root" HOME="$tmp/home" XDG_DATA_HOME="$tmp/data"
      XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
      LANG=C.UTF-8 LC_ALL= TERM=xterm-256color NO_COLOR=)

# --- without tmux -------------------------------------------------------------

env "${envs[@]}" "$bin" </dev/null >"$tmp/out" 2>"$tmp/err"
st=$?
if [[ $st == 2 ]] && grep -q "usage: panicroom" "$tmp/err"; then
    ok "no terminal: usage, exit 2"
else
    bad "no terminal: exit $st, want 2 with usage"
fi

printf 'run\nfix\nverify\nquit\n' |
    env "${envs[@]}" "$bin" tui --line >"$tmp/line" 2>&1
st=$?
if [[ $st == 0 ]] && grep -q "^panic: send on closed channel" "$tmp/line" &&
   grep -q "^+  *[0-9]* 	closed  bool" "$tmp/line" &&
   grep -q "verify: pass" "$tmp/line"; then
    ok "line mode: run, fix, verify from a pipe"
else
    bad "line mode (exit $st)"
    sed 's/^/  | /' "$tmp/line" | head -30
fi
rm -rf "$tmp/data" "$tmp/state"

if ! command -v tmux >/dev/null 2>&1; then
    echo "SKIP: tmux not installed (the screen checks need it)"
    exit $fail
fi

# --- in tmux ------------------------------------------------------------------

t() { tmux -L "$sock" -f /dev/null "$@"; }
screen() { t capture-pane -p -t tui; }
# wait_for WHAT PATTERN [SECONDS]: polls the screen for an ERE.
wait_for() {
    local i n=$(( ${3:-5} * 10 ))
    for ((i = 0; i < n; i++)); do
        screen | grep -qE -- "$2" && { ok "$1"; return 0; }
        sleep 0.1
    done
    bad "$1: no /$2/ on the screen"
    screen | sed 's/^/  | /'
    return 1
}
keys() { t send-keys -t tui "$@"; sleep 0.15; }

start() {
    t kill-session -t tui 2>/dev/null
    # The shell reports the status and terminal modes once panicroom is
    # gone, then waits so the screen can be read.
    t new-session -d -s tui -x 100 -y 30 \
        "env $(printf '%q ' "${envs[@]}") EDITOR=$(printf '%q' "$editor") \
         sh -c 'echo \$\$ >\"$tmp/pid\"; exec \"$bin\"';
         echo \"exit=\$?\" >\"$tmp/status\"; stty -a >\"$tmp/stty\";
         echo SHELL-IS-BACK; sleep 60"
}

sane_modes() { # WHAT: the shell got icanon and echo back
    if grep -qE '(^| )icanon( |$)' "$tmp/stty" &&
       grep -qE '(^| )echo( |$)' "$tmp/stty"; then
        ok "$1: terminal modes restored (icanon echo)"
    else
        bad "$1: terminal modes not restored"
        sed 's/^/  | /' "$tmp/stty" 2>/dev/null | head -5
    fi
}

# `e` runs $EDITOR on the working copy: this one adds a line that prints.
editor=$tmp/editor.sh
cat >"$editor" <<'SH'
#!/bin/sh
sed -i 's/^func main() {$/func main() {\n\tfmt.Println("edited")/' "$1"
SH
chmod +x "$editor"
rm -f "$tmp/status" "$tmp/stty"
start
wait_for "first lesson appears" "lesson 1/21: send-closed" 10
wait_for "status line shows the seed" "send-closed 1/21 .* seed go::0"

keys ':' ; keys 'run' Enter
wait_for "run shows the panic" "^│panic: send on closed channel"
wait_for "run shows the verdict" "✘ panic: exit 2 · go::0"
wait_for "the diagram plays the trace to its end" \
    "│ event ([0-9]+)/\1 ‖ 16/s │" 10
wait_for "the channel diagram ends closed, drained" "│closed, drained +│$"

keys 'fix' Enter
wait_for "fix shows the diff" "diff: broken.go → your copy \(\+6 -0\)"
wait_for "diff marks the fix lines" "^│\+ ?18 +closed  bool"

keys 'ver' Tab
wait_for "Tab completes ver to verify" "^:verify "
keys Enter
wait_for "verify reports a pass" "✔ verify: pass · no failure in 500"
wait_for "progress marks the lesson" "│ scfv │"
keys 'view broken' Enter
wait_for "the code view shows broken.go" "code: broken.go"

keys Escape; keys e
wait_for "edit, then run on return" "^│edited +│"
wait_for "extra output is wrong-output" "✘ wrong-output: exit 0 · go::0"
keys ':'; keys 'hint 2' Enter
wait_for "hint shows the second hint" "hint 2 of 3"
keys Up
wait_for "Up recalls the last command" "^:hint 2"
keys Escape

t resize-window -t tui -x 80 -y 24
wait_for "resize to 80x24 redraws" "^└─{40,}┘└─{20,}┘$"
t resize-window -t tui -x 50 -y 15
wait_for "too small says so" "needs 60x18; this terminal is 50x15"
t resize-window -t tui -x 160 -y 40
wait_for "160 columns: three panes side by side" \
    "^┌─ lesson 1/21: send-closed ─+┐┌─ code: your copy"

keys '?'
wait_for "help is generated from the key table" "Tab +switch the code view"
keys x
keys q
for i in $(seq 50); do [[ -s $tmp/stty ]] && break; sleep 0.1; done
if grep -q "exit=0" "$tmp/status" 2>/dev/null; then ok "quit exits 0"; else
    bad "quit: $(cat "$tmp/status" 2>/dev/null || echo 'still running')"; fi
sane_modes "quit"
wait_for "quit leaves the shell" "SHELL-IS-BACK"

# A fatal signal: the terminal is restored, the signal's status kept.
rm -f "$tmp/status" "$tmp/stty" "$tmp/pid"
start
wait_for "second start resumes at the next unfinished lesson" \
    "lesson 2/21: close-closed" 10
kill -TERM "$(cat "$tmp/pid")"
for i in $(seq 50); do [[ -s $tmp/stty ]] && break; sleep 0.1; done
if grep -q "exit=143" "$tmp/status" 2>/dev/null; then
    ok "SIGTERM ends with status 143"
else
    bad "SIGTERM: $(cat "$tmp/status" 2>/dev/null || echo 'no status')"
fi
sane_modes "SIGTERM"

exit $fail
