#!/bin/sh
# eproc forge: scenario validation, determinism, and the truth file against
# what eproc's own readers find in the forged image.
. tests/lib.sh

# --- bad scenarios: exit 2, one stderr line naming the key
bad() {
    desc=$1 key=$2 json=$3
    printf '%s' "$json" > "$TMP/bad.json"
    run "$EPROC" forge "$TMP/bad.json" -o "$TMP/bad.raw"
    lines=$(printf '%s\n' "$ERR" | grep -c .)
    expect "forge rejects $desc (exit 2, names '$key')" 'sh -c "[ $RC -eq 2 ] && [ $lines -eq 1 ] && printf '\''%s'\'' \"\$1\" | grep -qF \"key '\''$key'\''\"" _ "$ERR"'
}
bad "an unknown top-level key" "colour" '{"colour": 1}'
bad "an unknown process key" "processes[0].pidd" '{"processes":[{"name":"a.exe","pidd":8}]}'
bad "a duplicate PID" "processes[1].pid" '{"processes":[{"name":"a.exe","pid":1000},{"name":"b.exe","pid":1000}]}'
bad "a PID not a multiple of 4" "processes[0].pid" '{"processes":[{"name":"a.exe","pid":1001}]}'
bad "too little memory" "machine.memory" '{"machine":{"memory":"16M"}}'
bad "too much memory" "machine.memory" '{"machine":{"memory":"64G"}}'
bad "a bad time" "machine.time" '{"machine":{"time":"yesterday"}}'
bad "an unknown technique" "techniques[0].kind" '{"techniques":[{"kind":"teleport","target":4}]}'
bad "a technique on a missing process" "techniques[0].target" '{"techniques":[{"kind":"unlink","target":9996}]}'
bad "an unknown VAD protection" "processes[0].vads[0].protection" '{"processes":[{"name":"a.exe","vads":[{"size":4096,"protection":"PAGE_MAGIC"}]}]}'
bad "a thread ID used twice" "processes[0].threads[1].tid" '{"processes":[{"name":"a.exe","threads":[{"tid":8},{"tid":8}]}]}'
bad "a handle to nobody" "processes[0].handles[0].target" '{"processes":[{"name":"a.exe","handles":[{"type":"Process","target":7777}]}]}'
bad "exit before create" "processes[0].exit_time" '{"processes":[{"name":"a.exe","create_time":100,"exit_time":50}]}'
bad "a wrong type" "machine.cpus" '{"machine":{"cpus":"many"}}'
# build 26100 has no UMS: its profile names no UMS field in the TEB or KTHREAD
bad "an unknown part to page out" "processes[0].paged_out[0]" '{"processes":[{"name":"a.exe","paged_out":["heap"]}]}'
bad "a UMS thread (build 26100 has no UMS; other builds: tests/cli/forge_profiles.sh)" "processes[0].threads[0].ums" '{"processes":[{"name":"a.exe","threads":[{"ums":true}]}]}'

run "$EPROC" forge "$TMP/nonexistent.json" -o "$TMP/x.raw"
expect "forge: an unreadable scenario exits 3" 'test "$RC" -eq 3'
printf '{"machine": ' > "$TMP/trunc.json"
run "$EPROC" forge "$TMP/trunc.json" -o "$TMP/x.raw"
expect "forge: invalid JSON exits 2 naming the line" 'sh -c "[ $RC -eq 2 ] && printf '\''%s'\'' \"\$1\" | grep -q '\''line'\''" _ "$ERR"'
run "$EPROC" forge
expect "forge: missing -o is a usage error" 'test "$RC" -eq 2'

