#!/bin/sh
# kobject.c under a hostile symbol table (issue 12, hostile input): the
# image is a well-formed forged machine, the symbol table (-s) is its own
# with one offset moved out of the structure it describes.  Key names come
# from _CM_NAME_CONTROL_BLOCK: a NameLength placed past the header eproc
# reads (4 KiB on) once made kcb_name read 2 bytes beyond a 64-byte stack
# buffer (an ASan report under make test-sanitize, a garbage name length
# otherwise).  Now the key names are empty, every other handle is still
# named, and the command exits 0.
. tests/lib.sh

IMG=$TMP/default.raw
if ! "$EPROC" forge examples/default.json -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge default ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
# hostile FIELD=OFFSET...: the image's symbol table with the fields moved.
hostile() {
    out=$1; shift
    python3 - "$IMG.symbols" "$out" "$@" <<'PY'
import json, lzma, os, sys
src, out = sys.argv[1:3]
path = [os.path.join(d, f) for d, _, fs in os.walk(src) for f in fs if f.endswith('.json.xz')][0]
isf = json.load(lzma.open(path))
for spec in sys.argv[3:]:
    field, off = spec.split('=')
    t, f = field.split('.')
    isf['user_types'][t]['fields'][f]['offset'] = int(off, 0)
json.dump(isf, open(out, 'w'))
PY
}

run "$EPROC" -o json -f "$IMG" handles --type Key
expect "control: Key handles are named with the image's own symbols" \
    '[ "$RC" -eq 0 ] && grep -q "REGISTRY" "$TMP/out"'
for spec in "_CM_NAME_CONTROL_BLOCK.NameLength=0x1000" "_CM_NAME_CONTROL_BLOCK.NameLength=0x3f" \
            "_CM_NAME_CONTROL_BLOCK.Name=0x4000"; do
    hostile "$TMP/hostile.json" "$spec" || { fail "write the hostile symbol table $spec"; continue; }
    run "$EPROC" -o json -s "$TMP/hostile.json" -f "$IMG" handles
    expect "$spec: handles exits 0, no Key handle named, the others still are, no sanitizer report" \
        '[ "$RC" -eq 0 ] && no_sanitizer_report && python3 -c "
import json, sys
rows = json.load(open(sys.argv[1]))
keys = [r for r in rows if r[\"type\"] == \"Key\"]
named = [r for r in rows if r[\"type\"] == \"Mutant\" and r[\"name\"]]
assert keys and all(not r[\"name\"] for r in keys), keys[:2]
assert named, \"no named Mutant\"
" "$TMP/out"'
done
