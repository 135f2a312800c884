#!/bin/sh
# Safe output paths (issue 10 item 5, src/base/safe_file.h): the forge's
# image, IMAGE.truth.json and IMAGE.symbols/ are created without following
# symbolic links, existing outputs are refused unless --force, and a path
# that does not fit PATH_MAX is refused with one line instead of cut.
. tests/lib.sh

D=$TMP/o
mkdir -p "$D"
forge() { run timeout 120 "$EPROC" forge --memory 128M "$@"; }
nlines() { printf '%s\n' "$1" | grep -c .; }

# ---- a symbolic link at -o ----
echo "precious" > "$D/target"
ln -s "$D/target" "$D/link.raw"
forge -o "$D/link.raw"
expect "-o naming a symbolic link: refused (exit 2, one line), its target untouched" \
    '[ "$RC" -eq 2 ] && [ "$(nlines "$ERR")" -eq 1 ] && echo "$ERR" | grep -q "link.raw: is a symbolic link" && [ "$(cat "$D/target")" = precious ] && [ -L "$D/link.raw" ] && [ ! -e "$D/link.raw.truth.json" ]'
forge -o "$D/link.raw" --force
expect "-o naming a symbolic link with --force: still refused, target untouched" \
    '[ "$RC" -eq 2 ] && [ "$(cat "$D/target")" = precious ] && [ -L "$D/link.raw" ]'

# ---- a planted IMAGE.symbols link and IMAGE.truth.json link ----
mkdir "$D/elsewhere"
ln -s "$D/elsewhere" "$D/img.raw.symbols"
forge -o "$D/img.raw"
expect "a planted IMAGE.symbols symlink: refused before anything is written" \
    '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "img.raw.symbols: is a symbolic link" && [ -z "$(ls "$D/elsewhere")" ] && [ ! -e "$D/img.raw" ]'
forge -o "$D/img.raw" --force
expect "a planted IMAGE.symbols symlink with --force: refused, the other directory stays empty" \
    '[ "$RC" -eq 2 ] && [ -z "$(ls "$D/elsewhere")" ]'
rm "$D/img.raw.symbols"
ln -s "$D/target" "$D/t.raw.truth.json"
forge -o "$D/t.raw" --force
expect "a planted IMAGE.truth.json symlink: refused, its target untouched" \
    '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "t.raw.truth.json: is a symbolic link" && [ "$(cat "$D/target")" = precious ]'

# ---- existing outputs: refused, then replaced with --force ----
forge --no-symbols --seed 1 -o "$D/a.raw"
expect "first forge into a fresh path: exit 0" '[ "$RC" -eq 0 ] && [ -s "$D/a.raw" ] && [ ! -e "$D/a.raw.symbols" ]'
cp "$D/a.raw.truth.json" "$TMP/truth1.json"
forge --no-symbols --seed 2 -o "$D/a.raw"
expect "an existing image without --force: refused (exit 2, one line), nothing changed" \
    '[ "$RC" -eq 2 ] && [ "$(nlines "$ERR")" -eq 1 ] && echo "$ERR" | grep -q "a.raw: already exists (use --force to replace it)" && cmp -s "$D/a.raw.truth.json" "$TMP/truth1.json"'
forge --seed 2 -o "$D/a.raw" --force
expect "with --force: image and truth replaced (the new seed), symbols written" \
    '[ "$RC" -eq 0 ] && python3 -c "import json,sys; assert json.load(open(sys.argv[1]))[\"seed\"] == 2" "$D/a.raw.truth.json" && ls "$D"/a.raw.symbols/windows/ntkrnlmp.pdb/*.json.xz > /dev/null'
ls -l "$D"/a.raw.symbols/windows/ntkrnlmp.pdb/ > "$TMP/sym1"
forge --seed 3 -o "$D/a.raw" --force
expect "--force again: an existing IMAGE.symbols/ is reused and its table replaced" \
    '[ "$RC" -eq 0 ] && [ "$(ls "$D"/a.raw.symbols/windows/ntkrnlmp.pdb/ | wc -l)" -eq 1 ]'
rm -r "$D/a.raw.symbols/windows/ntkrnlmp.pdb"
ln -s "$D/elsewhere" "$D/a.raw.symbols/windows/ntkrnlmp.pdb"
forge --seed 3 -o "$D/a.raw" --force
expect "a link planted inside IMAGE.symbols/: not followed, even with --force" \
    '[ "$RC" -eq 3 ] && [ "$(nlines "$ERR")" -eq 1 ] && [ -z "$(ls "$D/elsewhere")" ]'

# ---- paths that do not fit ----
# 19 directories of 200 bytes under $D, made once.
deep=$D
for i in $(seq 19); do deep=$deep/$(printf '%0200d' 0); done
mkdir -p "$deep"
# An image path that fits (4,080-odd bytes) whose truth file would not:
# it used to be written as IMAGE.truth.jso.
n=$((4090 - ${#deep} - 1))
img=$deep/$(printf "%0${n}d" 0)
forge --no-symbols -o "$img"
expect "an image path of ${#img} bytes whose .truth.json would pass PATH_MAX: refused with one line, nothing written" \
    '[ "$RC" -eq 2 ] && [ "$(nlines "$ERR")" -eq 1 ] && echo "$ERR" | grep -q "longer than this system allows" && [ -z "$(ls "$deep")" ]'
img=$deep/$(printf '%0200d' 1)
forge -o "$img"
expect "an image path that fits but whose IMAGE.symbols/ file would not: refused, names --no-symbols" \
    '[ "$RC" -eq 2 ] && [ "$(nlines "$ERR")" -eq 1 ] && echo "$ERR" | grep -q "no-symbols" && [ -z "$(ls "$deep")" ]'
long=$deep/$(printf '%0250d' 2)
forge --no-symbols -o "$long"
expect "a ${#long}-byte -o path: refused with one line, nothing written" \
    '[ "$RC" -eq 2 ] && [ "$(nlines "$ERR")" -eq 1 ] && [ "${#long}" -ge 4095 ] && [ -z "$(ls "$deep")" ]'
forge --no-symbols -o "$D/$(printf '%0300d' 3)"
expect "a 300-byte file name: refused (NAME_MAX), one line" \
    '[ "$RC" -eq 2 ] && [ "$(nlines "$ERR")" -eq 1 ] && echo "$ERR" | grep -q "NAME_MAX"'
