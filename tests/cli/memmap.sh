#!/bin/sh
# The memory map on memory images (issue 13): vadinfo against the forge
# truth on the default, attacks and anomalies machines and on seeds the
# project has never used; ldrmodules and malfind against the staged
# techniques.
. tests/lib.sh

# forged NAME SCENARIO [SEED]: forge once into $TMP/NAME.raw; false on failure.
forged() {
    if [ -n "${3:-}" ]; then set -- "$1" "$2" --seed "$3"; else set -- "$1" "$2"; fi
    name=$1; shift
    if [ "$1" = default ]; then shift; set -- "" "$@"; fi
    sc=$1; shift
    if ! "$EPROC" forge $sc -o "$TMP/$name.raw" "$@" > /dev/null 2> "$TMP/$name.forge.err"; then
        fail "forge $name ($(head -1 "$TMP/$name.forge.err"))"
        return 1
    fi
}

# vadinfo_vs_truth NAME: every VAD of every process with a VAD tree in the
# truth file equals eproc's row (start, end, tag, kind, protection, private,
# commit charge, file, node and file object addresses), and nothing more.
vadinfo_vs_truth() {
    name=$1
    run "$EPROC" -o json -f "$TMP/$name.raw" vadinfo
    if [ "$RC" -ne 0 ]; then fail "$name: vadinfo exits 0 (rc=$RC: $(head -c 300 "$TMP/err"))"; return; fi
    python3 tests/cli/truth_vadinfo.py "$TMP/$name.raw.truth.json" "$TMP/out" "$name" || fail "$name: vadinfo checker failed"
}

forged default default || exit 0
forged attacks examples/attacks.json || exit 0
forged anomalies examples/anomalies.json || exit 0
forged seed1 default 91 || exit 0
forged seed2 examples/attacks.json 20261201 || exit 0
for n in default attacks anomalies seed1 seed2; do
    vadinfo_vs_truth $n
done

# A process filter keeps only its VADs; text output names the file.
run "$EPROC" -f "$TMP/attacks.raw" vadinfo --name notepad.exe
expect "vadinfo --name notepad.exe: only notepad rows, ntdll mapped from its file object" \
    '[ "$RC" -eq 0 ] && printf "%s\n" "$OUT" | grep -q "System32.ntdll.dll" && ! printf "%s\n" "$OUT" | sed 1d | grep -vq "notepad.exe"'

# ldrmodules: every image VAD of the truth is a row with mapped_image true,
# its file object's path beside the loader's, in the load and memory lists
# (and the init list unless it is the executable); the staged techniques
# show exactly where the views disagree: the hollowed process's image base
# has no image VAD, the masqueraded one's two paths differ.
ldrmodules_vs_truth() {
    name=$1
    run "$EPROC" -o json -f "$TMP/$name.raw" ldrmodules
    if [ "$RC" -ne 0 ]; then fail "$name: ldrmodules exits 0 (rc=$RC: $(head -c 300 "$TMP/err"))"; return; fi
    python3 - "$TMP/$name.raw.truth.json" "$TMP/out" "$name" <<'PY' || fail "$name: ldrmodules checker failed"
import json, sys
truth = json.load(open(sys.argv[1])); rows = json.load(open(sys.argv[2])); name = sys.argv[3]
got = {(r["pid"], int(r["base"], 16)): r for r in rows}
tech = {}
for t in truth["techniques"]:
    tech.setdefault(t["kind"], set()).add(t["target_pid"])
nofs = lambda p: "\\" + p.split("\\", 1)[1] if p and p[1:2] == ":" else p
bad = []; n = 0
for p in truth["processes"]:
    if p.get("freed") or not p.get("peb"):
        continue
    img = int(p["image_base"], 16) if p.get("image_base") else None
    for v in p.get("vads", []):
        if v["kind"] != "image":
            continue
        n += 1
        key = (p["pid"], int(v["start"], 16))
        r = got.get(key)
        if r is None:
            bad.append("no row %s" % (key,)); continue
        exe = key[1] == img
        want = {"mapped_image": True, "mapped_path": nofs(v["file"]), "in_load": True, "in_mem": True,
                "in_init": not exe}
        for k, w in want.items():
            if r[k] != w:
                bad.append("%s %s=%r want %r" % (key, k, r[k], w))
        masq = p["pid"] in tech.get("peb_masquerade", ())
        if exe and masq == (nofs(r["path"]) == r["mapped_path"]):
            bad.append("%s path %r vs mapped %r (masquerade=%s)" % (key, r["path"], r["mapped_path"], masq))
    if p["pid"] in tech.get("hollowing", ()):
        r = got.get((p["pid"], img))
        if not r or r["mapped_image"] is not False or r["in_load"] is not True:
            bad.append("hollowed %d: %r" % (p["pid"], r))
ok = not bad and n > 0
print(("ok - " if ok else "not ok - ") + "%s: ldrmodules: %d image VADs on the loader lists with both paths; hollowing/masquerade rows disagree exactly where staged" % (name, n)
      + ("" if ok else " %s" % bad[:4]))
PY
}
for n in default attacks anomalies seed2; do
    ldrmodules_vs_truth $n
