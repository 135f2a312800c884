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

"$BUILD/mkseeds" "$BUILD/seeds" || exit 1

# Extra seeds, copied at fuzz time: small real files from ../shared/data
# (never into the repository) and the example scenarios.
shared_seeds() {  # HARNESS
    dir="$BUILD/shared-seeds/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    case $1 in
    fuzz_capture|fuzz_translate)
        # Kernel triage dumps: libFuzzer keeps their first max_len bytes
        # (headers, KDBG copy, the first data blocks).
        [ -n "$SHARED" ] && for f in "$SHARED"/kernel-triage/*.dmp; do [ -f "$f" ] && cp "$f" "$dir/"; done ;;
    fuzz_scenario)
        cp examples/*.json "$dir/" 2>/dev/null ;;
    fuzz_minidump)
        [ -n "$SHARED" ] && for f in "$SHARED"/minidumps/*/*.dmp "$SHARED"/malformed/*.dmp; do
            [ -f "$f" ] && [ "$(stat -c %s "$f")" -le 262144 ] && cp "$f" "$dir/"
        done ;;
    esac
    return 0
}

max_len() {
    case $1 in
    fuzz_isf|fuzz_symscan|fuzz_scenario) echo 65536 ;;
    fuzz_process) echo 196608 ;;
    *) echo 131072 ;;
    esac
}

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
    "$bin" -max_total_time="$SECONDS_EACH" -runs="$RUNS" -max_len="$(max_len "$h")" -timeout=30 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/" $dict \
        "$corpus" "$BUILD/seeds/$h" "$BUILD/shared-seeds/$h" > "$log" 2>&1
    rc=$?
    secs=$(( $(date +%s) - start ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    new=$(( $(ls "$crashes" | wc -l) - before ))
    if [ "$rc" -eq 0 ] && [ "$new" -eq 0 ]; then
        verdict="no crash"
    else
        verdict="FOUND $new problem input(s) (exit $rc): see $log"
        status=1
    fi
    line=$(printf '%-16s %10s executions %5ss  corpus %5s  %s' "$h" "${execs:-?}" "$secs" \
        "$(ls "$corpus" | wc -l)" "$verdict")
    echo "$line" | tee -a "$RESULTS"
done
echo "== summary ($RESULTS)"
cat "$RESULTS"
exit $status
