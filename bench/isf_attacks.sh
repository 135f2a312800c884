#!/bin/sh
# bench/isf_attacks.sh [BUILD]: time and peak memory of eproc on hostile
# symbol tables (issue 10, item 1), one line per attack shape, through
# both readers: the full loader (-s FILE) and the fast symbol scan of
# profile selection (-s DIR holding the file under windows/ntkrnlmp.pdb/).
# Wall time depends on the machine's load; CPU time (user + system) is
# what the file costs.  (/usr/bin/time is Debian's time package.)  The files come from tests/tools/isf_attack.py (generated here, in
# bench/tmp/, never committed).  Bound to check: every line under 5 s and
# 512 MiB; a refused file refused with one stderr line and exit 3.
# Output: a Markdown table on stdout, also kept in bench/tmp/isf_attacks.md.
BUILD=${1:-build}
EPROC=$BUILD/eproc
OUT=bench/tmp/isf
mkdir -p "$OUT"
make -s "$BUILD/eproc" "$BUILD/mkfixture" BUILD="$BUILD" || exit 1
"$BUILD/mkfixture" isf-26100 "$OUT/base.json" || exit 1
"$BUILD/mkfixture" procs "$OUT/w26100.img" > /dev/null || exit 1
"$BUILD/mkfixture" raw "$OUT/w19041.img" > /dev/null || exit 1
GEN="python3 tests/tools/isf_attack.py"

# shape N: what each attack blows up, and how far.  The first group is
# over a cap (refused), the second just under the caps (must load or fail
# within the bounds), the control is the plain table.
# shape:N: what each attack blows up, and how far.  The first group is
# over a cap (refused), the second just under every cap (must load, or be
# refused by a loader check, within the bounds), the last the plain table.
SHAPES=${SHAPES:-"symbols:5000000 typed-symbols:1000000 types:1000000 fields:1000000 constants:5000000
base-types:1000000 deep:100000 deep-types:100000 long-string:100000000 long-strings:2000 values:20000000
keys:20000000
symbols:250000 typed-symbols:130000 types:100000 fields:190000 constants:250000 base-types:240000
deep:60 deep-types:30 long-string:65000 long-strings:1000 values:940000 keys:950000
symbols:0"}

measure() {  # LABEL IMAGE COMMAND ARGS...: one table row
    label=$1; img=$2; cmd=$3; shift 3
    /usr/bin/time -v -o "$OUT/time.txt" timeout 120 "$EPROC" "$@" -f "$img" "$cmd" \
        > /dev/null 2> "$OUT/err.txt"
    rc=$?
    secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/time.txt")
    usr=$(sed -n 's/.*User time (seconds): //p' "$OUT/time.txt")
    sys=$(sed -n 's/.*System time (seconds): //p' "$OUT/time.txt")
    cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/time.txt")
    lines=$(grep -cv '^Command exited' "$OUT/err.txt")
    msg=$(grep -v '^Command exited' "$OUT/err.txt" | head -1 | sed "s|$OUT/||g" | cut -c1-110)
    printf '| %s | %s | %s | %s s | %s MiB | %s | %s | %s |\n' "$shape" "$label" "$secs" "$cpu" "$((kb / 1024))" "$rc" \
        "$lines" "$msg"
}

{
echo "| shape:N | reader | wall | CPU | peak RSS | exit | stderr lines | first stderr line |"
echo "|---|---|---|---|---|---|---|---|"
for shape in $SHAPES; do
    name=${shape%%:*}; n=${shape#*:}
    f="$OUT/$name-$n.json.xz"
    [ -f "$f" ] || $GEN "$OUT/base.json" "$name" "$n" "$f" || continue
    # The full loader: pslist on the 26100 fixture with the table given.
    measure "load (-s FILE, pslist)" "$OUT/w26100.img" pslist -s "$f"
    d="$OUT/dir-$name-$n/windows/ntkrnlmp.pdb"
    mkdir -p "$d"
    ln -sf "$(pwd)/$f" "$d/00000000000000000000000000000000-1.json.xz"
    # The fast scan: profile selection for the 19041 fixture, whose GUID
    # no table has, reads every table's symbols.
    measure "scan (-s DIR, info)" "$OUT/w19041.img" info -s "$OUT/dir-$name-$n"
done
} | tee "$OUT/../isf_attacks.md"
