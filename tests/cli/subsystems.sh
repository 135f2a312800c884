#!/bin/sh
# The redundant views of a process (issue 14, items 4 and 7): the memory
# manager's list (EPROCESS.MmProcessLinks), the scheduler's list
# (KPROCESS.ProcessListEntry on KiProcessListHead), csrss's CSR_PROCESS
# list, win32k's W32PROCESS and dxgkrnl's DXGPROCESS, as psxview columns,
# checked against the forge's truth file on the default, attacks and
# anomalies machines and on a scenario this test makes up; each subsystem
# technique the forge stages is found, and nothing else is.
. tests/lib.sh

# compare TRUTH PSXVIEW_JSON: "ok" or the differences.  Each view against
# the truth's own record of it; csrlist only where psxview could read the
# session's list (null otherwise), user32 where the loader list was read.
cat > "$TMP/compare.py" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
rows = json.load(open(sys.argv[2]))
by = {}
for r in rows:
    by[(r["pid"], int(r["offset"], 16) if r["offset"] else None)] = r
problems = []
for p in truth["processes"]:
    if p["freed"]:
        continue
    r = by.get((p["pid"], int(p["offset"], 16)))
    if r is None:
        problems.append(("no row", p["pid"], p["name"]))
        continue
    want = {
        "mmlist": p["in_mm_process_list"],
        "kilist": p["in_kprocess_list"],
        "win32": p["win32process"] is not None,
        "dxg": p["dxgprocess"] is not None,
    }
    if r["csrlist"] is not None:
        want["csrlist"] = p["in_csr_list"]
    elif p["in_csr_list"]:
        problems.append(("csrlist unknown for a process on a CSR list", p["pid"]))
    if r["user32"] is not None:
        want["user32"] = p["gui"]
    for k, v in want.items():
        if r[k] != v:
            problems.append((p["pid"], p["name"], k, "eproc", r[k], "truth", v))
# the keys psxview had before these views stay as they were
old = {"offset", "offset_phys", "name", "pid", "ppid", "pslist", "psscan", "pspcid", "csrss", "session_list",
       "thrdscan", "exit_time", "missing_from"}
if rows and not old <= set(rows[0]):
    problems.append(("keys lost", sorted(old - set(rows[0]))))
print("ok" if not problems else problems[:6])
PY

# missing_from PSXVIEW_JSON: "PID:views" for every flagged process, sorted
cat > "$TMP/missing.py" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
m = lambda v: ",".join(v) if isinstance(v, list) else v
print(" ".join(sorted("%d:%s" % (r["pid"], m(r["missing_from"])) for r in rows if r["missing_from"])))
PY

# A machine nobody wrote the forge for: two interactive sessions (each with
# its csrss), a GUI program whose modules do not name User32 ("gui": true
# makes the forge load it), a console program, a seed of its own, and the
# subsystem techniques on processes of session 2.
cat > "$TMP/unseen.json" <<'EOF2'
{"machine": {"seed": 4242, "memory": "256M"},
 "processes": [
  {"name": "smss.exe", "pid": 300, "ppid": 4, "session": 0, "user": "SYSTEM", "create_time": 1},
  {"name": "csrss.exe", "pid": 404, "ppid": 396, "session": 0, "user": "SYSTEM", "create_time": 3},
  {"name": "wininit.exe", "pid": 480, "ppid": 396, "session": 0, "user": "SYSTEM", "create_time": 4,
   "modules": ["C:\\Windows\\System32\\USER32.dll"]},
  {"name": "services.exe", "pid": 612, "ppid": 480, "session": 0, "user": "SYSTEM", "create_time": 5},
  {"name": "csrss.exe", "pid": 1204, "ppid": 1196, "session": 2, "user": "SYSTEM", "create_time": 60},
  {"name": "winlogon.exe", "pid": 1232, "ppid": 1196, "session": 2, "user": "SYSTEM", "create_time": 61,
   "modules": ["C:\\Windows\\System32\\USER32.dll"]},
  {"name": "paint.exe", "pid": 2440, "ppid": 1232, "session": 2, "gui": true, "create_time": 90},
  {"name": "tool.exe", "pid": 2460, "ppid": 1232, "session": 2, "create_time": 95},
  {"name": "viewer.exe", "pid": 2480, "ppid": 1232, "session": 2, "create_time": 99,
   "modules": ["C:\\Windows\\System32\\user32.dll", "C:\\Windows\\System32\\GDI32.dll"]},
  {"name": "gone.exe", "pid": 2500, "ppid": 1232, "session": 2, "create_time": 100, "exit_time": 120,
   "modules": ["C:\\Windows\\System32\\USER32.dll"]}
 ],
 "techniques": [
  {"kind": "csr_unlink", "target": "tool.exe"},
  {"kind": "w32_detach", "target": "viewer.exe"},
  {"kind": "exited_unfreed", "target": "gone.exe", "source": "winlogon.exe"}
 ]}
