#!/usr/bin/env python3
# truth_handles.py DESC ROWS.json TRUTH.json [LEAST]: handles rows (-o json) against
# the handles of every live process of a forge truth file.
# The truth names a file by the path the scenario gave ("C:\x", "\pagefile.sys"
# on the system volume) and the image by device and path: the forge puts
# every drive-letter path on \Device\HarddiskVolume3 (docs/forge.md).
import json, sys
desc, rows_file, truth_file = sys.argv[1:4]
# LEAST (default 50): fewer handles than that means something was not read
least = int(sys.argv[4]) if len(sys.argv) > 4 else 50
rows = json.load(open(rows_file)); truth = json.load(open(truth_file))
def norm(t, name):
    if t == 'Token':
        return 'TOKEN'        # the truth leaves Token handles unnamed; we name the user (checked below)
    if t == 'File' and name and not name.startswith('\\Device\\'):
        return '\\Device\\HarddiskVolume3' + (name[2:] if name[1:2] == ':' else name)
    return name or None
want = set()
for p in truth['processes']:
    if p['freed'] or p['exited'] or p['pid'] == 0:
        continue
    for h in p['handles']:
        want.add((p['pid'], int(h['handle'], 16), h['type'], int(h['granted_access'], 16),
                  norm(h['type'], h['name']), int(h['object'], 16)))
got = {(r['pid'], int(r['handle_value'], 16), r['type'], int(r['granted_access'], 16),
        'TOKEN' if r['type'] == 'Token' else r['name'], int(r['object'], 16)) for r in rows}
ok = want == got and len(want) > least
print(('ok - ' if ok else 'not ok - ') + desc + ': %d handles (value, type, access, name, object) equal the truth' % len(want)
      + ('' if ok else ' missing %s extra %s' % (sorted(want - got)[:3], sorted(got - want)[:3])))
# Process and Thread handles name their target as the truth does, and the
# target pid column agrees with the name.
bad = [r for r in rows if r['type'] in ('Process', 'Thread') and (r['target_pid'] is None or
       not r['name'].endswith('Pid %d' % r['target_pid']))]
print(('ok - ' if not bad else 'not ok - ') + desc + ': Process/Thread handles carry their target pid' + (' %s' % bad[:2] if bad else ''))
