#!/bin/sh
# Graceful degradation on broken captures (issue 6, item 4): truncated
# images, images shorter than their headers claim, runs past end of file,
# empty, unreadable and non-regular files, directories, wrong symbol files
# and smeared images (lists that loop or point into nowhere).  Each case
# asserts the exit code and the warning or the one error line; every run
# must also end in bounded time (timeout) and, in the sanitizer build,
# without a report.
. tests/lib.sh

MKFIXTURE=$(dirname "$EPROC")/mkfixture
if [ ! -x "$MKFIXTURE" ]; then
    fail "degrade: $MKFIXTURE missing (make $MKFIXTURE)"
    exit 0
fi
for k in raw full bitmap elf lime triage procs procs-full procs-cycle procs-selfloop procs-smeared pt-bomb; do
    "$MKFIXTURE" "$k" "$TMP/$k.img" > "$TMP/$k.facts" || fail "mkfixture $k"
done

# eprun ARGS...: eproc with a time limit (a hang is a failure, not a stall).
eprun() { run timeout 120 "$EPROC" "$@"; }

# error_case DESCRIPTION FILE PATTERN [ARGS...]: exit 3 and exactly one
# stderr line "eproc: FILE: ...PATTERN...".
error_case() {
    desc=$1; file=$2; pattern=$3; shift 3
    eprun "$@" -f "$file" info
    lines=$(printf '%s\n' "$ERR" | grep -c .)
    if [ "$RC" -eq 3 ] && [ "$lines" -eq 1 ] && printf '%s\n' "$ERR" | grep -q "^eproc: $file: .*$pattern" \
        && no_sanitizer_report; then
        ok "$desc: one error line, exit 3"
    else
        fail "$desc (rc=$RC, $lines lines: $ERR)"
    fi
}

# warn_case DESCRIPTION PATTERN COMMAND-ARGS...: exit 0, a warning matching
# PATTERN on stderr, and output (the partial result).
warn_case() {
    desc=$1; pattern=$2; shift 2
    eprun "$@"
    if [ "$RC" -eq 0 ] && printf '%s\n' "$ERR" | grep -q "^eproc: warning: .*$pattern" && [ -n "$OUT" ] \
        && no_sanitizer_report; then
        ok "$desc: warned, partial result, exit 0"
    else
        fail "$desc (rc=$RC: $ERR)"
    fi
}

# rows N: the text table has N data rows (plus its header line).
rows() { [ "$(printf '%s\n' "$OUT" | grep -c .)" -eq $(($1 + 1)) ]; }

# patch FILE OFFSET FORMAT VALUE...: overwrite little-endian fields.
patch() {
    python3 -c "import struct,sys; f=open(sys.argv[1],'r+b'); f.seek(int(sys.argv[2],0)); f.write(struct.pack(sys.argv[3], *[int(v,0) for v in sys.argv[4:]]))" "$@"
}

# ---- empty, unreadable, non-regular files, directories ----
: > "$TMP/empty.img"
error_case "zero-length file" "$TMP/empty.img" "empty file"
error_case "directory" "$TMP" "is a directory"
mkfifo "$TMP/fifo.img"
error_case "FIFO (would block a reader forever)" "$TMP/fifo.img" "not a regular file"
error_case "missing file" "$TMP/nope.img" "cannot open: No such file"
cp "$TMP/raw.img" "$TMP/noperm.img"
chmod 000 "$TMP/noperm.img"
if [ "$(id -u)" -ne 0 ]; then
    error_case "unreadable file (mode 000)" "$TMP/noperm.img" "cannot open: Permission denied"
elif command -v setpriv > /dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2> /dev/null \
    && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$EPROC"; then
    # Root reads any file: drop to nobody to get a real EACCES.
    run timeout 60 setpriv --reuid=65534 --regid=65534 --clear-groups "$EPROC" -f "$TMP/noperm.img" info
    if [ "$RC" -eq 3 ] && [ "$ERR" = "eproc: $TMP/noperm.img: cannot open: Permission denied" ]; then
        ok "unreadable file (mode 000, read as nobody): one error line, exit 3"
    else
        fail "unreadable file (rc=$RC: $ERR)"
    fi
else
    skip "unreadable file: running as root without setpriv to drop privileges"
fi

# ---- truncated images, images shorter than their header says ----
head -c 4000 "$TMP/full.img" > "$TMP/full-hdr.img"
error_case "crash dump cut inside its 8 KiB header" "$TMP/full-hdr.img" "truncated crash dump"
head -c 3000000 "$TMP/full.img" > "$TMP/full-cut.img"
warn_case "full crash dump cut in its data" "full-cut.img: the run at physical 0x0 ends past end of file (truncated capture?); 1202496 bytes missing" \
    -f "$TMP/full-cut.img" info
