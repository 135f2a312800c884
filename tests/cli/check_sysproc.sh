#!/bin/sh
# eproc check, system processes (rules_sysproc.c): each sysproc_* technique
# is found by the rule that names it, with evidence from the right views,
# and nothing else is found (tests/cli/check_truth.py): on the group's
# scenario, on a machine no other test builds (other seed, size and
# format, the techniques on other processes, combined with each other and
# with other groups' techniques), on clean machines (ten seeds, every
# format) and on the real captures of ../shared/data.
. tests/lib.sh

"$EPROC" -o json check --list > "$TMP/rules.json"

# sysproc_check LABEL FORGE-ARGS...: forge, check, compare with the truth
# ($SYMS: symbol directory options for both, for builds other than 26100).
SYMS=
sysproc_check() {
    FORGE_SYMS=$SYMS
    forge_check "$@"
    FORGE_SYMS=
    rm -f "$img"
}

# every kind the group adds is staged by one of its rules
for k in sysproc_parent sysproc_session sysproc_user sysproc_path sysproc_duplicate sysproc_protection; do
    r=$(python3 -c "import json,sys; print(','.join(x['rule'] for x in json.load(open(sys.argv[1])) if sys.argv[2] in x['forge_techniques']))" "$TMP/rules.json" "$k")
    expect_name="$k is staged for rule(s) $r"
    if [ -n "$r" ]; then ok "$expect_name"; else fail "no rule names technique $k"; fi
done

# the group's scenario: one technique per rule
sysproc_check sysproc examples/check_sysproc.json
n=$(python3 -c "import json,sys; print(len([t for t in json.load(open(sys.argv[1]))['techniques'] if t['kind'].startswith('sysproc_')]))" "$TMP/sysproc.img.truth.json")
expect "check_sysproc.json stages all six sysproc kinds ($n)" '[ "$n" = 6 ]'

# a machine no other test builds: other seed, size and format; the kinds on
# other processes, two on one process, beside other groups' techniques
cat > "$TMP/unseen.json" <<'JSON'
{
  "machine": { "memory": "384M", "seed": 23 },
  "techniques": [
    { "kind": "sysproc_parent", "target": "lsass.exe", "source": "services.exe" },
    { "kind": "sysproc_user", "target": "lsass.exe" },
    { "kind": "sysproc_session", "target": 988 },
    { "kind": "sysproc_path", "target": "winlogon.exe", "path": "C:\\Windows\\Temp\\winlogon.exe" },
    { "kind": "sysproc_duplicate", "target": "wininit.exe" },
    { "kind": "sysproc_protection", "target": "services.exe" },
    { "kind": "token_steal", "target": "cmd.exe", "source": 4 },
    { "kind": "injected_code", "target": "notepad.exe", "source": "powershell.exe" }
  ]
}
JSON
sysproc_check unseen-crashdump "$TMP/unseen.json" --format crashdump
sysproc_check unseen-lime "$TMP/unseen.json" --format lime --seed 41

# a machine of the scenario's own: csrss and wininit name smss's gone
# per-session copy (PID 496) as parent, and notepad, started long after,
# reuses that PID: not their parent.  session 1's csrss and winlogon name
# an exited smss copy still referenced.  Nothing staged: no finding; then
# a second csrss of session 1 and session 1's csrss reparented to wininit.
cat > "$TMP/own.json" <<'JSON'
{
  "machine": { "memory": "256M", "seed": 5 },
  "processes": [
    { "name": "smss.exe", "pid": 392, "ppid": 4, "session": 0, "user": "SYSTEM", "image": "\\SystemRoot\\System32\\smss.exe", "create_time": 1.1 },
    { "name": "smss.exe", "pid": 500, "ppid": 392, "session": 1, "user": "SYSTEM", "image": "\\SystemRoot\\System32\\smss.exe", "create_time": 4.0, "exit_time": 6.0 },
    { "name": "csrss.exe", "pid": 508, "ppid": 496, "session": 0, "user": "SYSTEM", "create_time": 3.0 },
    { "name": "wininit.exe", "pid": 584, "ppid": 496, "session": 0, "user": "SYSTEM", "create_time": 3.5 },
    { "name": "csrss.exe", "pid": 596, "ppid": 500, "session": 1, "user": "SYSTEM", "create_time": 4.5 },
    { "name": "winlogon.exe", "pid": 680, "ppid": 500, "session": 1, "user": "SYSTEM", "create_time": 4.6 },
    { "name": "services.exe", "pid": 712, "ppid": 584, "session": 0, "user": "SYSTEM", "create_time": 5.3 },
    { "name": "lsass.exe", "pid": 732, "ppid": 584, "session": 0, "user": "SYSTEM", "create_time": 5.4, "protected": true },
    { "name": "svchost.exe", "pid": 896, "ppid": 712, "session": 0, "user": "SYSTEM", "create_time": 5.8 },
    { "name": "svchost.exe", "pid": 3948, "ppid": 712, "session": 1, "user": "USER", "create_time": 30.0 },
    { "name": "explorer.exe", "pid": 4216, "ppid": 4180, "session": 1, "user": "USER", "image": "C:\\Windows\\explorer.exe", "create_time": 33.4 },
    { "name": "notepad.exe", "pid": 496, "ppid": 4216, "session": 1, "user": "USER", "create_time": 900.0 },
    { "name": "cmd.exe", "pid": 4180, "ppid": 4216, "session": 1, "user": "USER", "create_time": 950.0 }
  ]
}
JSON
sysproc_check own-clean "$TMP/own.json"
python3 - "$TMP/own.json" "$TMP/own-staged.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s["techniques"] = [{"kind": "sysproc_duplicate", "target": 596},
                   {"kind": "sysproc_parent", "target": 596, "source": 584}]
