#!/bin/sh
# eproc check, the process rules (src/check/rules_processes.c): hidden
# processes, exited processes still referenced, impossible parents and
# spoofed parents.  Every staged technique is found by the rule naming it,
# with evidence from the views that disagree, and nothing else is found
# (tests/cli/check_truth.py); clean machines give no finding at all.
. tests/lib.sh

run "$EPROC" -o json check --list
echo "$OUT" > "$TMP/rules.json"
expect "check --list names the four process rules and the techniques staging them" \
    'python3 - "$TMP/rules.json" <<PY
import json, sys
r = {x["rule"]: x for x in json.load(open(sys.argv[1]))}
want = {"process-hidden": "unlink", "process-exited-referenced": "exited_unfreed",
        "process-parent-impossible": "parent_after_child", "process-ppid-spoof": "ppid_spoof"}
for rule, kind in want.items():
    assert kind in r[rule]["forge_techniques"], rule
    assert r[rule]["mitre"] and r[rule]["seed"], rule
assert {"csr_unlink", "cyclic_list"} <= set(r["process-hidden"]["forge_techniques"])
PY'

# The group's scenario: every technique of the group at once.
forge_check processes examples/check_processes.json
img=$TMP/processes.img

# "and by whom": the exited process's evidence names the process holding
# it (the truth's source), the spoofed child's names its real creator, the
# impossible parent's names the later process.
expect "exited-referenced, ppid-spoof and parent-impossible name who: the holder, the creator, the later process" \
    'python3 - "$img.truth.json" "$TMP/processes.json" <<PY
import json, sys
truth = json.load(open(sys.argv[1])); found = json.load(open(sys.argv[2]))
def ev(rule, pid, field):
    return [e["value"] for f in found if f["rule"] == rule and f["pid"] == pid
            for e in f["evidence"] if e["field"] == field]
for t in truth["techniques"]:
    if t["kind"] == "exited_unfreed":
        assert any(v.startswith("PID %d " % t["source_pid"]) for v in ev("process-exited-referenced", t["target_pid"], "held_by")), t
    if t["kind"] == "ppid_spoof":
        assert any(v.startswith("PID %d " % t["source_pid"]) for v in ev("process-ppid-spoof", t["target_pid"], "creator_handle")), t
    if t["kind"] == "parent_after_child":
        assert ev("process-parent-impossible", t["target_pid"], "InheritedFromUniqueProcessId") == [str(t["source_pid"])], t
PY'

# psxview and the rule share one logic (check/xview.c): the processes the
# rule calls hidden are psxview's rows with a MissingFrom.
run "$EPROC" -f "$img" -o json psxview
expect "psxview's MissingFrom rows are process-hidden's findings" \
    '[ "$RC" -eq 1 ] && python3 - "$TMP/out" "$TMP/processes.json" <<PY
import json, sys
rows = json.load(open(sys.argv[1])); found = json.load(open(sys.argv[2]))
a = sorted(r["pid"] for r in rows if r["missing_from"])
b = sorted(f["pid"] for f in found if f["rule"] == "process-hidden")
assert a == b and a, (a, b)
PY'

# A machine the project never saw: the default processes on another seed
# and memory size, as a crash dump, with the techniques on other processes
# and combined (the spoofed child is also the later "parent"; the loop
# after notepad.exe hides cmd, conhost and powershell from pslist).
cat > "$TMP/unseen.json" <<JSON
{ "machine": { "seed": 77, "memory": "512M" },
  "techniques": [
    { "kind": "unlink", "target": "SearchHost.exe" },
    { "kind": "csr_unlink", "target": "RuntimeBroker.exe" },
    { "kind": "exited_unfreed", "target": 6172 },
    { "kind": "ppid_spoof", "target": "powershell.exe", "source": "OneDrive.exe" },
    { "kind": "parent_after_child", "target": "conhost.exe", "source": "powershell.exe" },
    { "kind": "cyclic_list", "target": "notepad.exe", "back_to": "explorer.exe" }
  ] }
JSON
forge_check unseen-crashdump "$TMP/unseen.json" --format crashdump

# The forge refuses a "later" parent that was created first.
cat > "$TMP/refused.json" <<JSON
{ "techniques": [ { "kind": "parent_after_child", "target": "powershell.exe", "source": "cmd.exe" } ] }
JSON
run "$EPROC" forge "$TMP/refused.json" -o "$TMP/refused.img"
expect "forge: parent_after_child with a source created first is refused" \
    '[ "$RC" -eq 2 ] && grep -q "was not created after" "$TMP/err" && [ ! -e "$TMP/refused.img" ]'

# Clean machines: nothing staged, nothing found (csrss/wininit/winlogon
# and explorer, whose parents exited, are not impossible parents).
for seed in 1 2 3 4 5 6 7 8 9 10; do
    forge_check "seed$seed" --seed "$seed"
done
for fmt in elf crashdump lime; do
    forge_check "default-$fmt" examples/default.json --format "$fmt"
done
