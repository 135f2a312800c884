#!/bin/sh
# Registry callbacks on every build the forge makes (issue 18): each build
# keeps CmRegisterCallbackEx registrations in the form its symbol table
# names (src/windows/cm_callbacks.h: the CallbackListHead list of callback
# blocks on every real table, the CmpCallBackVector array on the built-in
# 26100 profile).  For 19041 (two revisions), 17763, 20348, 22000, 14393
# and 26100 a machine with a routine in each notify array, two registry
# callbacks and two routines in no driver (one registry, one process) is
# forged; `callbacks` must equal the truth's callbacks row for row (array,
# slot, block, routine, driver, altitude) and exit 1, and `check --rule
# callback-no-module` must report exactly the two stray routines.  With
# VOL3 set, Volatility 3's windows.callbacks must list the truth's
# registry callbacks (routine, driver, altitude) on a 19041, a 17763 and
# the 26100 machine.
. "$(dirname "$0")/../lib.sh"

need_shared "registry callbacks on other builds" || exit 0
ISF=$SHARED/isf
[ -f "$ISF/BUILDS.txt" ] || { skip "registry callbacks on other builds ($ISF/BUILDS.txt absent)"; exit 0; }

cat > "$TMP/cb.json" <<'JSON'
{
  "machine": { "memory": "256M", "seed": 5150 },
  "processes": [],
  "callbacks": [
    { "module": "WdFilter.sys", "offset": "0x5a3c0", "kind": "registry", "altitude": "328010" },
    { "module": "CI.dll", "offset": "0x3c1e0", "kind": "process" },
    { "module": "WdFilter.sys", "offset": "0x52e10", "kind": "image" },
    { "module": "WdFilter.sys", "offset": "0x51a80", "kind": "thread" },
    { "module": "CLFS.SYS", "offset": "0x2f00", "kind": "registry" }
  ],
  "techniques": [
    { "kind": "callback_in_no_module", "notify": "registry" },
    { "kind": "callback_in_no_module", "notify": "process" }
  ]
}
JSON

# compare LABEL IMAGE: callbacks and check against the truth
compare() {
    label=$1 img=$2
    "$EPROC" -s "$ISF" -f "$img" -o json callbacks > "$TMP/cb.out" 2> "$TMP/cb.err"; crc=$?
    "$EPROC" -s "$ISF" -f "$img" -o json check --rule callback-no-module > "$TMP/check.out" 2> "$TMP/check.err"; krc=$?
    python3 - "$img.truth.json" "$TMP/cb.out" "$TMP/check.out" "$label" "$crc" "$krc" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1])); label = sys.argv[4]; crc, krc = int(sys.argv[5]), int(sys.argv[6])
def check(desc, cond, why=""):
    print(("ok - " if cond else "not ok - ") + label + ": " + desc + ("" if cond else "  [%s]" % (why,)))
H = lambda s: int(s, 16) if s else None
try:
    rows = json.load(open(sys.argv[2])); findings = json.load(open(sys.argv[3]))
except ValueError as e:
    check("callbacks and check print JSON", False, e); sys.exit(0)
tc = truth["callbacks"]
want = sorted((c["kind"], c["array"], c["slot"], H(c["block"]), H(c["routine"]), c["module"], c["altitude"]) for c in tc)
got = sorted((r["kind"], r["array"], r["slot"], H(r["block"]), H(r["routine"]), r["module"], r["altitude"]) for r in rows)
reg = [c for c in tc if c["kind"] == "registry"]
# the form the build's table names: the built-in 26100 profile the vector, every real table the list
form = "CmpCallBackVector" if truth["profile"]["builtin"] else "CallbackListHead"
check("the truth stages 3 registry callbacks in %s" % form, len(reg) == 3 and {c["array"] for c in reg} == {form},
      [(c["array"], c["slot"]) for c in reg])
check("callbacks: %d rows = truth (kind, array, slot, block, routine, driver, altitude; %d registry), every kind"
      % (len(want), len(reg)), got == want and {r["kind"] for r in rows} == {"process", "thread", "image", "registry"},
      ([x for x in got if x not in want][:2], [x for x in want if x not in got][:2]))
stray = {H(t["touched"][0]["address"]) for t in truth["techniques"] if t["kind"] == "callback_in_no_module"}
flagged = {H(r["routine"]) for r in rows if r["finding"]}
check("callbacks: the 2 stray routines (registry and process) are its findings, exit 1",
      crc == 1 and flagged == stray and len(stray) == 2, (crc, flagged, stray))
