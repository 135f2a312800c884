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

# forge_check LABEL FORGE-ARGS...: forge, run `eproc check`, compare its
# findings with the truth (tests/cli/check_truth.py; the rules come from
# $TMP/rules.json, `eproc -o json check --list`).
forge_check() {
    label=$1; shift
    img=$TMP/$label.img
    # FORGE_SYMS: "-s DIR" for a machine of another build (forge --profile)
    if ! "$EPROC" $FORGE_SYMS forge "$@" -o "$img" > /dev/null 2> "$TMP/forge.err"; then
        fail "$label: forge $* ($(head -1 "$TMP/forge.err"))"
        return 1
    fi
    "$EPROC" $FORGE_SYMS -f "$img" -o json check > "$TMP/$label.json" 2> "$TMP/$label.err"
    rc=$?
    n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$TMP/$label.json" 2>/dev/null)
    if [ -z "$n" ] || grep -qE "Sanitizer|runtime error" "$TMP/$label.err" || \
       { [ "$n" -eq 0 ] && [ "$rc" -ne 0 ]; } || { [ "$n" -gt 0 ] && [ "$rc" -ne 1 ]; }; then
        fail "$label: check exits 1 with findings, 0 without (rc=$rc n=$n: $(head -c 300 "$TMP/$label.err"))"
        return 1
    fi
    ok "$label: check exits $rc with $n findings"
    python3 tests/cli/check_truth.py "$img.truth.json" "$TMP/$label.json" "$TMP/rules.json" "$label"
}
# After forge_check, $img and $TMP/$label.json are that machine's image and
# findings (for a group's own checks).

# Volatility 3, the independent reader (VOL3=/path/to/volatility3).
have_vol3() { [ -n "${VOL3:-}" ] && [ -f "$VOL3/vol.py" ]; }
# vol3 IMAGE SYMDIR PLUGIN [ARGS...]: windows.PLUGIN's rows as JSON on
# stdout.  Always offline, with a cache of its own and a scratch directory
# first in -s: on a cache miss Volatility "downloads" the table into the
# first -s directory and, offline, then deletes the file there (it removed
# a table from ../shared/data/isf once); and its shared identifier cache
# (~/.cache/volatility3) may name a file another run has since deleted.
vol3() {
    _vimg=$1 _vsyms=$2 _vplugin=$3
    shift 3
    mkdir -p "$TMP/volcache" "$TMP/volsyms"
    "${VOL_PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}" "$VOL3/vol.py" \
        --offline -q --cache-path "$TMP/volcache" -r json -s "$TMP/volsyms;$_vsyms" -f "$_vimg" "windows.$_vplugin" "$@"
}
