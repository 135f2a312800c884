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
    python3 - "$TMP/$name.raw.truth.json" "$TMP/out" "$name" <<'PY' || fail "$name: vadinfo checker failed"
import json, sys
truth = json.load(open(sys.argv[1])); rows = json.load(open(sys.argv[2])); name = sys.argv[3]
kind_of = {"MEM_PRIVATE": "private", "MEM_MAPPED": "mapped", "MEM_IMAGE": "image"}
want = {}
for p in truth["processes"]:
    if p.get("freed"):
        continue
    for v in p.get("vads", []):
        want[(p["pid"], int(v["start"], 16))] = v
got = {(r["pid"], int(r["start"], 16)): r for r in rows}
bad = []
for key, v in want.items():
    r = got.get(key)
    if r is None:
        bad.append("missing %s" % (key,)); continue
    fo_file = ("\\" + v["file"].split("\\", 1)[1]) if v["file"] and ":" in v["file"][:2] else v["file"]
    checks = [
        ("end", int(r["end"], 16), int(v["end"], 16)),
        ("tag", r["tag"], v["tag"]),
        ("kind", kind_of.get(r["type"]), v["kind"]),
        ("protection", r["protection"], v["protection"]),
        ("private", r["private_memory"], v["private_memory"]),
        ("commit", r["commit_charge"], v["commit_charge"]),
        ("file", r["file"], fo_file),
        ("node", int(r["vad"], 16), int(v["offset"], 16)),
        ("file_object", int(r["file_object"], 16) if r["file_object"] else None,
         int(v["file_object"], 16) if v["file_object"] else None),
        ("vad_type", r["vad_type"], "VadImageMap" if v["kind"] == "image" else "VadNone"),
    ]
    for what, a, b in checks:
        if a != b:
            bad.append("%s %s: %r != truth %r" % (key, what, a, b))
extra = sorted(set(got) - set(want))
ok = not bad and not extra and len(want) > 0
print(("ok - " if ok else "not ok - ") + "%s: vadinfo rows equal the truth's %d VADs (start, end, tag, kind, protection, private, commit, file, node, file object)" % (name, len(want))
      + ("" if ok else " %s extra=%s" % (bad[:4], extra[:4])))
PY
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