cp "$TMP/full.img" "$TMP/full-claims.img"
patch "$TMP/full-claims.img" 0x88 '<I' 2
patch "$TMP/full-claims.img" 0xa8 '<QQ' 0x10000 0x100
warn_case "full crash dump whose header claims a run the file lacks" \
    "full-claims.img: a run at physical 0x10000000 starts past end of file (truncated capture?); dropped" \
    -f "$TMP/full-claims.img" info
head -c 2500000 "$TMP/bitmap.img" > "$TMP/bitmap-cut.img"
warn_case "bitmap crash dump cut in its data" "bitmap-cut.img: the bitmap lists [0-9]* pages whose data lies past end of file" \
    -f "$TMP/bitmap-cut.img" info
head -c 100 "$TMP/elf.img" > "$TMP/elf-hdr.img"
error_case "ELF core cut inside its program headers" "$TMP/elf-hdr.img" "program header table runs past end of file"
head -c 3000000 "$TMP/elf.img" > "$TMP/elf-cut.img"
warn_case "ELF core cut in its data" "elf-cut.img: the run at physical 0x0 ends past end of file" -f "$TMP/elf-cut.img" info
cp "$TMP/elf.img" "$TMP/elf-beyond.img"
# The fixture's PT_NOTE (program header 0) becomes a PT_LOAD past the end.
patch "$TMP/elf-beyond.img" 64 '<IIQQQQQ' 1 0 0x7ffff0000 0 0x10000000 0x1000 0x1000
warn_case "ELF core with a segment past end of file" \
    "elf-beyond.img: a run at physical 0x10000000 starts past end of file (truncated capture?); dropped" -f "$TMP/elf-beyond.img" info
head -c 3000000 "$TMP/lime.img" > "$TMP/lime-cut.img"
warn_case "LiME capture cut in its data" "lime-cut.img: the run at physical 0x0 ends past end of file" -f "$TMP/lime-cut.img" info
# Cut before the page tables (which start at 2 MiB): nothing to analyse.
head -c 2000000 "$TMP/lime.img" > "$TMP/lime-short.img"
eprun -f "$TMP/lime-short.img" info
expect "LiME capture cut before its page tables: one error line (the cut warning is dropped with the run), exit 3" '[ "$RC" -eq 3 ] && [ "$(printf '\''%s\n'\'' "$ERR" | grep -c .)" -eq 1 ] && printf '\''%s\n'\'' "$ERR" | grep -q "^eproc: $TMP/lime-short.img: not a Windows x64 memory capture"'
head -c 18432 "$TMP/triage.img" > "$TMP/triage-cut.img"
warn_case "kernel triage dump cut in its data blocks" "triage-cut.img: data block for 0xfffff78000000000 lies past end of file; dropped" \
    -f "$TMP/triage-cut.img" info
head -c 3000001 "$TMP/raw.img" > "$TMP/raw-odd.img"
eprun -v -f "$TMP/raw-odd.img" info
expect "raw image cut mid-page: said with -v, analysed, exit 0" '[ "$RC" -eq 0 ] && printf '\''%s\n'\'' "$ERR" | grep -q "raw-odd.img: raw image size 3000001 is not a multiple of the 4 KiB page size" && printf '\''%s\n'\'' "$OUT" | grep -q "^Kernel base *0xfffff80312400000"'
# The dump is cut just where process 3's page starts: the list breaks
# there and the three processes before it are still listed.
head -c $((0x214000)) "$TMP/procs-full.img" > "$TMP/procs-cut.img"
warn_case "process list in a truncated crash dump" "PsActiveProcessHead list: broken after 3 entries: entry 0xffffb000001031d8 is not in the capture" \
    -f "$TMP/procs-cut.img" pslist
expect "truncated crash dump: the processes before the cut are listed" 'rows 3'

# ---- smeared images: pointers into nowhere, loops ----
warn_case "process list pointing into unmapped memory" \
    "PsActiveProcessHead list: broken after 3 entries: entry 0xffffb00077770000 is not in the capture" -f "$TMP/procs-smeared.img" pslist
expect "smeared list: the 3 processes read before the break are listed" 'rows 3'
warn_case "process list looping back without reaching its head" \
    "PsActiveProcessHead list: cycle after 3 entries: 0xffffb000001021d8 links back to 0xffffb000001011d8" -f "$TMP/procs-cycle.img" pslist
expect "cyclic list: 3 processes, each once" 'rows 3'
warn_case "process list entry linking to itself" \
    "PsActiveProcessHead list: cycle after 3 entries: 0xffffb000001021d8 links back to 0xffffb000001021d8" -f "$TMP/procs-selfloop.img" pslist
