#!/bin/sh
# Kernel objects of each process on memory images (issue 12): handles,
# tokens (getsids, privileges, tokens), jobs, sessions and pipes against
# the forge truth file, on the default, attacks and anomalies machines and
# on seeds the project never used; the findings' exit code.
. tests/lib.sh

# handles against the truth: tests/cli/truth_handles.py
for spec in "default:" "attacks:" "anomalies:" "custom:" "default:--seed 424242" "attacks:--seed 31337"; do
    scen=${spec%%:*}
    extra=${spec#*:}
    IMG=$TMP/$scen$(echo "$extra" | tr -dc 0-9).raw
    # shellcheck disable=SC2086
    if ! "$EPROC" forge examples/$scen.json -o "$IMG" $extra > /dev/null 2> "$TMP/forge.err"; then
        fail "forge $scen $extra ($(head -1 "$TMP/forge.err"))"
        continue
    fi
    run "$EPROC" -o json -f "$IMG" handles
    python3 tests/cli/truth_handles.py "handles $scen $extra" "$TMP/out" "$IMG.truth.json" 2> "$TMP/py.err" ||
        fail "handles $scen $extra: the rows could not be compared ($(tail -1 "$TMP/py.err"))"
    eval "IMG_$scen$(echo "$extra" | tr -dc 0-9)=\$IMG"
    eval "RC_$scen$(echo "$extra" | tr -dc 0-9)=\$RC"
done

# --- findings: who holds handles to whom (seed 004) ---
expect "handles on the clean default machine: exit 0, no finding" '[ "$RC_default" -eq 0 ]'
run "$EPROC" -o json -f "$IMG_attacks" handles --findings
expect "handles on attacks: exit 1" '[ "$RC" -eq 1 ]'
check_clean "attacks findings: the injector's handle into notepad, into lsass, and the ppid spoofer's (explorer)" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
got = {(r["pid"], r["target_pid"]) for r in rows}
assert got == {(8012, 7064), (8012, 732), (4216, 7556)}, got
assert all(r["finding"] and "PID %d (%s)" % (r["pid"], "powershell.exe" if r["pid"] == 8012 else "explorer.exe")
           in r["finding"] for r in rows), rows
' "$TMP/out"
# the handle's value as the truth file has it (it moves when the forge
# gives powershell more or fewer handles)
lsass_handle=$(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
ps = next(p for p in t["processes"] if p["pid"] == 8012)
lsass = next(p for p in t["processes"] if p["pid"] == 732)
print(next(h["handle"] for h in ps["handles"] if h["object"] == lsass["offset"]))
' "$IMG_attacks.truth.json")
expect "a finding line names both processes and the handle ($lsass_handle)" \
    'grep -q "finding: PID 8012 (powershell.exe) handle $lsass_handle grants .* PID 732 (lsass.exe)" "$TMP/err"'
run "$EPROC" -o json -f "$IMG_anomalies" handles --findings
check_clean "anomalies: WINWORD's full handle to the rundll32 whose parent it spoofed" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert {(r["pid"], r["target_pid"]) for r in rows} == {(4520, 5144)}, rows
' "$TMP/out"

# read rights alone: a finding into lsass only; THREAD_SET_CONTEXT on another
# process's thread is one (custom.json with an lsass and a dumper)
python3 - "$TMP/dumper.json" <<'PY'
import json, sys
s = json.load(open('examples/custom.json'))
s['processes'] += [{'name': 'lsass.exe', 'pid': 732, 'ppid': 640, 'user': 'SYSTEM', 'session': 0, 'create_time': 5},
                   {'name': 'dumper.exe', 'pid': 6604, 'session': 1, 'user': 'USER', 'create_time': 800, 'handles': [
                       {'type': 'Process', 'target': 732, 'access': 0x1010},
                       {'type': 'Process', 'target': 2404, 'access': 0x1010},
                       {'type': 'Thread', 'target': 2404, 'access': 0x10}]}]
json.dump(s, open(sys.argv[1], 'w'))
PY
if "$EPROC" forge "$TMP/dumper.json" -o "$TMP/dumper.raw" > /dev/null 2> "$TMP/forge.err"; then
    run "$EPROC" -o json -f "$TMP/dumper.raw" handles --pid 6604
    check_clean "findings: PROCESS_VM_READ into lsass and THREAD_SET_CONTEXT into another process, not PROCESS_VM_READ into another; exit 1" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
f = {int(r["handle_value"], 16): r["finding"] for r in rows if r["pid"] == 6604 and r["type"] in ("Process", "Thread")}
assert set(f) == {0x8, 0xc, 0x10}, f
assert f[0x8] and "lsass.exe" in f[0x8] and "PROCESS_VM_READ" in f[0x8], f
assert f[0xc] is None, f
assert f[0x10] and "THREAD_SET_CONTEXT" in f[0x10] and "PID 2404" in f[0x10], f
' "$TMP/out"
    expect "the finding lines name the holder, the handle and the target; exit 1" \
        '[ "$RC" -eq 1 ] && grep -q "finding: PID 6604 (dumper.exe) handle 0x8 grants PROCESS_VM_READ .*PID 732 (lsass.exe)" "$TMP/err" && [ "$(grep -c "finding:" "$TMP/err")" -eq 2 ]'
else
    fail "forge the dumper scenario ($(head -1 "$TMP/forge.err"))"
fi

# custom.json's Token handle (to the token of 2404, the updater) is named by its user
run "$EPROC" -o json -f "$IMG_custom" handles --type Token
check_clean "a Token handle is named by the token's user SID" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2]))
user = [p["token"]["sids"][0]["sid"] for p in truth["processes"] if p["pid"] == 2404][0]
assert rows and all(r["name"] == user for r in rows), (rows, user)
' "$TMP/out" "$IMG_custom.truth.json"

