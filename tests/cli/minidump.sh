#!/bin/sh
# Process minidumps (issue 5): every real dump in ../shared/data/minidumps
# opens; threads and modules equal what Debian's lldb reports for the same
# file; the Wine dump shows what its program said it did
# (wine-full.truth.json); malformed, truncated and corrupted dumps give a
# clear error or a partial result, never a crash.
. tests/lib.sh

lines() { printf '%s\n' "$1" | grep -c .; }

# --- the command-line contract, without data ---
for c in minidump threads dlllist ldrmodules cmdline envars handles vadinfo malfind fibers getsids privileges; do
    run "$EPROC" "$c" --help
    check_clean "$c --help" [ "$RC" -eq 0 ]
    [ "$RC" -eq 0 ] && echo "$OUT" | grep -q "usage: eproc" || fail "$c --help prints usage"
done
run "$EPROC" -f /dev/null threads --bogus
check_clean "unknown option: exit 2" [ "$RC" -eq 2 ]
run "$EPROC" -f /dev/null threads --pid abc
check_clean "bad --pid: exit 2" [ "$RC" -eq 2 ]

need_shared "minidump tests" || exit 0
MD=$SHARED/minidumps
WINE_XZ=$MD/wine/wine-full.dmp.xz
TRUTH=$MD/wine/wine-full.truth.json

# The process commands read the anatomy model, whatever the capture: on a
# raw image that holds no Windows they give the input error (one line,
# exit 3); the minidump format command refuses it with the one wrong-kind
# line every command gives, exit 3 (docs/decisions.md).
head -c 1048576 /dev/zero > "$TMP/raw.img"
for c in threads dlllist cmdline envars fibers ldrmodules handles vadinfo malfind getsids privileges; do
    run "$EPROC" -f "$TMP/raw.img" "$c"
    check_clean "$c on a raw image with no Windows in it: one line, exit 3" \
        [ "$RC" -eq 3 -a "$(lines "$ERR")" -eq 1 ]
done
run "$EPROC" -f "$TMP/raw.img" minidump
check_clean "minidump on a raw image: one line, exit 3" [ "$RC" -eq 3 -a "$(lines "$ERR")" -eq 1 ]
echo "$ERR" | grep -q "^eproc: $TMP/raw.img: minidump reads process minidumps, not a raw memory image$" \
    || fail "minidump on a raw image: the wrong-kind message"

