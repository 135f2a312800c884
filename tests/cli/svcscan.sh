#!/bin/sh
# svcscan (issue 14, item 3): services.exe's service records as eproc reads
# them equal the forge's truth file (default, attacks, anomalies, custom
# and a scenario of this test's own), the cross-check with the processes
# finds exactly what was staged (a running service whose host has exited,
# one whose host is gone, a process services.exe started that no record
# names), also on a build of each other record layout (14393, 17763,
# 19041, 22000: forged with ../shared/data/isf's tables, where check's
# service-process-missing must find the same), and Volatility 3's
# windows.svcscan agrees when VOL3 is set.
. tests/lib.sh

# findings SVCSCAN_JSON: "PID:kind" for each finding row, sorted
cat > "$TMP/findings.py" <<'PY'
import json, sys
out = []
for r in json.load(open(sys.argv[1])):
    f = r["finding"]
    if not f:
        continue
    kind = "unnamed" if "no service record names" in f else "exited" if "has exited" in f else \
           "gone" if "no process has PID" in f else "other"
    out.append("%s:%s" % (r["pid"], kind))
print(" ".join(sorted(out)))
PY

# A small machine with the service techniques staged: W32Time's host has
# exited (its record still says running), Ghost's host is gone (the record
# names PID 6000, which no process has), and a svchost.exe services.exe
# started that no record names.
cat > "$TMP/staged-scenario.json" <<'EOF2'
{"machine": {"seed": 1414, "memory": "256M"},
 "processes": [
  {"name": "smss.exe", "pid": 320, "ppid": 4, "session": 0, "user": "SYSTEM", "create_time": 1},
  {"name": "csrss.exe", "pid": 420, "ppid": 412, "session": 0, "user": "SYSTEM", "create_time": 3},
  {"name": "wininit.exe", "pid": 500, "ppid": 412, "session": 0, "user": "SYSTEM", "create_time": 4},
  {"name": "services.exe", "pid": 640, "ppid": 500, "session": 0, "user": "SYSTEM", "create_time": 5},
  {"name": "svchost.exe", "pid": 812, "ppid": 640, "session": 0, "user": "SYSTEM", "create_time": 6,
   "command_line": "C:\\Windows\\System32\\svchost.exe -k DcomLaunch -p"},
  {"name": "svchost.exe", "pid": 904, "ppid": 640, "session": 0, "user": "LOCAL SERVICE", "create_time": 7,
   "command_line": "C:\\Windows\\System32\\svchost.exe -k LocalService -p"},
  {"name": "svchost.exe", "pid": 1736, "ppid": 640, "session": 0, "user": "SYSTEM", "create_time": 40,
   "command_line": "C:\\Windows\\System32\\svchost.exe -k netsvcs"}
 ],
 "services": [
  {"name": "DcomLaunch", "display": "DCOM Server Process Launcher", "process": 812,
   "binary": "C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p"},
  {"name": "Power", "display": "Power", "process": 812, "binary": "C:\\Windows\\system32\\svchost.exe -k DcomLaunch -p"},
  {"name": "W32Time", "display": "Windows Time", "process": 904, "binary": "C:\\Windows\\system32\\svchost.exe -k LocalService"},
  {"name": "Ghost", "display": "Ghost Updater", "gone_pid": 6000, "type": "own_process",
   "binary": "C:\\ProgramData\\ghost\\ghost.exe"},
  {"name": "Tcpip", "display": "TCP/IP Protocol Driver", "binary": "\\Driver\\Tcpip", "type": "kernel_driver", "start": "boot"},
  {"name": "Fax", "display": "Fax", "type": "own_process", "state": "stopped", "start": "demand"}
 ],
 "techniques": [
  {"kind": "exited_unfreed", "target": 904, "source": "services.exe"}
 ]}
EOF2

