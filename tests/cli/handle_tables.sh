#!/bin/sh
# Handle tables against the forge truth (issue 12 items 1 and 6): tables of
# 0, 1 and 2 levels, the HandleTableListHead list every table hangs on
# (read from the image with tests/tools/x64_space.py, nothing of eproc's or
# the forge's code), and handle inheritance from the creator.
#
# Level thresholds (Windows 8+ x64, 16-byte entries): a leaf page holds 256
# entries, so a handle value of 0x400 (index 256) or more needs level 1; a
# level-1 page holds 512 leaf pointers, so a value of 0x80000 (index
# 131072) or more needs level 2.  A process with a handle at 0x80104 gets a
# level-2 table whose leaf pages below it are all there (free entries):
# the shape of a real table that grew that far, without forging 131,000
# handles the tests would have to read (docs/kernel-objects.md).
. tests/lib.sh

python3 - "$TMP/tables.json" <<'PY'
import json, sys
s = json.load(open('examples/custom.json'))
s['processes'] += [
    # inheritable handles (OBJ_INHERIT) and one that is not; the Key at 0x800 is on the table's third page
    {'name': 'parent.exe', 'pid': 6004, 'create_time': 600, 'handles': [
        {'type': 'Event', 'name': 'InheritMe', 'inherit': True, 'access': 0x1F0003},
        {'type': 'File', 'name': 'C:\\Users\\jdoe\\log.txt', 'inherit': True, 'access': 0x120196},
        {'type': 'Mutant', 'name': 'KeepMine', 'access': 0x1F0001},
        {'type': 'Key', 'name': '\\REGISTRY\\MACHINE\\SOFTWARE', 'inherit': True, 'access': 0x20019, 'value': 0x800}]},
    {'name': 'child.exe', 'pid': 6108, 'ppid': 6004, 'create_time': 700, 'inherit_handles': True},
    {'name': 'grandchild.exe', 'pid': 6212, 'ppid': 6108, 'create_time': 800, 'inherit_handles': True,
     'handles': [{'type': 'Event', 'name': 'Own'}]},
    {'name': 'nochild.exe', 'pid': 6316, 'ppid': 6004, 'create_time': 900},
    {'name': 'manyhandles.exe', 'pid': 6420, 'create_time': 1000, 'handles': [
        {'type': 'Event', 'name': 'Low'}, {'type': 'Event', 'name': 'High', 'value': 0x80104}]},
]
json.dump(s, open(sys.argv[1], 'w'))
PY
IMG=$TMP/tables.raw
if ! "$EPROC" forge "$TMP/tables.json" -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge the handle-table scenario ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
T=$IMG.truth.json

# --- tables of 0, 1 and 2 levels: every handle equals the truth ---
run "$EPROC" -o json -f "$IMG" handles --pid 6316 --pid 6004 --pid 6420
check_clean "tables of 0, 1 and 2 levels (truth), each handle's value, type, access, attributes, name and object equal the truth" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); t = json.load(open(sys.argv[2]))
procs = {p["pid"]: p for p in t["processes"]}
assert [procs[p]["handle_table_levels"] for p in (6316, 6004, 6420)] == [0, 1, 2]
def norm(ty, n):
    if ty == "File" and n[1:2] == ":":
        return "\\Device\\HarddiskVolume3" + n[2:]
    return n or None
want = {(pid, int(h["handle"], 16), h["type"], int(h["granted_access"], 16), h["attributes"], norm(h["type"], h["name"]),
         int(h["object"], 16)) for pid in (6316, 6004, 6420) for h in procs[pid]["handles"]}
got = {(r["pid"], int(r["handle_value"], 16), r["type"], int(r["granted_access"], 16), int(r["attributes"], 16), r["name"],
        int(r["object"], 16)) for r in rows}
assert want == got, (sorted(want - got), sorted(got - want))
assert (6420, 0x80104) in {(w[0], w[1]) for w in got} and (6004, 0x804) in {(w[0], w[1]) for w in got}
' "$TMP/out" "$T"

# --- HandleTableListHead: every live process's table, in the truth's order ---
check_clean "HandleTableList: the image links every live process's _HANDLE_TABLE (QuotaProcess, UniqueProcessId) from HandleTableListHead, as the truth records" python3 - "$IMG" "$T" <<'PY'
import json, lzma, mmap, os, struct, sys
sys.path.insert(0, "tests/tools")
from x64_space import Space
img, truth = sys.argv[1:3]
t = json.load(open(truth))
h = lambda s: int(s, 16)
image = open(img, "rb")
mem = mmap.mmap(image.fileno(), 0, access=mmap.ACCESS_READ)
k = Space(mem, h(t["machine"]["dtb"]))
isf_path = [os.path.join(d, f) for d, _, fs in os.walk(img + ".symbols") for f in fs if f.endswith(".json.xz")][0]
ht = json.load(lzma.open(isf_path))["user_types"]["_HANDLE_TABLE"]["fields"]
lst = t["handle_table_list"]
head, off = h(lst["head"]), lst["link_offset"]
assert off == ht["HandleTableList"]["offset"]
walk, node = [], k.u64(head)
while node != head and len(walk) < 10000:
    assert k.u64(node + 8) == (walk[-1] + off if walk else head), "Blink of %x" % node
    walk.append(node - off)
    node = k.u64(node)
