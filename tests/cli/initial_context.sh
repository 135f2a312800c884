#!/bin/sh
# Every forged user thread starts as seed 001 says: its first user-mode
# context (the KTRAP_FRAME KTHREAD.TrapFrame points at) has Rip =
# ntdll!LdrInitializeThunk and Rcx = Rsp = a CONTEXT record on the user
# stack whose Rip is RtlUserThreadStart (ETHREAD.StartAddress), Rcx the
# thread's routine (Win32StartAddress) and, for a process's first thread,
# Rdx its PEB.  Read from the image with tests/tools/x64_space.py (nothing
# of the forge's code) and compared with the truth.
. tests/lib.sh

for sc in default examples/custom.json; do
    name=$(basename "$sc" .json)
    if [ "$sc" = default ]; then run "$EPROC" forge -o "$TMP/$name.raw"; else run "$EPROC" forge "$sc" -o "$TMP/$name.raw"; fi
    expect "forge $name" 'test "$RC" -eq 0'
    python3 - "$TMP/$name.raw" "$TMP/$name.raw.truth.json" <<'PY' > "$TMP/$name.ic" 2>&1
import json, mmap, struct, sys
sys.path.insert(0, "tests/tools")
from x64_space import Space
image = open(sys.argv[1], "rb")
mem = mmap.mmap(image.fileno(), 0, access=mmap.ACCESS_READ)
t = json.load(open(sys.argv[2]))
h = lambda s: int(s, 16)
kernel = Space(mem, h(t["machine"]["dtb"]))
# offsets: _KTHREAD.TrapFrame (26100), _KTRAP_FRAME and _CONTEXT (22000 ISF)
KT_TRAPFRAME, TF_RCX, TF_RIP, TF_SEGCS, TF_RSP = 0x90, 0x38, 0x168, 0x170, 0x180
CX_RCX, CX_RDX, CX_RSP, CX_RIP = 0x80, 0x88, 0x98, 0xF8
u64 = lambda sp, va: struct.unpack("<Q", sp.read(va, 8))[0]
n = 0
for p in t["processes"]:
    if not p["peb"]:
        continue
    user = Space(mem, h(p["dtb"]))
    ntdll = next(m for m in p["modules"] if m["name"].lower() == "ntdll.dll")
    lo, hi = h(ntdll["base"]), h(ntdll["base"]) + h(ntdll["size"])
    for i, th in enumerate(p["threads"]):
        ic = th["initial_context"]
        assert ic, (p["pid"], th["tid"])
        tf = h(ic["trap_frame"])
        assert u64(kernel, h(th["offset"]) + KT_TRAPFRAME) & 0xFFFFFFFFFFFF == tf & 0xFFFFFFFFFFFF, th["tid"]
        rip = u64(kernel, tf + TF_RIP)
        assert rip == h(ic["rip"]) and lo <= rip < hi, (th["tid"], hex(rip))
        assert rip != h(th["start_address"]), th["tid"]          # LdrInitializeThunk, not RtlUserThreadStart
        cr = h(ic["context_record"])
        assert u64(kernel, tf + TF_RCX) == cr and u64(kernel, tf + TF_RSP) == cr, th["tid"]
        assert struct.unpack("<H", kernel.read(tf + TF_SEGCS, 2))[0] == 0x33
        assert h(th["user_stack_limit"]) <= cr < h(th["user_stack_base"]), th["tid"]
        assert u64(user, cr + CX_RIP) == h(th["start_address"]) == h(ic["context_rip"]), th["tid"]
        assert u64(user, cr + CX_RCX) == h(th["win32_start_address"]) == h(ic["context_rcx"]), th["tid"]
        assert u64(user, cr + CX_RSP) == h(ic["context_rsp"]), th["tid"]
        rdx = u64(user, cr + CX_RDX)
        assert rdx == h(ic["context_rdx"]) and rdx == (h(p["peb"]) if i == 0 else 0), (th["tid"], hex(rdx))
        n += 1
sysproc = next(p for p in t["processes"] if p["pid"] == 4)
assert all(th["initial_context"] is None for th in sysproc["threads"])
assert n
print("ok", n)
PY
    expect "$name: every user thread's first context is LdrInitializeThunk with a CONTEXT record for RtlUserThreadStart(routine, PEB for the first thread)" \
        'grep -q "^ok" "$TMP/$name.ic" || { cat "$TMP/$name.ic" >&2; false; }'
done
