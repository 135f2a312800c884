#!/bin/sh
# vadwalk (issue 13 item 1): the VAD tree's links on memory images, against
# the forge truth (each process's VadRoot and VAD nodes), against what a
# balanced binary search tree must be (one root per process, each child's
# parent pointing back, left below and right above its parent), and, with
# VOL3 set, against Volatility 3's windows.vadwalk.
. tests/lib.sh

for sc in attacks anomalies; do
    img="$TMP/$sc.raw"
    if ! "$EPROC" forge "examples/$sc.json" -o "$img" --seed 4242 > /dev/null 2> "$TMP/forge.err"; then
        fail "forge $sc: $(head -1 "$TMP/forge.err")"
        continue
    fi
    run "$EPROC" -o json -f "$img" vadwalk
    # anomalies stages a cyclic process list: its pslist warning is expected.
    expect "$sc: vadwalk exits 0, no warning but the staged list cycle" '[ "$RC" -eq 0 ] && { [ $sc = anomalies ] || [ ! -s "$TMP/err" ]; } && ! grep -q vadwalk "$TMP/err"'
    python3 - "$img.truth.json" "$TMP/out" "$sc" <<'PY' || fail "$sc: vadwalk checker failed"
import json, sys
truth = json.load(open(sys.argv[1])); rows = json.load(open(sys.argv[2])); sc = sys.argv[3]
n = lambda s: int(s, 16) if s else 0
by_pid = {}
for r in rows:
    by_pid.setdefault(r["pid"], {})[n(r["offset"])] = r
problems = []
truth_nodes = 0
for p in truth["processes"]:
    want = {n(v["offset"]): v for v in p.get("vads") or []}
    truth_nodes += len(want)
    got = by_pid.get(p["pid"], {})
    if set(got) != set(want):
        problems.append(f"pid {p['pid']}: nodes {len(got)} vs truth {len(want)}")
        continue
    if not want:
        continue
    roots = [o for o, r in got.items() if n(r["parent"]) == 0]
    if roots != [n(p["vad_root"])]:
        problems.append(f"pid {p['pid']}: roots {roots} vs VadRoot {p['vad_root']}")
    for o, r in got.items():
        if (r["start"], r["end"], r["tag"]) != (want[o]["start"], want[o]["end"], want[o]["tag"]):
            problems.append(f"pid {p['pid']}: node {o:#x} range/tag differ from truth")
        for side in ("left", "right"):
            c = n(r[side])
            if not c:
                continue
            kid = got.get(c)
            if kid is None or n(kid["parent"]) != o:
                problems.append(f"pid {p['pid']}: {side} child {c:#x} of {o:#x} does not point back")
            elif (n(kid["start"]) < n(r["start"])) != (side == "left"):
                problems.append(f"pid {p['pid']}: {side} child {c:#x} of {o:#x} is on the wrong side")
if len(rows) != truth_nodes:
    problems.append(f"{len(rows)} rows vs {truth_nodes} truth VADs")
for x in problems[:10]:
    print(f"not ok - {sc}: vadwalk: {x}")
if not problems:
    print(f"ok - {sc}: vadwalk: {len(rows)} nodes equal the truth; one root per process at its VadRoot; every link points back and keeps the order")
PY
done

# A minidump holds no VAD tree: one warning, no rows, exit 0.
if need_shared "vadwalk on a minidump"; then
    run "$EPROC" -o json -f "$SHARED/minidumps/other/rizin-calc.dmp" vadwalk
    expect "minidump: vadwalk exits 0, no rows, one warning pointing at vadinfo" \
        '[ "$RC" -eq 0 ] && [ "$(json_get "len(d)")" -eq 0 ] && [ "$(grep -c "no VAD tree" "$TMP/err")" -eq 1 ]'
fi

# Volatility 3 (VOL3=/path/to/volatility3): windows.vadwalk on the attacks
# image lists the active-list processes' nodes; each equals eproc's row.
if have_vol3; then
    "$EPROC" -o json -f "$TMP/attacks.raw" vadwalk > "$TMP/ours.json" 2>/dev/null
    vol3 "$TMP/attacks.raw" "$TMP/attacks.raw.symbols" vadwalk > "$TMP/vol.json" 2>/dev/null
    python3 - "$TMP/vol.json" "$TMP/ours.json" <<'PY' || fail "Volatility 3 windows.vadwalk: checker failed"
import json, sys
vol = json.load(open(sys.argv[1])); ours = json.load(open(sys.argv[2]))
M = (1 << 48) - 1           # Volatility prints kernel addresses without the sign extension
h = lambda s: int(s, 16) & M if s else 0
mine = {(r["pid"], int(r["start"], 16)): r for r in ours}
bad = [r for r in vol
       if (o := mine.get((r["PID"], r["Start"]))) is None
       or any((r[K] or 0) & M != h(o[k]) for K, k in (("Offset", "offset"), ("Parent", "parent"),
                                                      ("Left", "left"), ("Right", "right")))
       or r["End"] != int(o["end"], 16) or r["Tag"] != o["tag"]]
if vol and not bad:
    print(f"ok - Volatility 3 windows.vadwalk: {len(vol)} nodes, each equal to eproc's row")
else:
    print(f"not ok - Volatility 3 windows.vadwalk: {len(bad)} of {len(vol)} nodes differ")
PY
else
    skip "Volatility 3 comparison of vadwalk (set VOL3 to a volatility3 checkout)"
fi
