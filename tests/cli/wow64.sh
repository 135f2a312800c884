#!/bin/sh
# The forge's "wow64" process key makes a real WoW64 process: read back from
# the image with tests/tools/x64_space.py (nothing of the forge's code) and,
# when VOL3 is set, with Volatility 3 (pslist's Wow64 column, dlllist and
# cmdline of the 64-bit side), all against the truth file.
. tests/lib.sh

cat > "$TMP/w.json" <<'EOF'
{"processes": [
 {"name": "game32.exe", "pid": 6000, "image": "C:\\Games\\game32.exe", "command_line": "\"C:\\Games\\game32.exe\" -windowed",
  "wow64": true, "modules": ["C:\\Windows\\System32\\USER32.dll", "C:\\Games\\engine.dll"], "threads": 3},
 {"name": "notepad.exe", "pid": 6004}
]}
EOF
run "$EPROC" forge "$TMP/w.json" -o "$TMP/w.raw"
expect "forge a scenario with a WoW64 process" 'test "$RC" -eq 0'

python3 - "$TMP/w.raw" "$TMP/w.raw.truth.json" <<'PY' > "$TMP/w.cmp" 2>&1
import json, mmap, struct, sys
sys.path.insert(0, "tests/tools")
from x64_space import Space
image = open(sys.argv[1], "rb")
mem = mmap.mmap(image.fileno(), 0, access=mmap.ACCESS_READ)
t = json.load(open(sys.argv[2]))
h = lambda s: int(s, 16)
kernel = Space(mem, h(t["machine"]["dtb"]))
procs = {p["pid"]: p for p in t["processes"]}
w, n = procs[6000], procs[6004]
# offsets: _EPROCESS.WoW64Process (seed 001), _EWOW64PROCESS (22000 ISF),
# _PEB32/_TEB32 (22000 ISF), the 32-bit loader structures (x86 layout)
EP_WOW64, EWP_PEB, EWP_NTDLLTYPE = 0x310, 0x0, 0x8
PEB32_IMAGEBASE, PEB32_LDR, PEB32_BUILD = 0x8, 0xC, 0xAC
LDR32_LOAD = 0xC
LDE32_BASE, LDE32_SIZE, LDE32_FULLNAME, LDE32_BASENAME = 0x18, 0x20, 0x24, 0x2C
TEB32_STACKBASE, TEB32_SELF, TEB32_CID, TEB32_PEB, TEB32_WOWTEBOFFSET = 0x4, 0x18, 0x20, 0x30, 0xFDC
TEB_WOWTEBOFFSET = 0x180C
u32 = lambda sp, va: struct.unpack("<I", sp.read(va, 4))[0]
u64 = lambda sp, va: struct.unpack("<Q", sp.read(va, 8))[0]
def str32(sp, va):
    ln, _, buf = struct.unpack("<HHI", sp.read(va, 8))
    return sp.read(buf, ln).decode("utf-16-le")

assert w["wow64"] and not n["wow64"] and n["wow64_process"] is None and not n["modules32"]
assert sum(p["wow64"] for p in t["processes"]) == 1
ewow = u64(kernel, h(w["offset"]) + EP_WOW64)
assert ewow == h(w["wow64_process"]) and u64(kernel, h(n["offset"]) + EP_WOW64) == 0
user = Space(mem, h(w["dtb"]))
peb32 = u64(kernel, ewow + EWP_PEB)
assert peb32 == h(w["peb32"]) and peb32 < 1 << 32 and peb32 == h(w["peb"]) + 0x1000
assert u32(kernel, ewow + EWP_NTDLLTYPE) == 1                  # PsWowX86SystemDll
assert u32(user, peb32 + PEB32_IMAGEBASE) == h(w["image_base"]) < 1 << 32
assert struct.unpack("<H", user.read(peb32 + PEB32_BUILD, 2))[0] == 26100
ldr = u32(user, peb32 + PEB32_LDR)
assert ldr == h(w["ldr32"])
# the 32-bit process parameters: _RTL_USER_PROCESS_PARAMETERS (x86):
# CurrentDirectory.DosPath 0x24, ImagePathName 0x38, CommandLine 0x40,
# Environment 0x48 (Vergilius Project, Windows 10/11 x86)
PEB32_PARAMS, PP32_CWD, PP32_IMAGE, PP32_CMDLINE, PP32_ENV = 0x10, 0x24, 0x38, 0x40, 0x48
pp32 = u32(user, peb32 + PEB32_PARAMS)
assert pp32 and pp32 == h(w["process_parameters32"]) and n["process_parameters32"] is None
assert str32(user, pp32 + PP32_CMDLINE) == w["command_line"], str32(user, pp32 + PP32_CMDLINE)
assert str32(user, pp32 + PP32_IMAGE) == w["image_path"]
assert str32(user, pp32 + PP32_CWD) == w["cwd"]
assert u32(user, pp32 + PP32_ENV) == h(w["environment_block"])
# the 32-bit InLoadOrder list, walked with 32-bit links
got, e = [], u32(user, ldr + LDR32_LOAD)
while e != ldr + LDR32_LOAD and len(got) < 64:
    got.append((u32(user, e + LDE32_BASE), u32(user, e + LDE32_SIZE), str32(user, e + LDE32_BASENAME),
                str32(user, e + LDE32_FULLNAME)))
    e = u32(user, e)