EOF2

check() {   # NAME SCENARIO-or-empty EXPECTED-MISSING
    name=$1 sc=$2 want=$3
    if [ -n "$sc" ]; then run "$EPROC" forge "$sc" -o "$TMP/$name.raw"; else run "$EPROC" forge -o "$TMP/$name.raw"; fi
    expect "forge $name" 'test "$RC" -eq 0'
    "$EPROC" -f "$TMP/$name.raw" -o json psxview > "$TMP/$name.json" 2> "$TMP/$name.err"
    prc=$?
    python3 "$TMP/compare.py" "$TMP/$name.raw.truth.json" "$TMP/$name.json" > "$TMP/$name.cmp" 2>&1
    expect "$name: psxview's mmlist, kilist, csrlist, win32, dxg and user32 equal the truth for every process" \
        'grep -qx ok "$TMP/$name.cmp" || { cat "$TMP/$name.cmp" >&2; false; }'
    got=$(python3 "$TMP/missing.py" "$TMP/$name.json")
    expect "$name: the processes flagged, and the views they are missing from, are exactly the staged ones ($want)" \
        '[ "$got" = "$want" ] || { echo "got: $got" >&2; false; }'
    if [ -n "$want" ]; then
        expect "$name: psxview exits 1 when a view misses a process" '[ "$prc" -eq 1 ]'
    else
        expect "$name: psxview exits 0 when every view that should see a process does" '[ "$prc" -eq 0 ]'
    fi
}
check default "" ""
check attacks examples/attacks.json "8012:pslist"
check anomalies examples/anomalies.json "1348:pslist"
check unseen "$TMP/unseen.json" "2460:csrlist 2480:win32"

# The forge's own consistency (seed 004): a W32PROCESS exactly for the
# live processes that load USER32.dll, unless a technique detached it.
cat > "$TMP/w32.py" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
detached = {x["target_pid"] for x in t["techniques"] if x["kind"] == "w32_detach"}
bad = []
for p in t["processes"]:
    user32 = any(m["name"].lower() == "user32.dll" for m in p["modules"])
    want = user32 and not p["exited"] and p["pid"] not in detached
    if (p["win32process"] is not None) != want or p["gui"] != (user32 and not p["kernel_only"]):
        bad.append((p["pid"], p["name"], "user32", user32, "w32", p["win32process"], "gui", p["gui"]))
print("ok" if not bad else bad)
PY
for name in default attacks anomalies unseen; do
    python3 "$TMP/w32.py" "$TMP/$name.raw.truth.json" > "$TMP/$name.w32" 2>&1
    expect "$name: the forge gives a W32PROCESS to exactly the live processes that load USER32.dll" \
        'grep -qx ok "$TMP/$name.w32" || { cat "$TMP/$name.w32" >&2; false; }'
done

# The redundant lists are written and their heads are in the truth file.
expect "the truth names both list heads, and every live process is on both lists" \
    'python3 -c "
import json,sys; t=json.load(open(sys.argv[1]))
assert t[\"mm_process_list_head\"] and t[\"kprocess_list_head\"]
live=[p for p in t[\"processes\"] if p[\"pid\"] and not p[\"exited\"] and not p[\"freed\"]]
assert live and all(p[\"in_mm_process_list\"] and p[\"in_kprocess_list\"] for p in live)
" "$TMP/default.raw.truth.json"'

# The techniques refuse a target they cannot apply to.
printf '{"techniques": [{"kind": "w32_detach", "target": "cmd.exe"}]}' > "$TMP/bad1.json"
run "$EPROC" forge "$TMP/bad1.json" -o "$TMP/bad1.raw"
expect "forge refuses w32_detach on a process that loads no USER32.dll (exit 2, one line)" \
    '[ "$RC" -eq 2 ] && grep -q "USER32" "$TMP/err" && [ "$(wc -l < "$TMP/err")" -eq 1 ]'
printf '{"techniques": [{"kind": "csr_unlink", "target": 4}]}' > "$TMP/bad2.json"
run "$EPROC" forge "$TMP/bad2.json" -o "$TMP/bad2.raw"
expect "forge refuses csr_unlink on System (exit 2, names the key)" '[ "$RC" -eq 2 ] && grep -q "techniques\[0\].target" "$TMP/err"'
