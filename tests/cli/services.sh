#!/bin/sh
# services.exe's service database in forged images, read back by readers
# that share nothing with the forge: tests/tools/service_records.py (the
# layout docs/forge.md documents, over x64 paging) always, and Volatility 3's
# windows.svcscan when VOL3 points at a volatility3 checkout.  Both must find
# every service of the truth file with the values it states, on the
# built-in 26100 and on each other layout's build (forge --profile with the
# tables of ../shared/data/isf).
. tests/lib.sh

# drivers (running with a name, stopped without), a paused service hosted
# by a process, a disabled one, and names beyond ASCII (UTF-16 on the heap)
cat > "$TMP/svc.json" <<'EOF'
{"services": [
  {"name": "Tcpip", "display": "TCP/IP Protocol Driver", "binary": "\\Driver\\Tcpip", "type": "kernel_driver", "state": "running", "start": "boot"},
  {"name": "Npfs", "type": "file_system_driver", "state": "stopped", "start": "system"},
  {"name": "CaféSvc", "display": "Café – Überwachung ☕", "binary": "C:\\Program Files\\Café\\café.exe", "process": "spoolsv.exe", "type": "own_process", "state": "paused", "start": "demand"},
  {"name": "Off", "display": "Disabled one", "binary": "C:\\x.exe", "type": "own_process", "state": "stopped", "start": "disabled"}
]}
EOF

# compare_records TRUTH READER_JSON: "ok" or the first differences
cat > "$TMP/compare.py" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1]))
got = json.load(open(sys.argv[2]))
h = lambda s: int(s, 16) if isinstance(s, str) else s
problems = []
if got["headers"] != [h(truth["service_header"])]:
    problems.append(("headers", [hex(x) for x in got["headers"]], truth["service_header"]))
def row(r):
    in_process = r["service_process"] not in (0, None)
    binary = r["binary"] if in_process else r["driver_name"]
    return (r["record"], r["order"], r["name"], r["display"], r["type"], r["state"], r["start"],
            r["pid"], binary or "")
def want(s):
    return (h(s["record"]), s["order"], s["name"], s["display"], h(s["type"]), s["state"], s["start"],
            s["pid"], s["binary"] if s["service_process"] or h(s["type"]) < 0x10 else "")
a = sorted(map(row, got["records"]), key=str)
b = sorted(map(want, truth["services"]), key=str)
if not b:
    problems.append("the truth lists no services")
if a != b:
    problems.append(sorted(set(a) ^ set(b), key=str)[:4])
print("ok" if not problems else problems)
PY

check_image() {   # NAME SCENARIO-or-empty [BUILD]: BUILD other than the built-in one needs ../shared/data/isf
    name=$1 sc=$2 build=${3:-26100} profile=$3
    set --
    [ -n "$profile" ] && set -- -s "$SHARED/isf"
    set -- "$@" forge
    [ -n "$sc" ] && set -- "$@" "$sc"
    [ -n "$profile" ] && set -- "$@" --profile "$profile"
    run "$EPROC" "$@" -o "$TMP/$name.raw"
    expect "forge $name" 'test "$RC" -eq 0'
    dtb=$(python3 -c "import json,sys; print(next(p['dtb'] for p in json.load(open(sys.argv[1]))['processes'] if p['name'].lower() == 'services.exe'))" "$TMP/$name.raw.truth.json")
    python3 tests/tools/service_records.py "$TMP/$name.raw" "$dtb" "$build" > "$TMP/$name.records.json" 2> "$TMP/err"
    python3 "$TMP/compare.py" "$TMP/$name.raw.truth.json" "$TMP/$name.records.json" > "$TMP/$name.cmp" 2>&1
    expect "$name: an independent reader of the documented layout finds one 'serH' header and every service record of the truth (order, names, type, state, start, PID, binary)" \
        'grep -qx ok "$TMP/$name.cmp" || { cat "$TMP/$name.cmp" >&2; false; }'
}
check_image default ""
check_image anomalies examples/anomalies.json
check_image custom examples/custom.json
check_image mixed "$TMP/svc.json"
# one build of each layout the forge writes besides 26100's (docs/forge.md):
# 14393 (Windows 8's), 17763 (16299's), 19041 (19041's, also 20348 and 22000)
OTHER_BUILDS=
if [ -n "$SHARED" ] && [ -f "$SHARED/isf/BUILDS.txt" ]; then
    OTHER_BUILDS="14393 17763 19041"
    for b in $OTHER_BUILDS; do
        check_image "mixed-$b" "$TMP/svc.json" "$b"
    done
else
    skip "service records on other builds (../shared/data/isf absent)"
fi

if have_vol3; then
    for name in default anomalies custom mixed $(for b in $OTHER_BUILDS; do echo "mixed-$b"; done); do
        syms=$TMP/$name.raw.symbols
        [ -d "$syms" ] || syms=$SHARED/isf
        vol3 "$TMP/$name.raw" "$syms" svcscan > "$TMP/$name.svcscan.json" 2> "$TMP/err"
        # the bench's comparison, given only svcscan's rows
        python3 bench/forge_vol3_check.py "$TMP/$name.raw.truth.json" "$TMP/$name" > "$TMP/$name.vol" 2>&1
        expect "$name: Volatility 3's windows.svcscan lists every service of the truth with its values" \
            'grep -q "^ok - svcscan" "$TMP/$name.vol" && ! grep -q "^FAIL" "$TMP/$name.vol" || { cat "$TMP/$name.vol" >&2; false; }'
    done
else
    skip "Volatility 3's windows.svcscan against the truth (set VOL3 to a volatility3 checkout)"
fi
