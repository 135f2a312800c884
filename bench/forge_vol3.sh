#!/bin/sh
# Check forged images with Volatility 3, an independent parser.
#   VOL3=/path/to/volatility3 [PYTHON=python3] sh bench/forge_vol3.sh [BUILD]
# Forges the default machine and examples/attacks.json (raw), runs the
# plugins docs/forge.md lists, and prints one line per plugin: ok (exit 0,
# rows found) or FAIL, with the truth-file cross-checks that apply.
# Skipped with a notice when VOL3 is not set.
BUILD=${1:-build}
EPROC=$BUILD/eproc
if [ -z "$VOL3" ] || [ ! -f "$VOL3/vol.py" ]; then
    echo "skip - Volatility 3 checks (set VOL3 to a volatility3 checkout)"
    exit 0
fi
PY=${PYTHON:-python3}
OUT=${TMPDIR:-/tmp}/eproc-forge-vol3.$$
mkdir -p "$OUT"
trap 'rm -rf "$OUT"' EXIT
fail=0
for sc in default attacks; do
    img="$OUT/$sc.raw"
    if [ $sc = default ]; then $EPROC forge -o "$img"; else $EPROC forge examples/$sc.json -o "$img"; fi || exit 1
    for p in info pslist psscan pstree threads handles dlllist cmdline envars getsids privileges vadinfo malfind psxview; do
        start=$(date +%s)
        $PY "$VOL3/vol.py" -q -r json -s "$img.symbols" -f "$img" windows.$p > "$OUT/$sc.$p.json" 2> "$OUT/$sc.$p.err"
        rc=$?
        secs=$(( $(date +%s) - start ))
        if [ $rc -eq 0 ]; then echo "ok - $sc windows.$p (${secs}s)"; else
            echo "FAIL - $sc windows.$p rc=$rc: $(tail -1 "$OUT/$sc.$p.err")"; fail=1; fi
    done
    # truth cross-checks: pslist PIDs/offsets/names, psscan finds the
    # unlinked, malfind finds the staged RWX regions
    $PY - "$img.truth.json" "$OUT/$sc" <<'PY' || fail=1
import json, sys
truth = json.load(open(sys.argv[1]))
base = sys.argv[2]
def rows(p):
    try:
        return json.load(open(f"{base}.{p}.json"))
    except Exception:
        return []
procs = truth["processes"]
want = {(p["pid"], int(p["offset"], 16) & 0xFFFFFFFFFFFF) for p in procs if p["in_active_process_list"] and p["pid"]}
got = {(r["PID"], r["Offset(V)"] & 0xFFFFFFFFFFFF) for r in rows("pslist")}
print(("ok" if want == got else "FAIL") + f" - pslist matches truth ({len(got)} processes)")
scan = {r["PID"] for r in rows("psscan")}
allp = {p["pid"] for p in procs if p["pid"]}
print(("ok" if allp <= scan else "FAIL") + f" - psscan finds every EPROCESS ({len(scan)})")
cl = {r["PID"]: r["Args"] for r in rows("cmdline")}
bad = [p["pid"] for p in procs if p["in_active_process_list"] and p["command_line"] and not p.get("masqueraded_as") and cl.get(p["pid"]) != p["command_line"]]
print(("ok" if not bad else "FAIL") + f" - cmdline matches truth (mismatches: {bad})")
mal = {(r["PID"], r["Start VPN"]) for r in rows("malfind")}
for t in truth["techniques"]:
    if t["kind"] in ("injected_code", "hollowing"):
        va = int(t["touched"][0]["address"], 16)
        print(("ok" if (t["target_pid"], va) in mal else "FAIL") + f" - malfind shows {t['kind']} in PID {t['target_pid']} at {va:#x}")
th = {(r["PID"], r["TID"]) for r in rows("threads")}
tw = {(t["pid"], t["tid"]) for p in procs if p["in_active_process_list"] for t in p["threads"]}
print(("ok" if tw <= th else "FAIL") + f" - threads lists every thread of listed processes ({len(tw)})")
PY
done
exit $fail