# --- every real dump opens, with every command ---
n=0
for f in "$MD"/*/*.dmp; do
    n=$((n + 1))
    name=$(basename "$f")
    bad=""
    for c in info minidump threads dlllist ldrmodules cmdline envars handles vadinfo malfind fibers getsids privileges; do
        run "$EPROC" -o jsonl -f "$f" "$c"
        want=0
        # malfind exits 1 exactly when it reports a region (docs/architecture.md, "Contracts")
        [ "$c" = malfind ] && [ -n "$OUT" ] && want=1
        if [ "$RC" -ne "$want" ] || ! no_sanitizer_report; then bad="$bad $c(rc=$RC)"; fi
    done
    check_clean "$name: all minidump commands exit 0 (malfind 1 when it reports)$bad" [ -z "$bad" ]
    run "$EPROC" -o json -f "$f" minidump
    check_clean "$name: minidump lists the streams as JSON" python3 -c '
import json, struct, sys
rows = json.load(open(sys.argv[1]))
d = open(sys.argv[2], "rb").read()
n, rva = struct.unpack_from("<II", d, 8)
assert len(rows) == n, (len(rows), n)
for i, r in enumerate(rows):
    t, size, srva = struct.unpack_from("<III", d, rva + 12 * i)
    assert r["index"] == i and int(r["type"], 16) == t and int(r["rva"], 16) == srva and int(r["size"], 16) == size, r
' "$TMP/out" "$f"
done
check_clean "found the real minidumps" [ "$n" -ge 20 ]

# --- agreement with lldb (independent reader) ---
# lldb's text: "thread #1: tid = 0x0d64, 0x0000000077639e6a user32.dll" and
# "[  0] GUID-AGE 0x00000000fffe0000 C:\Windows\System32\calc.exe".
cat > "$TMP/lldb_compare.py" <<'EOF'
import json, os, re, subprocess, sys
eproc, files = sys.argv[1], sys.argv[2:]
def lldb(f):
    out = subprocess.run(["lldb", "-c", f, "-b", "-o", "thread list", "-o", "image list"],
                         capture_output=True, text=True, errors="replace", timeout=600).stdout
    threads = {}
    for m in re.finditer(r"thread #\d+: tid = (0x[0-9a-fA-F]+)(?:, (0x[0-9a-fA-F]+)(?: ([^,`\n]+))?)?", out):
        threads[int(m.group(1), 16)] = (int(m.group(2), 16) if m.group(2) else None,
                                        m.group(3).strip() if m.group(3) else None)
    mods = {}
    for m in re.finditer(r"^\[\s*\d+\]\s+(\S+)?\s+(0x[0-9a-fA-F]+)\s+(.+?)\s*$", out, re.M):
        mods[int(m.group(2), 16)] = (m.group(3), m.group(1))
    return threads, mods
def eproc_rows(f, cmd):
    r = subprocess.run([eproc, "-q", "-o", "json", "-f", f, cmd], capture_output=True, text=True)
    return json.loads(r.stdout) if r.returncode == 0 else None
total = [0, 0, 0]
for f in files:
    name = os.path.basename(f)
    lt, lm = lldb(f)
    th, dl = eproc_rows(f, "threads"), eproc_rows(f, "dlllist")
    if th is None or dl is None:
        print("not ok - %s: eproc failed" % name); continue
    et = {r["tid"]: (int(r["pc"], 16) if r["pc"] else None, r["pc_module"]) for r in th}
    em = {int(r["base"], 16): (r["path"], r["pdb_id"]) for r in dl}
    if not lt or not lm:
        print("not ok - %s: lldb reported nothing (%d threads, %d modules)" % (name, len(lt), len(lm))); continue
    pcs = [t for t in lt if lt[t][0] is not None]
    pc_bad = [hex(t) for t in pcs if t not in et or et[t][0] != lt[t][0]]
    mods = [t for t in pcs if lt[t][1]]
    mod_bad = [hex(t) for t in mods if t not in et or (et[t][1] or "").lower() != lt[t][1].lower()]
    pc_bad += mod_bad
    ok = set(et) == set(lt) and not pc_bad
    print("%s - %s: threads equal lldb's (%d tids, %d pcs, %d pc modules)%s" % ("ok" if ok else "not ok", name, len(lt), len(pcs), len(mods),
          "" if ok else " eproc %s lldb %s pc mismatch %s" % (sorted(et), sorted(lt), pc_bad)))
    path_bad = [hex(b) for b in lm if b in em and em[b][0] != lm[b][0]]
    ids = 0; id_bad = []
    for b, (p, u) in lm.items():
        if b in em and u and re.fullmatch(r"[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}-[0-9A-F]{8}", u):
            ids += 1
            if em[b][1] != u[:36].replace("-", "") + "%X" % int(u[37:], 16):
                id_bad.append(hex(b))
    ok = set(em) == set(lm) and not path_bad and not id_bad
    print("%s - %s: modules equal lldb's (%d bases and paths, %d PDB ids)%s" % ("ok" if ok else "not ok", name, len(lm), ids,
          "" if ok else " only eproc %s only lldb %s path %s id %s" % ([hex(b) for b in set(em) - set(lm)],
          [hex(b) for b in set(lm) - set(em)], path_bad, id_bad)))
    total[0] += 1; total[1] += len(lt); total[2] += len(lm)
print("# lldb comparison: %d files, %d threads, %d modules" % tuple(total), file=sys.stderr)
EOF

WINE=""
if command -v xz >/dev/null 2>&1 && [ -f "$WINE_XZ" ]; then
    WINE=$TMP/wine-full.dmp
    xz -dc "$WINE_XZ" > "$WINE" || WINE=""
fi
[ -n "$WINE" ] || fail "wine-full.dmp.xz decompresses"

if command -v lldb >/dev/null 2>&1; then
    # shellcheck disable=SC2046
    python3 "$TMP/lldb_compare.py" "$EPROC" "$MD"/*/*.dmp $WINE
else
    skip "agreement with lldb (lldb not installed)"
fi

# --- the Wine dump against what its program printed ---
if [ -n "$WINE" ]; then
    for c in info threads envars fibers malfind cmdline ldrmodules pslist; do
        run "$EPROC" -o json -f "$WINE" "$c"
        cp "$TMP/out" "$TMP/wine-$c.json"
        want=0
        [ "$c" = malfind ] && want=1    # it finds the RWX region: a finding
        check_clean "wine: $c exits $want" [ "$RC" -eq "$want" ]
    done
    tj() { python3 -c "import json; print(json.load(open('$TRUTH'))['$1'])"; }
    PID=$(tj pid); TID=$(tj tid); NT=$(tj threads); MARK=$(tj marker)
    RWX=$(tj rwx); FIB=$(tj fiber)
    check_clean "wine: info pid is $PID" python3 -c '
