#!/bin/sh
# eproc timeline (issue 17 part C, docs/timeline.md): process and thread
# creation/exit against the forge's truth, module load times against
# dlllist, order, filters, and the body file read by mactime.
. tests/lib.sh

IMG=$TMP/att.raw
if ! "$EPROC" forge examples/attacks.json --memory 256M -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge examples/attacks.json ($(head -1 "$TMP/forge.err"))"
    exit 0
fi

run "$EPROC" -q -f "$IMG" -o json timeline
cp "$TMP/out" "$TMP/tl.json"
expect "timeline on the forged image exits 0" '[ "$RC" -eq 0 ]'
"$EPROC" -q -f "$IMG" -o json dlllist > "$TMP/dll.json"
res=$(python3 - "$TMP/tl.json" "$IMG.truth.json" "$TMP/dll.json" <<'PY'
import json, sys
tl = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2])); dll = json.load(open(sys.argv[3]))
def ev(name): return [e for e in tl if e['event'] == name]
checks = []
pc = {(e['pid'], e['time']) for e in ev('process created')}
want = {(p['pid'], p['create_time']) for p in truth['processes'] if p['create_time']}
checks.append(('process created = truth create times (%d)' % len(want), pc == want and len(want) > 0))
pe = {(e['pid'], e['time']) for e in ev('process exited')}
want = {(p['pid'], p['exit_time']) for p in truth['processes'] if p['exit_time']}
checks.append(('process exited = truth exit times (%d)' % len(want), pe == want and len(want) > 0))
tc = {(e['pid'], int(e['details'].split(',')[0][4:]), e['time']) for e in ev('thread created')}
want = {(p['pid'], t['tid'], t['create_time']) for p in truth['processes'] for t in p['threads'] if t['create_time']}
checks.append(('thread created = truth thread create times (%d)' % len(want), tc == want and len(want) > 0))
te = {(e['pid'], int(e['details'][4:]), e['time']) for e in ev('thread exited')}
want = {(p['pid'], t['tid'], t['exit_time']) for p in truth['processes'] for t in p['threads'] if t['exit_time']}
checks.append(('thread exited = truth thread exit times (%d)' % len(want), te == want))
ml = sorted((e['pid'], e['time']) for e in ev('module loaded'))
want = sorted((r['pid'], r['load_time']) for r in dll if r.get('load_time'))
checks.append(('module loaded = dlllist load_time (%d)' % len(want), ml == want and len(want) > 0))
times = [e['time'] for e in tl]
checks.append(('oldest first', times == sorted(times)))
checks.append(('every row has a source naming the field', all(e['source'] and '.' in e['source'] for e in tl)))
for name, good in checks:
    print(('ok - ' if good else 'not ok - ') + 'timeline on the forged image: ' + name)
PY
)
echo "$res"

# Filters: --pid keeps that process's events only.
run "$EPROC" -q -f "$IMG" -o csv timeline --pid 4 392
pids=$(tail -n +2 "$TMP/out" | cut -d, -f4 | sort -u | tr '\n' ' ')
expect "timeline --pid 4 392: events of those two processes only ($pids)" '[ "$RC" -eq 0 ] && [ "$pids" = "392 4 " ]'

# ---- the body file ----
run "$EPROC" -q -f "$IMG" -o bodyfile timeline
cp "$TMP/out" "$TMP/tl.body"
nrows=$(python3 -c "import json; print(len(json.load(open('$TMP/tl.json'))))")
nbody=$(grep -c . "$TMP/tl.body")
expect "-o bodyfile: one line per event ($nbody lines, $nrows events), 11 fields each" \
    '[ "$RC" -eq 0 ] && [ "$nbody" -eq "$nrows" ] && [ "$(awk -F"|" "NF != 11" "$TMP/tl.body" | wc -l)" -eq 0 ]'
first_ts=$(python3 -c "
import json, datetime
e = json.load(open('$TMP/tl.json'))[0]
print(int(datetime.datetime.strptime(e['time'][:19], '%Y-%m-%dT%H:%M:%S').replace(tzinfo=datetime.timezone.utc).timestamp()))")
expect "-o bodyfile: the first event's Unix time in atime, mtime, ctime and crtime ($first_ts)" \
    '[ "$(head -1 "$TMP/tl.body" | cut -d"|" -f8-11)" = "$first_ts|$first_ts|$first_ts|$first_ts" ]'
if command -v mactime > /dev/null 2>&1; then
    TZ=UTC mactime -b "$TMP/tl.body" -d -z UTC > "$TMP/mac.csv" 2> "$TMP/mac.err"
    RC=$?
    nmac=$(($(grep -c . "$TMP/mac.csv") - 1))
    expect "mactime -b reads the body file without error, one entry per event ($nmac of $nrows)" \
        '[ "$RC" -eq 0 ] && [ ! -s "$TMP/mac.err" ] && [ "$nmac" -eq "$nrows" ]'
    expect "mactime shows each event as one macb entry" \
        '[ "$(tail -n +2 "$TMP/mac.csv" | cut -d, -f3 | sort -u)" = "macb" ]'
else
    skip "mactime (sleuthkit absent: make deps installs it)"
fi
run "$EPROC" -f "$IMG" -o bodyfile pslist
expect "-o bodyfile on another command: exit 2, says it is timeline's" '[ "$RC" -eq 2 ] && echo "$ERR" | grep -q "bodyfile is a format of timeline only"'

# ---- a minidump: the process start from MiscInfo ----
if need_shared "timeline on a minidump"; then
    run "$EPROC" -q -f "$SHARED/minidumps/other/rizin-calc.dmp" -o csv timeline
    expect "minidump: the process start from MINIDUMP_MISC_INFO (calc.exe, 2016-10-29T12:41:48Z)" \
        '[ "$RC" -eq 0 ] && grep -q "^2016-10-29T12:41:48.000000Z,MINIDUMP_MISC_INFO.ProcessCreateTime,process created,3368,calc.exe," "$TMP/out"'
fi
