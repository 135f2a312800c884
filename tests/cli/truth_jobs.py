#!/usr/bin/env python3
# truth_jobs.py DESC ROWS.json TRUTH.json COUNT: jobs rows (-o json) against
# the truth's jobs (name, address, counts, limits, members, silo, session), which
# must number COUNT.
import json, sys
desc, rows_file, truth_file, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rows = json.load(open(rows_file)); truth = json.load(open(truth_file))
names = {p["pid"]: p["image_file_name"] for p in truth["processes"]}
want = {(j["name"], int(j["offset"], 16), j["active_processes"], j["total_processes"], j["terminated_processes"],
         int(j["limit_flags"], 16), j["active_process_limit"], j["process_memory_limit"], j["job_memory_limit"],
         ", ".join("%d %s" % (m, names[m]) for m in j["members"]), j["silo"] or "no",
         j["server_silo_globals"] and int(j["server_silo_globals"], 16), j["session"]) for j in truth["jobs"]}
got = {(r["name"].split("\\")[-1], int(r["offset"], 16), r["active_processes"], r["total_processes"],
        r["terminated_processes"], int(r["limit_flags"], 16), r["active_process_limit"], r["process_memory_limit"],
        r["job_memory_limit"], r["members"], r["silo"], r["server_silo_globals"] and int(r["server_silo_globals"], 16),
        r["session"])
       for r in rows}
ok = want == got and len(want) == count
print(("ok - " if ok else "not ok - ") + desc + ": %d jobs (name, counts, limits, members, silo, session) equal the truth" % len(want)
      + ("" if ok else " %s" % sorted(want ^ got, key=str)[:3]))
