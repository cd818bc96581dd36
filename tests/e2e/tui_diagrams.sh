#!/usr/bin/env bash
# tui_diagrams.sh - end-to-end checks of the TUI's event trace: the state
# diagrams, stepping and playback, driving the real binary in tmux on a
# private server (100x30, TERM=xterm-256color, XDG dirs in a temp dir):
#   `run` on send-closed animates to the end, where the channel diagram
#   shows the closed state and the failing send edge, and the status
#   line says "event N/N"; stepping back changes the diagram and the
#   code pane marks the event's line; Space plays and pauses, ] speeds
#   up; `seed N` re-runs on that schedule; rwmutex-recursive stepped to
#   the moment the writer waits shows "writer waiting"; under NO_COLOR=1
#   the diagram carries its marks (> current state, ! failing edge).
#   Line mode steps through the same trace from a pipe.
# Without tmux the screen checks print a loud SKIP line.
# Usage: tests/e2e/tui_diagrams.sh BUILD/panicroom
set -u
export LC_ALL=C.UTF-8 # ${line:60} below counts characters, not bytes
bin=${1:?usage: tui_diagrams.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-e2e-dia.XXXXXX")
sock=panicroom-e2e-dia-$$
fail=0
ok() { echo "ok   tui diagrams: $1"; }
bad() { echo "FAIL tui diagrams: $1"; fail=1; }
cleanup() {
    command -v tmux >/dev/null && tmux -L "$sock" kill-server 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

envs=(PANICROOM_DATA="$root" HOME="$tmp/home" XDG_DATA_HOME="$tmp/data"
      XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/cache"
      LANG=C.UTF-8 LC_ALL= TERM=xterm-256color)

# --- line mode: the same cursor from a pipe -----------------------------------

printf 'step\nrun\nback\nback 2\nstart\nstep 12\nend\nquit\n' |
    env "${envs[@]}" NO_COLOR= "$bin" tui --line >"$tmp/line" 2>&1
st=$?
if [[ $st == 0 ]] && grep -q "no events yet" "$tmp/line" &&
   grep -qE "^event [0-9]+/[0-9]+ g1 panic line 4[12] · chan #1: closed, dr" \
        "$tmp/line" &&
   grep -qE "^event [0-9]+/[0-9]+ g5 go_exit" "$tmp/line" &&
   grep -qE "^event 1/[0-9]+ g1 go_create" "$tmp/line" &&
   grep -qE "^event 13/[0-9]+ g1 chan_close line 50 · chan #1: closed, 3" \
        "$tmp/line" &&
   grep -q "^! g1 send on closed channel" "$tmp/line"; then
    ok "line mode: step, back, start, end over the run's trace"
else
    bad "line mode (exit $st)"
    sed 's/^/  | /' "$tmp/line" | grep -v "^  | *$" | head -40
fi
rm -rf "$tmp/data" "$tmp/state"

if ! command -v tmux >/dev/null 2>&1; then
    echo "SKIP: tmux not installed (the screen checks need it)"
    exit $fail
fi

# --- in tmux ------------------------------------------------------------------

t() { tmux -L "$sock" -f /dev/null "$@"; }
screen() { t capture-pane -p -t tui; }
# The diagram pane: the bottom panes' rows, right of the output pane
# (layout.c: the output pane takes 3/5 of 100 columns).
diagram() { screen | sed -n '17,28p' | while IFS= read -r l; do
    printf '%s\n' "${l:60}"; done; }
wait_for() { # WHAT PATTERN [SECONDS]: polls the screen for an ERE
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
start() { # [ENV=VALUE...]: a fresh panicroom with fresh state
    t kill-session -t tui 2>/dev/null
    rm -rf "$tmp/data" "$tmp/state"
    t new-session -d -s tui -x 100 -y 30 \
        "env $(printf '%q ' "${envs[@]}" "$@") $(printf '%q' "$bin");
         echo SHELL-IS-BACK; sleep 60"
}

start NO_COLOR=
wait_for "first lesson appears" "lesson 1/21: send-closed" 10
keys r
wait_for "run plays the events to the end" "│ event ([0-9]+)/\1 ‖ 16/s │" 10
n=$(screen | grep -oE "│ event [0-9]+/" | grep -oE "[0-9]+")
wait_for "the diagram ends on the failing event" "diagram $n/$n g1 exit :4[12]"
d_end=$(diagram)
if grep -q "closed, drained" <<<"$d_end" &&
   grep -q "g1 send on closed channel" <<<"$d_end" &&
   grep -q "chan #1 string, cap 8" <<<"$d_end"; then
    ok "the channel diagram shows the closed state and the failing send"
else
    bad "channel diagram at the end"; sed 's/^/  | /' <<<"$d_end"
fi

keys ','
wait_for "back: one event back" "│ event $((n - 1))/$n ‖ 16/s │"
wait_for "the code pane follows the event's line" \
    "code: broken.go · g1 line 4[12]"
wait_for "the event's line is marked" "^│4[12]▶ +(select \{|case q.jobs <- )"
keys ','
wait_for "back again: the WaitGroup's Wait" \
    "diagram $((n - 2))/$n g1 wg_wait :51"
d_back=$(diagram)
if [[ $d_back != "$d_end" ]] && grep -q "WaitGroup #2" <<<"$d_back" &&
   ! grep -q "send on closed channel" <<<"$d_back"; then
    ok "stepping back changes the diagram"
else
    bad "stepping back did not change the diagram"
    sed 's/^/  | /' <<<"$d_back"
fi
keys '<'
wait_for "< goes to the first event" "│ event 1/$n ‖ 16/s │"
keys '.'
wait_for ". steps forward" "diagram 2/$n g1 chan_make :21"
keys ']'
wait_for "] plays faster" "│ event 2/$n ‖ 32/s │"
keys Space
wait_for "Space plays" "│ event [0-9]+/$n ▶ 32/s │"
keys Space
wait_for "Space pauses" "│ event [0-9]+/$n ‖ 32/s │"
keys '>'
wait_for "> goes to the last event" "│ event $n/$n ‖ 32/s │"

keys ':'; keys 'seed 7' Enter
wait_for "seed N re-runs on that schedule" "seed random::7 .*│ event"
wait_for "the verdict names the schedule" "exit 2 · random::7"

keys 'goto rwmutex-recursive' Enter # the prompt keeps the focus
wait_for "goto rwmutex-recursive" "lesson 17/21: rwmutex-recursive"
keys 'run' Enter
keys Escape
wait_for "rwmutex-recursive deadlocks" "✘ deadlock: exit 2" 10
keys '<'
for i in $(seq 30); do
    diagram | grep -q "writer waiting" && break
    keys '.'
done
if diagram | grep -q "writer waiting"; then
    ok "stepped to the moment the writer waits: \"writer waiting\""
    wait_for "...on the RWMutex, the writer's Lock waiting" "g6 Lock waits"
    wait_for "...with the code at the writer's Lock" \
        "code: broken.go · g6 line 18"
else
    bad "no \"writer waiting\" while stepping rwmutex-recursive"
    screen | sed 's/^/  | /'
fi
keys q
wait_for "q quits" "SHELL-IS-BACK"

start NO_COLOR=1
wait_for "NO_COLOR: first lesson" "lesson 1/21: send-closed" 10
keys r
wait_for "NO_COLOR: run to the end" "│ event ([0-9]+)/\1 ‖ 16/s │" 10
d=$(diagram)
if grep -q "> closed, drained" <<<"$d" &&
   grep -q "! g1 send on closed channel" <<<"$d" &&
   grep -q ">g1 " <<<"$d"; then
    ok "NO_COLOR: the diagram marks the state, the failing edge, the goroutine"
else
    bad "NO_COLOR: no marks in the diagram"; sed 's/^/  | /' <<<"$d"
fi
keys q
wait_for "NO_COLOR: q quits" "SHELL-IS-BACK"

exit $fail
