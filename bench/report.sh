#!/bin/sh
# Time `eproc report` and headless Chromium on a forged machine of 2,000
# processes (issue 17 part F: "usable with thousands of processes").
# usage: bench/report.sh [BUILD]   (timings never run in tests)
set -e
B=${1:-build}
T=${TMPDIR:-/tmp}/eproc-bench-report
mkdir -p "$T"
python3 - "$T/m2000.json" <<'PY'
import json, random, sys
random.seed(7)
procs, pids, pid = [], [], 1000
for i in range(2000):
    pid += 4
    while pid % 1024 == 0:
        pid += 4
    parent = random.choice(pids) if pids and random.random() < 0.8 else 4
    p = {"name": "w%04d.exe" % i, "pid": pid, "ppid": parent, "session": 1 if i % 3 else 0,
         "user": "USER" if i % 3 else "SYSTEM", "threads": 2, "create_time": 10.0 + i}
    if i % 97 == 5:
        p["exit_time"] = 20.0 + i
    procs.append(p); pids.append(pid)
json.dump({"description": "2,000 processes", "machine": {"memory": "2G", "seed": 5}, "processes": procs},
          open(sys.argv[1], "w"))
PY
"$B/eproc" forge "$T/m2000.json" -o "$T/m2000.raw" --force > /dev/null
rm -rf "$T/rep"
/usr/bin/time -f "report: %e s, %M KiB max RSS" "$B/eproc" -q -f "$T/m2000.raw" report --out "$T/rep"
ls -l "$T/rep/report.html"
grep -c 'class="node' "$T/rep/report.html"
CH=$(command -v chromium)
/usr/bin/time -f "chromium screenshot: %e s" timeout 300 "$CH" --headless --no-sandbox --disable-gpu \
    --window-size=1280,1000 --screenshot="$T/shot.png" "file://$T/rep/report.html" 2>/dev/null
/usr/bin/time -f "chromium dump-dom: %e s" sh -c "timeout 300 '$CH' --headless --no-sandbox --disable-gpu \
    --dump-dom 'file://$T/rep/report.html' 2>/dev/null | wc -c"