# --- filters ---
run "$EPROC" -o json -f "$IMG_attacks" handles --pid 8012 --type process --type Key
check_clean "--type filters (case-insensitive, repeatable) with --pid" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows and {r["type"] for r in rows} == {"Process", "Key"} and {r["pid"] for r in rows} == {8012}, rows
' "$TMP/out"
run "$EPROC" -f "$IMG_attacks" handles --type
expect "--type without a value: usage error" '[ "$RC" -eq 2 ]'
run "$EPROC" -o json -f "$IMG_attacks" handles --name lsass.exe --type Process
check_clean "rights decode the granted access into the type's names" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert all(r["rights"] == "PROCESS_ALL_ACCESS" for r in rows if r["granted_access"] == "0x1fffff"), rows
' "$TMP/out"

# --- tokens: getsids, privileges, tokens against the truth's tokens ---
for scen in default attacks anomalies default424242; do
    eval "IMG=\$IMG_$scen"
    "$EPROC" -o json -f "$IMG" getsids > "$TMP/sids.json" 2> "$TMP/err1"
    "$EPROC" -o json -f "$IMG" privileges > "$TMP/privs.json" 2> "$TMP/err2"
    "$EPROC" -o json -f "$IMG" tokens > "$TMP/toks.json" 2> "$TMP/err3"
    python3 tests/cli/truth_tokens.py "tokens $scen" "$IMG.truth.json" "$TMP/sids.json" "$TMP/privs.json" "$TMP/toks.json" \
        2> "$TMP/py.err" || fail "tokens $scen: the rows could not be compared ($(tail -1 "$TMP/py.err"))"
done
run "$EPROC" -o json -f "$IMG_attacks" tokens --pid 7548
check_clean "the token-stealing cmd.exe holds System's token, elevated, at System integrity" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["user"] == "S-1-5-18" and r["stolen_from_pid"] == 4 and r["elevated"] and r["integrity"] == "System", r
' "$TMP/out"

