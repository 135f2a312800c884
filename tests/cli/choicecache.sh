#!/bin/sh
# The per-capture cache of the symbol choice (issue 15 item 3,
# src/symbols/choicecache.h): for every x64 kernel triage dump and for
# forged images, a repeated run takes the choice from the cache without
# reading the symbol index, and chooses the same table, the same way, for
# the same reason, with the same warnings as the first run (and as a run
# without any cache), which are the dumps' expected facts.  A choice
# cache that is damaged, forged under a valid checksum, or stale (the
# capture, the chosen table or the symbol directory changed) gives the
# right choice again and is rewritten.  Timings are in bench/, not here.
. tests/lib.sh

need_shared "choice cache on the kernel triage dumps" || exit 0
ISF=$SHARED/isf
CACHE=$XDG_CACHE_HOME/eproc

# choice_of CAPTURE [SYMDIR]: "PROFILE|CHOICE|REASON" of `info`, its
# warnings in $TMP/warn, -v's lines in $TMP/err.
choice_of() {
    "$EPROC" -v -s "${2:-$ISF}" -f "$1" -o json info > "$TMP/info.json" 2> "$TMP/err"
    grep "warning:" "$TMP/err" > "$TMP/warn"
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[0]; print(r['profile'], r['profile_choice'], r['profile_reason'], sep='|')" "$TMP/info.json"
}
from_cache() { grep -q "symbol choice: from the per-capture cache" "$TMP/err" && ! grep -q "symbol index:" "$TMP/err"; }
made_and_written() { grep -q "symbol choice: made from the $1; written to the per-capture cache" "$TMP/err"; }

