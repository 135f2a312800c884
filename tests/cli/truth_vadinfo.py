#!/usr/bin/env python3
# truth_vadinfo.py TRUTH.json ROWS.json NAME: vadinfo rows (-o json) against
# every VAD of every process of a forge truth file, and nothing more.
import json, sys
truth = json.load(open(sys.argv[1])); rows = json.load(open(sys.argv[2])); name = sys.argv[3]
kind_of = {"MEM_PRIVATE": "private", "MEM_MAPPED": "mapped", "MEM_IMAGE": "image"}
want = {}
for p in truth["processes"]:
    if p.get("freed"):
        continue
    for v in p.get("vads", []):
        want[(p["pid"], int(v["start"], 16))] = v
got = {(r["pid"], int(r["start"], 16)): r for r in rows}
bad = []
for key, v in want.items():
    r = got.get(key)
    if r is None:
        bad.append("missing %s" % (key,)); continue
    fo_file = ("\\" + v["file"].split("\\", 1)[1]) if v["file"] and ":" in v["file"][:2] else v["file"]
    checks = [
        ("end", int(r["end"], 16), int(v["end"], 16)),
        ("tag", r["tag"], v["tag"]),
        ("kind", kind_of.get(r["type"]), v["kind"]),
        ("protection", r["protection"], v["protection"]),
        ("private", r["private_memory"], v["private_memory"]),
        ("commit", r["commit_charge"], v["commit_charge"]),
        ("file", r["file"], fo_file),
        ("node", int(r["vad"], 16), int(v["offset"], 16)),
        ("file_object", int(r["file_object"], 16) if r["file_object"] else None,
         int(v["file_object"], 16) if v["file_object"] else None),
        ("vad_type", r["vad_type"], "VadImageMap" if v["kind"] == "image" else "VadNone"),
    ]
    for what, a, b in checks:
        if a != b:
            bad.append("%s %s: %r != truth %r" % (key, what, a, b))
extra = sorted(set(got) - set(want))
ok = not bad and not extra and len(want) > 0
print(("ok - " if ok else "not ok - ") + "%s: vadinfo rows equal the truth's %d VADs (start, end, tag, kind, protection, private, commit, file, node, file object)" % (name, len(want))
      + ("" if ok else " %s extra=%s" % (bad[:4], extra[:4])))