# --- sessions: each process's session against the truth, tokens cross-checked ---
run "$EPROC" -o json -f "$IMG_attacks" sessions
check_clean "sessions: every process's session id and session space equal the truth" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2]))
byp = {r["pid"]: r for r in rows}
procs = [p for p in truth["processes"] if not p["freed"] and p["pid"] != 0]
bad = [p["pid"] for p in procs if byp[p["pid"]]["session"] != p["session"]
       or (p["session"] is not None and int(byp[p["pid"]]["session_space"], 16) != int(p["session_space"], 16))]
assert not bad and len(procs) > 30, bad
' "$TMP/out" "$IMG_attacks.truth.json"
check_clean "sessions: only the token thief runs with a token of another session, and a warning says so" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["pid"] for r in rows if r["agrees"] is False] == [7548], rows
' "$TMP/out"
expect "sessions: the warning names the process and both sessions" \
    'grep -q "PID 7548 (cmd.exe): runs in session 1 with a token of session 0" "$TMP/err"'

# --- Volatility 3 on the same image (VOL3=/path/to/volatility3) ---
if have_vol3; then
    for plugin in handles getsids privileges sessions; do
        vol3 "$IMG_attacks" "$IMG_attacks.symbols" $plugin \
            > "$TMP/vol_$plugin.json" 2> "$TMP/vol_$plugin.err" || fail "Volatility 3 windows.$plugin failed: $(tail -1 "$TMP/vol_$plugin.err")"
        "$EPROC" -o json -f "$IMG_attacks" $plugin > "$TMP/ep_$plugin.json" 2> /dev/null
    done
    python3 - "$TMP" <<'PY'
import json, os, sys
d = sys.argv[1]
def load(n):
    return json.load(open(os.path.join(d, n)))
def report(desc, bad):
    print(('ok - ' if not bad else 'not ok - ') + desc + (' %s' % bad[:3] if bad else ''))
# handles: Volatility names a named object by its last component and a key
# without \REGISTRY\: its name must end ours.
ours = {(r['pid'], int(r['handle_value'], 16)): r for r in load('ep_handles.json')}
vol = load('vol_handles.json')
bad = []
for v in vol:
    o = ours.get((v['PID'], v['HandleValue']))
    if not o or o['type'] != v['Type'] or int(o['granted_access'], 16) != v['GrantedAccess'] or \
            (v['Name'] and not (o['name'] or '').endswith(v['Name'])):
        bad.append((v['PID'], v['HandleValue'], v['Type'], v['Name'], o and o['name']))
report('Volatility 3 windows.handles: its %d handles are ours (type, access, name)' % len(vol), bad)
vs = {(r['PID'], r['SID']) for r in load('vol_getsids.json')}
es = {(r['pid'], r['sid']) for r in load('ep_getsids.json')}
report('Volatility 3 windows.getsids: its %d SIDs are ours' % len(vs), sorted(vs - es))
vp = {(r['PID'], r['Privilege'], r['Attributes']) for r in load('vol_privileges.json') if 'Present' in r['Attributes']}
ep = {(r['pid'], r['privilege'], r['state']) for r in load('ep_privileges.json')}
report('Volatility 3 windows.privileges: its %d present privileges are ours, attributes alike' % len(vp), sorted(vp - ep))
vss = {(r['Process ID'], r['Session ID']) for r in load('vol_sessions.json')}
ess = {(r['pid'], r['session']) for r in load('ep_sessions.json')}
report('Volatility 3 windows.sessions: its %d (pid, session) pairs are ours' % len(vss), sorted(vss - ess))
PY
else
    skip "Volatility 3 comparisons (set VOL3 to a volatility3 checkout)"
fi