expect "self-loop: 3 processes" 'rows 3'
eprun -f "$TMP/procs.img" pslist
expect "intact list (control): 4 processes, no warning" '[ "$RC" -eq 0 ] && rows 4 && [ -z "$ERR" ]'
cp "$TMP/procs-full.img" "$TMP/dtb-nowhere.img"
patch "$TMP/dtb-nowhere.img" 0x10 '<Q' 0x7ff000000
warn_case "crash dump whose DTB points outside the capture" "dtb-nowhere.img: kernel image base not found" -f "$TMP/dtb-nowhere.img" info
warn_case "pslist with a DTB pointing nowhere" "PsActiveProcessHead list: head at 0xfffff80313001000 is not readable" \
    -f "$TMP/dtb-nowhere.img" pslist
warn_case "page tables that map themselves everywhere (ends, no hang)" \
    "pt-bomb.img: found 1 page-table root(s) but no NT kernel image" -f "$TMP/pt-bomb.img" info

# ---- wrong or broken symbol files ----
cat > "$TMP/other.json" <<'JSON'
{"metadata": {"format": "6.2.0", "windows": {"pdb": {"GUID": "00000000000000000000000000000001", "age": 1,
 "database": "ntkrnlmp.pdb", "machine_type": 34404}}},
 "base_types": {}, "user_types": {}, "enums": {}, "symbols": {"PsActiveProcessHead": {"address": 4096}}}
JSON
warn_case "symbol file for another kernel (-s FILE, GUID differs)" \
    "other.json: this table is for PDB 00000000000000000000000000000001-1 but the kernel is ABCD12345678DEF00123456789ABCDEF-2" \
    -s "$TMP/other.json" -f "$TMP/raw.img" info
head -c 200 "$TMP/other.json" > "$TMP/cut.json"
run timeout 60 "$EPROC" -s "$TMP/cut.json" -f "$TMP/raw.img" info
expect "truncated symbol file given with -s: one error line, exit 3" '[ "$RC" -eq 3 ] && [ "$(printf '\''%s\n'\'' "$ERR" | grep -c .)" -eq 1 ] && printf '\''%s\n'\'' "$ERR" | grep -q "^eproc: $TMP/cut.json: not a valid JSON symbol table"'
# A table whose field offsets lie outside their structure would make the
# walkers read past their buffers: refused with one line.
"$MKFIXTURE" isf-26100 "$TMP/b26100.json"
python3 - "$TMP/b26100.json" "$TMP/bad-offsets.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d['user_types']['_EPROCESS']['fields']['ImageFileName']['offset'] = 0x7ffffff0
json.dump(d, open(sys.argv[2], 'w'))
PY
for c in pslist psscan psxview; do
    run timeout 60 "$EPROC" -s "$TMP/bad-offsets.json" -f "$TMP/procs.img" $c
    expect "$c with a symbol table whose _EPROCESS field lies outside _EPROCESS: one error line, exit 3" '[ "$RC" -eq 3 ] && [ "$ERR" = "eproc: $TMP/bad-offsets.json: corrupt symbol table: _EPROCESS.ImageFileName (offset 0x7ffffff0, 15 bytes) lies outside its structure (0x840 bytes)" ]'
done
run timeout 60 "$EPROC" -s "$TMP/b26100.json" -f "$TMP/procs.img" pslist
expect "the same table intact (control): 4 processes" '[ "$RC" -eq 0 ] && rows 4'

if need_shared "wrong symbol file on a real triage dump"; then
    ISF17763=$SHARED/isf/windows/ntkrnlmp.pdb/8B11040A5928757B11390AC78F6B6925-1.json.xz
    warn_case "17763 symbol table on the 19041 rizin triage dump" \
        "8B11040A5928757B11390AC78F6B6925-1.json.xz: this table is for another PDB/build: it disagrees with [0-9]* of the [0-9]* kernel addresses" \
        -s "$ISF17763" -f "$SHARED/kernel-triage/rizin-triage_x64.dmp" info
    warn_case "17763 symbol table on the 19041 fixture (GUID differs)" \
        "this table is for PDB 8B11040A5928757B11390AC78F6B6925-1 but the kernel is ABCD12345678DEF00123456789ABCDEF-2" \
        -s "$ISF17763" -f "$TMP/raw.img" info
    eprun -s "$SHARED/isf/windows/ntkrnlmp.pdb/5278AFF86C341677D7D7835C85B7B844-1.json.xz" \
        -f "$SHARED/kernel-triage/rizin-triage_x64.dmp" info
    expect "the right symbol table (control): no warning" '[ "$RC" -eq 0 ] && [ -z "$ERR" ]'
    head -c 1000000 "$SHARED/kernel-triage/rizin-triage_x64.dmp" > "$TMP/rizin-cut.dmp"
    warn_case "real triage dump cut at 1 MB" "rizin-cut.dmp: .*past end of file" -s "$SHARED/isf" -f "$TMP/rizin-cut.dmp" info
fi
