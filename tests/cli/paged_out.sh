#!/bin/sh
# The forge's "paged_out" process key: the PEB, loader or parameter pages of
# a process are left paged out (pagefile PTEs), the truth lists each page,
# and readers find nothing there.  Checked by reading the page tables of the
# image independently (tests/tools/x64_space.py) and, when VOL3 is set, with
# Volatility 3's windows.cmdline and windows.dlllist.
. tests/lib.sh

cat > "$TMP/po.json" <<'EOF'
{"processes": [
 {"name": "notepad.exe", "pid": 5000, "paged_out": ["peb"]},
 {"name": "calc.exe", "pid": 5004, "paged_out": ["ldr", "parameters"]},
 {"name": "mspaint.exe", "pid": 5008}
]}
EOF
run "$EPROC" forge "$TMP/po.json" -o "$TMP/po.raw"
expect "forge a scenario with paged-out PEB, loader and parameter pages" 'test "$RC" -eq 0'

# each listed page: its PTE in the image is the truth's, not valid, neither
# transition nor prototype, with a page-file offset; every part asked for
# covers what it names; the others are untouched
python3 - "$TMP/po.raw" "$TMP/po.raw.truth.json" <<'PY' > "$TMP/pte" 2>&1
import json, mmap, sys
sys.path.insert(0, "tests/tools")
from x64_space import Space
image = open(sys.argv[1], "rb")
mem = mmap.mmap(image.fileno(), 0, access=mmap.ACCESS_READ)
t = json.load(open(sys.argv[2]))
h = lambda s: int(s, 16)
procs = {p["pid"]: p for p in t["processes"]}
def pages(p):
    return {(x["part"], h(x["address"])) for x in p["paged_out"]}
page = lambda va: va & ~0xFFF
for pid, p in procs.items():
    space = Space(mem, h(p["dtb"]))
    for x in p["paged_out"]:
        pte = space.pte(h(x["address"]))
        assert pte == h(x["pte"]), (pid, x, hex(pte or 0))
        assert not pte & 1 and not pte & 0x400 and not pte & 0x800 and pte >> 32, (pid, x)
        assert space.translate(h(x["address"])) is None, (pid, x)
    if pid not in (5000, 5004):
        assert not p["paged_out"], (pid, p["paged_out"])
n, c = procs[5000], procs[5004]
assert pages(n) == {("peb", page(h(n["peb"])))}, pages(n)
assert n["peb_phys"] is None, n["peb_phys"]
want = {("ldr", page(h(c["ldr"])))} | {("ldr", page(h(m["ldr_entry"]))) for m in c["modules"] if m["ldr_entry"]}
want |= {("parameters", page(h(c["process_parameters"])))}
assert want <= pages(c), sorted(want - pages(c))
assert Space(mem, h(c["dtb"])).translate(h(c["peb"])) is not None
print("ok", len(n["paged_out"]) + len(c["paged_out"]))
PY
expect "truth: every paged-out page is listed, and the image's PTE there is a page-file PTE (not valid, not transition, not prototype)" \
    'grep -q "^ok" "$TMP/pte" || { cat "$TMP/pte" >&2; false; }'

run "$EPROC" forge "$TMP/po.json" -o "$TMP/po2.raw"
expect "paged-out pages are deterministic" 'cmp -s "$TMP/po.raw.truth.json" "$TMP/po2.raw.truth.json"'
rm -f "$TMP/po2.raw"

printf '{"processes":[{"name":"System","pid":4,"paged_out":["peb"]}]}' > "$TMP/sys.json"
run "$EPROC" forge "$TMP/sys.json" -o "$TMP/sys.raw"
expect "paged_out on a process without a PEB is refused (exit 2, one line)" \
    'test "$RC" -eq 2 && test "$(printf "%s\n" "$ERR" | grep -c .)" -eq 1'

if have_vol3; then
    for p in cmdline dlllist; do
        vol3 "$TMP/po.raw" "$TMP/po.raw.symbols" $p --pid 5000 5004 5008 > "$TMP/vol.$p.json" 2> "$TMP/err"
    done
    python3 - "$TMP/vol.cmdline.json" "$TMP/vol.dlllist.json" "$TMP/po.raw.truth.json" <<'PY' > "$TMP/vol" 2>&1
import json, sys
cmd = {r["PID"]: r["Args"] for r in json.load(open(sys.argv[1]))}
dll = {}
for r in json.load(open(sys.argv[2])):
    dll.setdefault(r["PID"], []).append(r["Base"])
t = {p["pid"]: p for p in json.load(open(sys.argv[3]))["processes"]}
# PEB paged out: the command line is unreadable; parameters paged out: too
assert "inaccessible" in cmd[5000] and "swapped" in cmd[5000], cmd[5000]
assert "inaccessible" in cmd[5004], cmd[5004]
assert cmd[5008] == t[5008]["command_line"], cmd[5008]
# no PEB or no loader data: no modules; the untouched process has all
assert 5000 not in dll and 5004 not in dll, dll.keys()
assert len(dll[5008]) == len([m for m in t[5008]["modules"] if m["ldr_entry"]]), dll[5008]
print("ok")
PY
    expect "Volatility 3: cmdline says the paged-out memory is swapped, dlllist lists nothing there, the untouched process reads whole" \
        'grep -q "^ok" "$TMP/vol" || { cat "$TMP/vol" >&2; false; }'
else
    skip "Volatility 3 on paged-out PEB and loader pages (set VOL3 to a volatility3 checkout)"
fi
