#!/bin/sh
# pslist, psscan, pstree, psxview against forge truth files, every output
# format and capture format, the triage dumps in ../shared/data, and (when
# VOL3 points at a Volatility 3 checkout) Volatility's own rows.
. tests/lib.sh

IMG=$TMP/attacks.raw
if ! "$EPROC" forge examples/attacks.json -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge examples/attacks.json ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
TRUTH=$IMG.truth.json

# compare KIND JSON-ROWS: checks rows against the truth file in python.
compare() {
    python3 tests/cli/truth_processes.py "$1" "$TMP/out" "$TRUTH"
}

# psxview exits 1 when it flags a process (DESIGN.md §4): attacks.json
# stages an unlinked one.
for cmd in pslist psscan psxview pstree; do
    run "$EPROC" -f "$IMG" -o json $cmd
    want=0
    [ $cmd = psxview ] && want=1
    if [ "$RC" -ne $want ] || ! no_sanitizer_report; then
        fail "$cmd on the forged image exits $want (rc=$RC: $(head -c 300 "$TMP/err"))"
        continue
    fi
    compare $cmd
done

# Filters and formats.
run "$EPROC" -f "$IMG" -o json pslist --pid 4,732 --name notepad.exe
expect "--pid and --name combine: PIDs 4 and 732 are not notepad" '[ "$RC" -eq 0 ] && [ "$OUT" = "[]" ]'
run "$EPROC" -f "$IMG" -o jsonl pslist --name LSASS.EXE
expect "--name is case-insensitive (one jsonl row)" '[ "$RC" -eq 0 ] && [ "$(printf '\''%s\n'\'' "$OUT" | wc -l)" -eq 1 ] && echo "$OUT" | grep -q '\''"name":"lsass.exe"'\'''
run "$EPROC" -f "$IMG" -o csv pslist --pid 4
expect "csv: header and one row for --pid 4" '[ "$RC" -eq 0 ] && [ "$(printf '\''%s\n'\'' "$OUT" | wc -l)" -eq 2 ] && echo "$OUT" | head -1 | grep -q "^offset,offset_phys,name,pid,ppid"'
run "$EPROC" -f "$IMG" pslist --pid nope
expect "--pid with a non-number is a usage error" '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "not a process id"'
run "$EPROC" -f "$IMG" pstree
expect "pstree text indents children" '[ "$RC" -eq 0 ] && echo "$OUT" | grep -q "^ *1  \.\. "'

# The same machine in every capture format gives the same pslist rows.
"$EPROC" -f "$IMG" -o json pslist > "$TMP/raw.json"
for fmt in crashdump elf lime; do
    if "$EPROC" forge examples/attacks.json --format $fmt -o "$TMP/att.$fmt" > /dev/null 2>&1; then
        run "$EPROC" -f "$TMP/att.$fmt" -o json pslist
        if [ "$RC" -eq 0 ] && python3 -c "
import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
strip=lambda rows: [{k:v for k,v in r.items() if k!='offset_phys'} for r in rows]
sys.exit(0 if strip(a)==strip(b) and len(a)>20 else 1)" "$TMP/raw.json" "$TMP/out"; then
            ok "pslist on the $fmt capture equals the raw image's"
        else
            fail "pslist on the $fmt capture equals the raw image's (rc=$RC)"
        fi
        rm -f "$TMP/att.$fmt"
    else
        fail "forge --format $fmt"
    fi
done