reg_stray = [c for c in reg if c["module"] is None]
ev = lambda f: {e["field"]: e["value"] for e in f["evidence"]}
hit = [f for f in findings if f["rule"] == "callback-no-module"]
check("check --rule callback-no-module: exactly the 2 stray routines, the registry one named by %s[%d], exit 1"
      % (form, reg_stray[0]["slot"] if reg_stray else -1),
      krc == 1 and {H(ev(f)["routine"]) for f in hit} == stray and len(hit) == 2 and reg_stray and
      any(ev(f)["slot"] == "%s[%d]" % (form, reg_stray[0]["slot"]) and "registry" in f["summary"] for f in hit),
      (krc, [f["summary"] for f in hit]))
PY
}

# vol_callbacks LABEL IMAGE: Volatility 3's registry rows against the truth
vol_callbacks() {
    have_vol3 || return 0
    syms=$ISF
    [ -d "$2.symbols" ] && syms=$2.symbols
    if ! vol3 "$2" "$syms" callbacks \
            > "$TMP/vol.json" 2> "$TMP/vol.err"; then
        fail "$1: Volatility 3 windows.callbacks runs ($(tail -1 "$TMP/vol.err"))"
        return 0
    fi
    python3 - "$2.truth.json" "$TMP/vol.json" "$1" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1])); vol = json.load(open(sys.argv[2])); label = sys.argv[3]
H = lambda s: int(s, 16) if isinstance(s, str) else s
low = lambda v: v & 0xffffffffffff
# Volatility: CmRegisterCallbackEx rows (list form, Detail "Altitude: N"),
# CmRegisterCallback rows (vector form, no altitude); a module without its
# extension, none for a routine in no module
vtype = {"CallbackListHead": "CmRegisterCallbackEx", "CmpCallBackVector": "CmRegisterCallback"}
want = sorted((vtype[c["array"]], low(H(c["routine"])), (c["module"] or "").rsplit(".", 1)[0].lower(),
               "Altitude: %s" % c["altitude"] if c["altitude"] else None)
              for c in truth["callbacks"] if c["kind"] == "registry")
got = sorted((r["Type"], low(r["Callback"]), (r["Module"] or "").lower(), r["Detail"])
             for r in vol if r["Type"].startswith("CmRegisterCallback"))
ok = got == want and want
print(("ok - " if ok else "not ok - ") + "%s: Volatility 3 windows.callbacks lists the %d registry callbacks of the truth "
      "(type, routine, module, altitude)" % (label, len(want)) + ("" if ok else "  [%s / %s]" % (got, want)))
PY
}

for build in 19041.1288 19041.3570 17763 20348 22000 14393 26100; do
    label=$(echo "$build" | tr . _)
    img=$TMP/$label.img
    if ! "$EPROC" -s "$ISF" forge "$TMP/cb.json" --profile "$build" -o "$img" > /dev/null 2> "$TMP/forge.err"; then
        fail "$label: forge --profile $build ($(head -1 "$TMP/forge.err"))"
        continue
    fi
    compare "$label" "$img"
    case $build in 19041.3570|17763|26100) vol_callbacks "$label" "$img" ;; esac
    rm -rf "$img" "$img.symbols"
done

# Hostile lists: a CallbackListHead that loops or leaves the capture is
# read up to that point with one warning naming the list, never forever.
"$EPROC" -s "$ISF" forge "$TMP/cb.json" --profile 17763 -o "$TMP/h.img" > /dev/null 2>&1 || fail "forge the hostile-list machine"
python3 - "$TMP/h.img" <<'PY'
import json, mmap, sys
img = sys.argv[1]; t = json.load(open(img + ".truth.json")); H = lambda s: int(s, 16)
first, second, third = (H(c["block"]) for c in sorted((c for c in t["callbacks"] if c["kind"] == "registry"),
                                                      key=lambda c: c["slot"]))
# the second entry's Flink (the third entry) is turned back to the first: a
# cycle that never reaches the head.  The raw image is physical memory: the
# entry is found by its two links (Flink then Blink, unique in the image).
with open(img, "r+b") as fh:
    m = mmap.mmap(fh.fileno(), 0)
    pat = third.to_bytes(8, "little") + first.to_bytes(8, "little")
    at = m.find(pat)
    assert at >= 0 and m.find(pat, at + 1) < 0, "the second entry's links are not unique in the image"
    m[at:at + 8] = first.to_bytes(8, "little")
    m.close()
PY
run "$EPROC" -s "$ISF" -f "$TMP/h.img" callbacks
expect "a looping CallbackListHead: its 2 entries are read, one warning names the cycle, no hang" \
    '[ "$RC" -le 1 ] && [ "$(printf "%s\n" "$OUT" | grep -c "^registry ")" -eq 2 ] && printf "%s\n" "$ERR" | grep -q "CallbackListHead list: cycle after 2 entries" && no_sanitizer_report'
