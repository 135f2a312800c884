#!/usr/bin/env python3
# truth_processes.py KIND ROWS.json TRUTH.json: pslist, psscan, psxview or
# pstree rows (-o json) against a forge truth file, one TAP line per check.
import json, sys
kind, rows_file, truth_file = sys.argv[1:4]
rows = json.load(open(rows_file))
truth = json.load(open(truth_file))
procs = [p for p in truth['processes'] if not p.get('freed') and p['pid'] != 0]
def key(pid, ppid, name, create, offset):
    return (pid, ppid, name, create, offset)
def tkey(p):
    return key(p['pid'], p['ppid'], p['image_file_name'], p['create_time'], p['offset'])
def rkey(r):
    return key(r['pid'], r['ppid'], r['name'], r['create_time'], r['offset'])
def report(desc, want, got):
    missing, extra = want - got, got - want
    ok = not missing and not extra
    print(('ok - ' if ok else 'not ok - ') + desc + ('' if ok else ' missing %s extra %s' % (sorted(missing)[:4], sorted(extra)[:4])))
if kind == 'pslist':
    want = {tkey(p) for p in procs if p['in_active_process_list']}
    report('pslist rows equal the truth file (pid, ppid, name, create time, offset): %d processes' % len(want),
           want, {rkey(r) for r in rows})
    byp = {r['pid']: r for r in rows}
    bad = [p['pid'] for p in procs if p['in_active_process_list'] and (
        byp[p['pid']]['offset_phys'] != p['offset_phys'] or byp[p['pid']]['dtb'] != p['dtb']
        or byp[p['pid']]['session'] != p['session'] or byp[p['pid']]['threads'] != p['active_threads']
        or (byp[p['pid']]['exit_time'] != p['exit_time']))]
    print(('ok - ' if not bad else 'not ok - ') + 'pslist physical offset, DTB, session, threads, exit time equal the truth' + (' (%s)' % bad if bad else ''))
    # Handle counts come from walking each handle table; an exited process
    # has none (null), a live one exactly the truth's handles.
    bad = [(p['pid'], len(p['handles']), byp[p['pid']]['handles']) for p in procs if p['in_active_process_list']
           and byp[p['pid']]['handles'] != (len(p['handles']) if not p['exited'] else None)]
    print(('ok - ' if not bad else 'not ok - ') + 'pslist handle counts equal the truth file\'s handle tables' + (' %s' % bad[:3] if bad else ''))
    bad = [p['pid'] for p in procs if p['in_active_process_list'] and (bool(p['job']) != byp[p['pid']]['job'] or p['wow64'] != byp[p['pid']]['wow64'])]
    print(('ok - ' if not bad else 'not ok - ') + 'pslist job and WoW64 flags equal the truth' + (' %s' % bad if bad else ''))
    # PS_PROTECTION decoded: Type bits 0-2, Signer bits 4-7.
    types = {0: '', 1: 'ProtectedLight', 2: 'Protected'}
    signers = ['None', 'Authenticode', 'CodeGen', 'Antimalware', 'Lsa', 'Windows', 'WinTcb', 'WinSystem', 'App']
    def prot(level):
        return None if not level & 7 else '%s (%s)' % (types[level & 7], signers[level >> 4])
    bad = [p['pid'] for p in procs if p['in_active_process_list'] and byp[p['pid']]['protection'] != prot(p['protection_level'])]
    print(('ok - ' if not bad else 'not ok - ') + 'pslist protection decodes the truth\'s PS_PROTECTION levels' + (' %s' % bad if bad else ''))
elif kind == 'psscan':
    want = {tkey(p) for p in procs}
    report('psscan finds every process in memory, linked or not: %d' % len(want), want, {rkey(r) for r in rows})
    # on machines that stage an unlink (psscan's reason to exist)
    hidden = [p['pid'] for p in procs if not p['in_active_process_list']]
    if any(t['kind'] == 'unlink' for t in truth['techniques']):
        print(('ok - ' if hidden and all(any(r['pid'] == h for r in rows) for h in hidden) else 'not ok - ')
              + 'psscan finds the unlinked process(es) %s' % hidden)
elif kind == 'psxview':
    by = {r['pid']: r for r in rows}
    for t in truth['techniques']:
        if t['kind'] == 'unlink':
            r = by.get(t['target_pid'], {})
            print(('ok - ' if r.get('pslist') is False and r.get('psscan') and r.get('pspcid')
                   and 'pslist' in (r.get('missing_from') or []) else 'not ok - ')
                  + 'psxview: unlinked PID %d is missing from pslist only: %s' % (t['target_pid'], r.get('missing_from')))
        if t['kind'] == 'exited_unfreed':
            r = by.get(t['target_pid'], {})
            print(('ok - ' if r.get('exit_time') and not r.get('missing_from') else 'not ok - ')
                  + 'psxview: exited PID %d shows its exit time and no false alarm' % t['target_pid'])
    flagged = sorted(r['pid'] for r in rows if r['missing_from'])
    expected = sorted(t['target_pid'] for t in truth['techniques'] if t['kind'] == 'unlink')
    print(('ok - ' if flagged == expected else 'not ok - ') + 'psxview flags exactly the hidden processes %s (got %s)' % (expected, flagged))
elif kind == 'pstree':
    by = {r['pid']: r for r in rows}
    listed = [p for p in procs if p['in_active_process_list']]
    # Every process in memory is a node, linked or not (each once).
    print(('ok - ' if sorted(r['pid'] for r in rows) == sorted(p['pid'] for p in procs) else 'not ok - ')
          + 'pstree shows every process in memory once (%d/%d)' % (len(rows), len(procs)))
    pids = {p['pid'] for p in procs}
    bad = [p['pid'] for p in procs if p['ppid'] not in pids and p['pid'] != 4 and by[p['pid']]['parent'] != 'missing']
    print(('ok - ' if not bad else 'not ok - ') + 'pstree marks parents that do not exist as missing %s' % bad)
    bad = [p['pid'] for p in procs if by[p['pid']]['seen_by'][:1] != (['pslist'] if p['in_active_process_list'] else ['psscan'])]
    print(('ok - ' if not bad else 'not ok - ') + 'pstree SeenBy starts with pslist exactly for the listed processes %s' % bad)
    for t in truth['techniques']:
        if t['kind'] == 'exited_unfreed':
            kids = [p['pid'] for p in listed if p['ppid'] == t['target_pid']]
            ok = kids and all(by[k]['parent'] == 'exited' for k in kids)
            print(('ok - ' if ok else 'not ok - ') + 'pstree: children %s of exited PID %d say their parent exited' % (kids, t['target_pid']))
