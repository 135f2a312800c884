#!/bin/sh
# The library (issue 17 part B, docs/library.md): `make install` into a
# fresh prefix (and with DESTDIR), the example program built there through
# pkg-config against the shared library, and its processes equal to what
# the CLI prints on a forged image, a kernel triage dump and a minidump.
. tests/lib.sh

BUILD_DIR=$(dirname "$EPROC")
if [ -n "${ASAN_OPTIONS:-}" ]; then
    skip "library install test (runs in the normal build, not under the sanitizers)"
    exit 0
fi
if ! command -v help2man > /dev/null 2>&1 || ! command -v pkg-config > /dev/null 2>&1; then
    skip "library install test (help2man or pkg-config absent: make deps installs them)"
    exit 0
fi
ABS_TMP=$(cd "$TMP" && pwd)
PREFIX=$ABS_TMP/prefix
# A make started from a test must not join the make that runs the tests.
submake() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory -s BUILD="$BUILD_DIR" "$@"; }

run submake install PREFIX="$PREFIX"
expect "make install PREFIX=<fresh prefix> succeeds" '[ "$RC" -eq 0 ]'
missing=""
for f in bin/eproc lib/libeproc.a lib/libeproc.so lib/libeproc.so.0 include/eproc.h lib/pkgconfig/eproc.pc \
         share/man/man1/eproc.1 share/bash-completion/completions/eproc; do
    [ -e "$PREFIX/$f" ] || missing="$missing $f"
done
expect "it installs the program, both libraries, the header, eproc.pc, the man page and the completion ($missing)" '[ -z "$missing" ]'
soname=$(objdump -p "$PREFIX/lib/libeproc.so" 2>/dev/null | awk '/SONAME/ { print $2 }')
expect "the shared library's soname is libeproc.so.0 ($soname)" '[ "$soname" = "libeproc.so.0" ]'
exported=$(nm -D --defined-only "$PREFIX/lib/libeproc.so" | awk '{ print $3 }')
expect "it exports only ep_ functions ($(echo "$exported" | grep -v '^ep_' | head -3 | tr '\n' ' '))" \
    '[ -n "$exported" ] && ! echo "$exported" | grep -qv "^ep_"'

run submake install PREFIX=/usr DESTDIR="$ABS_TMP/stage"
expect "make install DESTDIR=stage PREFIX=/usr stages under stage/usr, eproc.pc says prefix=/usr" \
    '[ "$RC" -eq 0 ] && [ -x "$ABS_TMP/stage/usr/bin/eproc" ] && grep -qx "prefix=/usr" "$ABS_TMP/stage/usr/lib/pkgconfig/eproc.pc"'

# The example, built against the installed copy through pkg-config.
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
CC=${CC:-cc}
run sh -c "$CC -Wall -Wextra -Werror -o '$TMP/lib_pslist' examples/lib_pslist.c \$(pkg-config --cflags --libs eproc)"
expect "examples/lib_pslist.c builds through pkg-config" '[ "$RC" -eq 0 ] && [ -x "$TMP/lib_pslist" ]'
needed=$(objdump -p "$TMP/lib_pslist" | awk '/NEEDED/ { print $2 }' | tr '\n' ' ')
expect "it links the shared library ($needed)" 'echo "$needed" | grep -q "libeproc.so.0"'
LIBPROG() { LD_LIBRARY_PATH="$PREFIX/lib" "$TMP/lib_pslist" "$@"; }

# same_rows DESC JSON KEYS: the example's (pid, ppid, name) rows equal the
# CLI's json rows.
compare() {
    python3 - "$TMP/lib.out" "$TMP/cli.json" "$1" <<'PY'
import json, sys
lib = [l.split('\t') for l in open(sys.argv[1]).read().splitlines()]
cli = json.load(open(sys.argv[2]))
keys = sys.argv[3].split(',')
col = {'pid': 0, 'ppid': 1, 'name': 2}
mine = sorted(tuple(r[col[k]] for k in keys) for r in lib)
theirs = sorted(tuple(str(r[k]) for k in keys) for r in cli)
if mine != theirs or not mine:
    print('library:', mine[:5], '\ncli:', theirs[:5], file=sys.stderr)
    sys.exit(1)
print(len(mine))
PY
}