done

# malfind on images: nothing (exit 0) on the default machine; elsewhere
# exactly the staged injected_code regions and the hollowed image base
# (private PAGE_EXECUTE_READWRITE memory holding a PE), exit 1, each with
# its PE header flag, the staged thread's start, and a disassembly that
# python3-capstone decodes the same way from the hexdump.
malfind_vs_truth() {
    name=$1
    run "$EPROC" -o json -f "$TMP/$name.raw" malfind
    /usr/bin/python3 - "$TMP/$name.raw.truth.json" "$TMP/out" "$name" "$RC" <<'PY' || fail "$name: malfind checker failed"
import json, sys
truth = json.load(open(sys.argv[1])); rows = json.load(open(sys.argv[2])); name = sys.argv[3]; rc = int(sys.argv[4])
want = {}
for t in truth["techniques"]:
    if t["kind"] == "injected_code":
        va = [int(x["address"], 16) for x in t["touched"] if x["what"] == "VAD"][0]
        want[(t["target_pid"], va)] = t
    elif t["kind"] == "hollowing":
        va = [int(x["address"], 16) for x in t["touched"] if x["what"] == "VAD"][0]
        want[(t["target_pid"], va)] = t
got = {(r["pid"], int(r["start"], 16)): r for r in rows}
bad = []
if set(got) != set(want):
    bad.append("rows %s != staged %s" % (sorted(got), sorted(want)))
if rc != (1 if want else 0):
    bad.append("exit %d" % rc)
try:
    import capstone
    md = capstone.Cs(capstone.CS_ARCH_X86, capstone.CS_MODE_64)
except ImportError:
    md = None
for key, t in want.items():
    r = got.get(key)
    if not r:
        continue
    if r["pe_header"] is not True:
        bad.append("%s pe_header %r" % (key, r["pe_header"]))
    if t["kind"] == "injected_code":
        tid = t["detail"].split("remote thread ")[1].split()[0]
        if not r["thread_starts"] or ("TID %s " % tid) not in r["thread_starts"]:
            bad.append("%s thread_starts %r (want TID %s)" % (key, r["thread_starts"], tid))
    if md:
        code = bytes(int(b, 16) for b in r["hexdump"].split())
        mine = [i.split(": ", 1)[1] for i in r["disasm"].split("; ") if not i.endswith("(bad)")]
        theirs = ["%s %s" % (i.mnemonic, i.op_str) if i.op_str else i.mnemonic for i in md.disasm(code, key[1])][:len(mine)]
        if not mine or mine != theirs:
            bad.append("%s disasm %r != capstone %r" % (key, mine[:3], theirs[:3]))
ok = not bad
print(("ok - " if ok else "not ok - ") + "%s: malfind reports exactly the %d staged injected/hollowed regions (exit %d), PE flag, thread start, disassembly" % (name, len(want), rc)
      + ("" if ok else " %s" % bad[:3]))
PY
}
for n in default attacks anomalies seed1 seed2; do
    malfind_vs_truth $n
done

