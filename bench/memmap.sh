#!/bin/sh
# Forge a 4 GiB image and time eproc's vadinfo and malfind (every process)
# against Volatility 3's windows.vadinfo and windows.malfind on the same
# image (issue 13).  Row counts are printed beside the times so that a fast
# but empty answer shows.
#
#   VOL3=/path/to/volatility3 sh bench/memmap.sh [BUILD]
#
# Without VOL3 only eproc is timed.  RUNS (default 3) runs each, best kept;
# VOL_RUNS (default 1) for Volatility, which takes tens of seconds a run.
set -e
VOL_PYTHON=${VOL_PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
BUILD=${1:-build}
EPROC=$BUILD/eproc
DIR=${BENCH_DIR:-/tmp/eproc-bench}
MEM=${BENCH_MEMORY:-4G}
RUNS=${RUNS:-3}
VOL_RUNS=${VOL_RUNS:-1}
mkdir -p "$DIR"
IMG=$DIR/memmap-$MEM.raw

now() { date +%s.%N; }
timeit() {  # N LABEL CMD...: best of N runs in seconds; output kept in $DIR/out.json
    n=$1; label=$2; shift 2
    best=""
    i=0
    while [ $i -lt "$n" ]; do
        i=$((i + 1))
        t0=$(now)
        "$@" > "$DIR/out.json" 2> "$DIR/err.txt" || [ $? -eq 1 ] || { echo "$label: failed: $(head -2 "$DIR/err.txt")" >&2; echo 0; return; }
        t1=$(now)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" -eq 1 ]; then best=$t; fi
    done
    printf '%.3f\n' "$best"
}
rows() { python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$DIR/out.json" 2>/dev/null || echo "?"; }

[ -f "$IMG" ] || "$EPROC" forge examples/attacks.json --memory "$MEM" -o "$IMG" > /dev/null
echo "image: $IMG ($(du -h --apparent-size "$IMG" | cut -f1), attacks scenario)"
printf '%-9s %9s %7s %9s %7s %10s\n' command eproc_s rows vol3_s rows vol3/eproc
for cmd in vadinfo malfind; do
    e=$(timeit "$RUNS" "eproc $cmd" "$EPROC" -q -o json -f "$IMG" "$cmd"); er=$(rows)
    if [ -n "$VOL3" ] && [ -f "$VOL3/vol.py" ]; then
        v=$(timeit "$VOL_RUNS" "vol3 $cmd" "$VOL_PYTHON" "$VOL3/vol.py" --offline -q -r json -s "$IMG.symbols" -f "$IMG" "windows.$cmd")
        vr=$(rows)
        ratio=$(printf '%.1f' "$(echo "$v / $e" | bc -l)")
    else
        v="-"; vr="-"; ratio="-"
    fi
    printf '%-9s %9s %7s %9s %7s %10s\n' "$cmd" "$e" "$er" "$v" "$vr" "$ratio"
done
