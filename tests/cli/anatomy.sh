#!/bin/sh
# The user-mode anatomy on memory images (issue 11): cmdline, envars,
# dlllist, threads (TEB columns) and fibers equal the forge's truth file,
# process by process, on the default, attacks, anomalies and custom
# machines and on seeds, memory sizes and formats no other test uses;
# paged-out pages give null cells and one warning per process, never a
# wrong value; with VOL3 set, Volatility 3's windows.cmdline, envars and
# dlllist and threads give the same values.
. tests/lib.sh

CMDS="cmdline envars dlllist threads fibers"

# forge_and_check LABEL FORGE-ARGS...: forge, run the commands, compare.
forge_and_check() {
    label=$1; shift
    img=$TMP/$label.img
    if ! "$EPROC" forge "$@" -o "$img" > /dev/null 2> "$TMP/forge.err"; then
        fail "$label: forge $* ($(head -1 "$TMP/forge.err"))"
        return 1
    fi
    for c in $CMDS; do
        "$EPROC" -f "$img" -o json "$c" > "$TMP/$label.$c.json" 2> "$TMP/$label.$c.err"
        rc=$?
        if [ "$rc" -ne 0 ] || grep -qE "Sanitizer|runtime error" "$TMP/$label.$c.err"; then
            fail "$label: $c exits 0 (rc=$rc: $(head -c 300 "$TMP/$label.$c.err"))"
            return 1
        fi
    done
    python3 tests/cli/anatomy_truth.py "$img.truth.json" "$TMP/$label.cmdline.json" "$TMP/$label.envars.json" \
        "$TMP/$label.dlllist.json" "$TMP/$label.threads.json" "$TMP/$label.fibers.json" "$label"
    # a forged machine has every user page present: no warning about any
    # process (the kernel's own findings, a looping process list, may be),
    # except those the scenario paged out
    paged=$(python3 -c "import json,sys; print('|'.join('PID %d ' % p['pid'] for p in json.load(open(sys.argv[1]))['processes'] if p.get('paged_out')) or 'none')" "$img.truth.json")
    if cat "$TMP/$label".*.err | grep "warning" | grep "PID " | grep -qvE "$paged"; then
        fail "$label: no process warnings on a fully present image ($(cat "$TMP/$label".*.err | grep "PID " | head -2))"
    else
        ok "$label: no process warnings on a fully present image"
    fi
}

forge_and_check default
forge_and_check attacks examples/attacks.json
forge_and_check anomalies examples/anomalies.json
forge_and_check custom examples/custom.json
forge_and_check seed7-2G-crashdump --seed 7 --memory 2G --format crashdump
forge_and_check seed99-elf --seed 99 --format elf
forge_and_check seed5-1G-lime --seed 5 --memory 1G --format lime
forge_and_check seed3-bitmap examples/attacks.json --seed 3 --format crashdump-bitmap

# The forge's paged_out key (docs/scenario.md): a PEB, the loader's pages,
# the parameter pages left in the page file.  Those processes keep their
# rows with null values, each command warns once per process, the others
# are untouched.
cat > "$TMP/po.json" <<'JSON'
{"processes": [
 {"name": "notepad.exe", "pid": 5000, "paged_out": ["peb"]},
 {"name": "calc.exe", "pid": 5004, "paged_out": ["ldr", "parameters"]},
 {"name": "mspaint.exe", "pid": 5008}
]}
JSON
if forge_and_check paged-out "$TMP/po.json"; then
    for c in cmdline envars dlllist; do
        e=$TMP/paged-out.$c.err
        expect "paged-out scenario: $c warns once for each paged-out process, never for the others" \
            '[ "$(grep -c "PID 5000 " "$e")" -eq 1 ] && [ "$(grep -c "PID 5004 " "$e")" -eq 1 ] && ! grep -q "PID 5008 " "$e"'
    done
    expect "paged-out scenario: the warnings say paged out" \
        'grep "PID 500[04] " "$TMP/paged-out.cmdline.err" | grep -q "paged out"'
fi

# A WoW64 process (the forge's wow64 key): its 32-bit loader list beside
# the 64-bit one (the truth's modules32), its PEB32's parameters (a second
# cmdline row) and its threads' TEB32s (anatomy_truth.py checks all three).
cat > "$TMP/wow.json" <<'JSON'
{"processes": [
 {"name": "app32.exe", "pid": 6000, "wow64": true, "modules": ["USER32.dll"]},
 {"name": "notepad.exe", "pid": 6004}
]}
JSON
forge_and_check wow64-seed11-elf "$TMP/wow.json" --seed 11 --format elf
if forge_and_check wow64 "$TMP/wow.json"; then
    expect "wow64: the 32-bit list is there" \
        'python3 -c "import json,sys; sys.exit(0 if [r for r in json.load(open(sys.argv[1])) if r[\"pid\"]==6000 and r[\"wow64\"]] else 1)" "$TMP/wow64.dlllist.json"'
