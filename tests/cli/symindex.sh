#!/bin/sh
# The symbol-directory index and its cache (issue 15 item 3,
# src/symbols/symindex.h): the profile chosen for each kernel triage dump
# is the same without the cache, with it, and after the cache was
# damaged in every way we can think of; a damaged cache is rebuilt, and a
# cache whose checksum holds but whose entry for the chosen table lies is
# caught when that table is loaded.  Timings are in bench/, not here.
. tests/lib.sh

need_shared "symbol index on the kernel triage dumps" || exit 0
ISF=$SHARED/isf
CACHE=$XDG_CACHE_HOME/eproc

profile_of() {   # DUMP: the Profile row of info, with -v's index line in $TMP/err
    # without the per-capture choice cache (tests/cli/choicecache.sh), which
    # would spare a repeated run the index this test is about
    rm -f "$CACHE"/choice-*
    "$EPROC" -v -s "$ISF" -f "$1" -o json info > "$TMP/info.json" 2> "$TMP/err"
    python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[0]; print(r['profile'], r['profile_choice'])" "$TMP/info.json"
}

DUMPS="$SHARED/kernel-triage/rizin-triage_x64.dmp $SHARED/kernel-triage/102622-12000-01.dmp"
for dump in $DUMPS; do
    name=$(basename "$dump")
    rm -rf "$CACHE"
    want=$(XDG_CACHE_HOME=/nonexistent/cache "$EPROC" -s "$ISF" -f "$dump" -o json info 2>/dev/null |
           python3 -c "import json,sys; r=json.load(sys.stdin)[0]; print(r['profile'], r['profile_choice'])")
    got=$(profile_of "$dump")
    expect "$name: the first run builds the index and chooses as without a cache ($want)" \
        '[ -n "$want" ] && [ "$got" = "$want" ] && grep -q "symbol index: 0 tables from the cache, 43 read" "$TMP/err" && ls "$CACHE"/symindex-* > /dev/null'
    got=$(profile_of "$dump")
    expect "$name: the second run reads no table and chooses the same" \
        '[ "$got" = "$want" ] && grep -q "symbol index: 43 tables from the cache, 0 read$" "$TMP/err"'
done

dump=$SHARED/kernel-triage/rizin-triage_x64.dmp
want=$(profile_of "$dump")
idx=$(ls "$CACHE"/symindex-* | head -1)
cp "$idx" "$TMP/good-index"

damage() {   # DESCRIPTION PYTHON-EXPRESSION-ON-b (the cache's bytes)
    cp "$TMP/good-index" "$idx"
    python3 -c "import sys; p=sys.argv[1]; b=open(p,'rb').read(); b=$2; open(p,'wb').write(b)" "$idx"
    got=$(profile_of "$dump")
    expect "cache $1: rebuilt, same choice" \
        '[ "$got" = "$want" ] && grep -q "43 read (the cache was stale or corrupt: rebuilt)" "$TMP/err" && cmp -s "$idx" "$TMP/good-index"'
}
damage "with one flipped byte in an address" "b.replace(b'\nS ', b'\nS \x01', 1)"
damage "truncated" "b[:len(b)//2]"
damage "empty" "b''"
damage "of random bytes" "bytes((i * 151 + 7) % 256 for i in range(len(b)))"
damage "without its checksum line" "b[:b.rindex(b'sum ')]"
damage "from another version" "b.replace(b'eproc-symindex 1', b'eproc-symindex 9', 1)"

# A cache with a valid checksum whose entry for the right table claims
# other addresses: the index now points elsewhere or nowhere; whatever it
# picks is loaded in full and checked against its entry.  Swapping the
# right table's facts with another table's makes that other table look
# right: its full load disagrees with the entry, the cache is dropped and
# the choice made again from the tables.
cp "$TMP/good-index" "$idx"
python3 - "$idx" <<'PY'
import hashlib, sys
p = sys.argv[1]
lines = open(p, 'rb').read().split(b'\n')[:-2]        # without the sum line
entries, cur = [], None
for l in lines[1:]:
    if l.startswith(b'F '):
        cur = [l, []]
        entries.append(cur)
    else:
        cur[1].append(l)
right = next(e for e in entries if b'5278AFF86C341677D7D7835C85B7B844' in e[0])
other = next(e for e in entries if b'5278AFF86C341677D7D7835C85B7B844' not in e[0] and e[1][0].startswith(b'M '))
right[1], other[1] = other[1], right[1]
body = b'\n'.join([lines[0]] + [x for e in entries for x in [e[0]] + e[1]]) + b'\n'
open(p, 'wb').write(body + b'sum ' + hashlib.sha256(body).hexdigest().encode() + b'\n')
PY
got=$(profile_of "$dump")
expect "cache with a valid checksum and swapped entries: caught when the table is loaded, same choice" \
    '[ "$got" = "$want" ] && grep -q "the cache disagreed with the chosen table; rebuilt" "$TMP/err"'
got=$(profile_of "$dump")
expect "after that, the rebuilt cache is used again" \
    '[ "$got" = "$want" ] && grep -q "43 tables from the cache, 0 read$" "$TMP/err"'