# A scenario the project never used: two injections (one at a chosen
# address), two hollowed processes and a masquerade, on a new seed.
cat > "$TMP/fresh.json" <<'JSON'
{
  "description": "memmap test: several injections, hollowings and a masquerade",
  "machine": { "memory": "512M", "seed": 4242, "time": "2026-02-03T04:05:06Z" },
  "processes": [],
  "techniques": [
    { "kind": "injected_code", "target": "explorer.exe", "source": "cmd.exe" },
    { "kind": "injected_code", "target": "spoolsv.exe", "source": "powershell.exe", "address": "0x1f0000" },
    { "kind": "hollowing", "target": "SearchHost.exe" },
    { "kind": "hollowing", "target": "taskhostw.exe" },
    { "kind": "peb_masquerade", "target": "notepad.exe", "path": "C:\\Windows\\System32\\calc.exe" }
  ]
}
JSON
if forged fresh "$TMP/fresh.json"; then
    vadinfo_vs_truth fresh
    ldrmodules_vs_truth fresh
    malfind_vs_truth fresh
fi

# hollowfind: exactly one hollowing row per staged hollowing and one
# masquerading row per staged peb_masquerade, none on the default machine;
# each names two views that disagree and the values (the kernel's file for
# masquerades, the private VAD for hollowing).
hollowfind_vs_truth() {
    name=$1
    run "$EPROC" -o json -f "$TMP/$name.raw" hollowfind
    python3 - "$TMP/$name.raw.truth.json" "$TMP/out" "$name" "$RC" <<'PY' || fail "$name: hollowfind checker failed"
import json, sys
truth = json.load(open(sys.argv[1])); rows = json.load(open(sys.argv[2])); name = sys.argv[3]; rc = int(sys.argv[4])
kinds = {"hollowing": "hollowing", "peb_masquerade": "masquerading"}
want = sorted((t["target_pid"], kinds[t["kind"]]) for t in truth["techniques"] if t["kind"] in kinds)
got = sorted((r["pid"], r["finding"]) for r in rows)
bad = []
if got != want:
    bad.append("rows %s != staged %s" % (got, want))
if rc != (1 if want else 0):
    bad.append("exit %d" % rc)
procs = {p["pid"]: p for p in truth["processes"]}
for r in rows:
    p = procs.get(r["pid"], {})
    if " vs " not in r["views"]:
        bad.append("%d: views %r" % (r["pid"], r["views"]))
    if r["finding"] == "hollowing" and not ("private memory PAGE_EXECUTE_READWRITE" in r["evidence"]
                                            and p.get("image_base", "?") in r["evidence"]):
        bad.append("%d: evidence %r" % (r["pid"], r["evidence"]))
    # forge fidelity: EPROCESS.SectionObject leads to the image's control area
    if r["finding"] == "hollowing" and ("control area %s " % p.get("image_control_area")) not in r["evidence"]:
        bad.append("%d: SectionObject's control area %s not in %r" % (r["pid"], p.get("image_control_area"), r["evidence"]))
    if r["finding"] == "masquerading":
        t = [t for t in truth["techniques"] if t["target_pid"] == r["pid"] and t["kind"] == "peb_masquerade"]
        real = p.get("image_path", "")[2:]
        fake = p.get("masqueraded_as") or (t and t[0]["detail"].split(" say ")[1].split(";")[0])
        if real.lower() not in r["evidence"].lower() or str(fake).lower() not in r["evidence"].lower():
            bad.append("%d: evidence %r lacks %r / %r" % (r["pid"], r["evidence"], real, fake))
ok = not bad
print(("ok - " if ok else "not ok - ") + "%s: hollowfind finds exactly the %d staged hollowing/masquerade techniques (exit %d), naming the disagreeing views and values" % (name, len(want), rc)
      + ("" if ok else " %s" % bad[:3]))
PY
}
for n in default attacks anomalies seed1 seed2 fresh; do
    [ -f "$TMP/$n.raw" ] && hollowfind_vs_truth $n
done

