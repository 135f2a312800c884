#!/bin/sh
# Issue 15's figures in one run: scans at the speed of reading, symbol
# choice, the whole anatomy.
#
#   sh bench/perf.sh [BUILD]              (BUILD defaults to build)
#
# For each size in SIZES (default "4G 16G"): forge a machine of that
# memory size, make a dense copy (bench/densify.c: every hole filled with
# junk, the forge's pages kept) and delete the sparse file, then time on
# the dense image, warm (file in the page cache) and cold (the file alone
# evicted with posix_fadvise, bench/drop_cache.py):
#   cat IMAGE > /dev/null, eproc psscan, eproc psxview, eproc dump-all,
#   and Volatility 3's windows.psscan (warm only; VOL3, default /work/vol3).
# Then the symbol choice on a kernel triage dump with the 43 tables of
# ../shared/data/isf (fresh cache: the index is built; then cached), and
# dump-all on a forged machine with 2,000 processes.
#
# Each line: seconds (warm: best of RUNS runs; cold: the median of RUNS
# runs, the file evicted before each, the commands interleaved: cat,
# psscan, psxview, cat, ...; every cold run's seconds and the load
# average after it at the end of the line), CPU seconds (user+sys), peak
# RSS (/usr/bin/time), the ratio to cat, and (cold) the major page faults:
# reads that stalled on the disk outside the sequential stream.  BEFORE=PATH
# times another eproc binary beside this one (the "before" figures).
# NO_VOL3, NO_DUMP_ALL and ONLY_IMAGES (no symbol or 2,000-process parts)
# shorten a run.  Disk: a 16 GiB machine is a 17 GiB file; check `df -h` first, or set
# SIZES.  Every image is deleted at the end.
set -e
BUILD=${1:-build}
EPROC=$(cd "$(dirname "$BUILD/eproc")" && pwd)/eproc
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=${BENCH_DIR:-/tmp/eproc-perf}
SIZES=${SIZES-4G 16G}       # SIZES= (empty): no images, only the symbol and 2,000-process parts
RUNS=${RUNS:-3}
VOL3=${VOL3:-/work/vol3}
VOL_PYTHON=${VOL_PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
SHARED=${SHARED:-$HERE/../../shared/data}
mkdir -p "$DIR"
trap 'rm -f "$DIR"/*.raw "$DIR"/dense-*' EXIT
cc -O2 -o "$DIR/densify" "$HERE/densify.c"

# measure LABEL CMD...: one run; sets S (seconds), C (CPU seconds), M (peak RSS, MB),
# F (major page faults: reads that waited for the disk)
measure() {
    /usr/bin/time -o "$DIR/time.txt" -f "%e %U %S %M %F" "$@" > "$DIR/out.txt" 2> "$DIR/err.txt" || {
        rc=$?; [ $rc -le 1 ] || { echo "  $1 failed (exit $rc): $(head -2 "$DIR/err.txt")" >&2; }; }
    read -r S U Y K F < "$DIR/time.txt"
    C=$(echo "$U + $Y" | bc -l)
    M=$((K / 1024))
}
best() {   # CMD...: best of RUNS; sets S C M of the fastest run
    bs=""; bc_=""; bm=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        measure "$@"
        if [ -z "$bs" ] || [ "$(echo "$S < $bs" | bc -l)" -eq 1 ]; then bs=$S; bc_=$C; bm=$M; fi
        i=$((i + 1))
    done
    S=$bs; C=$bc_; M=$bm
}
# cold_run LABEL CMD...: evict the image, run once, add "S C M load" to $cold/LABEL
cold_run() {
    label=$1; shift
    "$VOL_PYTHON" "$HERE/drop_cache.py" "$img"
    measure "$@"
    echo "$S $C $M $(cut -d' ' -f1 /proc/loadavg) $F" >> "$cold/$label"
}
# median LABEL: S C M F of the median run in $cold/LABEL (the lower middle
# of an even count); LOADS: every run's "seconds@load", in run order
median() {
    LOADS=$(awk '{printf "%s%.2f@%s", (NR > 1 ? " " : ""), $1, $4}' "$cold/$1")
    n=$(wc -l < "$cold/$1")
    set -- $(sort -n "$cold/$1" | sed -n "$(( (n + 1) / 2 ))p")
    S=$1; C=$2; M=$3; FAULTS=$5
}
row() {   # LABEL: prints S C M and, when CAT is set, S/cat
    printf '  %-44s %8.2f s  %7.2f CPU-s  %7d MB' "$1" "$S" "$C" "$M"
    if [ -n "$CAT" ]; then printf '  %6.2fx cat' "$(echo "$S / $CAT" | bc -l)"; fi
    if [ -n "$LOADS" ]; then printf '  %5d major faults  (runs s@load: %s)' "$FAULTS" "$LOADS"; fi
    echo; LOADS=
}

echo "eproc: $EPROC ($(git -C "$HERE/.." log -1 --format=%h 2>/dev/null || echo '?'))${BEFORE:+, before: $BEFORE}"
echo "machine: $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"

for size in $SIZES; do
    sparse=$DIR/forged-$size.raw
    img=$DIR/dense-$size.raw
    "$EPROC" forge --memory "$size" -o "$sparse" --force > /dev/null
    "$DIR/densify" "$sparse" "$img" > /dev/null
    rm -f "$sparse"
    syms=$sparse.symbols
    echo
    echo "== dense $size machine ($(du -h --apparent-size "$img" | cut -f1) file, every page filled)"
    cat "$img" > /dev/null
    best sh -c 'cat "$1" > /dev/null' cat "$img"; CAT=$S
    row "warm: cat"
    for cmd in psscan psxview dump-all; do
        [ "$cmd" = dump-all ] && [ -n "$NO_DUMP_ALL" ] && continue
        best "$EPROC" -q -f "$img" "$cmd"; row "warm: eproc $cmd"
        if [ -n "$BEFORE" ] && [ "$cmd" != dump-all ]; then
            best "$BEFORE" -q -f "$img" "$cmd"; row "warm: before $cmd"
        fi
    done
    if [ -f "$VOL3/vol.py" ] && [ -z "$NO_VOL3" ]; then
        measure "$VOL_PYTHON" "$VOL3/vol.py" --offline -q -s "$syms" -f "$img" windows.psscan
        row "warm: Volatility 3 windows.psscan"
        VOLS=$S
        best "$EPROC" -q -f "$img" psscan
        printf '  %-34s %8.1fx\n' "eproc psscan vs Volatility 3" "$(echo "$VOLS / $S" | bc -l)"
    fi
    # Cold: RUNS rounds, each timing every command once on a freshly
    # evicted file, interleaved (cat, psscan, psxview, cat, ...) so that
    # load from other jobs falls on all of them alike; each row is the
    # median run (by seconds), with the load average after each run.
    cold=$DIR/cold
    rm -rf "$cold"; mkdir -p "$cold"
    i=0
    while [ $i -lt "$RUNS" ]; do
        cold_run cat sh -c 'cat "$1" > /dev/null' cat "$img"
        for cmd in psscan psxview; do
            cold_run "eproc-$cmd" "$EPROC" -q -f "$img" "$cmd"
            if [ -n "$BEFORE" ]; then cold_run "before-$cmd" "$BEFORE" -q -f "$img" "$cmd"; fi
        done
        i=$((i + 1))
    done
    CAT=
    median cat; CAT=$S; row "cold: cat (median of $RUNS)"
    for cmd in psscan psxview; do
        median "eproc-$cmd"; row "cold: eproc $cmd"
        if [ -n "$BEFORE" ]; then median "before-$cmd"; row "cold: before $cmd"; fi
    done
    rm -rf "$img" "$syms" "$sparse.truth.json"
done

[ -n "$ONLY_IMAGES" ] && exit 0
echo
echo "== symbol choice: kernel triage dumps, -s with 43 tables"
ISF=$SHARED/isf
CAT=
for dump in "$SHARED"/kernel-triage/rizin-triage_x64.dmp "$SHARED"/kernel-triage/102622-12000-01.dmp; do
    [ -f "$dump" ] || continue
    name=$(basename "$dump")
    cache=$DIR/cache
    rm -rf "$cache"
    if [ -n "$BEFORE" ]; then
        measure env XDG_CACHE_HOME="$cache" "$BEFORE" -q -s "$ISF" -f "$dump" info; row "$name: before"
    fi
    measure env XDG_CACHE_HOME="$cache" "$EPROC" -q -s "$ISF" -f "$dump" info; row "$name: first run (builds index)"
    measure env XDG_CACHE_HOME="$cache" "$EPROC" -q -s "$ISF" -f "$dump" info; row "$name: index cached"
    table=$(grep '^Profile  ' "$DIR/out.txt" | awk '{print $2}')
    measure "$EPROC" -q -s "$ISF/windows/$table.json.xz" -f "$dump" info
    row "$name: the chosen table alone (-s FILE)"
done

echo
echo "== dump-all on a forged machine with 2,000 processes"
python3 - "$DIR/p2000.json" <<'PY'
import json, sys
procs = [{"name": "smss.exe", "pid": 368, "ppid": 4, "create_time": 1.0},
         {"name": "services.exe", "pid": 640, "ppid": 560, "session": 0, "user": "SYSTEM", "create_time": 5.0}]
pid = 1000
for i in range(1998):
    pid += 8
    if pid % 1024 == 0:
        pid += 8
    procs.append({"name": "worker%04d.exe" % i, "pid": pid, "ppid": 640, "session": 0, "user": "SYSTEM",
                  "create_time": 10.0 + i * 0.01, "threads": 2})
json.dump({"description": "2,000 processes (bench/perf.sh)", "machine": {"memory": "4G", "seed": 7},
           "processes": procs}, open(sys.argv[1], "w"))
PY
"$EPROC" forge "$DIR/p2000.json" -o "$DIR/p2000.raw" --force > /dev/null
cat "$DIR/p2000.raw" > /dev/null
CAT=
best "$EPROC" -q -f "$DIR/p2000.raw" dump-all; row "warm: eproc dump-all ($(wc -l < "$DIR/out.txt") processes)"
best "$EPROC" -q -f "$DIR/p2000.raw" pslist; row "warm: eproc pslist"
rm -rf "$DIR/p2000.raw" "$DIR/p2000.raw.symbols" "$DIR/p2000.raw.truth.json"