# --- determinism: twice, identical bytes (image and truth)
run "$EPROC" forge examples/attacks.json -o "$TMP/a1.raw"
expect "forge attacks.json succeeds" 'test "$RC" -eq 0'
run "$EPROC" forge examples/attacks.json -o "$TMP/a2.raw"
expect "forging twice gives identical images" 'cmp -s "$TMP/a1.raw" "$TMP/a2.raw"'
expect "forging twice gives identical truth files" 'cmp -s "$TMP/a1.raw.truth.json" "$TMP/a2.raw.truth.json"'
run "$EPROC" forge examples/attacks.json --seed 99 -o "$TMP/a3.raw"
expect "another seed gives another image" 'sh -c "! cmp -s '\''$TMP/a1.raw'\'' '\''$TMP/a3.raw'\''"'
expect "the ISF is written where Volatility looks" 'sh -c "ls '\''$TMP'\''/a1.raw.symbols/windows/ntkrnlmp.pdb/*-1.json.xz >/dev/null"'

# --- the truth agrees with eproc's readers
run "$EPROC" forge -o "$TMP/d.raw"
expect "forge with no scenario builds the default machine" 'test "$RC" -eq 0'
run "$EPROC" -f "$TMP/d.raw" -o json info
python3 - "$TMP/d.raw.truth.json" "$TMP/out" <<'PY' > "$TMP/cmp1" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))["machine"]
i = json.load(open(sys.argv[2]))[0]
assert int(i["dtb"], 16) == int(t["dtb"], 16), (i["dtb"], t["dtb"])
assert int(i["kernel_base"], 16) == int(t["kernel_base"], 16), (i["kernel_base"], t["kernel_base"])
assert i["build"] == 26100
print("ok")
PY
expect "eproc info finds the DTB and kernel base the truth file says" 'grep -q '\''^ok'\'' "$TMP/cmp1"'
run "$EPROC" -f "$TMP/d.raw" -o json pslist
python3 - "$TMP/d.raw.truth.json" "$TMP/out" <<'PY' > "$TMP/cmp2" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))["processes"]
rows = json.load(open(sys.argv[2]))
want = {(p["pid"], int(p["offset"], 16)) for p in t if p["in_active_process_list"] and p["pid"]}
got = {(r["pid"], int(r["offset"], 16)) for r in rows}
assert want == got, (sorted(want - got), sorted(got - want))
names = {p["pid"]: p["image_file_name"] for p in t}
for r in rows:
    assert r["name"] == names[r["pid"]], r
print("ok", len(got))
PY
expect "eproc pslist finds exactly the truth file's processes and offsets" 'grep -q '\''^ok'\'' "$TMP/cmp2"'

for fmt in crashdump elf lime; do
    run "$EPROC" forge --format $fmt -o "$TMP/d.$fmt"
    run "$EPROC" -f "$TMP/d.$fmt" -o json info
    python3 - "$TMP/d.$fmt.truth.json" "$TMP/out" <<'PY' > "$TMP/cmp3" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))["machine"]
i = json.load(open(sys.argv[2]))[0]
assert int(i["dtb"], 16) == int(t["dtb"], 16)
assert int(i["kernel_base"], 16) == int(t["kernel_base"], 16)
print("ok")
PY
    expect "forge --format $fmt: eproc info agrees with the truth file" 'grep -q '\''^ok'\'' "$TMP/cmp3"'
done

# --- one CID namespace: PIDs and TIDs come from PspCidTable, no ID twice
bad "a thread ID equal to a PID" "processes[1].threads[0].tid" \
    '{"processes":[{"name":"a.exe","pid":1000},{"name":"b.exe","threads":[{"tid":1000}]}]}'
bad "a thread ID equal to System's PID" "processes[0].threads[0].tid" '{"processes":[{"name":"a.exe","threads":[{"tid":4}]}]}'
bad "a thread ID of another process's thread" "processes[1].threads[1].tid" \
    '{"processes":[{"name":"a.exe","threads":[{"tid":2000}]},{"name":"b.exe","threads":[{"tid":8},{"tid":2000}]}]}'
unique_ids() {
    python3 - "$1" <<'PY'
import collections, json, sys
t = json.load(open(sys.argv[1]))
ids = [p["pid"] for p in t["processes"]] + [th["tid"] for p in t["processes"] for th in p["threads"]]
dup = [i for i, n in collections.Counter(ids).items() if n > 1]
print("ok" if not dup else f"duplicates {dup}", len(ids))
PY
}
for sc in default attacks; do
    unique_ids "$TMP/$([ $sc = default ] && echo d || echo a1).raw.truth.json" > "$TMP/cid" 2>&1
    expect "forge $sc: no PID or TID is used twice in the truth file" 'grep -q '\''^ok'\'' "$TMP/cid"'
done
run "$EPROC" -f "$TMP/d.raw" -o json psxview
python3 - "$TMP/out" <<'PY' > "$TMP/cid2" 2>&1
import json, sys
rows = json.load(open(sys.argv[1]))
bad = [r["pid"] for r in rows if not r["exit_time"] and not r["pspcid"]]
print("ok" if not bad and rows else f"pspcid false for {bad}")
PY
expect "psxview on the default machine: every live process is in PspCidTable" 'grep -q '\''^ok'\'' "$TMP/cid2"'

# --- examples/anomalies.json: unlinked, exited-but-referenced, PPID spoof,
# and a cyclic ActiveProcessLinks after them
run "$EPROC" forge examples/anomalies.json -o "$TMP/an.raw"
expect "forge anomalies.json succeeds" 'test "$RC" -eq 0'
unique_ids "$TMP/an.raw.truth.json" > "$TMP/cid" 2>&1
expect "forge anomalies: no PID or TID is used twice in the truth file" 'grep -q '\''^ok'\'' "$TMP/cid"'
python3 - "$TMP/an.raw.truth.json" <<'PY' > "$TMP/schema" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))
need = ["pid", "ppid", "creator_pid", "name", "create_time", "create_time_filetime", "exit_time",
        "exit_time_filetime", "offset", "offset_phys", "in_active_process_list", "active_list_index",
        "exited", "freed"]
for p in t["processes"]:
    missing = [k for k in need if k not in p]
    assert not missing, (p["pid"], missing)
    assert p["offset_phys"], p["pid"]
kinds = {x["kind"]: x for x in t["techniques"]}
assert set(kinds) == {"unlink", "exited_unfreed", "ppid_spoof", "cyclic_list"}, kinds
assert all(isinstance(x["target_pid"], int) for x in t["techniques"])
al = t["active_process_list"]
assert al["end"] == "cycle" and al["cycle"]["from_pid"] == kinds["cyclic_list"]["target_pid"]
assert al["cycle"]["to_pid"] == kinds["cyclic_list"]["back_to_pid"]
walk = [p["pid"] for p in sorted((p for p in t["processes"] if p["active_list_index"] is not None),
                                  key=lambda p: p["active_list_index"])]
assert walk == al["forward_walk"], walk
unl = kinds["unlink"]["target_pid"]
assert [p["pid"] for p in t["processes"] if not p["in_active_process_list"]] == [unl]
print("ok")
PY
expect "anomalies truth: every process has PID, PPID, times, offsets, list and exit state; techniques name targets" 'grep -q '\''^ok'\'' "$TMP/schema"'
run "$EPROC" -f "$TMP/an.raw" -o json pslist
python3 - "$TMP/an.raw.truth.json" "$TMP/out" <<'PY' > "$TMP/cyc" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))
rows = json.load(open(sys.argv[2]))
assert [r["pid"] for r in rows] == t["active_process_list"]["forward_walk"], [r["pid"] for r in rows]
print("ok")
PY
expect "pslist on a cyclic list: the processes before the loop, in list order" 'grep -q '\''^ok'\'' "$TMP/cyc"'
expect "pslist on a cyclic list: a warning names PsActiveProcessHead and the cycle" 'sh -c "printf '\''%s'\'' \"\$1\" | grep -q '\''PsActiveProcessHead list: cycle'\''" _ "$ERR"'
run "$EPROC" -f "$TMP/an.raw" -o json psxview
python3 - "$TMP/an.raw.truth.json" "$TMP/out" <<'PY' > "$TMP/xv" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))
rows = {r["pid"]: r for r in json.load(open(sys.argv[2]))}
assert set(rows) == {p["pid"] for p in t["processes"]}, sorted(rows)
for p in t["processes"]:
    r = rows[p["pid"]]
    assert r["psscan"], p["pid"]
    assert r["pslist"] == (p["active_list_index"] is not None), p["pid"]
    assert int(r["offset_phys"], 16) == int(p["offset_phys"], 16), p["pid"]
print("ok")
PY
expect "psxview on anomalies: psscan sees every EPROCESS, pslist exactly the listed ones" 'grep -q '\''^ok'\'' "$TMP/xv"'
bad "a cyclic_list pointing forward" "techniques[0].back_to" \
    '{"techniques":[{"kind":"cyclic_list","target":"smss.exe","back_to":"cmd.exe"}]}'
bad "a cyclic_list on an unlinked process" "techniques[1].target" \
    '{"techniques":[{"kind":"unlink","target":"cmd.exe"},{"kind":"cyclic_list","target":"cmd.exe"}]}'
bad "back_to on another technique" "techniques[0].back_to" '{"techniques":[{"kind":"unlink","target":"cmd.exe","back_to":4}]}'

# --- bitmap crash dumps (PAGEDU64, DumpType 5)
run "$EPROC" forge --format crashdump-bitmap -o "$TMP/d.bmp"
expect "forge --format crashdump-bitmap succeeds" 'test "$RC" -eq 0'
expect "the bitmap dump has the PAGEDU64 and SDMP/DUMP signatures" 'sh -c "[ \"\$(head -c 8 '\''$TMP/d.bmp'\'')\" = PAGEDU64 ] && [ \"\$(dd if='\''$TMP/d.bmp'\'' bs=1 skip=8192 count=8 2>/dev/null)\" = SDMPDUMP ]"'
run "$EPROC" -f "$TMP/d.bmp" -o json info
python3 - "$TMP/d.bmp.truth.json" "$TMP/out" <<'PY' > "$TMP/bmp1" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))["machine"]
i = json.load(open(sys.argv[2]))[0]
assert int(i["dtb"], 16) == int(t["dtb"], 16)
assert int(i["kernel_base"], 16) == int(t["kernel_base"], 16)
print("ok")
PY
expect "forge --format crashdump-bitmap: eproc info agrees with the truth file" 'grep -q '\''^ok'\'' "$TMP/bmp1"'
"$EPROC" -f "$TMP/d.raw" -o json pslist > "$TMP/pl.raw.json" 2>/dev/null
"$EPROC" -f "$TMP/d.bmp" -o json pslist > "$TMP/pl.bmp.json" 2>/dev/null
expect "forge --format crashdump-bitmap: pslist equals the raw image's" 'sh -c "[ -s '\''$TMP/pl.raw.json'\'' ] && cmp -s '\''$TMP/pl.raw.json'\'' '\''$TMP/pl.bmp.json'\''"'
expect "forge --format crashdump-bitmap: smaller than the full dump (free pages left out)" 'sh -c "[ \$(stat -c %s '\''$TMP/d.bmp'\'') -lt \$(stat -c %s '\''$TMP/d.crashdump'\'') ]"'
run "$EPROC" forge --format crashdump-bitmap -o "$TMP/d2.bmp"
expect "forging a bitmap dump twice gives identical bytes" 'cmp -s "$TMP/d.bmp" "$TMP/d2.bmp"'

# --- a scenario larger than its machine: one line naming machine.memory, exit 2
bad "a scenario that does not fit in machine.memory" "machine.memory" \
    '{"machine":{"memory":"128M"},"processes":[{"name":"a.exe","handles":[{"type":"Event","value":"0x3fffffc"}]}]}'

# --- Volatility 3 runs offline in every script (issue 9 item 11): without
# --offline a failed symbol download makes it delete the forge's ISF from
# the first -s directory
grep -n 'vol\.py" -' bench/*.sh tests/cli/*.sh | grep -v -- '--offline' > "$TMP/online" 2>&1
expect "every Volatility 3 run in bench/ and tests/cli/ passes --offline" 'sh -c "[ ! -s '\''$TMP/online'\'' ] && grep -q offline bench/forge_vol3.sh"'

# --- the truth states what the image holds (issue 9 item 9)
run "$EPROC" forge --seed 18446744073709551615 -o "$TMP/s.raw"
python3 - "$TMP/s.raw.truth.json" <<'PY' > "$TMP/seed" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))
assert t["seed"] == 2**64 - 1, t["seed"]
print("ok")
PY
expect "truth: seed 2^64-1 is written unsigned, not -1" 'grep -q '\''^ok'\'' "$TMP/seed"'
# exited_unfreed with a source: source_pid is the PID whose handle keeps
# the EPROCESS; without one, the parent's; a scenario Process/Thread handle
# is named as the forge's own are, from the object ("NAME Pid N")
cat > "$TMP/src.json" <<'JSON'
{"processes": [
  {"name": "explorer.exe", "pid": 1000},
  {"name": "a_rather_long_name.exe", "pid": 1100, "ppid": 1000},
  {"name": "keeper.exe", "pid": 1200, "ppid": 1000,
   "handles": [{"type": "Process", "target": 1100}, {"type": "Process", "target": "explorer.exe"},
               {"type": "Thread", "target": 1000}, {"type": "Token", "target": 1000}]},
  {"name": "child.exe", "pid": 1300, "ppid": 1000}],
 "techniques": [{"kind": "exited_unfreed", "target": 1100, "source": "keeper.exe"},
                {"kind": "exited_unfreed", "target": 1300},
                {"kind": "lsass_handle", "source": 1200, "target": 1000}]}
JSON
run "$EPROC" forge "$TMP/src.json" -o "$TMP/src.raw"
python3 - "$TMP/src.raw.truth.json" <<'PY' > "$TMP/srcpid" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))
procs = {p["pid"]: p for p in t["processes"]}
for x in t["techniques"]:
    if x["kind"] != "exited_unfreed":
        continue
    tgt = procs[x["target_pid"]]
    holders = [p["pid"] for p in t["processes"]
               if any(h["type"] == "Process" and h["object"] == tgt["offset"] for h in p["handles"])]
    assert holders and x["source_pid"] in holders, (x, holders)
assert [x["source_pid"] for x in t["techniques"]][:2] == [1200, 1000], t["techniques"]
print("ok")
PY
expect "truth: exited_unfreed's source_pid is the process whose handle keeps it (source, else parent)" 'grep -q '\''^ok'\'' "$TMP/srcpid"'
process_handle_names() {
    python3 - "$1" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
by_obj = {p["offset"]: p for p in t["processes"]}
by_thread = {th["offset"]: th for p in t["processes"] for th in p["threads"]}
n = 0
for p in t["processes"]:
    for h in p["handles"]:
        if h["type"] == "Process":
            q = by_obj[h["object"]]
            want = f'{q["image_file_name"]} Pid {q["pid"]}'
        elif h["type"] == "Thread":
            th = by_thread[h["object"]]
            want = f'Tid {th["tid"]} Pid {th["pid"]}'
        elif h["type"] == "Token":
            want = ""
        else:
            continue
        assert h["name"] == want, (p["pid"], h["handle"], h["name"], want)
        n += 1
assert n
print("ok", n)
PY
}
process_handle_names "$TMP/src.raw.truth.json" > "$TMP/hn" 2>&1
expect "truth: scenario and forge Process/Thread/Token handles are named alike, from the object" 'grep -q '\''^ok'\'' "$TMP/hn"'
process_handle_names "$TMP/a1.raw.truth.json" > "$TMP/hn" 2>&1
expect "truth (attacks.json): every Process/Thread handle is named 'NAME Pid N' / 'Tid N Pid N'" 'grep -q '\''^ok'\'' "$TMP/hn"'

# --- IDs Windows never hands out (issue 9 item 1): entry 0 of every
# PspCidTable page is reserved, so no PID or TID is a multiple of 1024
bad "a PID that is a multiple of 1024" "processes[0].pid" '{"processes":[{"name":"a.exe","pid":1024}]}'
bad "a PPID that is a multiple of 1024" "processes[0].ppid" '{"processes":[{"name":"a.exe","ppid":3072}]}'
bad "a TID that is a multiple of 1024" "processes[0].threads[1].tid" '{"processes":[{"name":"a.exe","threads":[{},{"tid":2048}]}]}'
printf '{"processes":[{"name":"a.exe","pid":4096}]}' > "$TMP/k.json"
run "$EPROC" forge "$TMP/k.json" -o "$TMP/k.raw"
expect "forge: the message says why PID 4096 is refused" 'printf "%s" "$ERR" | grep -q "4096 is a multiple of 1024, which Windows never hands out"'
# a machine with many threads, and processes without PIDs (the forge picks
# them from 1000 up, past 1024)
cat > "$TMP/many.json" <<'JSON'
{"processes": [{"name": "explorer.exe"}, {"name": "a.exe", "threads": 256}, {"name": "b.exe", "threads": 256},
  {"name": "c.exe", "threads": 256}, {"name": "d.exe", "threads": 200}, {"name": "e.exe", "threads": 3},
  {"name": "f.exe", "threads": 3}, {"name": "g.exe", "threads": 3}, {"name": "h.exe"}]}
JSON
run "$EPROC" forge "$TMP/many.json" -o "$TMP/many.raw"
expect "forge: a machine with 1000 threads succeeds" 'test "$RC" -eq 0'
run "$EPROC" forge examples/attacks.json --seed 7 -o "$TMP/a7.raw"
SETS="$TMP/d.raw $TMP/a1.raw $TMP/a7.raw $TMP/an.raw $TMP/many.raw"
python3 - $SETS <<'PY' > "$TMP/k1024" 2>&1
import json, sys
bad, n = [], 0
for img in sys.argv[1:]:
    t = json.load(open(img + ".truth.json"))
    ids = [p["pid"] for p in t["processes"]] + [th["tid"] for p in t["processes"] for th in p["threads"]]
    n += len(ids)
    bad += [(img.rsplit("/", 1)[-1], i) for i in ids if i % 1024 == 0]
print("ok" if not bad and n > 1500 else f"multiples of 1024: {bad[:8]}", n)
PY
expect "forge (default, attacks x2 seeds, anomalies, 1000 threads): no PID or TID is a multiple of 1024" 'grep -q '\''^ok'\'' "$TMP/k1024"'
run "$EPROC" -f "$TMP/many.raw" -o json psxview
python3 - "$TMP/out" <<'PY' > "$TMP/k1024x" 2>&1
import json, sys
rows = json.load(open(sys.argv[1]))
bad = [r["pid"] for r in rows if not r["pspcid"]]
print("ok" if rows and not bad else f"pspcid false for {bad}")
PY
expect "psxview on the many-thread machine: every process is in PspCidTable" 'grep -q '\''^ok'\'' "$TMP/k1024x"'

# --- no two VADs of a process overlap (issue 9 item 6): stacks and TEBs in
# disjoint ranges, on every scenario above
python3 - $SETS "$TMP/src.raw" <<'PY' > "$TMP/ovl" 2>&1
import json, sys
bad, n = [], 0
for img in sys.argv[1:]:
    t = json.load(open(img + ".truth.json"))
    for p in t["processes"]:
        v = sorted((int(x["start"], 16), int(x["end"], 16)) for x in p["vads"])
        n += len(v)
        bad += [(img.rsplit("/", 1)[-1], p["pid"], hex(a[0]), hex(b[0])) for a, b in zip(v, v[1:]) if b[0] <= a[1]]
        teb = {int(th["teb"], 16) for th in p["threads"] if th["teb"]}
        stacks = [(int(th["user_stack_limit"], 16), int(th["user_stack_base"], 16)) for th in p["threads"]
                  if th["user_stack_base"]]
        bad += [(img.rsplit("/", 1)[-1], p["pid"], "TEB in a stack", hex(x)) for x in teb
                for lo, hi in stacks if hi - 0x100000 <= x < hi]
print("ok" if not bad and n > 5000 else f"{len(bad)} overlaps: {bad[:6]}", n)
PY
expect "forge (default, attacks x2 seeds, anomalies, 1000 threads): no two VADs of a process overlap" 'grep -q '\''^ok'\'' "$TMP/ovl"'
bad "a VAD on top of another" "processes[0].vads[0].start" '{"processes":[{"name":"a.exe","vads":[{"start":"0x7ffe0000","size":4096}]}]}'

# --- ActiveThreads counts live threads only (issue 9 item 8)
printf '{"processes":[{"name":"explorer.exe","pid":1000,"threads":[{},{"exited":true},{},{},{}]}]}' > "$TMP/at.json"
run "$EPROC" forge "$TMP/at.json" -o "$TMP/at.raw"
for img in "$TMP/at.raw" "$TMP/a1.raw"; do
    run "$EPROC" -f "$img" -o json pslist
    python3 - "$img.truth.json" "$TMP/out" <<'PY' > "$TMP/at" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))
rows = {r["pid"]: r for r in json.load(open(sys.argv[2]))}
checked = 0
for p in t["processes"]:
    live = sum(1 for th in p["threads"] if th["exit_time"] is None)
    assert p["active_threads"] == live, (p["pid"], p["active_threads"], live)
    if p["pid"] in rows:
        assert rows[p["pid"]]["threads"] == live, (p["pid"], rows[p["pid"]]["threads"], live)
        checked += 1
assert checked and any(th["exit_time"] for p in t["processes"] for th in p["threads"])
print("ok", checked)
PY
    expect "ActiveThreads ($(basename "$img")): truth and EPROCESS count only the threads that have not exited" 'grep -q '\''^ok'\'' "$TMP/at"'
done

# --- docs/scenario.md and the parser agree (issue 9 item 10)
# sizes: "512M" wherever a size is documented, the same as the bytes
sz() {
    printf '{"machine":{"memory":%s},"processes":[{"name":"a.exe","job":"j","vads":[{"size":%s}],
      "modules":[{"path":"C:\\\\x\\\\p.dll","size":%s}]}],
      "jobs":[{"name":"j","job_memory_limit":%s,"process_memory_limit":%s}]}' "$@"
}
sz '"128M"' '"64K"' '"0x20000"' '"512M"' '"1G"' > "$TMP/sz1.json"
sz 134217728 65536 131072 536870912 1073741824 > "$TMP/sz2.json"
run "$EPROC" forge "$TMP/sz1.json" -o "$TMP/sz1.raw" --no-symbols
expect "scenario: sizes as \"512M\", \"64K\", \"0x20000\" (memory, VAD, module, job limits) are accepted" 'test "$RC" -eq 0'
run "$EPROC" forge "$TMP/sz2.json" -o "$TMP/sz2.raw" --no-symbols
expect "scenario: a size string gives the same image as the same size in bytes" 'cmp -s "$TMP/sz1.raw" "$TMP/sz2.raw"'
bad "a size that is no size" "jobs[0].job_memory_limit" '{"jobs":[{"name":"j","job_memory_limit":"lots"}]}'
# seed: any unsigned 64-bit JSON integer
printf '{"description":"a \\"seed\\": 99 in a string","machine":{"seed":18446744073709551615},"processes":[{"name":"a.exe"}]}' > "$TMP/sd.json"
run "$EPROC" forge "$TMP/sd.json" -o "$TMP/sd1.raw" --no-symbols
expect "scenario: a JSON integer seed of 2^64-1 is accepted" 'test "$RC" -eq 0'
run "$EPROC" forge "$TMP/sd.json" --seed 0xffffffffffffffff -o "$TMP/sd2.raw" --no-symbols
expect "scenario: seed 18446744073709551615 in the file is --seed 0xffffffffffffffff" 'cmp -s "$TMP/sd1.raw" "$TMP/sd2.raw" && grep -q "\"seed\": 18446744073709551615," "$TMP/sd1.raw.truth.json"'
bad "a seed above 2^64-1" "machine.seed" '{"machine":{"seed":18446744073709551616}}'
bad "a negative seed" "machine.seed" '{"machine":{"seed":-1}}'
# ppid a multiple of 4; threads 0..256
bad "a PPID not a multiple of 4" "processes[0].ppid" '{"processes":[{"name":"a.exe","ppid":6}]}'
bad "257 threads" "processes[0].threads" '{"processes":[{"name":"a.exe","threads":257}]}'
# a thread's create_time: seconds after its process's start, or an ISO time
cat > "$TMP/tt.json" <<'JSON'
{"machine": {"time": "2025-06-01T12:00:00Z", "boot_time": "2025-06-01T08:00:00Z"},
 "processes": [{"name": "a.exe", "pid": 1000, "create_time": "2025-06-01T09:00:00Z",
   "threads": [{"tid": 1004, "create_time": 30}, {"tid": 1008, "create_time": "2025-06-01T09:30:00Z"}]}]}
JSON
run "$EPROC" forge "$TMP/tt.json" -o "$TMP/tt.raw" --no-symbols
python3 - "$TMP/tt.raw.truth.json" <<'PY' > "$TMP/tt" 2>&1
import json, sys
t = json.load(open(sys.argv[1]))
th = {x["tid"]: x["create_time"] for p in t["processes"] for x in p["threads"]}
assert th[1004] == "2025-06-01T09:00:30.000000Z", th[1004]
assert th[1008] == "2025-06-01T09:30:00.000000Z", th[1008]
print("ok")
PY
expect "scenario: a thread's create_time is seconds after its process's start, or an ISO time" 'grep -q '\''^ok'\'' "$TMP/tt"'
bad "a thread ISO create_time before its process" "processes[0].threads[0].create_time" \
    '{"processes":[{"name":"a.exe","create_time":600,"threads":[{"create_time":"2025-03-14T06:00:00Z"}]}]}'
# services: absent on a custom machine gives none; the default machine has its set
python3 - "$TMP/src.raw.truth.json" "$TMP/d.raw.truth.json" <<'PY' > "$TMP/svc" 2>&1
import json, sys
custom, default = (json.load(open(p))["services"] for p in sys.argv[1:])
assert custom == [] and len(default) >= 10, (custom, len(default))
print("ok")
PY
expect "scenario: a custom machine without \"services\" has none, the default machine its set" 'grep -q '\''^ok'\'' "$TMP/svc"'
