#!/usr/bin/env bash
# grade.sh - end-to-end checks of `panicroom grade` on a temporary
# workspace: init fails everything; the reference fixes pass; crafted
# non-fixes (deleting the goroutines, adding a time.Sleep) fail their guard;
# a program that prints "ok 1", "PASS" and fake JSON changes nothing; every
# format parses (JSON, JUnit XML, TAP with prove, Exercism, Classroom);
# exit statuses 0/1/2.
# Usage: tests/e2e/grade.sh BUILD/panicroom
set -u
bin=${1:?usage: grade.sh PANICROOM_BINARY}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scen=$here/../../scenarios
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panicroom-e2e-grade.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_STATE_HOME=$tmp/state
fail=0
ok() { echo "ok   grade: $1"; }
bad() { echo "FAIL grade: $1"; fail=1; }
ws=$tmp/ws
# Few schedules keep this test quick; the default set is measured elsewhere.
G=(--schedules 30)

"$bin" init "$ws" >/dev/null || { bad "init"; exit 1; }

# An untouched exercise fails, and says why.
"$bin" grade "$ws" --only send-closed "${G[@]}" >"$tmp/out" 2>&1
st=$?
if [[ $st == 1 ]] && grep -q "no-crash: .*panic: send on closed channel" "$tmp/out"; then
    ok "untouched send-closed fails (exit 1)"
else
    bad "untouched send-closed: exit $st"; sed 's/^/  | /' "$tmp/out"
fi

# The reference fix passes every criterion.
cp "$scen/send-closed/fixed.go" "$ws/send-closed/main.go"
cp "$scen/wg-add-inside/fixed.go" "$ws/wg-add-inside/main.go"
"$bin" grade "$ws" --only send-closed "${G[@]}" >"$tmp/out" 2>&1
st=$?
if [[ $st == 0 ]] && grep -q "1 of 1 exercise pass; 10/10 points" "$tmp/out"; then
    ok "fixed send-closed passes (exit 0)"
else
    bad "fixed send-closed: exit $st"; sed 's/^/  | /' "$tmp/out"
fi

# The whole workspace in every format: 2 of 21 pass.
"$bin" grade "$ws" "${G[@]}" >"$tmp/text" 2>&1; st=$?
if [[ $st == 1 ]] && grep -q "^2 of 21 exercises pass" "$tmp/text"; then
    ok "whole workspace: 2 of 21 pass (exit 1)"
else
    bad "whole workspace text: exit $st"; tail -3 "$tmp/text" | sed 's/^/  | /'
fi
"$bin" grade "$ws" "${G[@]}" --format json >"$tmp/json"; st=$?
if [[ $st == 1 ]] && python3 -m json.tool "$tmp/json" >/dev/null &&
   python3 - "$tmp/json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["exercises"]) == 21, "21 exercises"
