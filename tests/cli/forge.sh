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
    expect "forge rejects $desc (exit 2, names '$key')" \
        sh -c "[ $RC -eq 2 ] && [ $lines -eq 1 ] && printf '%s' \"\$1\" | grep -qF \"key '$key'\"" _ "$ERR"
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

run "$EPROC" forge "$TMP/nonexistent.json" -o "$TMP/x.raw"
expect "forge: an unreadable scenario exits 3" test "$RC" -eq 3
printf '{"machine": ' > "$TMP/trunc.json"
run "$EPROC" forge "$TMP/trunc.json" -o "$TMP/x.raw"
expect "forge: invalid JSON exits 2 naming the line" sh -c "[ $RC -eq 2 ] && printf '%s' \"\$1\" | grep -q 'line'" _ "$ERR"
run "$EPROC" forge
expect "forge: missing -o is a usage error" test "$RC" -eq 2

# --- determinism: twice, identical bytes (image and truth)
run "$EPROC" forge examples/attacks.json -o "$TMP/a1.raw"
expect "forge attacks.json succeeds" test "$RC" -eq 0
run "$EPROC" forge examples/attacks.json -o "$TMP/a2.raw"
expect "forging twice gives identical images" cmp -s "$TMP/a1.raw" "$TMP/a2.raw"
expect "forging twice gives identical truth files" cmp -s "$TMP/a1.raw.truth.json" "$TMP/a2.raw.truth.json"
run "$EPROC" forge examples/attacks.json --seed 99 -o "$TMP/a3.raw"
expect "another seed gives another image" sh -c "! cmp -s '$TMP/a1.raw' '$TMP/a3.raw'"
expect "the ISF is written where Volatility looks" \
    sh -c "ls '$TMP'/a1.raw.symbols/windows/ntkrnlmp.pdb/*-1.json.xz >/dev/null"

# --- the truth agrees with eproc's readers
run "$EPROC" forge -o "$TMP/d.raw"
expect "forge with no scenario builds the default machine" test "$RC" -eq 0
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
expect "eproc info finds the DTB and kernel base the truth file says" grep -q '^ok' "$TMP/cmp1"
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
expect "eproc pslist finds exactly the truth file's processes and offsets" grep -q '^ok' "$TMP/cmp2"

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
    expect "forge --format $fmt: eproc info agrees with the truth file" grep -q '^ok' "$TMP/cmp3"
done