want = [(h(m["base"]), h(m["size"]), m["name"], m["path"]) for m in w["modules32"]]
assert got == want, (got, want)
names32 = [m["path"].lower() for m in w["modules32"]]
for dll in ("ntdll.dll", "kernel32.dll", "kernelbase.dll", "user32.dll"):
    assert "c:\\windows\\syswow64\\" + dll in names32, dll
assert all(b < 1 << 32 for b, _, _, _ in got)
# the 64-bit list: the program, ntdll and the WoW64 layer only
names64 = [m["name"].lower() for m in w["modules"] if m["ldr_entry"]]
assert names64[0] == "game32.exe" and "ntdll.dll" in names64, names64
for dll in ("wow64.dll", "wow64base.dll", "wow64win.dll", "wow64cpu.dll"):
    assert dll in names64, dll
assert "kernel32.dll" not in names64 and "user32.dll" not in names64, names64
# every thread: TEB32 two pages above the TEB, pointing back and at the PEB32
for th in w["threads"]:
    teb, teb32 = h(th["teb"]), h(th["teb32"])
    assert teb32 == teb + 0x2000 and teb32 < 1 << 32
    assert struct.unpack("<i", user.read(teb + TEB_WOWTEBOFFSET, 4))[0] == 0x2000
    assert struct.unpack("<i", user.read(teb32 + TEB32_WOWTEBOFFSET, 4))[0] == -0x2000
    assert u32(user, teb32 + TEB32_SELF) == teb32
    assert u32(user, teb32 + TEB32_PEB) == peb32
    assert struct.unpack("<II", user.read(teb32 + TEB32_CID, 8)) == (6000, th["tid"])
    assert u32(user, teb32 + TEB32_STACKBASE) == h(th["stack32_base"])
    vads = [(h(v["start"]), h(v["end"])) for v in w["vads"]]
    assert any(s <= teb and teb32 + 0xFFF <= e for s, e in vads), "TEB and TEB32 share one VAD"
assert all(th["teb32"] is None for th in n["threads"])
print("ok", len(got), len(w["threads"]))
PY
expect "WoW64: EPROCESS.WoW64Process -> EWOW64PROCESS.Peb = the PEB32; its 32-bit parameters hold the command line, image path, directory and environment; its 32-bit loader list holds the SysWOW64 DLLs; the 64-bit list the WoW64 layer; a TEB32 at TEB+0x2000 per thread; all as the truth says" \
    'grep -q "^ok" "$TMP/w.cmp" || { cat "$TMP/w.cmp" >&2; false; }'

if have_vol3; then
    for p in pslist dlllist cmdline; do
        vol3 "$TMP/w.raw" "$TMP/w.raw.symbols" $p > "$TMP/w.$p.json" 2> "$TMP/err"
    done
    python3 - "$TMP/w" "$TMP/w.raw.truth.json" <<'PY' > "$TMP/vol" 2>&1
import json, sys
base = sys.argv[1]
t = {p["pid"]: p for p in json.load(open(sys.argv[2]))["processes"]}
h = lambda s: int(s, 16)
ps = {r["PID"]: r for r in json.load(open(base + ".pslist.json"))}
assert {pid for pid, r in ps.items() if r["Wow64"]} == {6000}, [pid for pid, r in ps.items() if r["Wow64"]]
dll = sorted((r["Base"], r["Size"], r["Name"], r["Path"]) for r in json.load(open(base + ".dlllist.json"))
             if r["PID"] == 6000)
want = sorted((h(m["base"]), h(m["size"]), m["name"], m["path"]) for m in t[6000]["modules"] if m["ldr_entry"])
assert dll == want, (dll, want)
cmd = {r["PID"]: r["Args"] for r in json.load(open(base + ".cmdline.json"))}
assert cmd[6000] == t[6000]["command_line"], cmd[6000]
print("ok")
PY
    expect "Volatility 3 on the WoW64 process: pslist's Wow64 column, dlllist (the 64-bit list) and cmdline equal the truth" \
        'grep -q "^ok" "$TMP/vol" || { cat "$TMP/vol" >&2; false; }'
else
    skip "Volatility 3 on a WoW64 process (set VOL3 to a volatility3 checkout)"
fi