fi

# --pid and --name keep one process
IMG=$TMP/default.img
run "$EPROC" -f "$IMG" -o json dlllist --name notepad.exe
expect "dlllist --name notepad.exe: only its modules" \
    '[ "$RC" -eq 0 ] && python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r and all(x[\"process\"]==\"notepad.exe\" for x in r) else 1)" "$TMP/out"'
PID=$(python3 -c "import json,sys; print([p['pid'] for p in json.load(open(sys.argv[1]))['processes'] if p['name']=='explorer.exe'][0])" "$IMG.truth.json")
run "$EPROC" -f "$IMG" -o json envars --pid "$PID"
expect "envars --pid $PID: only explorer.exe's variables" \
    '[ "$RC" -eq 0 ] && python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r and all(x[\"pid\"]==int(sys.argv[2]) for x in r) else 1)" "$TMP/out" "$PID"'

# --- paged-out pages: the forged image with chosen PTEs turned into
# pagefile entries (not present, PageFileHigh set, PAGE_READWRITE) ---
cat > "$TMP/pageout.py" <<'PY'
import json, struct, sys
img, truth_file, out, what = sys.argv[1:5]
truth = json.load(open(truth_file))
p = [p for p in truth["processes"] if p["name"] == "notepad.exe"][0]
data = bytearray(open(img, "rb").read())
def pte_address(dtb, va):
    table = dtb
    for shift in (39, 30, 21):
        e = struct.unpack_from("<Q", data, table + ((va >> shift) & 0x1ff) * 8)[0]
        assert e & 1 and not e & 0x80, hex(e)
        table = e & 0x000ffffffffff000
    return table + ((va >> 12) & 0x1ff) * 8
# a loader entry on another page than the first module's (entries share heap pages)
first = int(p["modules"][0]["ldr_entry"], 16) >> 12
later = [m["ldr_entry"] for m in p["modules"] if int(m["ldr_entry"], 16) >> 12 != first] or [p["modules"][-1]["ldr_entry"]]
va = {"peb": p["peb"], "environment": p["environment_block"], "ldr_entry": later[0]}[what]
at = pte_address(int(p["dtb"], 16), int(va, 16))
struct.pack_into("<Q", data, at, (0x1234 << 32) | (4 << 5))
open(out, "wb").write(data)
print(p["pid"])
PY
paged() {   # paged WHAT: image with notepad.exe's WHAT page paged out; sets NPID
    NPID=$(python3 "$TMP/pageout.py" "$IMG" "$IMG.truth.json" "$TMP/paged.img" "$1") || return 1
    cp "$IMG.truth.json" "$TMP/paged.img.truth.json"
    cp -r "$IMG.symbols" "$TMP/paged.img.symbols" 2>/dev/null
    return 0
}
# one_warning CMD: exactly one warning names PID $NPID, it says "paged out", exit 0
one_warning() {
    [ "$RC" -eq 0 ] && [ "$(grep -c "PID $NPID " "$TMP/err")" -eq 1 ] && grep "PID $NPID " "$TMP/err" | grep -q "paged out"
}
if paged peb; then
    run "$EPROC" -f "$TMP/paged.img" -o json cmdline
    expect "paged-out PEB: cmdline still has the process's row, null fields, one warning" \
        'one_warning && python3 -c "
