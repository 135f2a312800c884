#!/bin/sh
# Symbol directories named with -s that hold no tables (issue 10, item 4).
# The directory scan once did pointer arithmetic on NULL for an empty
# directory (UBSan reported it) and said the same thing in three lines.
# Now: a command that needs a profile and gets none fails with one line
# that names the directory, exit 3; a command that does not need one
# (info) shows the reason in its output, exit 0; when the profile comes
# from elsewhere (the built-in 26100 one) the empty directory is one
# warning.  In the sanitizer build tests/run.sh also fails on any report.
. tests/lib.sh

MKFIXTURE=$(dirname "$EPROC")/mkfixture
if [ ! -x "$MKFIXTURE" ]; then
    fail "symdir: $MKFIXTURE missing (make $MKFIXTURE)"
    exit 0
fi
"$MKFIXTURE" raw "$TMP/w19041.img" > /dev/null || fail "mkfixture raw"
"$MKFIXTURE" procs "$TMP/w26100.img" > /dev/null || fail "mkfixture procs"
mkdir -p "$TMP/empty" "$TMP/nopdb/windows/ntkrnlmp.pdb"
: > "$TMP/nopdb/windows/ntkrnlmp.pdb/not-a-table.txt"

lines() { printf '%s\n' "$ERR" | grep -c .; }

for dir in "$TMP/empty" "$TMP/nopdb"; do
    what=$(basename "$dir")
    run timeout 60 "$EPROC" -s "$dir" -f "$TMP/w19041.img" pslist
    expect "pslist, -s $what directory, no profile: one line naming the directory, exit 3" \
        '[ "$RC" -eq 3 ] && [ "$(lines)" -eq 1 ] && printf "%s\n" "$ERR" | grep -q "^eproc: $TMP/w19041.img: no symbol table matches this kernel.*symbol directory $dir holds no kernel symbol tables" && no_sanitizer_report'

    run timeout 60 "$EPROC" -s "$dir" -f "$TMP/w19041.img" info
    expect "info, -s $what directory: exit 0, the reason in the output, nothing on stderr" \
        '[ "$RC" -eq 0 ] && [ -z "$ERR" ] && printf "%s\n" "$OUT" | grep -q "Profile reason .*symbol directory $dir holds no kernel symbol tables"'

    run timeout 60 "$EPROC" -s "$dir" -f "$TMP/w26100.img" pslist
    expect "pslist, -s $what directory, built-in profile applies: one warning, the 4 processes, exit 0" \
        '[ "$RC" -eq 0 ] && [ "$(lines)" -eq 1 ] && [ "$ERR" = "eproc: warning: symbol directory $dir holds no kernel symbol tables (expected windows/ntkrnlmp.pdb/GUID-AGE.json.xz in it)" ] && [ "$(printf "%s\n" "$OUT" | grep -c "proc[0-9].exe")" -eq 4 ]'
done

# Control: a directory with a table still counts (no empty-directory line).
if need_shared "symbol directory with tables (control)"; then
    run timeout 60 "$EPROC" -s "$SHARED/isf" -f "$TMP/w19041.img" pslist
    expect "-s with real tables: no empty-directory message" \
        '! printf "%s\n" "$ERR" | grep -q "holds no kernel symbol tables"'
fi