passed = [e["id"] for e in d["exercises"] if e["status"] == "pass"]
assert passed == ["send-closed", "wg-add-inside"], passed
assert sum(e["score"] for e in d["exercises"]) == d["score"]
EOF
then ok "json parses, 2 passing exercises"; else bad "json (exit $st)"; fi
"$bin" grade "$ws" "${G[@]}" --format junit >"$tmp/junit.xml"; st=$?
if [[ $st == 1 ]] && python3 - "$tmp/junit.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites"
suites = root.findall("testsuite")
assert len(suites) == 21
for s in suites:
    cases = s.findall("testcase")
    assert int(s.get("tests")) == len(cases)
    assert int(s.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
EOF
then ok "junit parses (xml.etree), schema-shaped"; else bad "junit (exit $st)"; fi
"$bin" grade "$ws" "${G[@]}" --format tap >"$tmp/tap"; st=$?
if [[ $st == 1 ]] && head -1 "$tmp/tap" | grep -qx "TAP version 14"; then
    ok "tap starts with TAP version 14"
else
    bad "tap header (exit $st)"
fi
if command -v prove >/dev/null; then
    # prove must see the failures as failures, and nothing unparsable.
    # Test::Harness 3.44 (Debian 12) knows TAP up to version 13 and says
    # so as a "parse error"; version 14 is a superset, so that one line is
    # the only parse error allowed.
    prove -e cat "$tmp/tap" >"$tmp/prove" 2>&1
    if grep "Parse errors" "$tmp/prove" | grep -v "specified version 14" | grep -q .; then
        bad "prove reports parse errors"; sed 's/^/  | /' "$tmp/prove" | head -5
    elif grep -q "Result: FAIL" "$tmp/prove"; then
        ok "prove parses the TAP and sees the failures"
    else
        bad "prove: unexpected"; tail -3 "$tmp/prove" | sed 's/^/  | /'
    fi
fi
"$bin" grade "$ws" "${G[@]}" --format exercism >"$tmp/ex.json"; st=$?
if [[ $st == 0 ]] && python3 - "$tmp/ex.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 3 and d["status"] == "fail", d["status"]
for t in d["tests"]:
    assert t["status"] in ("pass", "fail", "error")
    assert len(t.get("output", "")) <= 500
EOF
then ok "exercism: version 3, status fail, exit 0"; else bad "exercism (exit $st)"; fi
"$bin" grade "$ws" "${G[@]}" --format classroom >"$tmp/cl"; st=$?
if [[ $st == 1 ]] && python3 - "$tmp/cl" <<'EOF'
import base64, json, re, sys
lines = open(sys.argv[1]).read().splitlines()
d = json.loads(base64.b64decode(lines[0]))
m = re.fullmatch(r"Points (\d+)/(\d+)", lines[1])
assert m, lines[1]
assert sum(t["score"] for t in d["tests"]) == int(m.group(1))
assert d["max_score"] == int(m.group(2))
assert d["status"] == "fail"
EOF
then ok "classroom: base64 JSON, points add up"; else bad "classroom (exit $st)"; fi

# Non-fixes: the expected output without the goroutines; a time.Sleep.
cat >"$ws/send-closed/main.go" <<'EOF'
package main

import "fmt"

func main() {
	fmt.Println("thumbnails: cat_small.png dog_small.png owl_small.png")
	fmt.Println("dropped: 1")
}
EOF
"$bin" grade "$ws" --only send-closed "${G[@]}" >"$tmp/out" 2>&1; st=$?
if [[ $st == 1 ]] && grep -q "guard-goroutines: your fix no longer starts any goroutine" "$tmp/out"; then
    ok "printing the output without the work fails guard-goroutines"
else
    bad "goroutine guard: exit $st"; sed 's/^/  | /' "$tmp/out"
fi
sed -e 's/^\t"sync"$/\t"sync"\n\t"time"/' -e 's/^\twg.Wait()$/\ttime.Sleep(time.Second)\n\twg.Wait()/' \
    "$scen/wg-add-inside/broken.go" >"$ws/wg-add-inside/main.go"
"$bin" grade "$ws" --only wg-add-inside "${G[@]}" >"$tmp/out" 2>&1; st=$?
if [[ $st == 1 ]] && grep -q "guard-no-sleep: your fix makes main wait with time.Sleep" "$tmp/out"; then
    ok "a time.Sleep instead of the fix fails guard-no-sleep"
else
    bad "sleep guard: exit $st"; sed 's/^/  | /' "$tmp/out"
fi

# A program that prints what a CI parser would read cannot change the result.
cat >"$ws/send-closed/main.go" <<'EOF'
package main

import "fmt"

func main() {
	fmt.Println("ok 1 - send-closed: compiles\nPASS\n1..1")
	fmt.Println(`{"version":3,"status":"pass","tests":[]}`)
	fmt.Println("</failure></testcase></testsuite>")
	panic("ok")
}
EOF
"$bin" grade "$ws" --only send-closed "${G[@]}" --format tap >"$tmp/tap1"; st=$?
n=$(grep -c '^\(not \)\?ok ' "$tmp/tap1")
if [[ $st == 1 && $n == 9 ]] && grep -q "^not ok 2 - send-closed: no-crash" "$tmp/tap1"; then
    ok "hostile output: tap still has 9 test points, no-crash fails"
else
    bad "hostile tap: exit $st, $n points"; sed 's/^/  | /' "$tmp/tap1" | head -20
fi
"$bin" grade "$ws" --only send-closed "${G[@]}" --format junit >"$tmp/j1.xml"
if python3 -c "import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); assert len(r.findall('.//testcase'))==9" "$tmp/j1.xml"; then
    ok "hostile output: junit still parses with 9 cases"
else
    bad "hostile junit"
fi
"$bin" grade "$ws" --only send-closed "${G[@]}" --format exercism >"$tmp/e1.json"
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['status']=='fail'" "$tmp/e1.json"; then
    ok "hostile output: exercism status stays fail"
else
    bad "hostile exercism"
fi

# Could not grade: exit 2.
"$bin" grade "$tmp/nowhere" >/dev/null 2>&1; st=$?
[[ $st == 2 ]] && ok "not a workspace: exit 2" || bad "not a workspace: exit $st"
"$bin" grade "$ws" --only no-such-lesson >/dev/null 2>&1; st=$?
[[ $st == 2 ]] && ok "--only unknown lesson: exit 2" || bad "--only unknown: exit $st"
"$bin" grade "$ws" --format yaml >/dev/null 2>&1; st=$?
[[ $st == 2 ]] && ok "bad --format: exit 2" || bad "bad --format: exit $st"
rm "$ws/nil-map/main.go"
"$bin" grade "$ws" --only nil-map >"$tmp/out" 2>&1; st=$?
if [[ $st == 2 ]] && grep -q "ERROR: cannot read" "$tmp/out"; then
    ok "missing main.go: could not grade (exit 2)"
else
    bad "missing main.go: exit $st"; sed 's/^/  | /' "$tmp/out"
fi

exit $fail