import json, sys
rows = json.load(open(sys.argv[1])); pid = int(sys.argv[2])
mine = [r for r in rows if r[\"pid\"] == pid]
others = [r for r in rows if r[\"pid\"] != pid and r[\"args\"]]
sys.exit(0 if len(mine) == 1 and mine[0][\"args\"] is None and mine[0][\"image_path\"] is None and len(others) > 20 else 1)" "$TMP/out" "$NPID"'
    for c in envars dlllist; do
        run "$EPROC" -f "$TMP/paged.img" -o json "$c"
        expect "paged-out PEB: $c has no rows for it and one warning" \
            'one_warning && python3 -c "import json,sys; sys.exit(0 if not [r for r in json.load(open(sys.argv[1])) if r[\"pid\"]==int(sys.argv[2])] else 1)" "$TMP/out" "$NPID"'
    done
else
    fail "paging out notepad.exe's PEB"
fi
if paged environment; then
    run "$EPROC" -f "$TMP/paged.img" -o json envars
    expect "paged-out environment block: no variables for it, one warning" \
        'one_warning && python3 -c "import json,sys; sys.exit(0 if not [r for r in json.load(open(sys.argv[1])) if r[\"pid\"]==int(sys.argv[2])] else 1)" "$TMP/out" "$NPID"'
    run "$EPROC" -f "$TMP/paged.img" -o json cmdline
    expect "paged-out environment block: cmdline unaffected" \
        '[ "$RC" -eq 0 ] && ! grep -q "PID $NPID " "$TMP/err"'
else
    fail "paging out notepad.exe's environment"
fi
if paged ldr_entry; then
    run "$EPROC" -f "$TMP/paged.img" -o json dlllist
    expect "paged-out loader entry: dlllist lists the modules before it (truth values or null), one warning" \
        'one_warning && python3 -c "
import json, sys
rows = json.load(open(sys.argv[1])); pid = int(sys.argv[2]); truth = json.load(open(sys.argv[3]))
p = [p for p in truth[\"processes\"] if p[\"pid\"] == pid][0]
mine = [(int(r[\"base\"], 16), r[\"path\"]) for r in rows if r[\"pid\"] == pid]
want = [(int(m[\"base\"], 16), m[\"path\"]) for m in p[\"modules\"]]
# a value is the truth or null (its text was on the paged-out page), never another
same = all(m[0] == w[0] and m[1] in (w[1], None) for m, w in zip(mine, want))
sys.exit(0 if same and len(mine) < len(want) else 1)" "$TMP/out" "$NPID" "$IMG.truth.json"'
else
    fail "paging out a loader entry of notepad.exe"
fi

# --- Volatility 3 on the same image ---
if have_vol3; then
    IMG=$TMP/attacks.img
    for c in cmdline envars dlllist threads; do
        vol3 "$IMG" "$IMG.symbols" $c > "$TMP/vol.$c.json" 2>/dev/null
    done
    python3 - "$TMP/vol.cmdline.json" "$TMP/vol.envars.json" "$TMP/vol.dlllist.json" "$TMP/vol.threads.json" \
        "$TMP/attacks.cmdline.json" "$TMP/attacks.envars.json" "$TMP/attacks.dlllist.json" \
        "$TMP/attacks.threads.json" <<'PY'
import json, sys
vc, ve, vd, vt, oc, oe, od, ot = (json.load(open(f)) for f in sys.argv[1:9])
listed = {r["PID"] for r in vc}          # Volatility walks the active list only
def check(desc, v, o):
    ok = v == o and len(v) > 0
    print(("ok - " if ok else "not ok - ") + "attacks: %s equal Volatility 3's (%d)" % (desc, len(v))
          + ("" if ok else " volatility only %s eproc only %s" % (sorted(v - o)[:2], sorted(o - v)[:2])))
# Volatility puts its error text in Args where the PEB cannot be read; eproc a null
check("command lines", {(r["PID"], r["Args"]) for r in vc if not r["Args"].startswith("Required memory")},
      {(r["pid"], r["args"]) for r in oc if r["pid"] in listed and r["args"] is not None and not r["wow64"]})
# its Block column is the address of the Environment field; eproc's the block itself
check("environment variables", {(r["PID"], r["Variable"], r["Value"]) for r in ve},
      {(r["pid"], r["variable"], r["value"]) for r in oe if r["pid"] in listed})
check("modules (base, size, path, load time to the second)",
      {(r["PID"], r["Base"], r["Size"], r["Path"], (r["LoadTime"] or "")[:19]) for r in vd},
      {(r["pid"], int(r["base"], 16), int(r["size"], 16), r["path"], (r["load_time"] or "")[:19])
       for r in od if r["pid"] in listed and not r.get("wow64")})
# windows.threads has no TEB column: the ETHREAD, its start address and
# times; it prints addresses without the sign extension (48 bits)
M = (1 << 48) - 1
check("threads (ETHREAD, start address, create/exit time to the second)",
      {(r["PID"], r["TID"], r["Offset"] & M, r["StartAddress"] & M, (r["CreateTime"] or "")[:19],
        (r["ExitTime"] or "")[:19]) for r in vt},
      {(r["pid"], r["tid"], int(r["offset"], 16) & M, int(r["start_address"], 16) & M,
        (r["create_time"] or "")[:19], (r["exit_time"] or "")[:19]) for r in ot if r["pid"] in listed})
PY
else
    skip "Volatility 3 comparison of cmdline, envars, dlllist, threads (set VOL3 to a volatility3 checkout)"
fi