assert node == head and k.u64(head + 8) == walk[-1] + off
assert walk == [h(x) for x in lst["tables"]], "walk differs from the truth's list"
live = {h(p["handle_table"]): p for p in t["processes"] if p["handle_table"] and not p["exited"]}
assert set(walk) == set(live) and len(walk) >= 10, (len(walk), len(live))
for table, p in live.items():
    quota = k.u64(table + ht["QuotaProcess"]["offset"])
    assert quota == (0 if p["pid"] == 4 else h(p["offset"])), (p["pid"], hex(quota))
    assert k.u32(table + ht["UniqueProcessId"]["offset"]) == p["pid"], p["pid"]
PY

# --- inheritance: the creator's OBJ_INHERIT handles in the inheriting children ---
run "$EPROC" -o json -f "$IMG" handles --pid 6004 --pid 6108 --pid 6212 --pid 6316
check_clean "inherit_handles: child and grandchild hold the creator's inheritable handles (same object, access, OBJ_INHERIT) as the truth says; the others none" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); t = json.load(open(sys.argv[2]))
procs = {p["pid"]: p for p in t["processes"]}
ours = {(r["pid"], int(r["handle_value"], 16)): r for r in rows}
inherited = [(p, hd) for p in (6108, 6212, 6316) for hd in procs[p]["handles"] if hd["inherited_from_pid"]]
assert {(p, hd["inherited_from_pid"]) for p, hd in inherited} == {(6108, 6004), (6212, 6108)}, inherited
for p, hd in inherited:
    src = ours[(hd["inherited_from_pid"], int(hd["inherited_from_handle"], 16))]
    mine = ours[(p, int(hd["handle"], 16))]
    assert int(src["attributes"], 16) & 2 and int(mine["attributes"], 16) & 2, (src, mine)
    assert (mine["object"], mine["granted_access"], mine["type"]) == (src["object"], src["granted_access"], src["type"]), (src, mine)
# exactly the creator OBJ_INHERIT handles, each once
for child, creator in ((6108, 6004), (6212, 6108)):
    want = sorted(r["object"] for r in rows if r["pid"] == creator and int(r["attributes"], 16) & 2)
    got = sorted(r["object"] for r in rows if r["pid"] == child and int(r["attributes"], 16) & 2)
    assert want == got and len(want) == 3, (child, want, got)
assert not any(int(r["attributes"], 16) & 2 for r in rows if r["pid"] == 6316)
# the Key kept its value; the Event, whose value the child already used, did not
assert (6108, 0x804) in ours and ours[(6108, 0x804)]["type"] == "Key"
' "$TMP/out" "$T"

# --- Volatility 3's windows.handles on the same tables (VOL3) ---
# It agrees on every handle it can decode; docs/kernel-objects.md says why
# it drops the OBJ_INHERIT ones and misnumbers those of a 2-level table.
if have_vol3; then
    vol3 "$IMG" "$IMG.symbols" handles --pid 6316 6004 6420 \
        > "$TMP/vol.json" 2> "$TMP/vol.err" || fail "Volatility 3 windows.handles failed: $(tail -1 "$TMP/vol.err")"
    run "$EPROC" -o json -f "$IMG" handles --pid 6316 --pid 6004 --pid 6420
    check_clean "Volatility 3 windows.handles: every handle without attributes in the 0- and 1-level tables, and below 0x80000 in the 2-level one, equals ours" python3 -c '
import json, sys
vol = json.load(open(sys.argv[1])); ours = json.load(open(sys.argv[2]))
decodable = {(r["pid"], int(r["handle_value"], 16)): (r["type"], int(r["granted_access"], 16)) for r in ours
             if int(r["attributes"], 16) == 0 and int(r["handle_value"], 16) < 0x80000}
v = {(r["PID"], r["HandleValue"]): (r["Type"], r["GrantedAccess"]) for r in vol}
assert all(v.get(k) == t for k, t in decodable.items()), sorted(k for k, t in decodable.items() if v.get(k) != t)
extra = sorted(set(v) - set(decodable))
print("# Volatility 3 rows that are none of ours: %s" % [(p, hex(h)) for p, h in extra])
' "$TMP/vol.json" "$TMP/out"
fi
