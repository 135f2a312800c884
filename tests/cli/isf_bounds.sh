#!/bin/sh
# Symbol tables bounded by what they cost (issue 10, item 1).  A small
# .json.xz that expands to millions of entries once made the loader build
# a multi-GB jansson tree before it counted them.  Each attack file here is
# generated (tests/tools/isf_attack.py, from the built-in 26100 table) and
# read by both readers: the full loader (-s FILE) and the fast symbol scan
# of profile selection (-s DIR).  The assertion is the exit code and the
# one stderr line naming the cap; `timeout` and a memory limit only guard
# against today's behaviour taking the machine down (timings: bench/).
. tests/lib.sh

MKFIXTURE=$(dirname "$EPROC")/mkfixture
GEN="python3 tests/tools/isf_attack.py"
if [ ! -x "$MKFIXTURE" ]; then
    fail "isf_bounds: $MKFIXTURE missing (make $MKFIXTURE)"
    exit 0
fi
"$MKFIXTURE" isf-26100 "$TMP/base.json" || fail "mkfixture isf-26100"
"$MKFIXTURE" procs "$TMP/w26100.img" > /dev/null || fail "mkfixture procs"
"$MKFIXTURE" raw "$TMP/w19041.img" > /dev/null || fail "mkfixture raw"

# guarded ARGS...: eproc with a time limit and, outside the sanitizer
# build (ASan needs a huge address space), 1 GiB of address space.
guarded() {
    if [ -z "${ASAN_OPTIONS:-}" ]; then
        run sh -c 'ulimit -v 1048576; exec timeout 60 "$@"' guarded "$EPROC" "$@"
    else
        run timeout 300 "$EPROC" "$@"
    fi
}
lines() { printf '%s\n' "$ERR" | grep -c .; }

# refused SHAPE N MESSAGE: the file is refused by both readers with MESSAGE.
refused() {
    shape=$1; n=$2; msg=$3
    f="$TMP/$shape-$n.json.xz"
    $GEN "$TMP/base.json" "$shape" "$n" "$f" || { fail "isf_attack.py $shape $n"; return; }
    guarded -s "$f" -f "$TMP/w26100.img" pslist
    expect "$shape x $n, full loader: one line '$msg', exit 3" \
        '[ "$RC" -eq 3 ] && [ "$(lines)" -eq 1 ] && [ "$ERR" = "eproc: $f: symbol table over eproc'"'"'s limits: $msg" ] && no_sanitizer_report'
    d="$TMP/dir-$shape/windows/ntkrnlmp.pdb"
    mkdir -p "$d"
    cp "$f" "$d/00000000000000000000000000000000-1.json.xz"
    guarded -s "$TMP/dir-$shape" -f "$TMP/w19041.img" info
    expect "$shape x $n, symbol scan in profile selection: one warning '$msg', info still exits 0" \
        '[ "$RC" -eq 0 ] && [ "$(lines)" -eq 1 ] && printf "%s\n" "$ERR" | grep -qF "00000000000000000000000000000000-1.json.xz: symbol table over eproc'"'"'s limits: $msg" && no_sanitizer_report'
}

# The issue's case, scaled down: more symbols than the 256 Ki cap.
refused symbols 300000 "symbols has more than 262144 entries"
refused constants 300000 "enums.Many.constants has more than 262144 entries"
refused deep 100 "symbols.deep.type.[]... nests deeper than 64 levels"
refused long-string 70000 "symbols has a string longer than 65536 bytes"
refused values 1100000 "the document has more than 1048576 values"

# Within the caps: a table with 100,000 extra symbols still loads, and
# the process list comes out of it.
f="$TMP/symbols-100000.json.xz"
$GEN "$TMP/base.json" symbols 100000 "$f" || fail "isf_attack.py symbols 100000"
guarded -s "$f" -f "$TMP/w26100.img" pslist
expect "100,000 extra symbols (within the caps): loads, 4 processes, exit 0" \
    '[ "$RC" -eq 0 ] && [ -z "$ERR" ] && [ "$(printf "%s\n" "$OUT" | grep -c "proc[0-9].exe")" -eq 4 ]'
