#!/bin/sh
# Time eproc's handles (every process, every object named) on a forged
# 4 GiB image against Volatility 3's windows.handles on the same image.
#
#   VOL3=/path/to/volatility3 sh bench/handles.sh [BUILD]
#
# Without VOL3 only eproc is timed.  eproc: best of 3 runs; Volatility 3:
# one run (it takes minutes).  Also prints how many rows each produced.
set -e
VOL_PYTHON=${VOL_PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
BUILD=${1:-build}
EPROC=$BUILD/eproc
DIR=${BENCH_DIR:-/tmp/eproc-bench}
MEM=${BENCH_MEMORY:-4G}
SCEN=${BENCH_SCENARIO:-examples/attacks.json}
mkdir -p "$DIR"
IMG=$DIR/handles-$MEM.raw

now() { date +%s.%N; }
if [ ! -f "$IMG" ]; then
    echo "forging $MEM image of $SCEN: $IMG"
    "$EPROC" forge "$SCEN" --memory "$MEM" -o "$IMG" > /dev/null
fi
best=""
for i in 1 2 3; do
    t0=$(now)
    # exit 1 is a finding (the attacks machine has some), not a failure
    "$EPROC" -o json -f "$IMG" handles > "$DIR/handles.json" 2> "$DIR/handles.err" || [ $? -eq 1 ]
    t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" -eq 1 ]; then best=$t; fi
done
rows=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$DIR/handles.json")
printf 'eproc handles: %.3f s, %s handles\n' "$best" "$rows"
if [ -n "$VOL3" ] && [ -f "$VOL3/vol.py" ]; then
    t0=$(now)
    "$VOL_PYTHON" "$VOL3/vol.py" --offline -q -r json -s "$IMG.symbols" -f "$IMG" windows.handles \
        > "$DIR/vol-handles.json" 2> "$DIR/vol-handles.err" || echo "Volatility 3 failed: $(tail -1 "$DIR/vol-handles.err")"
    t1=$(now)
    vrows=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$DIR/vol-handles.json" 2>/dev/null || echo "?")
    printf 'Volatility 3 windows.handles: %.3f s, %s handles\n' "$(echo "$t1 - $t0" | bc -l)" "$vrows"
else
    echo "skip - Volatility 3 (set VOL3 to a volatility3 checkout)"
fi
