#!/bin/sh
# Forge a 4 GiB image and time eproc's pslist, psscan and psxview against
# Volatility 3's on the same image, and against reading the file once.
#
#   VOL3=/path/to/volatility3 sh bench/processes.sh [BUILD]
#
# Volatility 3 is not part of eproc: check it out yourself (outside this
# repository) and point VOL3 at the folder holding vol.py; without it only
# eproc is timed.  Also times a dense copy of the image (no holes), since
# the forge writes sparse files and real captures are not.
set -e
# Debian's python3 has python3-pefile and python3-capstone, which Volatility 3
# needs (windows.psxview decodes handle tables with capstone).
VOL_PYTHON=${VOL_PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
BUILD=${1:-build}
EPROC=$BUILD/eproc
DIR=${BENCH_DIR:-/tmp/eproc-bench}
MEM=${BENCH_MEMORY:-4G}
mkdir -p "$DIR"
IMG=$DIR/bench-$MEM.raw

now() { date +%s.%N; }
timeit() {  # LABEL CMD...: prints seconds, keeps the best of 3 runs
    label=$1; shift
    best=""
    for i in 1 2 3; do
        t0=$(now); "$@" > "$DIR/out.txt" 2> "$DIR/err.txt" || { echo "$label: failed: $(head -2 "$DIR/err.txt")" >&2; echo 0; return; }
        t1=$(now)
        t=$(echo "$t1 - $t0" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" -eq 1 ]; then best=$t; fi
    done
    printf '%.3f\n' "$best"
}

echo "forging $MEM image: $IMG"
t0=$(now)
"$EPROC" forge --memory "$MEM" -o "$IMG" --force > /dev/null   # the bench's own file: replaced each run
t1=$(now)
printf 'forge %s: %.2f s (file %s, allocated %s)\n' "$MEM" "$(echo "$t1 - $t0" | bc -l)" \
    "$(du -h --apparent-size "$IMG" | cut -f1)" "$(du -h "$IMG" | cut -f1)"

bench_one() {  # IMAGE LABEL
    img=$1; what=$2
    cat "$img" > /dev/null          # warm the page cache
    cat_t=$(timeit "cat" sh -c "cat '$img' > /dev/null")
    echo
    echo "== $what: cat (read the file once, warm cache): $cat_t s"
    printf '%-10s %10s %10s %10s %12s\n' command eproc_s vol3_s vol3/eproc eproc/cat
    for cmd in pslist psscan psxview; do
        e=$(timeit "eproc $cmd" "$EPROC" -q -f "$img" "$cmd")
        if [ -n "$VOL3" ] && [ -f "$VOL3/vol.py" ]; then
            v=$(timeit "vol3 $cmd" "$VOL_PYTHON" "$VOL3/vol.py" --offline -q -s "$IMG.symbols" -f "$img" "windows.$cmd")
            ratio=$(echo "$v / $e" | bc -l)
        else
            v="-"; ratio=0
        fi
        printf '%-10s %10s %10s %10.1f %12.2f\n' "$cmd" "$e" "$v" "$ratio" "$(echo "$e / $cat_t" | bc -l)"
    done
}

bench_one "$IMG" "sparse forged image"
if [ -z "$BENCH_SKIP_DENSE" ]; then
    DENSE=$DIR/bench-$MEM-dense.raw
    cp --sparse=never "$IMG" "$DENSE"
    bench_one "$DENSE" "dense copy (no holes, like a real acquisition)"
    rm -f "$DENSE"
fi