import json, sys; r = json.load(open(sys.argv[1]))[0]; assert r["pid"] == int(sys.argv[2]), r["pid"]
' "$TMP/wine-info.json" "$PID"
    check_clean "wine: $NT threads, main thread $TID, all with pid $PID" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); pid, tid, n = map(int, sys.argv[2:5])
tids = [r["tid"] for r in rows]
assert len(rows) == n and tid in tids, tids
assert all(r["pid"] == pid for r in rows)
main = [r for r in rows if r["tid"] == tid][0]
assert main["fiber"] is not None, main         # the main thread was converted to a fiber
workers = [r for r in rows if r["tid"] != tid]
assert len(workers) == n - 1 and all(r["pc_module"] == "ntdll.dll" for r in workers), workers
' "$TMP/wine-threads.json" "$PID" "$TID" "$NT"
    # pslist reads the model like the other process commands: the dump's
    # one process, with what it records, null where it records nothing.
    check_clean "wine: pslist shows the one process, PID $PID, dumper.exe, $NT threads, no kernel offset" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); pid, n = map(int, sys.argv[2:4])
assert len(rows) == 1, rows
r = rows[0]
assert r["pid"] == pid and r["name"].lower() == "dumper.exe" and r["threads"] == n, r
assert r["path"].lower().endswith("dumper.exe") and r["offset"] is None and r["dtb"] is None, r
' "$TMP/wine-pslist.json" "$PID" "$NT"
    check_clean "wine: EPROC_MARKER=$MARK in the environment" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
v = [r["value"] for r in rows if r["variable"] == "EPROC_MARKER"]
assert v == [sys.argv[2]], v
' "$TMP/wine-envars.json" "$MARK"
    check_clean "wine: the command line carries the marker" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]; assert sys.argv[2] in r["args"] and r["image_path"].endswith("dumper.exe"), r
' "$TMP/wine-cmdline.json" "$MARK"
    check_clean "wine: fiber $FIB found (suspended, its data the main fiber)" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); want = int(sys.argv[2], 16)
f = [r for r in rows if r["fiber"] and int(r["fiber"], 16) == want]
assert len(f) == 1 and f[0]["running"] is False, rows
main = [r for r in rows if r["running"]]
assert len(main) == 1 and int(f[0]["fiber_data"], 16) == int(main[0]["fiber"], 16), rows
assert int(main[0]["fiber_data"], 16) == 0x1234     # dumper.c FIBERPARAM 1234
' "$TMP/wine-fibers.json" "$FIB"
    check_clean "wine: malfind reports the region $RWX with its MZ header, and only it" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); want = int(sys.argv[2], 16)
assert [int(r["start"], 16) for r in rows] == [want], rows
assert "MZ header" in rows[0]["notes"] and rows[0]["hexdump"].startswith("4d 5a 90 00 03"), rows[0]
' "$TMP/wine-malfind.json" "$RWX"
    check_clean "wine: every ModuleList module is on the loader lists" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
ml = [r for r in rows if r["in_module_list"]]
assert len(ml) == 8 and all(r["in_load"] and r["in_mem"] for r in ml), rows
' "$TMP/wine-ldrmodules.json"

    # truncated copies of the big dump: a partial result with warnings
    for frac in 2 5 50; do
        size=$(($(wc -c < "$WINE") / frac))
        head -c "$size" "$WINE" > "$TMP/wine-cut.dmp"
        run "$EPROC" -f "$TMP/wine-cut.dmp" threads
        check_clean "wine cut to 1/$frac: threads still listed, with a warning" \
            [ "$RC" -eq 0 -a "$(printf '%s\n' "$OUT" | grep -c '^ *32 ')" -eq 3 ]
        echo "$ERR" | grep -q "warning: .*cut off\|warning: .*past the end" \
            || fail "wine cut to 1/$frac: the cut is warned about"
    done
    rm -f "$TMP/wine-cut.dmp"
fi

