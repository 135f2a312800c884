#!/bin/sh
# Run every test against the binaries in build dir $1 and print the total
# as "N passed, N failed, N skipped".  Exit 1 if anything failed.
BUILD=${1:-build}
export EPROC="$BUILD/eproc"
export TMP_BASE="tests/tmp/$BUILD"
mkdir -p "$TMP_BASE"
LOG="$TMP_BASE/results.log"
: > "$LOG"

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

passed=$(grep -c '^ok' "$LOG")
failed=$(grep -c '^not ok' "$LOG")
skipped=$(grep -c '^skip' "$LOG")
echo "$BUILD: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