# Kernel triage dumps: the faulting process, and a clear word that the
# capture is partial.
if need_shared "triage dumps for process commands"; then
    DUMP=$SHARED/kernel-triage/rizin-triage_x64.dmp
    for cmd in pslist psscan pstree psxview; do
        run "$EPROC" -s "$SHARED/isf" -f "$DUMP" -o json $cmd
        name=$(python3 -c "
import struct,sys
d=open(sys.argv[1],'rb').read()
off=struct.unpack_from('<I',d,0x2000+0x20)[0]
print(d[off+0x5a8:off+0x5a8+15].split(b'\0')[0].decode())" "$DUMP")
        expect "$cmd on a triage dump: the faulting process ($name) and a partial-capture warning" '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "partial capture" && echo "$OUT" | grep -q "\"name\": *\"$name\""'
    done
fi

# Volatility 3 on the same image, when a checkout is given.
if have_vol3; then
    for cmd in pslist psscan; do
        vol3 "$IMG" "$IMG.symbols" $cmd > "$TMP/vol.json" 2>/dev/null
        "$EPROC" -f "$IMG" -o json $cmd > "$TMP/out"
        if python3 - "$TMP/vol.json" "$TMP/out" "$cmd" <<'PY'
import json, sys
vol = json.load(open(sys.argv[1])); ours = json.load(open(sys.argv[2]))
def vkey(r):
    off = r.get('Offset(V)')
    return (r['PID'], r['PPID'], r['ImageFileName'], (r['CreateTime'] or '').replace(' ', 'T')[:19], off & 0xffffffffffff if off else None)
def okey(r):
    return (r['pid'], r['ppid'], r['name'], (r['create_time'] or '')[:19],
            int(r['offset'], 16) & 0xffffffffffff if r['offset'] else None)
v = {vkey(r) for r in vol}; o = {okey(r) for r in ours}
if v != o:
    print('  volatility only:', sorted(v - o)[:3], 'eproc only:', sorted(o - v)[:3], file=sys.stderr)
sys.exit(0 if v == o and v else 1)
PY
        then ok "$cmd equals Volatility 3's windows.$cmd (pid, ppid, name, create time, offset)"
        else fail "$cmd equals Volatility 3's windows.$cmd"; fi
    done
    vol3 "$IMG" "$IMG.symbols" threads > "$TMP/vol.json" 2>/dev/null
    "$EPROC" -f "$IMG" -o json threads > "$TMP/out"
    "$EPROC" -f "$IMG" -o json pslist > "$TMP/pslist.json"
    if python3 - "$TMP/vol.json" "$TMP/out" "$TMP/pslist.json" <<'PY'
import json, sys
vol = json.load(open(sys.argv[1])); ours = json.load(open(sys.argv[2]))
# Volatility lists the threads of the active list's processes; eproc also
# those of processes only the pool scan finds.
listed = {r['pid'] for r in json.load(open(sys.argv[3]))}
ours = [r for r in ours if r['pid'] in listed]
m = 0xffffffffffff
v = {(r['PID'], r['TID'], r['Offset'] & m, r['StartAddress'] & m, (r['CreateTime'] or '')[:19]) for r in vol}
o = {(r['pid'], r['tid'], int(r['offset'], 16) & m, int(r['start_address'], 16) & m, (r['create_time'] or '')[:19])
     for r in ours}
sys.exit(0 if v == o and v else 1)
PY
    then ok "threads equals Volatility 3's windows.threads (pid, tid, offset, start address, create time)"
    else fail "threads equals Volatility 3's windows.threads"; fi
else
    skip "Volatility 3 comparison (set VOL3 to a volatility3 checkout)"
fi

# examples/anomalies.json: unlinked, exited-but-referenced, PPID spoof and a
# cyclic active list, on one small machine.
AN=$TMP/anomalies.raw
if "$EPROC" forge examples/anomalies.json -o "$AN" > /dev/null 2>&1; then
    run "$EPROC" -f "$AN" -o json pslist
    printf '%s' "$ERR" > "$TMP/an.err"
    cp "$TMP/out" "$TMP/an.pslist"
    run "$EPROC" -f "$AN" -o json psscan
    cp "$TMP/out" "$TMP/an.psscan"
    run "$EPROC" -f "$AN" -o json psxview
    cp "$TMP/out" "$TMP/an.psxview"
    python3 - "$AN.truth.json" "$TMP/an.pslist" "$TMP/an.psscan" "$TMP/an.psxview" "$TMP/an.err" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
pslist, psscan, psxview = (json.load(open(f)) for f in sys.argv[2:5])
err = open(sys.argv[5]).read()
def check(desc, cond):
    print(('ok - ' if cond else 'not ok - ') + 'anomalies: ' + desc)
walk = truth['active_process_list']['forward_walk']
check('pslist lists the walk up to the cycle, in order (%d)' % len(walk), [r['pid'] for r in pslist] == walk)
cyc = truth['active_process_list']['cycle']
check('pslist warns that PsActiveProcessHead loops', 'PsActiveProcessHead list: cycle' in err)
by = {p['pid']: p for p in truth['processes']}
check('pslist rows carry the truth values', all(
    r['ppid'] == by[r['pid']]['ppid'] and r['offset'] == by[r['pid']]['offset'] and r['name'] == by[r['pid']]['image_file_name']
    and r['create_time'] == by[r['pid']]['create_time'] and r['exit_time'] == by[r['pid']]['exit_time'] for r in pslist))
live = {p['pid'] for p in truth['processes'] if not p['freed'] and p['pid']}
check('psscan finds all %d processes in memory' % len(live), {r['pid'] for r in psscan} == live)
tech = {t['kind']: t for t in truth['techniques']}
x = {r['pid']: r for r in psxview}
u = tech['unlink']['target_pid']
check('psxview: unlinked %d missing from pslist only' % u, x[u]['pslist'] is False and x[u]['missing_from'] == ['pslist'])
e = tech['exited_unfreed']['target_pid']
check('exited %d: exit time in pslist and no psxview alarm' % e,
      any(r['pid'] == e and r['exit_time'] for r in pslist) and not x[e]['missing_from'])
s = tech['ppid_spoof']['target_pid']
check('PPID spoof %d: eproc shows the PPID the kernel holds (%d), as the truth file does' % (s, by[s]['ppid']),
      any(r['pid'] == s and r['ppid'] == by[s]['ppid'] for r in pslist))
PY
else
    fail "forge examples/anomalies.json"
fi

# threads on a memory image: every thread of every listed process, from
# its ThreadListHead, equal to the truth file's threads.
run "$EPROC" -f "$IMG" -o json threads
if [ "$RC" -eq 0 ] && no_sanitizer_report; then
    python3 - "$TRUTH" "$TMP/out" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1])); rows = json.load(open(sys.argv[2]))
# every process the active list or the pool scan finds: all that are not freed
want = set()
for p in truth['processes']:
    if p.get('freed') or p['pid'] == 0:
        continue
    for t in p.get('threads') or []:
        if t.get('exited'):
            continue
        want.add((t['pid'], t['tid'], t['offset'], t['start_address'], t['win32_start_address'],
                  t['teb'], t['create_time'], t['exit_time']))
got = {(r['pid'], r['tid'], r['offset'], r['start_address'], r['win32_start_address'], r['teb'],
        r['create_time'], r['exit_time']) for r in rows}
ok = want == got and len(want) > 100
print(('ok - ' if ok else 'not ok - ') + 'threads on the forged image equal the truth file (%d threads)' % len(want)
      + ('' if ok else ' missing %s extra %s' % (sorted(want - got)[:2], sorted(got - want)[:2])))
PY
else
    fail "threads on the forged image exits 0 (rc=$RC: $(head -c 300 "$TMP/err"))"
fi
run "$EPROC" -f "$IMG" -o json threads --name notepad.exe
expect "threads --name keeps one process's threads" '[ "$RC" -eq 0 ] && python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r and all(x[\"process\"]==\"notepad.exe\" for x in r) else 1)" "$TMP/out"'
