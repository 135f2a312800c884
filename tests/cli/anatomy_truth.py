"""The user-mode anatomy of a forged memory image against its truth file,
process by process: cmdline, envars, dlllist, threads (TEB columns) and
fibers rows (eproc -o json) equal what the forge wrote.

usage: anatomy_truth.py TRUTH CMDLINE.json ENVARS.json DLLLIST.json THREADS.json FIBERS.json LABEL
Prints one TAP line per command."""
import json, sys

truth_file, cmdl, envs, dlls, thrs, fibs, label = sys.argv[1:8]
truth = json.load(open(truth_file))
rows = {k: json.load(open(f)) for k, f in
        (("cmdline", cmdl), ("envars", envs), ("dlllist", dlls), ("threads", thrs), ("fibers", fibs))}

# every process the active list or the pool scan finds: all not freed
procs = [p for p in truth["processes"] if not p.get("freed") and p["pid"] != 0]
user = [p for p in procs if p.get("peb")]

# Parts the scenario left paged out (truth "paged_out"): what lies behind
# them must be null or absent, never a value.
def out(p, *parts):
    return any(x["part"] in parts for x in p.get("paged_out") or [])

def report(what, want, got, n):
    missing, extra = sorted(want - got, key=str), sorted(got - want, key=str)
    ok = not missing and not extra and n > 0
    print(("ok - " if ok else "not ok - ") + "%s: %s equal the truth file (%d)" % (label, what, n)
          + ("" if ok else " missing %s extra %s" % (missing[:2], extra[:2])))

# cmdline: one row per process; null fields for processes without user space.
# A PEB masquerade (technique peb_masquerade) rewrote the image path, the
# command line and the first loader entry: those say masqueraded_as.
# A WoW64 process has a second row (wow64 true) from its PEB32's 32-bit
# parameters block, which holds the same strings.
def cmd_want(p):
    if not p.get("peb") or out(p, "peb", "parameters"):
        return (p["pid"], False, None, None, None)
    if p.get("masqueraded_as"):
        return (p["pid"], False, "masquerade", p["masqueraded_as"], p["cwd"])
    return (p["pid"], False, p["command_line"], p["image_path"], p["cwd"])
want = {cmd_want(p) for p in procs}
want32 = {(p["pid"], True, p["command_line"], p["image_path"], p["cwd"]) for p in procs
          if p.get("process_parameters32")}
want |= want32
masq = {p["pid"]: p["masqueraded_as"] for p in procs if p.get("masqueraded_as")}
got = {(r["pid"], bool(r.get("wow64")),
        "masquerade" if r["pid"] in masq and r["args"] and masq[r["pid"]] in r["args"] else r["args"],
        r["image_path"], r["current_directory"]) for r in rows["cmdline"]}
report("command lines, image paths and current directories%s" % (
    ", %d from a PEB32" % len(want32) if want32 else ""), want, got, len(want))

# envars: NAME=VALUE, the separator is the first '=' after the first character
def split(e):
    i = e.find("=", 1)
    return (e[:i], e[i + 1:]) if i > 0 else (e, "")
want = {(p["pid"],) + split(e) for p in user if not out(p, "peb", "parameters")
        for e in p.get("environment") or []}
got = {(r["pid"], r["variable"], r["value"]) for r in rows["envars"]}
report("environment variables", want, got, len(want))

# dlllist: the InLoadOrder list, in order: base, size, full path; for a
# WoW64 process the 32-bit loader's list (modules32) after it, wow64 true
want = set()
for p in user:
    if out(p, "peb", "ldr"):
        continue
    for i, m in enumerate(p.get("modules") or []):
        path = p["masqueraded_as"] if i == 0 and p.get("masqueraded_as") else m["path"]
        want.add((p["pid"], False, i, int(m["base"], 16), int(m["size"], 16), path))
    for i, m in enumerate(p.get("modules32") or []):
        want.add((p["pid"], True, i, int(m["base"], 16), int(m["size"], 16), m["path"]))