# The dumps' facts (as tests/cli/info.sh checks them): rizin's x64 dump
# matches 19041.804's table by its kernel addresses; the five 102622
# dumps name no GUID, match no table, and fall back to a 19041 table.
expected() {   # DUMP "PROFILE|CHOICE|REASON"
    case $(basename "$1") in
    rizin-triage_x64.dmp)
        case $2 in "ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1|kernel symbol addresses match|"*) return 0 ;; esac ;;
    102622-*)
        case $2 in ntkrnlmp.pdb/*"|same-build fallback|no symbol table matches this kernel exactly"*", same build 19041,"*)
            return 0 ;; esac ;;
    esac
    return 1
}

# The index is built once for the directory (not what this test is about).
"$EPROC" -s "$ISF" -f "$SHARED/kernel-triage/rizin-triage_x64.dmp" info > /dev/null 2>&1
for dump in "$SHARED"/kernel-triage/rizin-triage_x64.dmp "$SHARED"/kernel-triage/102622-*.dmp; do
    name=$(basename "$dump")
    rm -f "$CACHE"/choice-*
    first=$(choice_of "$dump")
    cp "$TMP/warn" "$TMP/warn1"
    # without any cache (each such run reads all 43 tables: two dumps only)
    nocache=$first
    cp "$TMP/warn1" "$TMP/warn0"
    case $name in rizin-triage_x64.dmp|102622-12000-01.dmp)
        nocache=$(XDG_CACHE_HOME=/nonexistent/cache "$EPROC" -s "$ISF" -f "$dump" -o json info 2> "$TMP/warn0" |
                  python3 -c "import json,sys; r=json.load(sys.stdin)[0]; print(r['profile'], r['profile_choice'], r['profile_reason'], sep='|')") ;;
    esac
    expect "$name: first run chooses from the index as without any cache, the expected table, and caches the choice" \
        'expected "$dump" "$first" && [ "$first" = "$nocache" ] && cmp -s "$TMP/warn0" "$TMP/warn1" && made_and_written "symbol index" && ls "$CACHE"/choice-* > /dev/null'
    # The index damaged: a repeated run must not even look at it.
    idx=$(ls "$CACHE"/symindex-* | head -1)
    cp "$idx" "$TMP/good-index"
    echo junk > "$idx"
    again=$(choice_of "$dump")
    expect "$name: repeated run takes the choice from the cache, without the index: same choice, reason and warnings" \
        '[ "$again" = "$first" ] && cmp -s "$TMP/warn" "$TMP/warn1" && from_cache && [ "$(cat "$idx")" = junk ]'
    cp "$TMP/good-index" "$idx"
done

# A forged machine (forge --profile), as a crash dump: its kernel names
# its PDB GUID, so the full directory gives an exact choice; a directory
# without that table gives a same-build fallback through the index.
if "$EPROC" -s "$ISF" forge --profile 19041.1288 --format crashdump --seed 7 -o "$TMP/forged.dmp" > /dev/null 2> "$TMP/forge.err"; then
    first=$(choice_of "$TMP/forged.dmp")
    cp "$TMP/warn" "$TMP/warn1"
    again=$(choice_of "$TMP/forged.dmp")
    expect "forged 19041.1288 dump: exact GUID choice, the same from the cache" \
        'case $first in "ntkrnlmp.pdb/CA8E2F01B822EDE6357898BFBF862997-1|exact PDB GUID match|"*) true ;; *) false ;; esac && [ "$again" = "$first" ] && cmp -s "$TMP/warn" "$TMP/warn1" && from_cache'
    mkdir -p "$TMP/two/windows/ntkrnlmp.pdb"
    cp "$ISF/BUILDS.txt" "$TMP/two/"
    for t in 5278AFF86C341677D7D7835C85B7B844-1 3789767E34B7A48A3FC80CE12DE18E65-1; do
        cp "$ISF/windows/ntkrnlmp.pdb/$t.json.xz" "$TMP/two/windows/ntkrnlmp.pdb/"
    done
    first=$(choice_of "$TMP/forged.dmp" "$TMP/two")
    cp "$TMP/warn" "$TMP/warn1"
    again=$(choice_of "$TMP/forged.dmp" "$TMP/two")
    expect "forged dump, its table absent: same-build fallback with its warning, the same from the cache" \
        'case $first in *"|same-build fallback|no symbol table matches this kernel exactly (it needs ntkrnlmp.pdb/CA8E2F01B822EDE6357898BFBF862997-1)"*) true ;; *) false ;; esac && [ -s "$TMP/warn1" ] && [ "$again" = "$first" ] && cmp -s "$TMP/warn" "$TMP/warn1" && from_cache'
else
    fail "forge --profile 19041.1288 --format crashdump ($(head -1 "$TMP/forge.err"))"
fi

# --- a damaged or forged choice cache ---
# On copies of two dumps (touched later) and a private directory of three
# tables (changed later), where they choose as with all 43: rizin's dump
# 19041.804's table by its addresses, 102622-12000-01 a 19041 fallback.
cp "$SHARED/kernel-triage/rizin-triage_x64.dmp" "$TMP/rizin.dmp"
cp "$SHARED/kernel-triage/102622-12000-01.dmp" "$TMP/fallback.dmp"
SYMS=$TMP/three
mkdir -p "$SYMS/windows/ntkrnlmp.pdb"
cp "$ISF/BUILDS.txt" "$SYMS/"
for t in 5278AFF86C341677D7D7835C85B7B844-1 3789767E34B7A48A3FC80CE12DE18E65-1 06564D3477822C7D97F04852CBD5AFD6-1; do
    cp "$ISF/windows/ntkrnlmp.pdb/$t.json.xz" "$SYMS/windows/ntkrnlmp.pdb/"
done
rm -f "$CACHE"/choice-*
want_match=$(choice_of "$TMP/rizin.dmp" "$SYMS")
match_file=$(ls "$CACHE"/choice-*)
cp "$match_file" "$TMP/good-match"
want_fallback=$(choice_of "$TMP/fallback.dmp" "$SYMS")
cp "$TMP/warn" "$TMP/warn-fallback"
fallback_file=$(ls -t "$CACHE"/choice-* | head -1)
cp "$fallback_file" "$TMP/good-fallback"
expect "the three-table directory chooses as the full one" \
    'expected "$SHARED/kernel-triage/rizin-triage_x64.dmp" "$want_match" && expected "$SHARED/kernel-triage/102622-12000-01.dmp" "$want_fallback" && [ "$match_file" != "$fallback_file" ]'

# damage LABEL DUMP WANT GOOD FILE PYTHON-EXPRESSION-ON-b [RESEAL]: the
# damaged file gives the right choice again, said in -v, and is rewritten
# as it was.  With RESEAL the checksum is made valid again (a forgery).
damage() {
    label=$1; dump=$2; want=$3; good=$4; file=$5
    cp "$good" "$file"
    python3 - "$file" "$6" "${7:-}" <<'PY'
import hashlib, sys
p, expr, reseal = sys.argv[1:4]
b = open(p, 'rb').read()
b = eval(expr)
if reseal:
    body = b[:b.rindex(b'sum ')]
    b = body + b'sum ' + hashlib.sha256(body).hexdigest().encode() + b'\n'
open(p, 'wb').write(b)
PY
    got=$(choice_of "$dump" "$SYMS")
    expect "choice cache $label: same choice, chosen again, cache rewritten" \
        '[ "$got" = "$want" ] && ! from_cache && made_and_written "symbol index" && cmp -s "$file" "$good"'
}
damage "truncated" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" "b[:len(b) // 2]"
damage "empty" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" "b''"
damage "with a flipped byte in its reason" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" \
    "b.replace(b'reason all', b'reason alm', 1)"
damage "with a wrong checksum" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" \
    "b[:-10] + (b'0' if b[-10:-9] != b'0' else b'1') + b[-9:]"
damage "without its checksum line" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" \
    "b[:b.rindex(b'sum ')]"
damage "from another version" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" \
    "b.replace(b'eproc-choice 1', b'eproc-choice 9', 1)" reseal
damage "with a control byte in its reason (valid checksum)" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" \
    "$match_file" "b.replace(b'reason all', b'reason \\x1b[2Jall', 1)" reseal
damage "with a line too many (valid checksum)" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" \
    "b.replace(b'\\nreason ', b'\\ncounts 1 1 1\\nreason ', 1)" reseal
damage "with a count with a leading zero (valid checksum)" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" \
    "$match_file" "b.replace(b'counts 27', b'counts 027', 1)" reseal

# Forgeries under a valid checksum: well-formed, but the table loaded in
# full contradicts them.  Each is dropped and the choice made again.
forged() {
    damage "$@" reseal
    expect "  ... and -v said the forged cache was dropped" \
        'grep -q "symbol choice: the per-capture cache .* disagreed with the capture or the table it names: dropped, chosen again" "$TMP/err"'
}
identity() { python3 -c "import os,sys; p=os.path.realpath(sys.argv[1]); s=os.stat(p); print(s.st_dev, s.st_ino, s.st_size, '%d.%09d' % divmod(s.st_mtime_ns, 10**9), '%d.%09d' % divmod(s.st_ctime_ns, 10**9), p)" "$1"; }
other_id=$(identity "$SYMS/windows/ntkrnlmp.pdb/06564D3477822C7D97F04852CBD5AFD6-1.json.xz")
forged "naming another table of the directory (its real identity)" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" \
    "$match_file" "b[:b.index(b'\\ntable ') + 7] + b'$other_id' + b[b.index(b'\\n', b.index(b'\\ntable ') + 1):]"
outside_id=$(identity "$ISF/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz")
forged "naming the right table, but outside the directory" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" \
    "$match_file" "b[:b.index(b'\\ntable ') + 7] + b'$outside_id' + b[b.index(b'\\n', b.index(b'\\ntable ') + 1):]"
forged "calling a match a fallback" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" \
    "b.replace(b'\\nkind 2\\n', b'\\nkind 3\\n', 1)"
forged "calling a match an exact GUID match" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" "$match_file" \
    "b.replace(b'\\nkind 2\\n', b'\\nkind 1\\n', 1)"
forged "with other counts and the reason to go with them" "$TMP/rizin.dmp" "$want_match" "$TMP/good-match" \
    "$match_file" "b.replace(b'counts 27 0', b'counts 28 0', 1).replace(b'reason all 27', b'reason all 28', 1)"
forged "of a fallback without its warning" "$TMP/fallback.dmp" "$want_fallback" "$TMP/good-fallback" \
    "$fallback_file" "b[:b.index(b'\\nwarn ') + 1] + b[b.rindex(b'sum '):]"
forged "of a fallback with other counts" "$TMP/fallback.dmp" "$want_fallback" "$TMP/good-fallback" \
    "$fallback_file" "b.replace(b'counts 10 17', b'counts 11 16', 1).replace(b'agrees on 10 and disagrees on 17', b'agrees on 11 and disagrees on 16')"
expect "  ... the fallback's warning is said once, as on the first run" 'cmp -s "$TMP/warn" "$TMP/warn-fallback"'

# Stale: the capture, the chosen table or the symbol directory changed.
stale_then_cached() {   # LABEL DUMP SYMDIR WANT
    want=$4
    got=$(choice_of "$2" "$3")
    expect "$1: chosen again (the cache was stale), same choice" \
        '[ "$got" = "$want" ] && ! from_cache && grep -q "written to the per-capture cache .* (it was stale or corrupt)" "$TMP/err"'
    got=$(choice_of "$2" "$3")
    expect "$1: the rewritten cache is used on the next run" '[ "$got" = "$want" ] && from_cache'
}
touch -d '2001-01-01' "$TMP/rizin.dmp"
stale_then_cached "capture touched" "$TMP/rizin.dmp" "$SYMS" "$want_match"
cp "$SHARED/kernel-triage/rizin-triage_x64.dmp" "$TMP/rizin.new"
mv "$TMP/rizin.new" "$TMP/rizin.dmp"
stale_then_cached "capture replaced by a copy" "$TMP/rizin.dmp" "$SYMS" "$want_match"
touch "$SYMS/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz"
stale_then_cached "the chosen table touched" "$TMP/rizin.dmp" "$SYMS" "$want_match"
touch "$SYMS/windows/ntkrnlmp.pdb/3789767E34B7A48A3FC80CE12DE18E65-1.json.xz"
stale_then_cached "another table of the directory touched" "$TMP/rizin.dmp" "$SYMS" "$want_match"
cp "$ISF/windows/ntkrnlmp.pdb/C2EADB24A615E9472CE47C8ADD31F130-1.json.xz" "$SYMS/windows/ntkrnlmp.pdb/"
stale_then_cached "a table added to the directory" "$TMP/rizin.dmp" "$SYMS" "$want_match"
rm "$SYMS/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz"
got=$(choice_of "$TMP/rizin.dmp" "$SYMS")
expect "the chosen table removed: another choice (a fallback), not the cached one" \
    'case $got in *"|same-build fallback|"*) true ;; *) false ;; esac && ! from_cache'

# Many captures: the cache keeps at most 64 choice files.
mkdir -p "$TMP/caps"
i=0
while [ $i -lt 66 ]; do
    cp "$TMP/fallback.dmp" "$TMP/caps/c$i.dmp"
    "$EPROC" -s "$SYMS" -f "$TMP/caps/c$i.dmp" info > /dev/null 2>&1
    i=$((i + 1))
done
expect "66 captures seen: at most 64 choice files kept" '[ "$(ls "$CACHE" | grep -c "^choice-")" -le 64 ]'