json.dump(s, open(sys.argv[2], "w"))
PY
sysproc_check own-staged "$TMP/own-staged.json" --format elf

# clean machines: no finding at all
sysproc_check default examples/default.json
for s in 2 5 8 13 17 29 34 47 61 88; do
    sysproc_check "clean-seed$s" --seed "$s"
done
sysproc_check clean-elf --seed 71 --format elf
sysproc_check clean-crashdump --seed 72 --format crashdump
sysproc_check clean-lime --seed 73 --format lime

# a staged anomaly is still found when only its rule runs, and is the
# only finding about that process
"$EPROC" forge examples/check_sysproc.json -o "$TMP/again.img" > /dev/null 2>&1
run "$EPROC" -f "$TMP/again.img" check --rule sysproc-duplicate,sysproc-protection -o json
expect "--rule sysproc-duplicate,sysproc-protection: the second lsass and the unprotected one" \
    '[ "$RC" -eq 1 ] && echo "$OUT" | python3 -c "import json,sys; r=json.load(sys.stdin); assert sorted((x[\"rule\"], x[\"process\"]) for x in r) == [(\"sysproc-duplicate\", \"lsass.exe\"), (\"sysproc-protection\", \"lsass.exe\")], r"'
rm -f "$TMP/again.img"

# the forge refuses what cannot be staged, naming the key
printf '{"techniques":[{"kind":"sysproc_parent","target":"lsass.exe"}]}' > "$TMP/bad1.json"
run "$EPROC" forge "$TMP/bad1.json" -o "$TMP/bad.img"
expect "sysproc_parent without source: usage error naming the key" '[ "$RC" -eq 2 ] && grep -q "techniques\[0\].source" "$TMP/err"'
printf '{"techniques":[{"kind":"sysproc_parent","target":"smss.exe","source":"explorer.exe"}]}' > "$TMP/bad2.json"
run "$EPROC" forge "$TMP/bad2.json" -o "$TMP/bad.img"
expect "sysproc_parent with a parent started later: refused" '[ "$RC" -ne 0 ] && grep -q "started after the target" "$TMP/err"'

# other Windows builds (laid out from their real kernel symbol tables):
# Windows 10 19041 with the unseen techniques, Windows 11 22000 clean
if need_shared "sysproc rules on builds 19041 and 22000"; then
    SYMS="-s $SHARED/isf"
    sysproc_check unseen-19041 "$TMP/unseen.json" --profile 19041
    sysproc_check clean-22000 --profile 22000 --seed 19
    SYMS=
fi

# real captures: no finding from this group's rules
if need_shared "sysproc rules on real captures"; then
    for d in "$SHARED"/minidumps/*/*.dmp "$SHARED"/kernel-triage/*x64*.dmp "$SHARED"/kernel-triage/1026*.dmp; do
        [ -f "$d" ] || continue
        run "$EPROC" -f "$d" -s "$SHARED/isf" -o json check --rule sysproc-parent,sysproc-session,sysproc-user,sysproc-path,sysproc-duplicate,sysproc-protection
        n=$(echo "$OUT" | python3 -c "import json,sys; print(len(json.load(sys.stdin)))" 2>/dev/null)
        expect "$(basename "$d"): no sysproc finding ($n)" '[ "$RC" -eq 0 ] && [ "$n" = 0 ] && no_sanitizer_report'
    done
fi