# Dumping: procdump/dlldump/memdump write only into --dump-dir, with a
# manifest whose sha256 and sizes are the files', refuse to overwrite
# without --force, never write through a symlink; a dumped image parses
# with python3-pefile at the base the truth gives.
D="$TMP/dumps"; mkdir -p "$D"
NOTEPAD_BASE=$(python3 -c "import json,sys; print([p for p in json.load(open(sys.argv[1]))['processes'] if p['name']=='notepad.exe'][0]['image_base'])" "$TMP/attacks.raw.truth.json")
run "$EPROC" -o json -f "$TMP/attacks.raw" procdump --dump-dir "$D" --name notepad.exe
/usr/bin/python3 - "$D" "$TMP/out" "$NOTEPAD_BASE" "$RC" <<'PY' || fail "procdump checker failed"
import hashlib, json, os, sys
d, rows, base, rc = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3], 16), int(sys.argv[4])
bad = []
man = [l.split() for l in open(os.path.join(d, "manifest.txt")) if not l.startswith("#")]
if rc != 0 or len(rows) != 1 or len(man) != 1:
    bad.append("rc=%d rows=%d manifest=%d" % (rc, len(rows), len(man)))
for sha, size, addr, pid, kind, name in man:
    data = open(os.path.join(d, name), "rb").read()
    if hashlib.sha256(data).hexdigest() != sha or len(data) != int(size) or int(addr, 16) != base:
        bad.append("manifest line for %s disagrees with the file" % name)
    try:
        import pefile
        pe = pefile.PE(data=data)
        if pe.OPTIONAL_HEADER.ImageBase != base or not pe.sections:
            bad.append("pefile: ImageBase 0x%x" % pe.OPTIONAL_HEADER.ImageBase)
        if any(s.PointerToRawData != s.VirtualAddress for s in pe.sections):
            bad.append("section raw offsets not rebuilt")
    except ImportError:
        pass
    except Exception as e:
        bad.append("pefile: %s" % e)
