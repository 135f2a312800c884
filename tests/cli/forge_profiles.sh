#!/bin/sh
# The forge on other Windows builds (issue 18): for two 19041 revisions,
# 17763, 20348, 22000 and 26100, the default machine and the attacks
# scenario (and on some builds a machine with jobs and silos, 14393's
# default machine, a WoW64 process) are forged with the build's own
# symbol table from ../shared/data/isf, read back by eproc with
# -s ../shared/data/isf, and every anatomy command equals the truth file:
# pslist, psscan, threads, cmdline, envars, dlllist, fibers, handles,
# getsids, privileges, tokens, vadinfo, jobs, svcscan.  The kernel names the real
# table (eproc picks it by PDB GUID and age); an image whose table is not in
# the symbol directory makes eproc name the table it needs and fall back.
# With VOL3 set, Volatility 3 reads the default and attacks images with the same
# directory and its rows equal the truth (bench/forge_vol3_check.py).
. tests/lib.sh

need_shared "forging other builds" || exit 0
ISF=$SHARED/isf
[ -f "$ISF/BUILDS.txt" ] || { skip "forging other builds ($ISF/BUILDS.txt absent)"; exit 0; }

# custom.json with jobs: a job with limits, an application silo and a
# server silo, each holding processes (no example machine has all three)
python3 - "$TMP/jobs.json" <<'PY'
import json, sys
s = json.load(open('examples/custom.json'))
s['jobs'] += [{'name': 'SandboxJob', 'job_memory_limit': 1073741824, 'limit_flags': 0x2208},
              {'name': 'AppSilo', 'silo': 'application', 'active_process_limit': 4},
              {'name': 'ContainerSilo', 'silo': 'server', 'process_memory_limit': 268435456, 'limit_flags': 0x2100}]
s['processes'] += [{'name': 'sandboxed.exe', 'pid': 5204, 'session': 1, 'user': 'USER', 'job': 'SandboxJob', 'create_time': 700},
                   {'name': 'appc.exe', 'pid': 5504, 'session': 1, 'user': 'USER', 'job': 'AppSilo', 'create_time': 730},
                   {'name': 'cexecsvc.exe', 'pid': 5608, 'session': 0, 'user': 'SYSTEM', 'job': 'ContainerSilo', 'create_time': 740}]
json.dump(s, open(sys.argv[1], 'w'))
PY

# a WoW64 process: its 32-bit loader structures are in no kernel table, so
# they keep the built-in layout on every build (docs/forge.md)
cat > "$TMP/wow64.json" <<'JSON'
{"processes": [
 {"name": "app32.exe", "pid": 6000, "wow64": true, "modules": ["USER32.dll"]},
 {"name": "notepad.exe", "pid": 6004}
]}
JSON

# dump-all gives threads, dlllist, handles, vadinfo and tokens in one run
# (their rows exactly: tests/cli/dump_all.sh); the others run alone.
CMDS="dump-all pslist psscan cmdline envars fibers getsids privileges jobs svcscan"

VOL_PLUGINS=${VOL_PLUGINS:-info pslist psscan pstree threads handles dlllist cmdline envars getsids privileges vadinfo malfind psxview svcscan}
# Volatility's joblinks (each process in a job, the job's counts and
# members) runs on every machine, and alone with pslist on the jobs machines
VOL_JOB_PLUGINS=${VOL_JOB_PLUGINS:-joblinks}
# vol_check IMAGE LABEL [PLUGINS]: Volatility 3's plugins (svcscan reads the services
# table it picks per build, the layout the forge writes for that build).
vol_check() {
    have_vol3 || return 0
    # 26100 is the built-in profile: its table is the one the forge wrote
    syms=$ISF
    [ -d "$1.symbols" ] && syms=$1.symbols
    for p in ${3:-$VOL_PLUGINS $VOL_JOB_PLUGINS}; do
        if ! vol3 "$1" "$syms" $p > "$TMP/$2.vol.$p.json" \
                2> "$TMP/$2.vol.$p.err"; then
            fail "$2: Volatility 3 windows.$p runs ($(tail -1 "$TMP/$2.vol.$p.err"))"
        fi
    done
    "${VOL_PYTHON:-/usr/bin/python3}" bench/forge_vol3_check.py "$1.truth.json" "$TMP/$2.vol" | sed -e 's/^FAIL - /not ok - /' \
        -e "s/^\(not \)\{0,1\}ok - /&$2: Volatility 3 /"
}

