#!/bin/sh
# Output a terminal or a spreadsheet cannot be steered by, and JSON that
# keeps every byte (issue 10 item 2, docs/output.md).  A forged machine
# whose process names hold a C0 escape and spreadsheet formulas, whose
# image paths (UTF-16, so any character) hold the 8-bit CSI U+009B, a bidi
# override and isolate and (patched into the image) a lone surrogate, and
# an ImageFileName patched to ANSI bytes; each output format is checked
# byte by byte.  ImageFileName is Windows-1252 (docs/decisions.md), so
# characters that code page lacks cannot be in it: they go in the path.
. tests/lib.sh

cat > "$TMP/hostile.json" <<'JSON'
{ "machine": { "memory": "128M", "seed": 5 },
  "processes": [
    { "name": "System", "pid": 4, "create_time": 0, "threads": 2 },
    { "name": "a\u001b[31mred", "pid": 1100, "ppid": 4 },
    { "name": "b.exe", "pid": 1004, "ppid": 4, "image": "C:\\b\u009b31mx" },
    { "name": "c.exe", "pid": 1008, "ppid": 4, "image": "C:\\c\u202eexe.txt" },
    { "name": "=HYPERLINK(1)", "pid": 1012, "ppid": 4 },
    { "name": "-2+3", "pid": 1016, "ppid": 4 },
    { "name": "@SUM(1)", "pid": 1020, "ppid": 4 },
    { "name": "+x.exe", "pid": 1040, "ppid": 4 },
    { "name": "qqbadnameqq", "pid": 1028, "ppid": 4, "image": "C:\\qqbadpathqq" },
    { "name": "d\\x1b", "pid": 1032, "ppid": 4 },
    { "name": "e.exe", "pid": 1036, "ppid": 4, "image": "C:\\e\u2066iso" }
  ] }
JSON
IMG=$TMP/hostile.raw
if ! "$EPROC" forge "$TMP/hostile.json" -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge the hostile-names machine ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
# ImageFileName "qqbadnameqq" becomes "qq" ff fe 80 81 "ameqq": ANSI bytes
# (0x81 is one of the five Windows-1252 leaves undefined: U+0081, a C1
# control); the UTF-16 path "qqbadpathqq" gets a lone surrogate, D800, for
# its "b": not UTF-8 once converted.
python3 - "$IMG" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
for old, new in ((b'qqbadnameqq\0', b'qq\xff\xfe\x80\x81ameqq\0'),
                 ('qqbadpathqq'.encode('utf-16-le'), b'q\0q\0\x00\xd8' + 'adpathqq'.encode('utf-16-le'))):
    n = d.count(old)
    assert n >= 1, (old, n)
    d = d.replace(old, new)
open(sys.argv[1], 'wb').write(d)
PY

# bytes_absent FILE: none of the steering sequences reach the output raw.
steer_free() {
    python3 - "$1" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
bad = [b'\x1b', b'\xc2\x9b', b'\xe2\x80\xae', b'\xe2\x81\xa6', b'\xff', b'\xfe']
found = [b for b in bad if b in d]
sys.exit(1 if found else 0)
PY
}

for fmt in text csv; do
    run "$EPROC" -f "$IMG" -o $fmt pslist
    expect "$fmt: pslist exits 0" '[ "$RC" -eq 0 ]'
    expect "$fmt: no ESC, 8-bit CSI, bidi override/isolate or non-UTF-8 byte reaches the output" 'steer_free "$TMP/out"'
    expect "$fmt: shown escaped (\\x1b, \\u009b, \\u202e, \\u2066, \\xed\\xa0\\x80; ANSI \\x81 as \\u0081)" \
        'grep -qF "a\\x1b[31mred" "$TMP/out" && grep -qF "b\\u009b31mx" "$TMP/out" && grep -qF "c\\u202eexe.txt" "$TMP/out" && grep -qF "e\\u2066iso" "$TMP/out" && grep -qF "qq\\xed\\xa0\\x80adpathqq" "$TMP/out" && grep -qF "qqÿþ€\\u0081ameqq" "$TMP/out"'
done

# CSV: formula cells get a leading apostrophe; plain names do not; numbers stay numbers.
run "$EPROC" -f "$IMG" -o csv pslist
expect "csv: cells starting with = - @ + are neutralised with a leading apostrophe" \
    'grep -q "^[^,]*,[^,]*,'"'"'=HYPERLINK(1),1012," "$TMP/out" && grep -q ",'"'"'-2+3,1016," "$TMP/out" && grep -q ",'"'"'@SUM(1),1020," "$TMP/out" && grep -q ",'"'"'+x.exe,1040," "$TMP/out"'
expect "csv: ordinary names and numeric cells are left alone" \
    'grep -q ",System,4,0," "$TMP/out" && ! grep -q ",'"'"'System," "$TMP/out"'

# JSON: the exact characters, and the exact bytes where they are not UTF-8.
run "$EPROC" -f "$IMG" -o json pslist
expect "json: names round-trip exactly; a literal backslash stays distinct from ESC" 'python3 - "$TMP/out" <<'"'"'PY'"'"'
import json, sys
rows = {r["pid"]: r for r in json.load(open(sys.argv[1]))}
assert rows[1100]["name"] == "a\x1b[31mred", rows[1100]
assert rows[1004]["path"].endswith("\\b\x9b31mx"), rows[1004]
assert rows[1008]["path"].endswith("\\c\u202eexe.txt")
assert rows[1028]["name"] == "qq\xff\xfe\u20ac\x81ameqq"   # ImageFileName: Windows-1252, every byte a character
assert rows[1012]["name"] == "=HYPERLINK(1)"        # raw value, not neutralised
assert rows[1032]["name"] == "d\\x1b"               # four characters, not ESC
assert "name_hex" not in rows[1100]
PY'
expect "json: bytes that are not UTF-8 are U+FFFD in path and exact in path_hex" 'python3 - "$TMP/out" <<'"'"'PY'"'"'
import json, sys
rows = {r["pid"]: r for r in json.load(open(sys.argv[1]))}
r = rows[1028]
assert r["path"].endswith("\\qq\ufffd\ufffd\ufffdadpathqq"), r
assert bytes.fromhex(r["path_hex"]).endswith(b"\\qq\xed\xa0\x80adpathqq"), r
assert "name_hex" not in r, r
PY'
run "$EPROC" -f "$IMG" -o jsonl pslist
expect "jsonl: every line is JSON and ASCII" 'python3 -c "
import json, sys
for l in open(sys.argv[1], \"rb\"):
    l.decode(\"ascii\"); json.loads(l)
" "$TMP/out"'
