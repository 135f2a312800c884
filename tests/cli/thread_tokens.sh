#!/bin/sh
# Thread impersonation tokens in `threads` (issue 12 item 2): a SYSTEM
# service whose threads impersonate clients at each level, forged with the
# scenario's threads[].impersonate; every thread's impersonation token,
# user and level equal the truth, and threads that do not impersonate
# show none.
. tests/lib.sh

python3 - "$TMP/imp.json" <<'PY'
import json, sys
s = json.load(open('examples/custom.json'))
s['processes'].append({'name': 'rpcserver.exe', 'pid': 5004, 'user': 'SYSTEM', 'session': 0, 'threads': [
    {'tid': 5008}, {'tid': 5012, 'impersonate': 3100},
    {'tid': 5016, 'impersonate': 'notepad.exe', 'impersonation_level': 'identification'},
    {'tid': 5020, 'impersonate': 2404, 'impersonation_level': 'delegation'},
    {'tid': 5024, 'impersonate': 3100, 'impersonation_level': 'anonymous'}]})
json.dump(s, open(sys.argv[1], 'w'))
PY
IMG=$TMP/imp.raw
if ! "$EPROC" forge "$TMP/imp.json" -o "$IMG" > /dev/null 2> "$TMP/forge.err"; then
    fail "forge impersonating threads ($(head -1 "$TMP/forge.err"))"
    exit 0
fi
run "$EPROC" -o json -f "$IMG" threads
check_clean "threads: every thread's impersonation token, user and level equal the truth (4 impersonating, the rest none)" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); t = json.load(open(sys.argv[2]))
want = {}
for p in t["processes"]:
    for th in p["threads"]:
        im = th["impersonation"]
        want[(p["pid"], th["tid"])] = (im["token"], im["user_sid"], im["level"]) if im else (None, None, None)
got = {(r["pid"], r["tid"]): (r["impersonation_token"], r["impersonation_user"], r["impersonation_level"]) for r in rows}
assert want == got, sorted(set(want.items()) ^ set(got.items()))
imp = {k: v for k, v in got.items() if v[0]}
assert sorted(v[2] for v in imp.values()) == ["Anonymous", "Delegation", "Identification", "Impersonation"], imp
assert imp[(5004, 5020)][1] == "S-1-5-18" and imp[(5004, 5012)][1].endswith("-1001"), imp
' "$TMP/out" "$IMG.truth.json"

# the impersonation token is a token of its own (TokenType 2), not the client's primary
check_clean "the impersonation tokens are not the clients' primary tokens" python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))
primary = {p["token"]["own_token"] for p in t["processes"]}
imp = [th["impersonation"]["token"] for p in t["processes"] for th in p["threads"] if th["impersonation"]]
assert len(imp) == 4 and not set(imp) & primary, imp
' "$IMG.truth.json"

run "$EPROC" -o json -f "$IMG" threads --pid 5004
expect "threads --pid: the impersonation columns in the text table" \
    '[ "$RC" -eq 0 ] && "$EPROC" -f "$IMG" threads --pid 5004 | grep -q "Delegation"'

# the README's example scenario forges, and its impersonating threads,
# pipe ends and silos are what the truth says
KIMG=$TMP/kobjects.raw
if "$EPROC" forge examples/kobjects.json -o "$KIMG" > /dev/null 2> "$TMP/forge.err"; then
    run "$EPROC" -o json -f "$KIMG" threads --pid 5004
    check_clean "examples/kobjects.json: rpcserver's impersonating threads equal the truth" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1])); t = json.load(open(sys.argv[2]))
p = [p for p in t["processes"] if p["pid"] == 5004][0]
want = {th["tid"]: th["impersonation"] and th["impersonation"]["level"] for th in p["threads"]}
got = {r["tid"]: r["impersonation_level"] for r in rows}
assert want == got and sorted(filter(None, got.values())) == ["Identification", "Impersonation"], (want, got)
' "$TMP/out" "$KIMG.truth.json"
else
    fail "forge examples/kobjects.json ($(head -1 "$TMP/forge.err"))"
fi