# --- jobs: every job's limits and members against the truth ---
# custom.json with a second job that limits job memory, holding two
# processes: a scenario no other test forges.
python3 - "$TMP/jobs.json" <<'PY'
import json, sys
s = json.load(open('examples/custom.json'))
s['jobs'].append({'name': 'SandboxJob', 'job_memory_limit': 1073741824, 'limit_flags': 0x2208})
for pid, name in ((5204, 'sandboxed.exe'), (5308, 'helper.exe')):
    s['processes'].append({'name': name, 'pid': pid, 'session': 1, 'user': 'USER', 'job': 'SandboxJob',
                           'create_time': 700})
# an application silo and a server silo (JobFlags.Silo; ServerSiloGlobals)
s['jobs'] += [{'name': 'AppSilo', 'silo': 'application', 'active_process_limit': 4},
              {'name': 'ContainerSilo', 'silo': 'server', 'process_memory_limit': 268435456, 'limit_flags': 0x2100}]
s['processes'] += [{'name': 'appc.exe', 'pid': 5504, 'session': 1, 'user': 'USER', 'job': 'AppSilo', 'create_time': 730},
                   {'name': 'cexecsvc.exe', 'pid': 5608, 'session': 0, 'user': 'SYSTEM', 'job': 'ContainerSilo',
                    'create_time': 740},
                   {'name': 'svchost.exe', 'pid': 5712, 'session': 0, 'user': 'SYSTEM', 'job': 'ContainerSilo',
                    'create_time': 750}]
# and a pipe between them and a third process (pipes below): two instances
s['processes'].append({'name': 'client2.exe', 'pid': 5412, 'session': 1, 'user': 'USER', 'create_time': 710})
s['pipes'].append({'name': 'eproc_test_pipe', 'server': 5204, 'clients': [5308, 5412]})
json.dump(s, open(sys.argv[1], 'w'))
PY
JIMG=$TMP/jobs.raw
if "$EPROC" forge "$TMP/jobs.json" -o "$JIMG" > /dev/null 2> "$TMP/forge.err"; then
    run "$EPROC" -o json -f "$JIMG" jobs
    python3 tests/cli/truth_jobs.py "jobs" "$TMP/out" "$JIMG.truth.json" 4
    check_clean "jobs: two silos, an application and a server one" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert sorted(r["silo"] for r in rows) == ["application", "no", "no", "server"], rows
' "$TMP/out"
    run "$EPROC" -o json -f "$JIMG" pslist
    check_clean "pslist: each process's job (job_offset) is the job the truth puts it in" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2]))
want = {p["pid"]: p["job"] and int(p["job"], 16) for p in truth["processes"] if p["in_active_process_list"]}
got = {r["pid"]: r["job_offset"] and int(r["job_offset"], 16) for r in rows}
assert want == got, set(want.items()) ^ set(got.items())
assert sum(1 for v in got.values() if v) == 6, got
assert all(bool(r["job"]) == bool(r["job_offset"]) for r in rows)
' "$TMP/out" "$JIMG.truth.json"
    run "$EPROC" -o json -f "$JIMG" jobs
    expect "jobs: limit flags spelled as JOB_OBJECT_LIMIT_* names, no broken member list" \
        'grep -q "JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE" "$TMP/out" && ! grep -q "members incomplete" "$TMP/err"'
    if have_vol3; then
        vol3 "$JIMG" "$JIMG.symbols" joblinks > "$TMP/vol_joblinks.json" 2> "$TMP/vol.err"
        check_clean "Volatility 3 windows.joblinks: each job's counts and JobLinks members equal ours" python3 -c '
import json, sys
vol = json.load(open(sys.argv[1])); ours = json.load(open(sys.argv[2]))
v = {(j["Active"], j["Total"], j["Term"], ", ".join("%d %s" % (c["PID"], c["Name"]) for c in j["__children"] if c["JobLink"] == "Yes"))
     for j in vol}
o = {(r["active_processes"], r["total_processes"], r["terminated_processes"], r["members"]) for r in ours}
assert v == o and len(o) == 4, (v, o)
' "$TMP/vol_joblinks.json" "$TMP/out"
    fi
