#!/bin/sh
# Check forged images with Volatility 3, an independent parser.
#   VOL3=/path/to/volatility3 [PYTHON=python3] sh bench/forge_vol3.sh [BUILD]
# Forges the default machine, examples/attacks.json, examples/anomalies.json
# and examples/custom.json (raw), runs the 15 plugins docs/forge.md lists on
# each, prints one line per plugin run (ok: exit 0; FAIL: the last stderr
# line), then compares every plugin's rows with the truth file
# (bench/forge_vol3_check.py, one line per check).  Also reads a
# --format crashdump-bitmap image of the default machine with pslist.
# PYTHON must have pefile and capstone (Debian: python3-pefile,
# python3-capstone; handles disassembles with capstone).
# Skipped with a notice when VOL3 is not set.  Exit 1 if anything failed.
BUILD=${1:-build}
EPROC=$BUILD/eproc
if [ -z "$VOL3" ] || [ ! -f "$VOL3/vol.py" ]; then
    echo "skip - Volatility 3 checks (set VOL3 to a volatility3 checkout)"
    exit 0
fi
PY=${PYTHON:-python3}
HERE=$(dirname "$0")
OUT=${TMPDIR:-/tmp}/eproc-forge-vol3.$$
mkdir -p "$OUT"
trap 'rm -rf "$OUT"' EXIT
PLUGINS="info pslist psscan pstree threads handles dlllist cmdline envars getsids privileges vadinfo malfind psxview svcscan"
fail=0
for sc in default attacks anomalies custom; do
    img="$OUT/$sc.raw"
    if [ $sc = default ]; then $EPROC forge -o "$img"; else $EPROC forge examples/$sc.json -o "$img"; fi || exit 1
    for p in $PLUGINS; do
        start=$(date +%s)
        $PY "$VOL3/vol.py" --offline -q -r json -s "$img.symbols" -f "$img" windows.$p > "$OUT/$sc.$p.json" 2> "$OUT/$sc.$p.err"
        rc=$?
        secs=$(( $(date +%s) - start ))
        if [ $rc -eq 0 ]; then echo "ok - $sc windows.$p (${secs}s)"; else
            echo "FAIL - $sc windows.$p rc=$rc: $(tail -1 "$OUT/$sc.$p.err")"; fail=1; fi
    done
    echo "== $sc: Volatility's rows against $sc.raw.truth.json"
    $PY "$HERE/forge_vol3_check.py" "$img.truth.json" "$OUT/$sc" || fail=1
done

# the bitmap crash dump: Volatility's crash layer reads DumpType 5
img="$OUT/default.bmp"
$EPROC forge --format crashdump-bitmap -o "$img" || exit 1
$PY "$VOL3/vol.py" --offline -q -r json -s "$img.symbols" -f "$img" windows.pslist > "$OUT/bmp.pslist.json" 2> "$OUT/bmp.err"
if [ $? -eq 0 ] && $PY - "$img.truth.json" "$OUT/bmp.pslist.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
rows = json.load(open(sys.argv[2]))
want = t["active_process_list"]["forward_walk"]
sys.exit(0 if [r["PID"] for r in rows] == want else 1)
PY
then echo "ok - crashdump-bitmap: windows.pslist lists the truth's processes"
else echo "FAIL - crashdump-bitmap: windows.pslist: $(tail -1 "$OUT/bmp.err")"; fail=1; fi
exit $fail
