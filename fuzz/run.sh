#!/bin/sh
# fuzz/run.sh BUILD SECONDS RUNS [HARNESS...]: run each libFuzzer harness in
# BUILD/fuzzers/ for SECONDS or RUNS executions, whichever comes first, one
# after another (one process, one core: the machine is shared).  Crash,
# leak, timeout and out-of-memory inputs are saved in
# tests/fuzz-regressions/<harness>/, which `make test` replays.  Prints one
# line per harness and keeps them in BUILD/fuzz-results.txt.
# Exit 1 if any harness found a problem.
BUILD=${1:-build-fuzz}
SECONDS_EACH=${2:-600}
RUNS=${3:-1000000}
if [ $# -ge 3 ]; then shift 3; else shift $#; fi
ONLY="$*"

SHARED=${SHARED:-}
[ -z "$SHARED" ] && [ -d ../shared/data ] && SHARED=$(cd ../shared/data && pwd)

# Real captures from ../shared/data (never copied into the repository):
# mkseeds turns the kernel triage dumps and minidumps into small seeds
# (headers and tables plus the data that fits; see fuzz/seeds.c), so the
# harnesses run on real structure at >= 1,000 executions per second
# instead of on megabyte files cut at max_len.
REAL=""
[ -n "$SHARED" ] && REAL=$(ls "$SHARED"/kernel-triage/*.dmp "$SHARED"/minidumps/*/*.dmp \
    "$SHARED"/malformed/*.dmp 2>/dev/null)
# shellcheck disable=SC2086
"$BUILD/mkseeds" "$BUILD/seeds" $REAL || exit 1

# Extra seeds, copied at fuzz time: the example scenarios.
shared_seeds() {  # HARNESS
    dir="$BUILD/shared-seeds/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    case $1 in
    fuzz_scenario)
        cp examples/*.json "$dir/" 2>/dev/null ;;
    esac
    return 0
}

# Input size bounds the work of an execution: the capture seeds are up to
# ~170 KiB (real triage dumps), minidumps 32 KiB (the fiber scan and
# module walks grow with the dumped memory).
max_len() {
    case $1 in
    fuzz_isf|fuzz_symscan|fuzz_scenario) echo 65536 ;;
    fuzz_minidump) echo 32768 ;;
    fuzz_capture|fuzz_process) echo 196608 ;;
    *) echo 131072 ;;
    esac
}

# ASan keeps freed memory in quarantine (256 MiB by default), so every
# execution allocated fresh pages and spent its time in page faults; 16
# MiB still holds everything one execution frees.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"

RESULTS="$BUILD/fuzz-results.txt"
: > "$RESULTS"
status=0
for bin in "$BUILD"/fuzzers/fuzz_*; do
    h=$(basename "$bin")
    if [ -n "$ONLY" ]; then
        case " $ONLY " in *" $h "*|*" ${h#fuzz_} "*) ;; *) continue ;; esac
    fi
    shared_seeds "$h"
    corpus="$BUILD/corpus/$h"
    crashes="tests/fuzz-regressions/$h"
    mkdir -p "$corpus" "$crashes" "$BUILD/seeds/$h"
    before=$(ls "$crashes" | wc -l)
    case $h in
    fuzz_isf|fuzz_symscan) dict=fuzz/isf.dict ;;
    *) dict=fuzz/${h#fuzz_}.dict ;;
    esac
    [ -f "$dict" ] && dict="-dict=$dict" || dict=""
    log="$BUILD/$h.log"
    echo "== $h: up to ${SECONDS_EACH}s or $RUNS executions (log: $log)"
    start=$(date +%s)
    # CPU seconds too: on a shared machine libFuzzer's exec/s (wall clock)
    # says more about the load than about the harness.
    timer=""
    [ -x /usr/bin/time ] && timer="/usr/bin/time -f %U+%S -o $BUILD/$h.cpu"
    $timer "$bin" -max_total_time="$SECONDS_EACH" -runs="$RUNS" -max_len="$(max_len "$h")" -timeout=30 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/" $dict \
        "$corpus" "$BUILD/seeds/$h" "$BUILD/shared-seeds/$h" > "$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    # Coverage at the end: libFuzzer's edges (cov) and features (ft).
    cov=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 | sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+).*/\1 \2/')
    cpu=$(tail -1 "$BUILD/$h.cpu" 2>/dev/null | awk -F+ '{ printf "%.1f", $1 + $2 }')
    per_cpu=$(awk -v e="${execs:-0}" -v c="${cpu:-0}" 'BEGIN { if (c > 0) printf "%d", e / c; else print "?" }')
    new=$(( $(ls "$crashes" | wc -l) - before ))
    if [ "$rc" -eq 0 ] && [ "$new" -eq 0 ]; then
        verdict="no crash"
    else
        verdict="FOUND $new problem input(s) (exit $rc): see $log"
        status=1
    fi
    line=$(printf '%-16s %10s executions %5ss %6s exec/s (%s per CPU s, %ss CPU)  cov %5s ft %6s  corpus %5s  %s' \
        "$h" "${execs:-?}" "$secs" "${rate:-?}" "$per_cpu" "${cpu:-?}" "${cov%% *}" "${cov##* }" \
        "$(ls "$corpus" | wc -l)" "$verdict")
    echo "$line" | tee -a "$RESULTS"
done
echo "== summary ($RESULTS)"
cat "$RESULTS"
exit $status