# --- per-field reporting of missing memory (a small dump without PEB) ---
SMALL=$MD/other/rizin-calc.dmp
run "$EPROC" -o json -f "$SMALL" cmdline
check_clean "small dump: cmdline exits 0 with a null command line" python3 -c '
import json, sys; r = json.load(open(sys.argv[1]))[0]; assert r["args"] is None and r["pid"] == 3368, r
' "$TMP/out"
check_clean "small dump: the warning names what is missing" \
    sh -c 'echo "$1" | grep -q "cmdline: .*unknown: no thread.s TEB is in the dump"' _ "$ERR"
run "$EPROC" -o json -f "$SMALL" getsids
check_clean "small dump: getsids reads the Token stream" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
user = [r for r in rows if r["kind"] == "user"]
assert user and user[0]["sid"] == "S-1-5-21-537027915-1003861377-1410757817-1000", rows
assert any(r["name"] == "Everyone" for r in rows)
' "$TMP/out"
run "$EPROC" -o json -f "$SMALL" privileges
check_clean "small dump: privileges lists 5, SeChangeNotifyPrivilege enabled" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 5, rows
cn = [r for r in rows if r["privilege"] == "SeChangeNotifyPrivilege"]
assert cn and "Enabled" in cn[0]["state"] and int(cn[0]["attributes"], 16) & 2, rows
' "$TMP/out"
run "$EPROC" -f "$SMALL" threads --pid 999
check_clean "--pid that is not the dump's: no rows" [ "$RC" -eq 0 -a "$(lines "$OUT")" -le 1 ]
run "$EPROC" -o json -f "$SMALL" threads --pid 3368
check_clean "--pid of the dump: 5 threads" python3 -c '
import json, sys; assert len(json.load(open(sys.argv[1]))) == 5' "$TMP/out"

HD=$MD/breakpad/tiny-exe-with-cet-xsave.dmp
run "$EPROC" -o json -f "$HD" handles
check_clean "HandleData: 147 handles, types named" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 147, len(rows)
assert {"File", "Event", "Key"} <= {r["type"] for r in rows}, {r["type"] for r in rows}
' "$TMP/out"
run "$EPROC" -o json -f "$HD" vadinfo
check_clean "MemoryInfoList: regions tile the address space" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 557, len(rows)
for a, b in zip(rows, rows[1:]):
    assert int(a["end"], 16) + 1 == int(b["start"], 16), (a, b)
' "$TMP/out"

# --- malformed input ---
CTF=$SHARED/malformed/ctf-crafted-mdmp.dmp
for c in info minidump threads dlllist malfind; do
    run "$EPROC" -f "$CTF" "$c"
    check_clean "CTF dump ($c): one line naming the file, exit 3" \
        [ "$RC" -eq 3 -a "$(lines "$ERR")" -eq 1 ]
    echo "$ERR" | grep -q "^eproc: $CTF: .*39033 streams" || fail "CTF dump ($c): the error says why"
done
printf 'MDMP' > "$TMP/tiny.dmp"
run "$EPROC" -f "$TMP/tiny.dmp" threads
check_clean "4-byte MDMP file: one line, exit 3" [ "$RC" -eq 3 -a "$(lines "$ERR")" -eq 1 ]

# Hostile but well-formed: counts at the parser's caps, 196,608 records
# naming one 32K-character string, 262,144 ranges backed by one page.
# Each command must finish with exit 0 (jsonl: the text renderer pads
# every row to the widest cell).
cat > "$TMP/bigcounts.py" <<'EOF'
import struct, sys
N, R, H = 65536, 1 << 18, 1 << 17
out = bytearray(32)
def blob(b):
    global out
    while len(out) % 4: out += b"\0"
    r = len(out); out += b; return r