check() {   # NAME SCENARIO-or-empty EXPECTED-FINDINGS [BUILD: forged with ../shared/data/isf's table]
    name=$1 sc=$2 want=$3 build=$4
    syms=
    [ -n "$build" ] && syms="-s $SHARED/isf"
    set -- forge
    [ -n "$sc" ] && set -- "$@" "$sc"
    [ -n "$build" ] && set -- "$@" --profile "$build"
    run "$EPROC" $syms "$@" -o "$TMP/$name.raw"
    expect "forge $name" 'test "$RC" -eq 0'
    "$EPROC" $syms -f "$TMP/$name.raw" -o json svcscan > "$TMP/$name.json" 2> "$TMP/$name.err"
    src=$?
    python3 tests/cli/truth_services.py "$name" "$TMP/$name.json" "$TMP/$name.raw.truth.json"
    got=$(python3 "$TMP/findings.py" "$TMP/$name.json")
    expect "$name: the findings are exactly the staged ones (${want:-none})" \
        '[ "$got" = "$want" ] || { echo "got: $got" >&2; false; }'
    if [ -n "$want" ]; then
        expect "$name: svcscan exits 1 on a finding" '[ "$src" -eq 1 ]'
    else
        expect "$name: svcscan exits 0 without a finding" '[ "$src" -eq 0 ]'
    fi
}
check default "" ""
check attacks examples/attacks.json ""
# rundll32 (5144) claims services.exe as its parent (a spoofed PPID): a
# process services.exe did not start, and no record names
check anomalies examples/anomalies.json "5144:unnamed"
check custom examples/custom.json ""
check staged "$TMP/staged-scenario.json" "1736:unnamed 6000:gone 904:exited"
# the same on a build of each other layout (docs/forge.md, "Service
# records"): svcscan and check's service-process-missing read the layout of
# the capture's build
if [ -n "$SHARED" ] && [ -f "$SHARED/isf/BUILDS.txt" ]; then
    for b in 14393 17763 19041.1288 22000; do
        check "staged-$b" "$TMP/staged-scenario.json" "1736:unnamed 6000:gone 904:exited" "$b"
        "$EPROC" -s "$SHARED/isf" -f "$TMP/staged-$b.raw" -o json check > "$TMP/check-$b.json" 2> "$TMP/err"
        got=$(python3 -c "import json,sys; print(' '.join(sorted(str(f['pid']) for f in json.load(open(sys.argv[1])) if f['rule'] == 'service-process-missing')))" "$TMP/check-$b.json" 2>&1)
        expect "staged-$b: check's service-process-missing finds W32Time's exited host and Ghost's gone one (904 6000)" \
            '[ "$got" = "6000 904" ] || { echo "got: $got" >&2; false; }'
        rm -f "$TMP/staged-$b.raw"
    done
else
    skip "svcscan on other builds (../shared/data/isf absent)"
fi

run "$EPROC" -f "$TMP/default.raw" svcscan --pid 896
expect "svcscan --pid keeps the services of one host (DcomLaunch, PlugPlay, Power)" \
    '[ "$RC" -eq 0 ] && [ "$(grep -c svchost "$TMP/out")" -eq 3 ] && grep -q PlugPlay "$TMP/out"'
run "$EPROC" -f "$TMP/staged.raw" svcscan
expect "text output marks the findings and says how many" \
    '[ "$RC" -eq 1 ] && grep -q "^\* 3 findings" "$TMP/out" && grep -q "PID 904 (svchost.exe) has exited\*" "$TMP/out"'

if have_vol3; then
    for name in default staged; do
        vol3 "$TMP/$name.raw" "$TMP/$name.raw.symbols" svcscan > "$TMP/$name.vol.json" 2> "$TMP/vol.err"
        python3 - "$TMP/$name.json" "$TMP/$name.vol.json" > "$TMP/$name.volcmp" 2>&1 <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
vol = json.load(open(sys.argv[2]))
a = sorted((r["order"], r["name"], r["display"], r["state"], r["start"], r["pid"]) for r in ours if r["offset"])
b = sorted((r["Order"], r["Name"], r["Display"], r["State"], r["Start"], r["PID"]) for r in vol)
print("ok %d" % len(a) if a == b and a else sorted(set(a) ^ set(b))[:4])
PY
        expect "$name: Volatility 3's windows.svcscan lists the same records (order, name, display, state, start, PID)" \
            'grep -q "^ok" "$TMP/$name.volcmp" || { cat "$TMP/$name.volcmp" "$TMP/vol.err" >&2; false; }'
    done
else
    skip "Volatility 3's windows.svcscan against eproc's svcscan (set VOL3 to a volatility3 checkout)"
fi
