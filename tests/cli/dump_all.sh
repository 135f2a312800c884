#!/bin/sh
# eproc dump-all (issue 15 item 4): one line per process whose arrays are
# exactly the rows of threads, dlllist, handles, vadinfo and tokens (-o
# jsonl), on a forged memory image with attacks (handle findings: exit 1
# like handles) and on a process minidump; and its process fields against
# the forge's truth.
. tests/lib.sh

compare() {   # LABEL CAPTURE [ARGS...]: dump-all against the single commands
    label=$1; cap=$2; shift 2
    "$EPROC" -q -f "$cap" dump-all "$@" > "$TMP/all.jsonl" 2> "$TMP/all.err"
    all_rc=$?
    single_rc=0
    for c in threads dlllist handles vadinfo tokens; do
        "$EPROC" -q -f "$cap" -o jsonl $c "$@" > "$TMP/$c.jsonl" 2>> "$TMP/single.err"
        rc=$?
        [ $rc -gt $single_rc ] && single_rc=$rc
    done
    run python3 - "$TMP" <<'PY'
import json, sys
d = sys.argv[1]
procs = [json.loads(l) for l in open(d + '/all.jsonl')]
bad = []
for cmd, key in (('threads', 'threads'), ('dlllist', 'modules'), ('handles', 'handles'),
                 ('vadinfo', 'vads'), ('tokens', 'tokens')):
    single = [json.loads(l) for l in open(d + '/' + cmd + '.jsonl') if l.strip()]
    joined = [row for p in procs for row in p[key]]
    if single != joined:
        bad.append('%s: %d rows alone, %d in dump-all' % (cmd, len(single), len(joined)))
    for p in procs:
        if any(row.get('pid') != p['pid'] for row in p[key]):
            bad.append('%s: a row under another process' % key)
if not procs or not any(p['threads'] for p in procs):
    bad.append('no processes or no threads at all')
print('; '.join(bad))
sys.exit(1 if bad else 0)
PY
    expect "$label: dump-all's rows are the single commands' rows" '[ "$RC" -eq 0 ]'
    expect "$label: the same exit code as the single commands ($single_rc)" '[ "$all_rc" -eq "$single_rc" ]'
}

IMG=$TMP/attacks.img
if "$EPROC" forge examples/attacks.json --seed 5 --memory 256M -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    compare "forged attacks image" "$IMG"
    compare "forged attacks image, --pid filter" "$IMG" --pid 4
    run python3 - "$TMP/all.jsonl" "$IMG.truth.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
truth = json.load(open(sys.argv[2]))
procs = truth['processes'] if isinstance(truth, dict) else truth
want = {p['pid']: p for p in procs}
ok = len(rows) == 1 and rows[0]['pid'] == 4 and rows[0]['process'] == want[4]['name'] \
     and rows[0]['ppid'] == want[4].get('ppid', 0)
sys.exit(0 if ok else 1)
PY
    expect "forged attacks image: dump-all --pid 4 is System with the truth's name and parent" '[ "$RC" -eq 0 ]'
    "$EPROC" -f "$IMG" -o csv dump-all --pid 4 > "$TMP/csv.out" 2>/dev/null
    expect "dump-all is jsonl whatever -o says" 'python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$TMP/csv.out"'
else
    fail "forge attacks.json ($(head -1 "$TMP/forge.err"))"
fi

if need_shared "dump-all on a minidump"; then
    compare "minidump rizin-calc.dmp" "$SHARED/minidumps/other/rizin-calc.dmp"
fi
