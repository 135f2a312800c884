#!/bin/sh
# eproc check, memory and threads (issue 16; src/check/rules_memory.c):
# process-hollowing, peb-masquerade, injected-code, thread-outside-module,
# fiber-outside-module.  Every staged technique is found by the rule that
# names it, with evidence from the right views, and nothing else is found
# (tests/cli/check_truth.py): on examples/check_memory.json and on
# machines no other test builds (other seeds, sizes, formats, techniques
# on other processes and combined, a WoW64 target).  Clean machines and
# the real captures give no finding of these rules, except the one real
# injected PE the Wine dumper writes on purpose.
. tests/lib.sh

MINE=process-hollowing,peb-masquerade,injected-code,thread-outside-module,fiber-outside-module

run "$EPROC" -o json check --list
echo "$OUT" > "$TMP/rules.json"
expect "check --list: the memory rules, each with its forge technique" '[ "$RC" -eq 0 ] && python3 - "$TMP/rules.json" <<PY
import json, sys
r = {x["rule"]: x for x in json.load(open(sys.argv[1]))}
want = {"process-hollowing": "hollowing", "peb-masquerade": "peb_masquerade", "injected-code": "injected_code",
        "thread-outside-module": "orphan_thread", "fiber-outside-module": "fiber_outside_module"}
for rule, kind in want.items():
    assert kind in r[rule]["forge_techniques"] and r[rule]["mitre"] and r[rule]["seed"], rule
PY'

# forge_check_own LABEL FORGE-ARGS...: forge_check (tests/lib.sh), then
# each staged technique of this group must be found by ITS rule
# (check_truth.py accepts any rule naming the technique).
forge_check_own() {
    forge_check "$@" || return 1
    python3 - "$img.truth.json" "$TMP/$label.json" "$label" <<'PY'
import json, sys
truth, findings, label = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
# the rule that must find each technique, and a view its evidence names
own = {"hollowing": ("process-hollowing", "VAD"), "peb_masquerade": ("peb-masquerade", "PEB"),
       "injected_code": ("injected-code", "memory"), "orphan_thread": ("thread-outside-module", "ETHREAD"),
       "fiber_outside_module": ("fiber-outside-module", "FIBER")}
for t in truth.get("techniques", []):
    if t["kind"] not in own:
        continue
    rule, view = own[t["kind"]]
    hit = [f for f in findings if f["rule"] == rule and f["pid"] == t["target_pid"]
           and view in {e["view"] for e in f["evidence"]}]
    print("%s - %s: %s on PID %s found by %s itself (evidence names %s)" %
          ("ok" if hit else "not ok", label, t["kind"], t["target_pid"], rule, view))
PY
}

# the group's scenario
forge_check_own check-memory examples/check_memory.json
# the fiber's saved Rip is the staged address, and the evidence says so
expect "fiber-outside-module: evidence gives the FIBER's saved Rip the truth records" 'python3 - "$TMP/check-memory.img.truth.json" "$TMP/check-memory.json" <<PY
import json, sys
t, f = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
pc = [x["address"] for tq in t["techniques"] if tq["kind"] == "fiber_outside_module" for x in tq["touched"] if x["what"] == "saved_pc"]
ev = [e["value"] for x in f if x["rule"] == "fiber-outside-module" for e in x["evidence"] if e["field"] == "FiberContext.Rip"]
assert pc and ev == pc, (pc, ev)
PY'

# A machine no test builds: another seed, size and format; hollowing and
# masquerading combined on one process; injection and a fiber in explorer
# from cmd; threads in no module in a kernel-only process and a service.
cat > "$TMP/novel.json" <<'EOF'
{ "machine": { "memory": "384M", "seed": 9001, "cpus": 2 },
  "techniques": [
    { "kind": "hollowing", "target": "SearchHost.exe" },
    { "kind": "peb_masquerade", "target": "SearchHost.exe", "path": "C:\\Program Files\\Windows Defender\\MsMpEng.exe" },
    { "kind": "injected_code", "target": "explorer.exe", "source": "cmd.exe" },
    { "kind": "fiber_outside_module", "target": "explorer.exe" },
    { "kind": "fiber_outside_module", "target": "sihost.exe", "address": "0x2a0000000" },
    { "kind": "orphan_thread", "target": "Registry" },
    { "kind": "orphan_thread", "target": "MsMpEng.exe" }
  ] }
EOF
forge_check_own novel-lime "$TMP/novel.json" --format lime

# A hand-written machine: a WoW64 game (a 32-bit program: its loader lists
# are two, its allocations below 4 GiB) with code injected into it and a
# thread in no module, and a JIT host whose writable, executable
# memory holds code but no PE header and runs no thread: not injected code.
cat > "$TMP/wow.json" <<'EOF'
{ "machine": { "memory": "256M", "seed": 4711 },
  "processes": [
    { "name": "smss.exe", "pid": 368, "ppid": 4, "session": 0, "user": "SYSTEM", "create_time": 1.0 },
    { "name": "csrss.exe", "pid": 472, "ppid": 460, "session": 1, "user": "SYSTEM", "create_time": 4.0 },
    { "name": "explorer.exe", "pid": 2000, "ppid": 1960, "session": 1, "create_time": 60 },
    { "name": "game.exe", "pid": 2100, "ppid": 2000, "session": 1, "image": "C:\\Games\\game.exe",
      "wow64": true, "modules": ["C:\\Windows\\System32\\USER32.dll", "C:\\Games\\engine.dll"],
      "threads": [ {}, { "start": "engine.dll+0x1200" }, { "start": "KERNEL32.dll+0x2000" } ] },
    { "name": "jithost.exe", "pid": 2200, "ppid": 2000, "session": 1, "image": "C:\\Apps\\jithost.exe", "threads": 3,
      "vads": [ { "size": 65536, "protection": "PAGE_EXECUTE_READWRITE", "type": "private", "code": true } ] }
  ],
  "techniques": [
    { "kind": "injected_code", "target": "game.exe", "source": "explorer.exe" },
    { "kind": "orphan_thread", "target": "game.exe" }
  ] }