# forge_build LABEL BUILD SCENARIO|-: forge the machine, read it back, compare.
forge_build() {
    label=$1; build=$2; scen=$3
    img=$TMP/$label.img
    set --
    [ "$scen" != - ] && set -- "$scen"
    if ! "$EPROC" -s "$ISF" forge "$@" --profile "$build" --seed 7 -o "$img" > /dev/null 2> "$TMP/forge.err"; then
        fail "$label: forge --profile $build ($(head -1 "$TMP/forge.err"))"
        return 1
    fi
    python3 - "$img.truth.json" "$build" "$label" <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); build = sys.argv[2]; label = sys.argv[3]
p = t['profile']
want_build = int(build.split('.')[0])
ok = p['build'] == want_build and t['machine']['build'] == want_build and \
    (p['builtin'] if want_build == 26100 else (not p['builtin'] and p['guid'] in p['table'])) and \
    ('.' not in build or p['revision'] == int(build.split('.')[1]))
print(('ok - ' if ok else 'not ok - ') + '%s: the truth records build %s and its table (%s)' % (label, build, p['table']))
PY
    # the symbol table eproc picks: the build's own, by identity (26100: the built-in one)
    "$EPROC" -s "$ISF" -f "$img" -o json info > "$TMP/$label.info.json" 2> "$TMP/$label.info.err"
    python3 - "$TMP/$label.info.json" "$img.truth.json" "$label" <<'PY'
import json, sys
info = json.load(open(sys.argv[1])); t = json.load(open(sys.argv[2])); label = sys.argv[3]
info = info[0] if isinstance(info, list) else info
p = t['profile']
ok = info['build'] == p['build'] and info['pdb_guid'] == p['guid'] and \
    (p['builtin'] or info['profile_choice'] == 'exact PDB GUID match')
print(('ok - ' if ok else 'not ok - ') + '%s: eproc reads build %d and picks the table by PDB GUID %s (%s)'
      % (label, p['build'], p['guid'], info.get('profile_choice')))
PY
    for c in $CMDS; do
        "$EPROC" -s "$ISF" -f "$img" -o json "$c" > "$TMP/$label.$c.json" 2> "$TMP/$label.$c.err"
        rc=$?
        # the attacks machine has findings: psscan, handles and others may exit 1
        if [ "$rc" -gt 1 ] || grep -qE "Sanitizer|runtime error" "$TMP/$label.$c.err"; then
            fail "$label: $c runs (rc=$rc: $(head -c 300 "$TMP/$label.$c.err"))"
        fi
    done
    python3 - "$TMP/$label" <<'PY'
import json, sys
base = sys.argv[1]
procs = [json.loads(l) for l in open(base + '.dump-all.json') if l.strip()]
for cmd, key in (('threads', 'threads'), ('dlllist', 'modules'), ('handles', 'handles'),
                 ('vadinfo', 'vads'), ('tokens', 'tokens')):
    json.dump([row for p in procs for row in p[key]], open('%s.%s.json' % (base, cmd), 'w'))
PY
    for k in pslist psscan; do
        cp "$TMP/$label.$k.json" "$TMP/out"
        TRUTH=$img.truth.json python3 tests/cli/truth_processes.py "$k" "$TMP/out" "$img.truth.json" | sed "s/^\(not \)\{0,1\}ok - /&$label: /"
    done
    python3 tests/cli/anatomy_truth.py "$img.truth.json" "$TMP/$label.cmdline.json" "$TMP/$label.envars.json" \
        "$TMP/$label.dlllist.json" "$TMP/$label.threads.json" "$TMP/$label.fibers.json" "$label"
    python3 tests/cli/truth_handles.py "$label: handles" "$TMP/$label.handles.json" "$img.truth.json" 20
    python3 tests/cli/truth_tokens.py "$label" "$img.truth.json" "$TMP/$label.getsids.json" \
        "$TMP/$label.privileges.json" "$TMP/$label.tokens.json"
    python3 tests/cli/truth_vadinfo.py "$img.truth.json" "$TMP/$label.vadinfo.json" "$label"
    njobs=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['jobs']))" "$img.truth.json")
    python3 tests/cli/truth_jobs.py "$label: jobs" "$TMP/$label.jobs.json" "$img.truth.json" "$njobs"
    nsvc=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['services']))" "$img.truth.json")
    python3 tests/cli/truth_services.py "$label" "$TMP/$label.svcscan.json" "$img.truth.json" "$nsvc"
    # Volatility 3 with the same directory (the default and attacks
    # machines of each build), its rows against the truth with
    # bench/forge_vol3_check.py; VOL_MACHINES narrows it
    for vm in ${VOL_MACHINES:-default attacks}; do
        case $label in *-"$vm") vol_check "$img" "$label" ;; esac
    done
    case $label in *-jobs) vol_check "$img" "$label" "pslist $VOL_JOB_PLUGINS" ;; esac
    return 0
}

