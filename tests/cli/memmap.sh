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
    python3 - "$TMP/$name.raw.truth.json" "$TMP/out" "$name" <<'PY'
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