EOF
forge_check_own wow64-crashdump "$TMP/wow.json" --format crashdump
run "$EPROC" -f "$TMP/wow64-crashdump.img" malfind --pid 2200
expect "the JIT host's RWX code region is malfind's row, yet no injected-code finding" '[ "$RC" -eq 1 ] && echo "$OUT" | grep -q "PAGE_EXECUTE_READWRITE" && ! grep -q "\"pid\":2200" "$TMP/wow64-crashdump.json"'

# the forge refuses a fiber where there can be none
printf '{"techniques":[{"kind":"fiber_outside_module","target":4}]}' > "$TMP/bad.json"
run "$EPROC" forge "$TMP/bad.json" -o "$TMP/bad.img"
expect "forge: fiber_outside_module on System is refused (no user space)" '[ "$RC" -ne 0 ] && grep -q "techniques\[0\].target" "$TMP/err"'
rm -rf "$TMP"/*.img*

# clean machines: no finding of these rules, in every format
i=0
for seed in 101 102 103 104 105 106 107 108 109 110; do
    i=$((i + 1))
    case $((i % 4)) in 0) fmt=raw ;; 1) fmt=elf ;; 2) fmt=crashdump ;; 3) fmt=lime ;; esac
    "$EPROC" forge --force --seed $seed --format $fmt -o "$TMP/clean.img" > /dev/null 2>&1
    run "$EPROC" -f "$TMP/clean.img" -o jsonl check --rule "$MINE"
    expect "clean seed $seed ($fmt): no memory finding" '[ "$RC" -eq 0 ] && [ -z "$OUT" ] && no_sanitizer_report'
    rm -f "$TMP/clean.img" "$TMP/clean.img.truth.json"
done
"$EPROC" forge --force examples/default.json -o "$TMP/clean.img" > /dev/null 2>&1
run "$EPROC" -f "$TMP/clean.img" -o jsonl check --rule "$MINE"
expect "default machine: no memory finding" '[ "$RC" -eq 0 ] && [ -z "$OUT" ]'
"$EPROC" forge --force examples/custom.json -o "$TMP/clean.img" > /dev/null 2>&1
run "$EPROC" -f "$TMP/clean.img" -o jsonl check --rule "$MINE"
expect "custom machine (a fiber thread, a JIT-like RWX region): no memory finding" '[ "$RC" -eq 0 ] && [ -z "$OUT" ]'
rm -rf "$TMP"/clean.img*

if need_shared "memory rules on real captures"; then
    for d in "$SHARED"/minidumps/*/*.dmp "$SHARED"/kernel-triage/*x64*.dmp "$SHARED"/kernel-triage/1026*.dmp; do
        [ -f "$d" ] || continue
        run "$EPROC" -f "$d" -s "$SHARED/isf" -o jsonl check --rule "$MINE"
        expect "$(basename "$d"): no memory finding" '[ "$RC" -eq 0 ] && [ -z "$OUT" ] && no_sanitizer_report'
    done
    # triage dumps lose VAD nodes: "no VAD maps the image" cannot be said there
    d=$SHARED/kernel-triage/102622-12546-01.dmp
    run "$EPROC" -f "$d" -s "$SHARED/isf" -o jsonl hollowfind
    expect "hollowfind on a triage dump with missing VAD nodes: no hollowing row" '[ "$RC" -eq 0 ] && [ -z "$OUT" ]'
    run "$EPROC" -f "$d" -s "$SHARED/isf" -o json check --list
    expect "a triage dump runs thread-outside-module against its driver list" 'python3 -c "import json,sys; r={x[\"rule\"]: x for x in json.load(sys.stdin)}; assert r[\"thread-outside-module\"][\"runs\"] is True" < "$TMP/out"'
    # the Wine dumper writes "MZ" into a PAGE_EXECUTE_READWRITE
    # VirtualAlloc on purpose (minidumps/wine/dumper.c): the one real
    # injected PE, found without a MemoryInfoList at the address it printed
    xz -dc "$SHARED/minidumps/wine/wine-full.dmp.xz" > "$TMP/wine.dmp"
    run "$EPROC" -f "$TMP/wine.dmp" -o json check --rule "$MINE"
    expect "wine-full.dmp: exactly the dumper's RWX MZ region, by injected-code" '[ "$RC" -eq 1 ] && python3 -c "
import json, sys
f = json.load(sys.stdin); t = json.load(open(\"$SHARED/minidumps/wine/wine-full.truth.json\"))
assert len(f) == 1 and f[0][\"rule\"] == \"injected-code\" and f[0][\"pid\"] == t[\"pid\"], f
assert (\"MZ at 0x%x\" % int(t[\"rwx\"], 16)) in [e[\"value\"] for e in f[0][\"evidence\"]], f
" < "$TMP/out"'
fi
