#!/usr/bin/env python3
# truth_services.py DESC SVCSCAN.json TRUTH.json [COUNT]: eproc svcscan's
# record rows (-o json) against the truth's services: address, order,
# names, state, start, PID and binary (the host's image path for a Win32
# service with a _SERVICE_PROCESS, the driver name for a driver), which
# must number COUNT (without COUNT: at least one).  One TAP line.
import json, sys
desc, rows_file, truth_file = sys.argv[1], sys.argv[2], sys.argv[3]
count = int(sys.argv[4]) if len(sys.argv) > 4 else None
rows = json.load(open(rows_file)); truth = json.load(open(truth_file))
h = lambda s: int(s, 16) if isinstance(s, str) else s
states = {1: "SERVICE_STOPPED", 4: "SERVICE_RUNNING", 7: "SERVICE_PAUSED"}
starts = ["SERVICE_BOOT_START", "SERVICE_SYSTEM_START", "SERVICE_AUTO_START", "SERVICE_DEMAND_START",
          "SERVICE_DISABLED"]
def got(r):
    return (h(r["offset"]), r["order"], r["name"], r["display"], r["state"], r["start"], r["pid"],
            r["binary"] or "")
def want(s):
    in_process = h(s["type"]) & 0x30
    binary = s["binary"] if (s["service_process"] or not in_process) else ""
    return (h(s["record"]), s["order"], s["name"], s["display"], states[s["state"]], starts[s["start"]], s["pid"],
            binary)
a = sorted((got(r) for r in rows if r["offset"]), key=str)
b = sorted((want(s) for s in truth["services"]), key=str)
ok = a == b and (len(b) == count if count is not None else len(b) > 0)
print(("ok - " if ok else "not ok - ") + desc + ": svcscan lists the %d service records of the truth "
      "(address, order, names, state, start, PID, binary)" % len(b)
      + ("" if ok else " %s" % (sorted(set(a) ^ set(b), key=str)[:4] if a != b else "(the truth lists %d)" % len(b))))