dirs = []
def stream(t, b): dirs.append((t, len(b), blob(b)))
stream(7, bytes([9]) + bytes(55))
ctx = blob(bytes(0x4d0))
name = blob(struct.pack("<I", 65536) + ("A" * 32768).encode("utf-16le"))
page = blob(b"MZ" + bytes(4094))
stream(3, struct.pack("<I", N) + b"".join(struct.pack("<IIIIQQIIII", i, 0, 0, 0, 0x7ff00000000 + 0x2000 * i, 0, 0, 0, 0x4d0, ctx) for i in range(N)))
stream(17, struct.pack("<III", 12, 64, N) + b"".join(struct.pack("<IIIIQQQQQQ", N - 1 - i, 0, 0, 0, 0, 0, 0, 0, 0, 0) for i in range(N)))
stream(24, struct.pack("<I", N) + b"".join(struct.pack("<IQ", i, name) for i in range(N)))
stream(4, struct.pack("<I", N) + b"".join(struct.pack("<QIIII", 0x10000000 + 0x10000 * i, 0x10000, 0, 0, name) + bytes(84) for i in range(N)))
stream(5, struct.pack("<I", R) + b"".join(struct.pack("<QII", 0x100000000 + 0x1000 * i, 0x1000, page) for i in range(R)))
stream(16, struct.pack("<IIQ", 16, 48, R) + b"".join(struct.pack("<QQIIQIIII", 0x100000000 + 0x1000 * i, 0x100000000 + 0x1000 * i, 0x40, 0, 0x1000, 0x1000, 0x40, 0x20000, 0) for i in range(R)))
stream(12, struct.pack("<IIII", 16, 32, H, 0) + b"".join(struct.pack("<QIIIIII", 4 * i, name, name, 0, 0, 0, 0) for i in range(H)))
drva = blob(b"".join(struct.pack("<III", *d) for d in dirs))
struct.pack_into("<IIIIIIQ", out, 0, 0x504d444d, 0xa793, len(dirs), drva, 0, 0, 0)
open(sys.argv[1], "wb").write(out)
EOF
python3 "$TMP/bigcounts.py" "$TMP/big.dmp"
bad=""
for c in minidump info threads dlllist ldrmodules handles vadinfo malfind fibers; do
    run timeout 300 "$EPROC" -q -o jsonl -f "$TMP/big.dmp" "$c"
    want=0
    [ "$c" = malfind ] && want=1        # it reports candidates
    if [ "$RC" -ne "$want" ] || ! no_sanitizer_report; then bad="$bad $c(rc=$RC)"; fi
done
check_clean "dump with counts at the caps: every command finishes$bad" [ -z "$bad" ]
run "$EPROC" -o json -f "$TMP/big.dmp" malfind
check_clean "dump with counts at the caps: malfind caps its candidates, with a warning" \
    sh -c 'echo "$1" | grep -q "more than 4096 candidate regions"' _ "$ERR"
check_clean "dump with counts at the caps: long names are cut, with a warning" \
    sh -c 'echo "$1" | grep -q "names are cut to 128 characters"' _ "$ERR"
rm -f "$TMP/big.dmp"

# Truncated and corrupted copies of every real dump: exit 0 (partial, with
# warnings) or 3 (nothing readable), never anything else.
cat > "$TMP/mutate.py" <<'EOF'
import os, random, struct, subprocess, sys
eproc, out = sys.argv[1], sys.argv[2]
files = sys.argv[3:]
rnd = random.Random(5)
cmds = ["info", "minidump", "threads", "dlllist", "ldrmodules", "cmdline", "envars",
        "handles", "vadinfo", "malfind", "fibers", "getsids", "privileges"]
bad = []; runs = 0; codes = {}
for f in files:
    orig = open(f, "rb").read()
    for k in range(12):
        d = bytearray(orig)
        if k < 4:
            d = d[:[8, 40, len(d) // 3, len(d) - 1][k]]
        else:
            n, rva = struct.unpack_from("<II", d, 8)
            for _ in range(1 + k):
                o = rnd.choice([rnd.randrange(4, 32), rva + rnd.randrange(12 * n), rnd.randrange(len(d))])
                if o < len(d):
                    d[o] = rnd.randrange(256)
        path = os.path.join(out, "mut.dmp")
        open(path, "wb").write(d)
        for c in rnd.sample(cmds, 3):
            r = subprocess.run([eproc, "-f", path, c], capture_output=True, text=True, errors="replace")
            runs += 1
            codes[r.returncode] = codes.get(r.returncode, 0) + 1
            if r.returncode not in (0, 3) or "Sanitizer" in r.stderr or "runtime error" in r.stderr \
                    or (r.returncode == 3 and len(r.stderr.strip().splitlines()[-1:]) != 1):
                bad.append("%s#%d %s rc=%d %s" % (os.path.basename(f), k, c, r.returncode, r.stderr[-300:]))
print("%s - truncated and corrupted dumps: %d runs, exit codes %s%s" % (
    "ok" if not bad else "not ok", runs, sorted(codes.items()), "" if not bad else ": " + bad[0]))
EOF
python3 "$TMP/mutate.py" "$EPROC" "$TMP" "$MD"/*/*.dmp