# A table that changes (size or time) is read again, the others are not.
mkdir -p "$TMP/isf/windows/ntkrnlmp.pdb"
for f in "$ISF"/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz "$ISF"/windows/ntkrnlmp.pdb/06564D3477822C7D97F04852CBD5AFD6-1.json.xz; do
    cp "$f" "$TMP/isf/windows/ntkrnlmp.pdb/"
done
run "$EPROC" -v -s "$TMP/isf" -f "$dump" info
touch -d '2001-01-01' "$TMP/isf/windows/ntkrnlmp.pdb/06564D3477822C7D97F04852CBD5AFD6-1.json.xz"
run "$EPROC" -v -s "$TMP/isf" -f "$dump" info
expect "a table whose mtime changed is read again, the other comes from the cache" \
    '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "symbol index: 1 tables from the cache, 1 read"'

# The cache directory cannot be made: eproc still chooses, exit 0.
run env XDG_CACHE_HOME=/proc/eproc-cannot-write "$EPROC" -s "$ISF" -f "$dump" -o json info
expect "unwritable cache directory: same choice, nothing said" \
    '[ "$RC" -eq 0 ] && [ -z "$ERR" ] && python3 -c "import json,sys; r=json.load(open(sys.argv[1]))[0]; sys.exit(0 if r[\"profile\"]+\" \"+r[\"profile_choice\"]==sys.argv[2] else 1)" "$TMP/out" "$want"'

# The cache of parsed tables (src/symbols/isf_cache.h): the chosen table's
# model is read from its cached copy on the next run, the same choice and
# the same output as parsing it; a damaged, truncated, foreign or stale
# copy is parsed again and rewritten, byte for byte as before.
rm -rf "$CACHE"
run "$EPROC" -v -s "$ISF" -f "$dump" -o json info
first_out=$OUT
expect "first run: the chosen table is parsed and a copy cached" \
    '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "5278AFF86C341677D7D7835C85B7B844-1.json.xz: parsed (no cached copy)" && ls "$CACHE"/isfmodel-* > /dev/null'
run "$EPROC" -v -s "$ISF" -f "$dump" -o json info
expect "second run: the model comes from the cache, same output" \
    '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "5278AFF86C341677D7D7835C85B7B844-1.json.xz: read from the cache of parsed tables" && [ "$OUT" = "$first_out" ]'
model=$(ls "$CACHE"/isfmodel-* | head -1)
cp "$model" "$TMP/good-model"
damage_model() {   # DESCRIPTION PYTHON-EXPRESSION-ON-b (the copy's bytes)
    cp "$TMP/good-model" "$model"
    python3 -c "import sys; p=sys.argv[1]; b=open(p,'rb').read(); b=$2; open(p,'wb').write(b)" "$model"
    run "$EPROC" -v -s "$ISF" -f "$dump" -o json info
    expect "model copy $1: parsed again, same output, copy rewritten" \
        '[ "$RC" -eq 0 ] && [ "$OUT" = "$first_out" ] && echo "$ERR" | grep -q "parsed (its cached copy was stale or corrupt: rewritten)" && cmp -s "$model" "$TMP/good-model"'
}
damage_model "with one flipped byte" "b[:len(b)//2] + bytes([b[len(b)//2] ^ 1]) + b[len(b)//2 + 1:]"
damage_model "truncated" "b[:len(b)//3]"
damage_model "empty" "b''"
damage_model "of random bytes" "bytes((i * 151 + 7) % 256 for i in range(len(b)))"
damage_model "with a trailing byte" "b + b'x'"
damage_model "from another version" "b.replace(b'eproc-isfmodel 1', b'eproc-isfmodel 9', 1)"
# A well-formed copy with a valid checksum made for another file (another
# key) is not used either.
cp "$TMP/good-model" "$model"
python3 - "$model" <<'PY'
import hashlib, sys
p = sys.argv[1]
b = open(p, 'rb').read()[:-64]
i = b.index(b'5278AFF86C341677D7D7835C85B7B844-1.json.xz')       # in the key
b = b[:i] + b'5278AFF86C341677D7D7835C85B7B845' + b[i + 32:]
open(p, 'wb').write(b + hashlib.sha256(b).hexdigest().encode())
PY
run "$EPROC" -v -s "$ISF" -f "$dump" -o json info
expect "model copy whose key names another file: parsed again, same output" \
    '[ "$RC" -eq 0 ] && [ "$OUT" = "$first_out" ] && echo "$ERR" | grep -q "stale or corrupt: rewritten" && cmp -s "$model" "$TMP/good-model"'
# The table itself changes (its change time moves): parsed again.
mkdir -p "$TMP/one/windows/ntkrnlmp.pdb"
cp "$ISF"/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz "$TMP/one/windows/ntkrnlmp.pdb/"
run "$EPROC" -v -s "$TMP/one" -f "$dump" info
run "$EPROC" -v -s "$TMP/one" -f "$dump" info
expect "a copied table: cached once, then read from the cache" \
    '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "read from the cache of parsed tables"'
touch "$TMP/one/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz"
run "$EPROC" -v -s "$TMP/one" -f "$dump" info
expect "a table touched since its copy was made: parsed again" \
    '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "stale or corrupt: rewritten"'
# -s FILE goes through the same cache.
run "$EPROC" -v -s "$TMP/one/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz" -f "$dump" info
expect "-s FILE: the table's cached copy is used" \
    '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "read from the cache of parsed tables"'