else
    fail "forge a scenario with two jobs ($(head -1 "$TMP/forge.err"))"
fi

# --- pipes: File handles on \Device\NamedPipe grouped by pipe ---
if [ -f "$JIMG" ]; then
    run "$EPROC" -o json -f "$JIMG" pipes
    check_clean "pipes: every named-pipe handle of the truth, by pipe, and the new pipe joins its server and client" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2]))
pre = "\\Device\\NamedPipe\\"
want = {(h["name"][len(pre):], p["pid"], int(h["handle"], 16)) for p in truth["processes"]
        if not p["exited"] and not p["freed"] for h in p["handles"] if h["type"] == "File" and h["name"].startswith(pre)}
got = {(r["pipe"], r["pid"], int(r["handle_value"], 16)) for r in rows}
assert want == got and want, (want ^ got)
assert {r["pid"] for r in rows if r["pipe"] == "eproc_test_pipe"} == {5204, 5308, 5412}, rows
assert all(r["holders"] == 4 for r in rows if r["pipe"] == "eproc_test_pipe"), rows
' "$TMP/out" "$JIMG.truth.json"
    # every pipe of the truth as a pipe: its server, its clients, each
    # instance's two ends (the same CCB) and who is at the other end
    check_clean "pipes: each pipe's server and clients, and each instance's ends, equal the truth's pipes (seed 003)" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); truth = json.load(open(sys.argv[2]))
live = {p["pid"] for p in truth["processes"] if not p["exited"] and not p["freed"]}
tp = truth["pipes"]
assert len(tp) >= 3 and any(len(p["client_pids"]) == 2 for p in tp), tp
ends = {}
for r in rows:
    if r["end"]:
        ends[(r["pipe"], r["pid"], int(r["handle_value"], 16))] = r
for p in tp:
    got_srv = {r["pid"] for r in rows if r["pipe"] == p["name"] and r["end"] == "server"}
    got_cl = sorted(r["pid"] for r in rows if r["pipe"] == p["name"] and r["end"] == "client")
    assert got_srv == ({p["server_pid"]} if p["server_pid"] else set()), (p, got_srv)
    assert got_cl == sorted(c for c in p["client_pids"] if c in live), (p, got_cl)
    for i in p["instances"]:
        s = ends[(p["name"], i["server_pid"], int(i["server_handle"], 16))]
        assert s["end"] == "server" and int(s["instance"], 16) == int(i["ccb"], 16), (i, s)
        if i["client_pid"]:
            c = ends[(p["name"], i["client_pid"], int(i["client_handle"], 16))]
            assert c["end"] == "client" and c["instance"] == s["instance"], (i, c)
            assert s["peers"] == str(i["client_pid"]) and c["peers"] == str(i["server_pid"]), (s, c)
        else:
            assert s["peers"] is None, s
# every end we show is one the truth made (no handle called an end it is not)
made = {(p["name"], i["server_pid"], int(i["server_handle"], 16)) for p in tp for i in p["instances"]} | \
       {(p["name"], i["client_pid"], int(i["client_handle"], 16)) for p in tp for i in p["instances"] if i["client_pid"]}
assert set(ends) == made, set(ends) ^ made
' "$TMP/out" "$JIMG.truth.json"
fi

# --- the same commands on a minidump's Token stream (the real Windows 7 calc dump) ---
if need_shared "tokens on the calc minidump"; then
    run "$EPROC" -o json -f "$SHARED/minidumps/other/rizin-calc.dmp" tokens
    check_clean "tokens on the calc minidump: its user, logon session and Medium integrity (the SE_GROUP_INTEGRITY group)" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert len(r) == 1 and r[0]["pid"] == 3368, r
