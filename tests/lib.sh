# Shared helpers for CLI tests (sourced).  Each check prints one TAP-like
# line: "ok - ...", "not ok - ..." or "skip - ..."; tests/run.sh counts them.
# $EPROC is the binary under test; $SHARED is ../shared/data or empty.

EPROC=${EPROC:-build/eproc}
SHARED=${SHARED:-}
[ -z "$SHARED" ] && [ -d ../shared/data ] && SHARED=$(cd ../shared/data && pwd)
TMP=${TMP_BASE:-tests/tmp}/$(basename "$0" .sh).$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
# eproc's symbol index cache (src/symbols/symindex.h): this test's own,
# never the user's ~/.cache, and empty at the start.
XDG_CACHE_HOME=$(cd "$TMP" && pwd)/cache
export XDG_CACHE_HOME

ok()   { echo "ok - $*"; }
fail() { echo "not ok - $*"; }
skip() { echo "skip - $*"; }

# need_shared DESCRIPTION: true when ../shared/data is present, else a skip line.
need_shared() {
    if [ -n "$SHARED" ] && [ -d "$SHARED" ]; then return 0; fi
    skip "$1 (../shared/data absent)"
    return 1
}

# run CMD...: runs it, keeps stdout in $OUT, stderr in $ERR, status in $RC.
run() {
    "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
    OUT=$(cat "$TMP/out")
    ERR=$(cat "$TMP/err")
}

# expect DESCRIPTION 'CONDITION': CONDITION is shell text, evaluated here,
# so that every part of a compound condition (a && b | c) decides the
# result.  Quote it in single quotes.
expect() {
    desc=$1
    if eval "$2"; then ok "$desc"; else
        fail "$desc"
        echo "  rc=$RC stderr: $(head -c 600 "$TMP/err")" >&2
    fi
}

# Sanitizer reports must fail the run even if the exit code looked right.
no_sanitizer_report() {
    ! grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error:" "$TMP/err"
}

# check_clean DESCRIPTION COMMAND...: ok when COMMAND succeeds and no
# sanitizer report is in $TMP/err, else not ok with the last stderr.
check_clean() {
    desc=$1; shift
    if "$@" && no_sanitizer_report; then ok "$desc"; else
        fail "$desc"
        echo "  rc=$RC stderr: $(head -c 600 "$TMP/err")" >&2
    fi
}

# jq-free JSON checks: python3 is in Debian's base install.
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$TMP/out" "$1"; }