# FORGE_BUILDS / FORGE_MACHINES narrow the run while working on one build;
# under the sanitizers (slower) two builds far apart are enough.
BUILDS="19041.1288 19041.3570 17763 20348 22000 26100"
MACHINES="default attacks"
if [ -n "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}" ]; then BUILDS="19041.3570 17763"; MACHINES="attacks wow64"; fi
for build in ${FORGE_BUILDS:-$BUILDS}; do
    b=$(echo "$build" | tr . _)
    for m in ${FORGE_MACHINES:-$MACHINES}; do
        case $m in default) scen=- ;; jobs|wow64) scen=$TMP/$m.json ;; *) scen=examples/$m.json ;; esac
        forge_build "$b-$m" "$build" "$scen"
        [ "$b-$m" = 17763-attacks ] || rm -f "$TMP/$b-$m.img"
    done
done
# jobs and silos on three builds, 14393 (Windows Server 2016) among them,
# whose EPROCESS has no ServerSilo (docs/forge.md), and a WoW64 process on 19041
[ -z "$FORGE_BUILDS" ] && [ -z "${ASAN_OPTIONS:-}${UBSAN_OPTIONS:-}" ] && {
    forge_build 19041_3570-jobs 19041.3570 "$TMP/jobs.json" && rm -f "$TMP/19041_3570-jobs.img"
    forge_build 17763-jobs 17763 "$TMP/jobs.json" && rm -f "$TMP/17763-jobs.img"
    forge_build 14393-default 14393 - && rm -f "$TMP/14393-default.img"
    forge_build 14393-jobs 14393 "$TMP/jobs.json" && rm -f "$TMP/14393-jobs.img"
    forge_build 19041_3570-wow64 19041.3570 "$TMP/wow64.json" && rm -f "$TMP/19041_3570-wow64.img"
}
[ -n "$VOL3" ] || skip "Volatility 3 on other builds (set VOL3 to a volatility3 checkout)"

# An image whose table is not in the symbol directory: eproc names the
# table it needs (ntkrnlmp.pdb/GUID-age) and falls back as for a real
# capture: to a table of the same build (BUILDS.txt) when there is one,
# else it stops with that one line.  The directory: BUILDS.txt and a few
# other tables (not all 42: the fallback reads each once).
mkdir -p "$TMP/other/windows/ntkrnlmp.pdb"
cp "$ISF/BUILDS.txt" "$TMP/other/"
for id in 517E128F7B7C4EA79491DE6B9B9CE190-1 606FF669409B00F7FC8C61A9C1670129-1 C2EADB24A615E9472CE47C8ADD31F130-1; do
    ln -s "$ISF/windows/ntkrnlmp.pdb/$id.json.xz" "$TMP/other/windows/ntkrnlmp.pdb/"
done
needs() { python3 -c "import json,sys; p=json.load(open(sys.argv[1]))['profile']; print('ntkrnlmp.pdb/%s-%X' % (p['guid'], p['age']))" "$1"; }
img=$TMP/17763-attacks.img
if [ -f "$img" ]; then
    need=$(needs "$img.truth.json")
    run "$EPROC" -s "$TMP/other" -f "$img" -o json pslist
    expect "17763 read without a 17763 table: exit 3, one line naming the table it needs ($need)" \
        '[ "$RC" -eq 3 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q "$need" "$TMP/err"'
fi
# 19041.1288 as a crash dump (its header states PsActiveProcessHead, as a
# real one does) read with only 19041.3570's table: same build, same layout
img=$TMP/fallback.dmp
if "$EPROC" -s "$ISF" forge --profile 19041.1288 --format crashdump -o "$img" > /dev/null 2> "$TMP/forge.err"; then
    need=$(needs "$img.truth.json")
    run "$EPROC" -s "$TMP/other" -f "$img" -o json pslist
    expect "19041.1288 read with 19041.3570's table: a warning names the table it needs ($need) and the one used" \
        '[ "$RC" -eq 0 ] && grep -q "needs $need.*606FF669409B00F7FC8C61A9C1670129-1 (build 19041.3570), same build 19041" "$TMP/err"'
    python3 tests/cli/truth_processes.py pslist "$TMP/out" "$img.truth.json" | sed "s/^\(not \)\{0,1\}ok - /&fallback to 19041.3570: /"
    rm -f "$img"
