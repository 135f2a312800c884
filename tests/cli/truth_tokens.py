#!/usr/bin/env python3
# truth_tokens.py DESC TRUTH.json GETSIDS.json PRIVILEGES.json TOKENS.json:
# the three token commands (-o json) against the truth's tokens.
import json, sys
desc, truth_file, sids_file, privs_file, toks_file = sys.argv[1:6]
truth = json.load(open(truth_file))
sids, privs, toks = (json.load(open(f)) for f in (sids_file, privs_file, toks_file))
procs = [p for p in truth['processes'] if not p['freed'] and p['pid'] != 0 and p.get('token')]
# A stolen token (EPROCESS.Token copied from another process) is that
# process's token: the truth describes the thief's own, unreferenced one.
bypid = {p['pid']: p for p in truth['processes']}
def tok(p):
    return bypid[p['token']['stolen_from_pid']]['token'] if p['token']['stolen_from_pid'] is not None else p['token']
def report(what, bad):
    print(('ok - ' if not bad else 'not ok - ') + desc + ': ' + what + (' %s' % bad[:3] if bad else ''))
# user first, then every group with its attributes, in the token's order
bad = []
for p in procs:
    want = [(s['sid'], int(s['attributes'], 16)) for s in tok(p)['sids']]
    got = [(r['sid'], int(r['attributes'], 16)) for r in sids if r['pid'] == p['pid'] and r['kind'] != 'primary_group']
    if want != got:
        bad.append((p['pid'], want[:2], got[:2]))
report('getsids: user and groups with attributes equal the truth for %d processes' % len(procs), bad)
bad = [p['pid'] for p in procs
       if [r['sid'] for r in sids if r['pid'] == p['pid'] and r['kind'] == 'integrity']
       != [tok(p)['sids'][tok(p)['integrity_level_index']]['sid']]]
report('getsids: the integrity label is the group IntegrityLevelIndex names', bad)
bad = []
for p in procs:
    want = {(x['name'], x['enabled']) for x in tok(p)['privileges']}
    got = {(r['privilege'], 'Enabled' in r['state'] and int(r['attributes'], 16) & 2 != 0) for r in privs if r['pid'] == p['pid']}
    if want != got:
        bad.append((p['pid'], sorted(want ^ got)[:3]))
report('privileges: present and enabled equal the truth', bad)
byp = {r['pid']: r for r in toks}
bad = [p['pid'] for p in procs if byp.get(p['pid'], {}).get('session') != tok(p)['session']
       or int(byp[p['pid']]['logon_session'], 16) != int(tok(p)['authentication_id'], 16)
       or int(byp[p['pid']]['token'], 16) != int(p['token']['offset'], 16)]
report('tokens: address, session and logon session equal the truth', bad)
bad = [p['pid'] for p in procs if byp[p['pid']]['stolen_from_pid'] != p['token']['stolen_from_pid']]
report('tokens: a stolen token names the process it was taken from', bad)