got, seen = set(), {}
for r in rows["dlllist"]:
    k = (r["pid"], bool(r.get("wow64")))
    i = seen.get(k, 0)
    seen[k] = i + 1
    got.add((r["pid"], bool(r.get("wow64")), i, int(r["base"], 16), int(r["size"], 16), r["path"]))
n32 = sum(1 for w in want if w[1])
report("modules (order, base, size, path)%s" % (", %d on WoW64 32-bit lists" % n32 if n32 else ""),
       want, got, len(want))

# threads: the TEB's stack bounds and FLS pointer; its ClientId matches the ETHREAD's Cid
def h(v):
    return int(v, 16) if isinstance(v, str) else v
want, got = set(), set()
for p in procs:
    for t in p.get("threads") or []:
        if t.get("exited") or not t.get("teb"):
            continue
        want.add((t["pid"], t["tid"], h(t["teb"]), h(t["user_stack_base"]), h(t["user_stack_limit"]),
                  h(t["fls_data"]) if t.get("fiber") else None, True))
for r in rows["threads"]:
    if r["teb"] and int(r["teb"], 16):
        got.add((r["pid"], r["tid"], h(r["teb"]), h(r["stack_base"]), h(r["stack_limit"]),
                 h(r["fls_data"]) if r["fls_data"] and int(r["fls_data"], 16) else None, r["teb_cid_ok"]))
report("TEBs (stack base/limit, FLS data, ClientId)", want, got, len(want))

# WoW64 threads: the TEB32 and the 32-bit stack it names
want = {(t["pid"], t["tid"], h(t["teb32"]), h(t["stack32_base"]), h(t["stack32_limit"]))
        for p in procs for t in p.get("threads") or [] if t.get("teb32") and not t.get("exited")}
got = {(r["pid"], r["tid"], h(r["teb32"]), h(r["stack32_base"]), h(r["stack32_limit"]))
       for r in rows["threads"] if r.get("teb32")}
print(("ok - " if want == got else "not ok - ") + "%s: TEB32s of WoW64 threads (stack32 base/limit) equal the truth file (%d)%s" % (
    label, len(want), "" if want == got else " missing %s extra %s" % (sorted(want - got)[:2], sorted(got - want)[:2])))

# fibers: each fiber thread's current fiber, running on it
want = {(t["pid"], t["tid"], h(t["fiber_data"])) for p in procs for t in p.get("threads") or []
        if t.get("fiber") and not t.get("exited")}
got = {(r["pid"], r["tid"], h(r["fiber"])) for r in rows["fibers"] if r["running"]}
print(("ok - " if want == got else "not ok - ") + "%s: running fibers equal the truth file (%d)%s" % (
    label, len(want), "" if want == got else " missing %s extra %s" % (sorted(want - got)[:2], sorted(got - want)[:2])))

# fibers created and never switched to (the forge's suspended_fiber): found
# by the memory scan, not running, every field as written
want = {(t["pid"], h(s["fiber"]), h(s["fiber_data"]), h(s["stack_base"]), h(s["stack_limit"]),
         h(s["deallocation_stack"]), h(s["saved_pc"]), h(s["saved_sp"]))
        for p in procs for t in p.get("threads") or [] for s in [t.get("suspended_fiber")]
        if s and not t.get("exited")}
got = {(r["pid"], h(r["fiber"]), h(r["fiber_data"]), h(r["stack_base"]), h(r["stack_limit"]),
        h(r["deallocation_stack"]), h(r["saved_pc"]), h(r["saved_sp"]))
       for r in rows["fibers"] if not r["running"] and r["source"] == "scan"}
print(("ok - " if want == got else "not ok - ") + "%s: suspended fibers (memory scan: fiber data, stack, saved pc/sp) equal the truth file (%d)%s" % (
    label, len(want), "" if want == got else " missing %s extra %s" % (sorted(want - got)[:2], sorted(got - want)[:2])))