else
    fail "forge --profile 19041.1288 --format crashdump ($(head -1 "$TMP/forge.err"))"
fi

# What the forge refuses: a build without a table, a profile that is neither.
run "$EPROC" -s "$ISF" forge --profile 18363 -o "$TMP/none.img"
expect "forge --profile 18363 (no table in the directory): exit 3, one line naming the build" \
    '[ "$RC" -eq 3 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q "build 18363" "$TMP/err" && [ ! -e "$TMP/none.img" ]'
run "$EPROC" forge --profile 19041 -o "$TMP/none.img"
expect "forge --profile 19041 without -s: exit 3, says a symbol directory is needed" \
    '[ "$RC" -eq 3 ] && grep -q "none given" "$TMP/err"'
run "$EPROC" forge --profile banana -o "$TMP/none.img"
expect "forge --profile banana: exit 2, neither a build nor a table" \
    '[ "$RC" -eq 2 ] && grep -q "neither a build number" "$TMP/err"'
printf '{"machine": {"build": "19041.x"}}' > "$TMP/badbuild.json"
run "$EPROC" forge "$TMP/badbuild.json" -o "$TMP/none.img"
expect "a scenario's machine.build that is not a build number: exit 2 naming the key" \
    '[ "$RC" -eq 2 ] && grep -q "machine.profile" "$TMP/err"'
# --profile FILE: the table itself; its build from the BUILDS.txt of the
# directory it sits in (no -s needed); a file no BUILDS.txt names is refused
run "$EPROC" forge --profile "$ISF/windows/ntkrnlmp.pdb/32C1A669D5FFEFD41091F636CFDB6E99-1.json.xz" -o "$TMP/file.img"
expect "forge --profile FILE (22000's table): build 22000.318 from the BUILDS.txt beside it" \
    '[ "$RC" -eq 0 ] && python3 -c "import json,sys; p=json.load(open(sys.argv[1]))[\"profile\"]; sys.exit(0 if (p[\"build\"], p[\"revision\"]) == (22000, 318) else 1)" "$TMP/file.img.truth.json"'
rm -f "$TMP/file.img"
cp "$ISF/windows/ntkrnlmp.pdb/32C1A669D5FFEFD41091F636CFDB6E99-1.json.xz" "$TMP/lone.json.xz"
run "$EPROC" forge --profile "$TMP/lone.json.xz" -o "$TMP/none.img"
expect "forge --profile FILE that no BUILDS.txt names: exit 3, one line saying so" \
    '[ "$RC" -eq 3 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q "names its build" "$TMP/err" && [ ! -e "$TMP/none.img" ]'
# "ums": true is refused on every build, for the reason that holds there:
# 19041 (and 17763, 14393) have UMS (KTHREAD.Ucb) which the forge does not
# model; 20348, 22000 and 26100 have none
printf '{"processes":[{"name":"a.exe","threads":[{"ums":true}]}]}' > "$TMP/ums.json"
run "$EPROC" -s "$ISF" forge "$TMP/ums.json" --profile 19041.3570 -o "$TMP/none.img"
expect "a UMS thread on 19041: exit 2, one line: build 19041, the forge does not model UMS" \
    '[ "$RC" -eq 2 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q "processes\[0\].threads\[0\].ums.*build 19041: the forge does not model user-mode scheduling" "$TMP/err" && [ ! -e "$TMP/none.img" ]'
run "$EPROC" -s "$ISF" forge "$TMP/ums.json" --profile 20348 -o "$TMP/none.img"
expect "a UMS thread on 20348: exit 2, one line: build 20348 has no user-mode scheduling" \
    '[ "$RC" -eq 2 ] && [ "$(wc -l < "$TMP/err")" -eq 1 ] && grep -q "build 20348 has no user-mode scheduling" "$TMP/err" && [ ! -e "$TMP/none.img" ]'
# the scenario key chooses the build as --profile does
printf '{"machine": {"build": 20348}}' > "$TMP/build.json"
run "$EPROC" -s "$ISF" forge "$TMP/build.json" -o "$TMP/key.img"
expect "machine.build 20348 in the scenario forges build 20348" \
    '[ "$RC" -eq 0 ] && python3 -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))[\"machine\"][\"build\"] == 20348 else 1)" "$TMP/key.img.truth.json"'
rm -f "$TMP/key.img"
