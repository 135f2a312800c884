#!/bin/sh
# eproc check, tokens and kernel views (issue 16): token-shared,
# token-system-unexpected, privilege-unexpected, thread-impersonates-system,
# callback-no-module, driver-unlinked, service-process-missing,
# gui-no-w32process.  Every technique staged is found by the rule that
# names it, with evidence from the views that disagree, and nothing else
# is found (check_truth.py); on machines with nothing staged, in every
# format, nothing is found.
. tests/lib.sh

run "$EPROC" -o json check --list
echo "$OUT" > "$TMP/rules.json"
expect "check --list names the group's rules and the techniques staging them" '[ "$RC" -eq 0 ] && python3 -c "
import json,sys
r={x[\"rule\"]: x[\"forge_techniques\"] for x in json.load(open(sys.argv[1]))}
want={\"token-shared\":\"token_steal\",\"token-system-unexpected\":\"system_token\",
      \"privilege-unexpected\":\"privilege_enable\",\"callback-no-module\":\"callback_in_no_module\",
      \"driver-unlinked\":\"unlinked_driver\",\"service-process-missing\":\"service_gone\",
      \"gui-no-w32process\":\"w32_detach\",\"thread-impersonates-system\":\"system_impersonation\"}
assert all(t in r[k] for k,t in want.items()), r" "$TMP/rules.json"'

# the group's scenario: every technique once
forge_check tokens examples/check_tokens.json
python3 -c "
import json,sys
t=json.load(open(sys.argv[1]))
kinds={x['kind'] for x in t['techniques']}
want={'token_steal','system_token','privilege_enable','system_impersonation','callback_in_no_module','unlinked_driver','service_gone','w32_detach'}
sys.exit(0 if want <= kinds else 1)" "$TMP/tokens.img.truth.json" && ok "check_tokens.json stages every technique of the group" \
    || fail "check_tokens.json stages every technique of the group"

# A machine the project never saw: hand-written, another seed, a crash
# dump; techniques on other processes, two on one process (privileges and
# W32PROCESS on winword), a SYSTEM child of a user's Office process.
cat > "$TMP/unseen.json" <<'JSON'
{
  "machine": { "memory": "384M", "seed": 913, "time": "2025-09-02T16:40:00Z", "hostname": "FIN-LT-07" },
  "processes": [
    { "name": "smss.exe", "pid": 356, "ppid": 4, "user": "SYSTEM", "create_time": 1.0 },
    { "name": "csrss.exe", "pid": 440, "ppid": 432, "session": 0, "user": "SYSTEM", "create_time": 3.0 },
    { "name": "wininit.exe", "pid": 516, "ppid": 432, "session": 0, "user": "SYSTEM", "create_time": 3.5 },
    { "name": "csrss.exe", "pid": 524, "ppid": 508, "session": 1, "user": "SYSTEM", "create_time": 3.6 },
    { "name": "winlogon.exe", "pid": 588, "ppid": 508, "session": 1, "user": "SYSTEM", "gui": true, "create_time": 3.8 },
    { "name": "services.exe", "pid": 652, "ppid": 516, "session": 0, "user": "SYSTEM", "create_time": 4.0 },
    { "name": "lsass.exe", "pid": 668, "ppid": 516, "session": 0, "user": "SYSTEM", "protected": true,
      "create_time": 4.1 },
    { "name": "svchost.exe", "pid": 804, "ppid": 652, "session": 0, "user": "NETWORK SERVICE", "create_time": 6.0 },
    { "name": "explorer.exe", "pid": 3508, "ppid": 3480, "session": 1, "gui": true, "create_time": 60 },
    { "name": "WINWORD.EXE", "pid": 5012, "ppid": 3508, "session": 1, "gui": true,
      "image": "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE", "create_time": 900 },
    { "name": "rundll32.exe", "pid": 6244, "ppid": 5012, "session": 1, "create_time": 1500 },
    { "name": "calc.exe", "pid": 6420, "ppid": 3508, "session": 1, "gui": true, "create_time": 1600 }
  ],
  "services": [
    { "name": "Dnscache", "binary": "C:\\Windows\\system32\\svchost.exe -k NetworkService -p", "process": 804 }
  ],
  "techniques": [
    { "kind": "privilege_enable", "target": "WINWORD.EXE" },
    { "kind": "w32_detach", "target": "WINWORD.EXE" },
    { "kind": "system_token", "target": "rundll32.exe" },
    { "kind": "token_steal", "target": "calc.exe", "source": "winlogon.exe" },
    { "kind": "system_impersonation", "target": "explorer.exe", "source": "lsass.exe" },
    { "kind": "service_gone", "path": "EdrSensor" },
    { "kind": "service_gone" },
    { "kind": "unlinked_driver", "path": "npfs2.sys" },
    { "kind": "callback_in_no_module", "notify": "image" },
    { "kind": "callback_in_no_module", "notify": "process" }
  ]
}
JSON
forge_check unseen "$TMP/unseen.json" --format crashdump
# the default machine under another seed, as LiME, techniques moved
cat > "$TMP/moved.json" <<'JSON'
{
  "machine": { "memory": "512M", "seed": 5, "time": "2025-11-20T07:15:00Z" },
  "processes": [],
  "techniques": [
    { "kind": "privilege_enable", "target": "conhost.exe" },
    { "kind": "system_token", "target": "msedge.exe" },
    { "kind": "w32_detach", "target": "explorer.exe" },
    { "kind": "system_impersonation", "target": "OneDrive.exe", "source": "winlogon.exe" },
    { "kind": "service_gone", "path": "WinDefendHelper" }
  ]
}
JSON
forge_check moved "$TMP/moved.json" --seed 4242 --format lime

# the forge refuses what it cannot stage honestly
printf '{"processes": [], "techniques": [{"kind": "privilege_enable", "target": "lsass.exe"}]}' > "$TMP/refuse.json"
run "$EPROC" forge "$TMP/refuse.json" -o "$TMP/refuse.img"
expect "forge: privilege_enable refuses a process already above medium integrity" '[ "$RC" -eq 2 ] && grep -q "integrity" "$TMP/err"'
printf '{"processes": [], "techniques": [{"kind": "system_token", "target": "svchost.exe"}]}' > "$TMP/refuse.json"
run "$EPROC" forge "$TMP/refuse.json" -o "$TMP/refuse2.img"
expect "forge: system_token refuses a session-0 process" '[ "$RC" -eq 2 ] && grep -q "interactive session" "$TMP/err"'

# the commands the rules share their logic with keep finding the same
img=$TMP/unseen.img
run "$EPROC" -f "$img" -o json svcscan
expect "svcscan: the two gone hosts are its findings too" '[ "$RC" -eq 1 ] && [ "$(echo "$OUT" | grep -c "no process has PID")" -eq 2 ]'
run "$EPROC" -f "$img" -o json callbacks
expect "callbacks: the two routines in pool are its findings too" '[ "$RC" -eq 1 ] && [ "$(echo "$OUT" | grep -c "routine in no loaded module")" -eq 2 ]'
run "$EPROC" -f "$img" -o json modscan
expect "modscan: npfs2.sys is off the list" '[ "$RC" -eq 1 ] && python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert [x[\"name\"] for x in r if x[\"in_list\"] is False]==[\"npfs2.sys\"]" "$TMP/out"'

# nothing staged: nothing found, whatever the seed and the format
for seed in 1 2 3 5 8 13 21 34 55 89; do
    forge_check "clean-seed$seed" --seed "$seed" --memory 256M
done
forge_check clean-elf --seed 77 --format elf
forge_check clean-crashdump --seed 78 --format crashdump
forge_check clean-lime --seed 79 --format lime
