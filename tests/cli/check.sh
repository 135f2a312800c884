#!/bin/sh
# eproc check (issue 16): every staged technique is found by a rule that
# names it, with evidence from the right views, and nothing else is found:
# on the forge's scenarios, on machines no other test builds, and on the
# real captures of ../shared/data (tests/cli/check_truth.py).
. tests/lib.sh

run "$EPROC" -o json check --list
expect "check --list: exit 0, a JSON array of rules" '[ "$RC" -eq 0 ] && python3 -c "import json,sys; r=json.load(sys.stdin); assert r and all(x[\"rule\"] and x[\"mitre\"] and x[\"seed\"] and x[\"title\"] for x in r)" < "$TMP/out"'
echo "$OUT" > "$TMP/rules.json"

forge_check default examples/default.json
forge_check attacks examples/attacks.json
# machines no other test builds, nothing staged
forge_check seed31 --seed 31
forge_check seed57-elf --seed 57 --format elf
# every technique at once (issue 16: recall 100%), also as a crash dump
forge_check all examples/check_all.json
forge_check all-crashdump examples/check_all.json --format crashdump --seed 808

# every technique the forge knows (docs/scenario.md's techniques table) is
# named by a rule, and every rule's techniques are ones the forge knows
python3 - docs/scenario.md "$TMP/rules.json" <<'PY'
import json, re, sys
doc = open(sys.argv[1]).read().split("## techniques[]", 1)[1].split("\n## ", 1)[0]
kinds = set(re.findall(r"^\| `([a-z0-9_]+)` \|", doc, re.M))
named = {k for r in json.load(open(sys.argv[2])) for k in r["forge_techniques"]}
print(("ok" if kinds and kinds <= named else "not ok") +
      " - every forge technique (%d) is named by a rule%s" % (len(kinds), "" if kinds <= named else ": not " + ",".join(sorted(kinds - named))))
print(("ok" if named <= kinds else "not ok") +
      " - every technique a rule names is one the forge stages%s" % ("" if named <= kinds else ": " + ",".join(sorted(named - kinds))))
PY

# filters and formats on the attacks machine
img=$TMP/attacks.img
run "$EPROC" -f "$img" check --rule token-shared -o jsonl
expect "--rule keeps that rule's findings only" '[ "$RC" -eq 1 ] && [ -n "$OUT" ] && ! echo "$OUT" | grep -qv "\"rule\":\"token-shared\""'
run "$EPROC" -f "$img" check --severity critical -o json
expect "--severity critical keeps critical findings only" '[ "$RC" -eq 1 ] && python3 -c "import json,sys; r=json.load(sys.stdin); assert r and all(x[\"severity\"]==\"critical\" for x in r)" < "$TMP/out"'
run "$EPROC" -f "$img" check --pid 4 --rule handle-cross-process
expect "--pid with no finding there: exit 0" '[ "$RC" -eq 0 ]'
run "$EPROC" -f "$img" check -o csv --rule token-shared
expect "csv: evidence as view.field=value" '[ "$RC" -eq 1 ] && echo "$OUT" | grep -q "EPROCESS.Token=0x"'
run "$EPROC" -f "$img" check --rule no-such-rule
expect "an unknown rule is a usage error naming it" '[ "$RC" -eq 2 ] && grep -q "no rule .no-such-rule." "$TMP/err"'
run "$EPROC" -f "$img" check --severity urgent
expect "an unknown severity is a usage error" '[ "$RC" -eq 2 ] && grep -q "severity" "$TMP/err"'

# captures that cannot run every rule say which did not run, and why
if need_shared "check on real captures"; then
    for d in "$SHARED"/minidumps/*/*.dmp "$SHARED"/kernel-triage/*x64*.dmp "$SHARED"/kernel-triage/1026*.dmp; do
        [ -f "$d" ] || continue
        run "$EPROC" -f "$d" -s "$SHARED/isf" -o json check
        n=$(python3 -c "import json,sys; print(len(json.load(sys.stdin)))" < "$TMP/out" 2>/dev/null)
        expect "$(basename "$d"): check reads it, no finding ($n)" '[ "$RC" -eq 0 ] && [ "$n" = 0 ] && no_sanitizer_report'
    done
    d=$(ls "$SHARED"/minidumps/*/*.dmp | head -1)
    run "$EPROC" -f "$d" check
    expect "minidump: a warning names each rule not run and why" 'grep -q "rule token-shared not run: the capture holds no kernel" "$TMP/err"'
fi
