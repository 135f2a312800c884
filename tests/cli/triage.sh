#!/bin/sh
# Issue 14 item 6: kernel triage dumps.  For each real dump in
# ../shared/data/kernel-triage, eproc's info (bugcheck name, faulting
# module), modules (the dump's driver list) and threads (the faulting
# thread from the dump's ETHREAD copy) against tests/tools/triage_facts.py,
# an independent parser of the dump header and triage data.
. "$(dirname "$0")/../lib.sh"

need_shared "kernel triage dumps" || exit 0
for dump in "$SHARED"/kernel-triage/*.dmp; do
    name=$(basename "$dump")
    "$EPROC" -s "$SHARED/isf" -f "$dump" -o json info > "$TMP/info.json" 2>/dev/null; irc=$?
    "$EPROC" -s "$SHARED/isf" -f "$dump" -o json modules > "$TMP/modules.json" 2>/dev/null; mrc=$?
    "$EPROC" -s "$SHARED/isf" -f "$dump" -o json threads > "$TMP/threads.json" 2>"$TMP/threads.err"; trc=$?
    profile=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['profile'] or '')" "$TMP/info.json" 2>/dev/null)
    isf=""
    [ -n "$profile" ] && isf="$SHARED/isf/windows/$profile.json.xz"
    python3 tests/tools/triage_facts.py "$dump" $isf > "$TMP/facts.json" || { fail "$name: triage_facts.py"; continue; }
    python3 - "$TMP" "$name" "$irc" "$mrc" "$trc" <<'PY'
import json, sys
d, name = sys.argv[1], sys.argv[2]
irc, mrc, trc = map(int, sys.argv[3:6])
facts = json.load(open(d + "/facts.json"))
def check(desc, cond, why=""):
    print(("ok - " if cond else "not ok - ") + name + ": " + desc + ("" if cond else "  [%s]" % (why,)))
H = lambda s: int(s, 16) if isinstance(s, str) else s
info = json.load(open(d + "/info.json"))[0] if irc == 0 else {}
check("info: bugcheck %#x is %s" % (facts["bugcheck_code"], facts["bugcheck_name"]),
      irc == 0 and info.get("bugcheck_name") == facts["bugcheck_name"] and facts["bugcheck_name"],
      info.get("bugcheck_name"))
params = facts["bugcheck_parameters"]
check("info: the meaning of all four parameters, with their values",
      all(("%d: " % (i + 1)) in (info.get("bugcheck_meaning") or "") and ("= %#x" % p) in info["bugcheck_meaning"]
          for i, p in enumerate(params)), info.get("bugcheck_meaning"))
mods = json.load(open(d + "/modules.json")) if mrc == 0 else []
want = [(m["name"], m["base"], m["size"]) for m in facts["drivers"]]
got = [(r["name"], H(r["base"]), H(r["size"])) for r in mods]
check("modules: the driver list, %d drivers (name, base, size, in order)" % len(want), got == want and want,
      [x for x in got if x not in want][:2] or [x for x in want if x not in got][:2])
fa = H(info.get("faulting_address"))
if fa:
    owner = [m for m in facts["drivers"] if m["base"] <= fa < m["base"] + m["size"]]
    exp = "%s+%#x" % (owner[0]["name"], fa - owner[0]["base"]) if owner else "(no module)"
    check("info: faulting address %#x (%s) lies in %s" % (fa, info.get("faulting_address_source"), exp),
          info.get("faulting_module") == exp, info.get("faulting_module"))
t = facts.get("thread")
if facts["machine"] == 0x8664 and t:
    rows = json.load(open(d + "/threads.json")) if trc == 0 else []
    f = [r for r in rows if r.get("exception")]
    # The row's pid is the process copy's; a thread whose Cid names another
    # process (the idle thread, PID 0) is warned about.
    errs = open(d + "/threads.err").read()
    pid_ok = f[0]["pid"] == t["pid"] if f else False
    pid_ok = pid_ok or (f and "Cid names PID %d" % t["pid"] in errs)
    ok = len(f) == 1 and f[0]["tid"] == t["tid"] and pid_ok and H(f[0]["start_address"]) == t["start"] \
        and H(f[0]["win32_start_address"]) == t["win32_start"] and H(f[0]["kernel_stack_base"]) == t["stack_base"] \
        and H(f[0]["kernel_stack_limit"]) == t["stack_limit"] and H(f[0]["offset"]) == t["va"] \
        and f[0]["exit_time"] is None   # a running thread's ExitTime union holds a list link
    check("threads: the faulting thread, tid %d pid %d start %#x, kernel stack %#x-%#x" %
          (t["tid"], t["pid"], t["start"], t["stack_limit"], t["stack_base"]), ok, f[:1] or trc)
    if ok and t["start"] >= 0xffff800000000000:
        owner = [m for m in facts["drivers"] if m["base"] <= t["start"] < m["base"] + m["size"]]
        exp = "%s+%#x" % (owner[0]["name"], t["start"] - owner[0]["base"]) if owner else "(no module)"
        check("threads: a system thread's start resolved against the driver list: %s" % exp,
              f[0]["start_location"] == exp, f[0]["start_location"])
elif facts["machine"] != 0x8664:
    check("threads: no x64 profile for a %#x dump: exit 3, nothing made up" % facts["machine"], trc == 3)
PY
done

# Hostile driver lists: a count far beyond the file, a name offset past
# its end, a cut in the middle of the list.  One warning, what fits, no crash.
src=$SHARED/kernel-triage/rizin-triage_x64.dmp
python3 - "$src" "$TMP" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read()); out = sys.argv[2]
dl = struct.unpack_from("<I", d, 0x2030)[0]
big = bytearray(d); struct.pack_into("<I", big, 0x2034, 0xffffffff); open(out + "/count.dmp", "wb").write(big)
bad = bytearray(d); struct.pack_into("<I", bad, dl + 0x90, 0xfffffff0); open(out + "/name.dmp", "wb").write(bad)
open(out + "/cut.dmp", "wb").write(d[:dl + 0x90 * 10 + 0x40])
PY
run "$EPROC" -s "$SHARED/isf" -f "$TMP/count.dmp" -o json modules
expect "DriverCount 0xffffffff: one warning, the entries the file holds" '[ "$RC" -eq 0 ] && echo "$ERR" | grep -q "the dump says 4294967295 drivers but its file holds" && no_sanitizer_report'
run "$EPROC" -s "$SHARED/isf" -f "$TMP/name.dmp" -o json modules
expect "a name offset past the end: that driver unnamed, the others listed" '[ "$RC" -eq 0 ] && python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(not (len(r)==151 and r[1][\"name\"] in (None, \"\") and r[2][\"name\"]==\"kd.dll\"))" "$TMP/out" && no_sanitizer_report'
run "$EPROC" -s "$SHARED/isf" -f "$TMP/cut.dmp" -o json modules
expect "a dump cut inside its driver list: exit 0 or 3, never a crash" '{ [ "$RC" -eq 0 ] || [ "$RC" -eq 3 ]; } && no_sanitizer_report'
