#!/usr/bin/env bash
# cli.sh - end-to-end checks of the command line's contract (SPEC §3):
# --help/--version, usage errors exit 2, a file that cannot be read exits 2.
# Usage: tests/e2e/cli.sh BUILD/panicroom
set -u
bin=${1:?usage: cli.sh PANICROOM_BINARY}
fail=0
check() { # name expected-status command...
  local name=$1 want=$2; shift 2
  "$@" >/tmp/pr_e2e_out.$$ 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL cli: $name: exit $got, want $want"; sed 's/^/  | /' /tmp/pr_e2e_out.$$
    fail=1
  else
    echo "ok   cli: $name"
  fi
}
check "--help" 0 "$bin" --help
grep -q "^  run FILE.go" /tmp/pr_e2e_out.$$ || { echo "FAIL cli: --help lacks run"; fail=1; }
check "--version" 0 "$bin" --version
grep -q "^panicroom [0-9]" /tmp/pr_e2e_out.$$ || { echo "FAIL cli: --version text"; fail=1; }
check "unknown command" 2 "$bin" frobnicate
check "run without file" 2 "$bin" run
check "run unknown option" 2 "$bin" run --bogus x.go
check "run bad seed" 2 "$bin" run --seed -3 x.go
check "run bad strategy" 2 "$bin" run --strategy fifo x.go
check "run missing file" 2 "$bin" run /nonexistent/x.go
grep -q "cannot read /nonexistent/x.go" /tmp/pr_e2e_out.$$ || { echo "FAIL cli: missing-file message"; fail=1; }
rm -f /tmp/pr_e2e_out.$$
exit $fail
