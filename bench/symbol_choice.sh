#!/bin/sh
# Symbol choice on kernel triage dumps (issue 15 item 3): CPU seconds
# (user+sys) of a whole `eproc -q -s ISF -f DUMP info`, best of $RUNS, in
# the four states of the cache directory (docs/performance.md, "Symbol
# choice"):
#   a  empty: the run builds the symbol-directory index (once per directory)
#   b  the index only: the capture's first run once the directory is known
#   c  the index and the chosen table's parsed copy, no choice cache
#   d  everything cached: a repeated run (the per-capture choice cache)
# Usage: sh bench/symbol_choice.sh [DUMP...]   (EPROC, ISF, CACHE, RUNS)
EPROC=${EPROC:-build/eproc}
SHARED=${SHARED:-../shared/data}
ISF=${ISF:-$SHARED/isf}
CACHE=${CACHE:-/tmp/xc-choice}
RUNS=${RUNS:-3}
[ $# -gt 0 ] || set -- "$SHARED/kernel-triage/rizin-triage_x64.dmp" "$SHARED/kernel-triage/102622-12000-01.dmp" \
    "$SHARED/kernel-triage/102622-15671-01.dmp"
TIME=$(mktemp)
trap 'rm -f "$TIME"' EXIT

cpu() {   # prints the CPU seconds of one run
    XDG_CACHE_HOME=$CACHE /usr/bin/time -o "$TIME" -f "%U %S" "$EPROC" -q -s "$ISF" -f "$1" info > /dev/null 2>&1
    awk '{printf "%.2f", $1 + $2}' "$TIME"
}
best() {   # STATE DUMP: best of RUNS, the cache put in STATE before each
    b=
    i=0
    while [ $i -lt "$RUNS" ]; do
        case $1 in
        a) rm -rf "$CACHE" ;;
        b) rm -f "$CACHE"/eproc/isfmodel-* "$CACHE"/eproc/choice-* ;;
        c) rm -f "$CACHE"/eproc/choice-* ;;
        esac
        t=$(cpu "$2")
        if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
        i=$((i + 1))
    done
    echo "$b"
}

echo "eproc: $EPROC ($(git log -1 --format=%h 2>/dev/null || echo '?')), $(ls "$ISF"/windows/ntkrnlmp.pdb | wc -l) tables," \
     "load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| dump | chosen | a: empty | b: index only | c: index + parsed table | d: all cached |"
echo "|---|---|---:|---:|---:|---:|"
for dump in "$@"; do
    a=$(best a "$dump")
    b=$(best b "$dump")
    c=$(best c "$dump")
    d=$(best d "$dump")
    chosen=$(XDG_CACHE_HOME=$CACHE "$EPROC" -q -s "$ISF" -f "$dump" -o json info 2>/dev/null |
             python3 -c "import json,sys; r=json.load(sys.stdin)[0]; print(r['profile'].split('/')[-1][:8] + '...-' + r['profile'].rsplit('-', 1)[-1] + ', ' + r['profile_choice'])")
    echo "| $(basename "$dump") | $chosen | $a | $b | $c | $d |"
done
