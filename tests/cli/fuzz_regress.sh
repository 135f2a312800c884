#!/bin/sh
# Every input under tests/fuzz-regressions/<harness>/ (crashes the fuzzers
# found, and hand-made hostile inputs) replayed through its harness,
# linked with a plain main (fuzz/replay_main.c) in the build under test: in
# the sanitizer build a report aborts the replay and fails the check.
# Each replay must also finish in bounded time (no hang).
. tests/lib.sh

REPLAY_DIR=${REPLAY_DIR:-$(dirname "$EPROC")/replay}
found=0
# Only fuzz_<harness>/ directories: open/ holds crashes whose fix is not
# in yet (see tests/fuzz-regressions/README.md).
for dir in tests/fuzz-regressions/fuzz_*/; do
    [ -d "$dir" ] || continue
    h=$(basename "$dir")
    n=$(find "$dir" -maxdepth 1 -type f ! -name '.*' ! -name 'README*' | wc -l)
    [ "$n" -gt 0 ] || continue
    found=$((found + 1))
    bin="$REPLAY_DIR/$h"
    if [ ! -x "$bin" ]; then
        fail "$h: replay binary $bin missing (make $bin)"
        continue
    fi
    # The inputs one by one: a failure names the file.
    for f in $(find "$dir" -maxdepth 1 -type f ! -name '.*' ! -name 'README*' | sort); do
        run timeout 120 "$bin" "$f"
        if [ "$RC" -eq 0 ] && no_sanitizer_report; then
            ok "$h: $(basename "$f") replays cleanly"
        else
            fail "$h: $(basename "$f") (rc=$RC)"
            head -c 2000 "$TMP/err" >&2
        fi
    done
done
[ "$found" -gt 0 ] || skip "no fuzz regression inputs"