print(("ok - " if not bad else "not ok - ") + "procdump notepad.exe: manifest sha256/size/address equal the file; pefile parses it at the truth's base" + (" %s" % bad if bad else ""))
PY
before=$(sha256sum "$D"/*.exe | cut -c1-64)
run "$EPROC" -f "$TMP/attacks.raw" procdump --dump-dir "$D" --name notepad.exe
expect "procdump again without --force: refused (exit 2), files untouched" \
    '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q -- "--force" && [ "$(sha256sum "$D"/*.exe | cut -c1-64)" = "$before" ]'
run "$EPROC" -f "$TMP/attacks.raw" procdump --dump-dir "$D" --name notepad.exe --force
expect "procdump --force replaces the earlier dump (exit 0)" '[ "$RC" -eq 0 ] && [ "$(ls "$D" | wc -l)" -eq 2 ]'

# a planted symlink where a dump file goes: never followed, even with --force
L="$TMP/links"; mkdir -p "$L"; echo keep > "$TMP/outside"
name=$(ls "$D" | grep '\.exe$')
ln -s "$TMP/outside" "$L/$name"
run "$EPROC" -f "$TMP/attacks.raw" procdump --dump-dir "$L" --name notepad.exe --force
expect "procdump --force does not write through a symlink planted at the file name" \
    '[ "$RC" -ne 0 ] && [ "$(cat "$TMP/outside")" = keep ] && [ -L "$L/$name" ]'

INJ=$(python3 -c "import json,sys; t=json.load(open(sys.argv[1])); print([x['address'] for x in [t for t in t['techniques'] if t['kind']=='injected_code'][0]['touched'] if x['what']=='VAD'][0])" "$TMP/attacks.raw.truth.json")
M="$TMP/mem"; mkdir -p "$M"
run "$EPROC" -o json -f "$TMP/attacks.raw" memdump --dump-dir "$M" --name notepad.exe --base "$INJ"
expect "memdump --base (the injected VAD): one file, the VAD's size, starting with MZ" \
    '[ "$RC" -eq 0 ] && [ "$(ls "$M" | grep -c dmp)" -eq 1 ] && [ "$(head -c 2 "$M"/*.dmp)" = MZ ] && [ "$(stat -c %s "$M"/*.dmp)" -eq $((0x20000)) ]'
run "$EPROC" -o json -f "$TMP/attacks.raw" memdump --name notepad.exe
expect "memdump without --dump-dir: a dry run listing the committed VADs, nothing written (exit 0)" \
    '[ "$RC" -eq 0 ] && [ "$(json_get "len(d)")" -eq 30 ] && [ "$(json_get "d[0][\"sha256\"]")" = None ] && ! ls "$TMP"/pid.* > /dev/null 2>&1'

# hostile names: a process and modules named with "..", "/", "\", device
# names and leading dots/dashes write nothing outside the dump directory
cat > "$TMP/hostile.json" <<'JSON'
{ "machine": { "memory": "256M", "seed": 5 },
  "processes": [ { "name": "..\\..\\evil.exe", "image": "C:\\..\\..\\..\\tmp\\x/../../evil.exe", "ppid": 4,
     "modules": [ "C:\\Windows\\..\\..\\..\\etc\\NUL", "C:\\a/b/../../../COM1.dll", "C:\\x\\..\\.hidden.dll", "C:\\q\\-rf.dll" ] } ] }
JSON
if forged hostile "$TMP/hostile.json"; then
    H="$TMP/box/dumps"; mkdir -p "$H"
    ls -R "$TMP/box" > "$TMP/box.before"
    ok_all=1
    for c in procdump dlldump memdump; do
        "$EPROC" -f "$TMP/hostile.raw" $c --dump-dir "$H" --force --name evil.exe > /dev/null 2>&1 || ok_all=0
    done
    outside=$(find "$TMP/box" -mindepth 1 -not -path "$H" -not -path "$H/*" | wc -l)
    bad=$(ls "$H" | grep -c -E '^\.|^-|/|\\' )
    expect "hostile module and process names: every dump lands inside the dump directory with safe names" \
        '[ "$ok_all" -eq 1 ] && [ "$outside" -eq 0 ] && [ "$bad" -eq 0 ] && ls "$H" | grep -q "NUL_" && ls "$H" | grep -q "COM1_"'
fi

# Volatility 3 on the same image (VOL3=/path/to/volatility3): windows.vadinfo,
# ldrmodules and malfind rows equal eproc's; windows.hollowprocesses names
# the processes hollowfind names as hollowed (Volatility has no masquerade
# check).
if have_vol3; then
    for p in vadinfo ldrmodules malfind hollowprocesses; do
        vol3 "$TMP/fresh.raw" "$TMP/fresh.raw.symbols" $p > "$TMP/vol.$p.json" 2> "$TMP/vol.$p.err" || fail "Volatility 3 windows.$p ran ($(tail -1 "$TMP/vol.$p.err"))"
        "$EPROC" -o json -f "$TMP/fresh.raw" $( [ $p = hollowprocesses ] && echo hollowfind || echo $p ) \
            > "$TMP/eproc.$p.json" 2> /dev/null
    done
    /usr/bin/python3 - "$TMP" <<'PY' || fail "Volatility 3 comparison checker failed"
import json, os, sys
d = sys.argv[1]
load = lambda n: json.load(open(os.path.join(d, n)))
def report(ok, what, extra=""):
    print(("ok - " if ok else "not ok - ") + what + ("" if ok else " " + str(extra)[:400]))
vol, mine = load("vol.vadinfo.json"), load("eproc.vadinfo.json")
seen = {r["PID"] for r in vol}     # Volatility walks the active list only (no unlinked or scanned processes)
mine = [r for r in mine if r["pid"] in seen]
V = {(r["PID"], r["Start VPN"], r["End VPN"], r["Tag"], r["Protection"], r["CommitCharge"], r["PrivateMemory"],
      r["File"] if r["File"] not in ("N/A", None) else None) for r in vol}
E = {(r["pid"], int(r["start"], 16), int(r["end"], 16), r["tag"], r["protection"], r["commit_charge"],
      int(r["private_memory"]), r["file"]) for r in mine}
report(V == E and len(V) > 0, "Volatility 3 windows.vadinfo rows equal eproc vadinfo's (%d VADs)" % len(V), sorted(V ^ E)[:3])
vol, mine = load("vol.ldrmodules.json"), [r for r in load("eproc.ldrmodules.json") if r["pid"] in seen]
V = {(r["Pid"], r["Base"], r["InLoad"], r["InInit"], r["InMem"], r["MappedPath"]) for r in vol}
E = {(r["pid"], int(r["base"], 16), r["in_load"], r["in_init"], r["in_mem"], r["mapped_path"]) for r in mine
     if r["pe_header"]}
report(V == E and len(V) > 0, "Volatility 3 windows.ldrmodules rows equal eproc's rows for VADs starting with MZ (%d)" % len(V), sorted(V ^ E)[:3])
vol, mine = load("vol.malfind.json"), [r for r in load("eproc.malfind.json") if r["pid"] in seen]
V = {(r["PID"], r["Start VPN"], r["Protection"]) for r in vol}
E = {(r["pid"], int(r["start"], 16), r["protection"]) for r in mine}
report(V == E and len(V) > 0, "Volatility 3 windows.malfind regions equal eproc malfind's (%d)" % len(V), sorted(V ^ E))
vol, mine = load("vol.hollowprocesses.json"), [r for r in load("eproc.hollowprocesses.json") if r["pid"] in seen]
V = {r["PID"] for r in vol}
E = {r["pid"] for r in mine if r["finding"] == "hollowing"}
report(V == E and len(V) > 0, "Volatility 3 windows.hollowprocesses names the processes hollowfind finds hollowed (%s)" % sorted(V), (sorted(V), sorted(E)))
PY
else
    skip "Volatility 3 comparison of vadinfo, ldrmodules, malfind, hollowprocesses (set VOL3 to a volatility3 checkout)"
fi

# A hostile VAD tree: in a copy of the attacks image, notepad's root node
# gets its own address as its right child (a cycle) and its left child a
# pointer into unmapped kernel space.  vadinfo still ends (bounded walk,
# visited set), exit 0, keeps the nodes it could reach, and says once for
# that process why its list is incomplete; other processes are untouched.
cp --sparse=always "$TMP/attacks.raw" "$TMP/cyclic.raw" && cp -r "$TMP/attacks.raw.symbols" "$TMP/cyclic.raw.symbols"
/usr/bin/python3 - "$TMP/attacks.raw.truth.json" "$TMP/cyclic.raw" <<'PY' || fail "cyclic VAD tree: patching the copy failed"
import json, struct, sys
t = json.load(open(sys.argv[1])); f = open(sys.argv[2], "r+b")
def rq(pa):
    f.seek(pa); return struct.unpack("<Q", f.read(8))[0]
def v2p(dtb, va):   # x64 4-level walk with 1 GiB / 2 MiB pages
    a = dtb & ~0xfff
    for lvl, shift in ((4, 39), (3, 30), (2, 21), (1, 12)):
        e = rq(a + ((va >> shift) & 0x1ff) * 8)
        if not e & 1:
            raise SystemExit("unmapped")
        if lvl in (3, 2) and e & 0x80:
            return (e & 0xffffffffff000 & ~((1 << shift) - 1)) | (va & ((1 << shift) - 1))
        a = e & 0xffffffffff000
    return a | (va & 0xfff)
p = [p for p in t["processes"] if p["name"] == "notepad.exe"][0]
root = int(p["vad_root"], 16); pa = v2p(int(p["dtb"], 16), root)
f.seek(pa); f.write(struct.pack("<QQ", 0xfffff3ba7fff0000, root))   # VadNode.Left, VadNode.Right
PY
NOTEPAD_PID=$(python3 -c "import json,sys; print([p for p in json.load(open(sys.argv[1]))['processes'] if p['name']=='notepad.exe'][0]['pid'])" "$TMP/attacks.raw.truth.json")
run timeout 60 "$EPROC" -o json -f "$TMP/cyclic.raw" vadinfo
expect "cyclic VAD tree: vadinfo ends, exit 0, one warning naming notepad's incomplete tree, other processes complete" \
    '[ "$RC" -eq 0 ] && [ "$(grep -c "PID $NOTEPAD_PID .*VAD tree" "$TMP/err")" -eq 1 ] && [ "$(json_get "len([r for r in d if r[\"pid\"] == $NOTEPAD_PID])")" -ge 1 ] && [ "$(json_get "len(d)")" -gt 1200 ]'
