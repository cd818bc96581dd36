#!/usr/bin/env bash
# verify.sh - end-to-end checks of `panicroom verify` on tests/verify/:
# every X.go there fails in its first 10 schedules (its failure depends on
# the schedule; X.expect, when present, is its expected stdout) and its
# X_fixed.go passes 1,000; the failing run replays byte for byte with the
# printed command; json, tap and junit parse; exit statuses 0/1/2;
# --strategy exhaustive finds each failure with a replaying token and
# covers the small fixed programs' space.
# Usage: tests/e2e/verify.sh BUILD/panicroom
set -u
bin=${1:?usage: verify.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=$here/../verify
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-e2e-verify.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok   verify: $1"; }
bad() { echo "FAIL verify: $1"; fail=1; }
expect_opt() { [[ -f ${1%.go}.expect ]] && echo "--expect ${1%.go}.expect"; }

cd "$dir" || exit 2
for broken in *.go; do
    [[ $broken == *_fixed.go ]] && continue
    fixed=${broken%.go}_fixed.go
    # shellcheck disable=SC2046
    "$bin" verify --schedules 10 $(expect_opt "$broken") "$broken" >"$tmp/out" 2>"$tmp/err"
    st=$?
    if [[ $st == 1 ]] && grep -q "^FAIL $broken: " "$tmp/out"; then
        ok "$broken fails within 10 schedules ($(head -1 "$tmp/out" | sed 's/.*: //'))"
    else
        bad "$broken: exit $st, want 1"; sed 's/^/  | /' "$tmp/out" "$tmp/err" | head -8
        continue
    fi
    # The printed command reproduces the failing run byte for byte.
    cmd=$(sed -n 's/^replay: //p' "$tmp/out")
    sed -n '/^--- stdout of the failing run ---$/,/^--- stderr of the failing run ---$/p' "$tmp/out" |
        sed '1d;$d' >"$tmp/want.out"
    sed -n '/^--- stderr of the failing run ---$/,/^--- end of output ---$/p' "$tmp/out" |
        sed '1d;$d' >"$tmp/want.err"
    eval "\"\$bin\" ${cmd#panicroom }" >"$tmp/got.out" 2>"$tmp/got.err"
    if cmp -s "$tmp/want.out" "$tmp/got.out" && cmp -s "$tmp/want.err" "$tmp/got.err"; then
        ok "$broken: '$cmd' replays it byte for byte"
    else
        bad "$broken: '$cmd' does not reproduce the failure"
        diff "$tmp/want.err" "$tmp/got.err" | head -5
    fi
    if [[ -f $fixed ]]; then
        # shellcheck disable=SC2046
        "$bin" verify $(expect_opt "$fixed") "$fixed" >"$tmp/out" 2>&1
        st=$?
        if [[ $st == 0 ]] && grep -q "^PASS $fixed: no failure in 1000 schedules$" "$tmp/out"; then
            ok "$fixed passes 1000 schedules"
        else
            bad "$fixed: exit $st, want 0"; sed 's/^/  | /' "$tmp/out" | head -8
        fi
    fi
done

# Replay with the JSON report's own command, comparing the JSON's output.
"$bin" verify --format json close_check_act.go >"$tmp/r.json"; st=$?
if [[ $st == 1 ]] && python3 - "$tmp/r.json" "$bin" <<'PY'
import json, shlex, subprocess, sys
r = json.load(open(sys.argv[1]))
f = r["failure"]
assert r["outcome"] == "fail" and r["exit_code"] == 1, r
assert f["verdict"] == "panic" and f["message"] == "panic: close of closed channel"
argv = shlex.split(f["command"])
assert argv[0] == "panicroom"
p = subprocess.run([sys.argv[2]] + argv[1:], capture_output=True)
assert p.stdout.decode() == f["stdout"] and p.stderr.decode() == f["stderr"], "replay differs"
assert p.returncode == f["exit_status"]
assert sum(k["run"] for k in r["schedules"]["by_kind"]) == r["schedules"]["run"]
PY
then ok "json: parses, and its command replays its output"; else bad "json (exit $st)"; fi

"$bin" verify --format json close_check_act_fixed.go >"$tmp/p.json"; st=$?
if [[ $st == 0 ]] && python3 - "$tmp/p.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["outcome"] == "pass" and r["failure"] is None
assert r["schedules"]["run"] == 1000
s = {e["depth"]: e for e in r["strength"]}
assert 0 < s[2]["found_probability"] < 1 and s[1]["found_probability"] >= s[2]["found_probability"]
PY
then ok "json: pass report"; else bad "json pass (exit $st)"; fi

for f in close_check_act.go close_check_act_fixed.go; do
    "$bin" verify --format tap "$f" >"$tmp/t.tap"
    if head -1 "$tmp/t.tap" | grep -qx 'TAP version 14' &&
        grep -qE '^1\.\.[0-9]+$' "$tmp/t.tap" &&
        [[ $(grep -cE '^(ok|not ok) [0-9]+' "$tmp/t.tap") == $(sed -n 's/^1\.\.//p' "$tmp/t.tap") ]]; then
        ok "tap: $f"
    else bad "tap: $f"; sed 's/^/  | /' "$tmp/t.tap" | head -10; fi
done
grep -q '^not ok' "$tmp/t.tap" && bad "tap: the fixed program has a not ok"
"$bin" verify --format tap close_check_act.go | grep -q '^  message: "panic: close of closed channel"$' &&
    ok "tap: YAML diagnostics" || bad "tap: no YAML diagnostics"

for f in close_check_act.go close_check_act_fixed.go; do
    "$bin" verify --format junit "$f" >"$tmp/j.xml"
    if python3 - "$tmp/j.xml" "$f" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
fails = root.findall(".//failure")
assert len(fails) == (0 if "fixed" in sys.argv[2] else 1)
if fails:
    assert fails[0].get("message") == "panic: close of closed channel"
PY
    then ok "junit: $f"; else bad "junit: $f"; fi
done

# Escaping: output with quotes, angle brackets, control bytes, bad UTF-8.
cat >"$tmp/nasty.go" <<'GO'
package main

import "fmt"

func main() {
	fmt.Print("<a href=\"x\">&amp;</a> 'q' \x01\x1b[31m \xff\xfe done\n")
	panic("<]]> & \"boom\"\x02")
}
GO
for fmt in json junit tap; do "$bin" verify --format $fmt "$tmp/nasty.go" >"$tmp/n.$fmt"; done
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert '<a href' in r['failure']['stdout']" "$tmp/n.json" &&
    ok "json escapes nasty output" || bad "json nasty"
python3 -c "import sys,xml.etree.ElementTree as E; E.parse(sys.argv[1])" "$tmp/n.junit" &&
    ok "junit escapes nasty output" || bad "junit nasty"
[[ $(grep -cE '^(ok|not ok) [0-9]+' "$tmp/n.tap") == 5 ]] && ok "tap with nasty output" || bad "tap nasty"

# Exit statuses 2: compile error, bad arguments, not-yet features.
printf 'package main\n\nfunc main() { x := 1 }\n' >"$tmp/ce.go"
"$bin" verify "$tmp/ce.go" >"$tmp/out" 2>&1; st=$?
[[ $st == 2 ]] && grep -q 'declared but not used' "$tmp/out" && ok "compile error: exit 2" || bad "compile error: exit $st"
"$bin" verify --format junit "$tmp/ce.go" >"$tmp/ce.xml"
python3 -c "import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); assert r.find('.//error') is not None" "$tmp/ce.xml" &&
    ok "compile error in junit" || bad "compile error in junit"
"$bin" verify --format tap "$tmp/ce.go" | grep -q '^Bail out! ' && ok "compile error in tap" || bad "compile error in tap"
for args in "--preemptions 1" "--strategy exhaustive --preemptions x" "--race" "--leaks" "--schedules 0" "--format yaml" "--strategy go"; do
    # shellcheck disable=SC2086
    "$bin" verify $args close_check_act.go >/dev/null 2>"$tmp/err"; st=$?
    [[ $st == 2 ]] && ok "verify $args: exit 2 ($(head -1 "$tmp/err" | cut -c1-60))" || bad "verify $args: exit $st"
done
"$bin" verify --strategy random --schedules 50 wg_reuse_fixed.go | grep -q '^strength: no PCT schedule ran' &&
    ok "random only: no bound claimed" || bad "random only"

# An infinite loop fails as timeout on schedule 1, and replays with the
# step budget in the command.
printf 'package main\n\nfunc main() {\n\tfor {\n\t}\n}\n' >"$tmp/loop.go"
"$bin" verify --max-steps 100000 "$tmp/loop.go" >"$tmp/out"; st=$?
[[ $st == 1 ]] && grep -q '^replay: .* --max-steps 100000$' "$tmp/out" && ok "loop: timeout with step budget" || bad "loop: exit $st"
# --strategy exhaustive: every broken program fails with a token that
# replays it byte for byte; the small fixed ones cover their space.
for broken in close_check_act flag_double_close wg_reuse map_writes; do
    "$bin" verify --strategy exhaustive "$broken.go" >"$tmp/out" 2>&1; st=$?
    cmd=$(sed -n 's/^replay: //p' "$tmp/out")
    if [[ $st == 1 ]] && grep -q "^FAIL $broken.go: .*(exhaustive, preemption bound 2)$" "$tmp/out" &&
        grep -q '^space covered: no: stopped at the failure' "$tmp/out" &&
        [[ $cmd == *"--replay random::0:"* ]]; then
        ok "exhaustive: $broken.go fails ($(sed -n "s/^FAIL [^:]*: //p" "$tmp/out"))"
    else
        bad "exhaustive: $broken.go: exit $st"; sed 's/^/  | /' "$tmp/out" | head -8; continue
    fi
    sed -n '/^--- stderr of the failing run ---$/,/^--- end of output ---$/p' "$tmp/out" | sed '1d;$d' >"$tmp/want.err"
    eval "\"\$bin\" ${cmd#panicroom }" >"$tmp/got.out" 2>"$tmp/got.err"
    cmp -s "$tmp/want.err" "$tmp/got.err" && ok "exhaustive: $broken.go: its token replays it byte for byte" ||
        bad "exhaustive: $broken.go: '$cmd' does not reproduce it"
done
for fixed in close_check_act_fixed flag_double_close_fixed wg_reuse_fixed; do
    "$bin" verify --strategy exhaustive "$fixed.go" >"$tmp/out" 2>&1; st=$?
    [[ $st == 0 ]] && grep -qE '^space covered: yes \([0-9]+ schedules, preemption bound 2\)$' "$tmp/out" &&
        ok "exhaustive: $fixed.go: $(grep '^space covered' "$tmp/out")" ||
        { bad "exhaustive: $fixed.go: exit $st"; sed 's/^/  | /' "$tmp/out" | head -8; }
done
"$bin" verify --strategy exhaustive --expect wg_add_inside_fixed.expect wg_add_inside_fixed.go >"$tmp/out"; st=$?
[[ $st == 0 ]] && grep -q '^space covered: yes' "$tmp/out" && ok "exhaustive: wg_add_inside_fixed.go covered with --expect" ||
    bad "exhaustive: wg_add_inside_fixed.go: exit $st"
"$bin" verify --strategy exhaustive --schedules 20 map_writes_fixed.go >"$tmp/out"; st=$?
[[ $st == 0 ]] && grep -q '^space covered: no: stopped after 20 schedules (preemption bound 2); raise' "$tmp/out" &&
    ok "exhaustive: a schedule limit is not coverage" || bad "exhaustive: --schedules 20: exit $st"
"$bin" verify --strategy exhaustive --preemptions 0 close_check_act.go >"$tmp/out"; st=$?
grep -q '^space covered: yes (.*preemption bound 0)$' "$tmp/out" && ok "exhaustive: bound 0 covers fewer (exit $st)" ||
    bad "exhaustive: --preemptions 0: exit $st"
"$bin" verify --strategy exhaustive --format json wg_reuse_fixed.go >"$tmp/x.json"; a=$?
"$bin" verify --strategy exhaustive --format json wg_reuse.go >"$tmp/y.json"; b=$?
if [[ $a == 0 && $b == 1 ]] && python3 - "$tmp/x.json" "$tmp/y.json" <<'PY'
import json, sys
x, y = (json.load(open(f)) for f in sys.argv[1:3])
assert x["covered"] is True and x["preemption_bound"] == 2, x
assert x["coverage"].startswith("yes ("), x
assert y["covered"] is False and y["failure"]["kind"] == "exhaustive", y
assert y["failure"]["replay"].startswith("random::0:"), y["failure"]
PY
then ok "exhaustive: json carries covered"; else bad "exhaustive: json (exit $a, $b)"; fi
"$bin" verify --strategy exhaustive --format tap wg_reuse_fixed.go | grep -q '^# space covered: yes' &&
    ok "exhaustive: tap carries covered" || bad "exhaustive: tap"
"$bin" verify --strategy exhaustive --format junit wg_reuse_fixed.go >"$tmp/x.xml"
python3 -c "import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); p={e.get('name'): e.get('value') for e in r.iter('property')}; assert p['covered']=='yes' and p['preemption_bound']=='2', p" "$tmp/x.xml" &&
    ok "exhaustive: junit carries covered" || bad "exhaustive: junit"
exit $fail