assert r[0]["user"] == "S-1-5-21-537027915-1003861377-1410757817-1000" and r[0]["integrity"] == "Medium", r
assert r[0]["type"] == "Primary" and r[0]["privileges"] == 5 and r[0]["enabled"] == 1, r
' "$TMP/out"
fi

# --- a minidump's HandleData stream through handles, against an independent
# reading of the stream (MINIDUMP_HANDLE_DATA_STREAM: SizeOfHeader,
# SizeOfDescriptor, NumberOfDescriptors; each MINIDUMP_HANDLE_DESCRIPTOR(_2):
# Handle, TypeNameRva, ObjectNameRva, Attributes, GrantedAccess,
# HandleCount, PointerCount -- minidumpapiset.h) ---
if need_shared "handles on the breakpad HandleData minidump"; then
    HD=$SHARED/minidumps/breakpad/tiny-exe-with-cet-xsave.dmp
    run "$EPROC" -o json -f "$HD" handles
    check_clean "HandleData (breakpad tiny-exe): every handle's value, type, name, attributes, access and counts equal the stream's" python3 -c '
import json, struct, sys
rows = json.load(open(sys.argv[1])); d = open(sys.argv[2], "rb").read()
_, _, nstreams, dirrva = struct.unpack_from("<IIII", d, 0)
def mdstr(rva):
    return d[rva + 4: rva + 4 + struct.unpack_from("<I", d, rva)[0]].decode("utf-16-le") if rva else None
want = set()
for i in range(nstreams):
    st, size, rva = struct.unpack_from("<III", d, dirrva + 12 * i)
    if st == 12:    # HandleDataStream
        hs, ds, nd, _ = struct.unpack_from("<IIII", d, rva)
        for k in range(nd):
            h, t, o, attr, acc, hc, pc = struct.unpack_from("<QIIIIII", d, rva + hs + k * ds)
            want.add((h, mdstr(t), mdstr(o), attr, acc, hc, pc))
got = {(int(r["handle_value"], 16), r["type"], r["name"], int(r["attributes"], 16), int(r["granted_access"], 16),
        r["handle_count"], r["pointer_count"]) for r in rows}
assert want == got and len(want) == 147, (len(want), len(got), sorted(want ^ got)[:4])
assert all(r["pid"] == 15444 and r["finding"] is None for r in rows)
' "$TMP/out" "$HD"
    # the calc dump has a Token stream and no HandleData: tokens, getsids and
    # privileges show its token, handles says once that there are none
    CALC=$SHARED/minidumps/other/rizin-calc.dmp
    run "$EPROC" -o json -f "$CALC" privileges
    check_clean "privileges on the calc minidump: a standard user's five, SeChangeNotifyPrivilege enabled" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
names = {r["privilege"]: r["state"] for r in rows}
assert set(names) == {"SeShutdownPrivilege", "SeChangeNotifyPrivilege", "SeUndockPrivilege",
                      "SeIncreaseWorkingSetPrivilege", "SeTimeZonePrivilege"}, names
assert [n for n, a in names.items() if "Enabled" in a] == ["SeChangeNotifyPrivilege"], names
' "$TMP/out"
    run "$EPROC" -o json -f "$CALC" getsids
    check_clean "getsids on the calc minidump: the user, Everyone, Users, Interactive, the logon SID and Medium integrity" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
sids = [r["sid"] for r in rows]
assert sids[0] == "S-1-5-21-537027915-1003861377-1410757817-1000", sids
assert {"S-1-1-0", "S-1-5-32-545", "S-1-5-4", "S-1-16-8192"} <= set(sids), sids
assert any(s.startswith("S-1-5-5-") for s in sids), sids
' "$TMP/out"
    run "$EPROC" -f "$CALC" handles
    expect "handles on the calc minidump (no HandleData): exit 0, one warning saying so" \
        '[ "$RC" -eq 0 ] && [ "$(grep -c "no HandleData stream" "$TMP/err")" -eq 1 ]'
fi
