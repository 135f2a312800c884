#!/bin/sh
# Run every test against the binaries in build dir $1 and print the total
# as "N passed, N failed, N skipped".  Exit 1 if anything failed.
BUILD=${1:-build}
export EPROC="$BUILD/eproc"
export TMP_BASE="tests/tmp/$BUILD"
mkdir -p "$TMP_BASE"
LOG="$TMP_BASE/results.log"
: > "$LOG"

# Sanitizer runs: every report also goes to a file, so that a report from
# a check that only looked at the output (or from a process whose exit
# status nobody checked) still fails the run.
SANLOG_DIR=$(cd "$TMP_BASE" && pwd)/sanitizer
rm -rf "$SANLOG_DIR"
if [ -n "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}" ]; then
    mkdir -p "$SANLOG_DIR"
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$SANLOG_DIR/asan"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$SANLOG_DIR/ubsan"
fi

echo "== unit tests ($BUILD)"
"$BUILD/unit_tests" > "$TMP_BASE/unit.out" 2>&1
rc=$?
cat "$TMP_BASE/unit.out"
grep -E '^(ok|not ok|skip)' "$TMP_BASE/unit.out" >> "$LOG"
if [ "$rc" -ne 0 ] && ! grep -q '^not ok' "$TMP_BASE/unit.out"; then
    echo "not ok - unit test runner exited with status $rc" | tee -a "$LOG"
fi

for t in tests/cli/*.sh; do
    echo "== $t ($BUILD)"
    sh "$t" 2>&1 | tee -a "$LOG" | grep -v '^ok'
    true
done

if [ -d "$SANLOG_DIR" ] && [ -n "$(ls "$SANLOG_DIR")" ]; then
    for f in "$SANLOG_DIR"/*; do
        echo "not ok - sanitizer report in $f" | tee -a "$LOG"
        head -40 "$f"
    done
fi

passed=$(grep -c '^ok' "$LOG")
failed=$(grep -c '^not ok' "$LOG")
skipped=$(grep -c '^skip' "$LOG")
echo "$BUILD: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