IMG=$TMP/m.raw
if "$EPROC" forge examples/attacks.json --memory 256M -o "$IMG" > /dev/null 2>&1; then
    LIBPROG "$IMG" > "$TMP/lib.out" 2> "$TMP/lib.err"
    "$EPROC" -q -f "$IMG" -o json pslist > "$TMP/cli.json"
    n=$(compare pid,ppid,name 2>"$TMP/cmp.err")
    expect "forged image (attacks): the library lists the processes of eproc pslist (${n:-0}; $(head -c 300 "$TMP/cmp.err"))" '[ -n "$n" ]'
    # Threads: the same as eproc threads, per process.
    "$EPROC" -q -f "$IMG" -o json threads > "$TMP/thr.json"
    ok_threads=$(python3 -c "
import json,sys,collections
c=collections.Counter(r['pid'] for r in json.load(open('$TMP/thr.json')))
lib={int(l.split('\t')[0]):int(l.split('\t')[3]) for l in open('$TMP/lib.out').read().splitlines()}
print(all(c.get(p,0)==n for p,n in lib.items()) and sum(lib.values())>0)")
    expect "forged image: thread counts per process equal eproc threads" '[ "$ok_threads" = True ]'
    expect "forged image: no warnings reach stderr except through the callback" \
        '! grep -v "^lib_pslist: " "$TMP/lib.err" | grep -q .'
else
    fail "forge examples/attacks.json"
fi

if need_shared "library on a kernel triage dump and a minidump"; then
    DUMP=$SHARED/kernel-triage/rizin-triage_x64.dmp
    LIBPROG -s "$SHARED/isf" "$DUMP" > "$TMP/lib.out" 2> "$TMP/lib.err"
    "$EPROC" -q -s "$SHARED/isf" -f "$DUMP" -o json pslist > "$TMP/cli.json"
    n=$(compare pid,ppid,name 2>"$TMP/cmp.err")
    expect "triage dump: the library lists eproc pslist's process (${n:-0}; $(head -c 300 "$TMP/cmp.err"))" '[ "$n" = 1 ]'
    expect "triage dump: the partial-capture warning comes through the callback" \
        'grep -q "^lib_pslist: warning: .*partial capture" "$TMP/lib.err"'

    MD=$SHARED/minidumps/other/rizin-calc.dmp
    LIBPROG "$MD" > "$TMP/lib.out" 2> "$TMP/lib.err"
    RC=$?
    "$EPROC" -q -f "$MD" -o json pslist > "$TMP/cli.json"
    # A minidump does not record the parent: pslist's ppid is null.
    n=$(compare pid,name 2>"$TMP/cmp.err")
    expect "minidump: the library opens it and lists the process eproc pslist shows (${n:-0}; $(head -c 300 "$TMP/cmp.err"))" '[ "$RC" -eq 0 ] && [ "$n" = 1 ]'
    threads=$("$EPROC" -q -f "$MD" -o csv threads | tail -n +2 | wc -l)
    modules=$("$EPROC" -q -f "$MD" -o csv dlllist | tail -n +2 | wc -l)
    expect "minidump: threads and modules as eproc threads ($threads) and dlllist ($modules)" \
        '[ "$(cut -f4 "$TMP/lib.out")" = "$threads" ] && [ "$(cut -f5 "$TMP/lib.out")" = "$modules" ]'
fi

LIBPROG /etc/hostname > "$TMP/lib.out" 2> "$TMP/lib.err"
RC=$?
expect "a file that is no capture: the error comes back as one line, nothing printed by the library" \
    '[ "$RC" -eq 3 ] && [ "$(wc -l < "$TMP/lib.err")" -eq 1 ] && grep -q "^lib_pslist: /etc/hostname: " "$TMP/lib.err"'
